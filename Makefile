# make serve: set up, build content/ and serve the site with search on http://127.0.0.1:8000
# make test:  set up and run the tests
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint clean apt-packages

# Debian packages kb uses when present (README, "Set-up"): poppler-utils reads PDF text,
# tesseract-ocr and tesseract-ocr-tha read scanned pages. Without them the build goes on.
APT_PACKAGES += poppler-utils tesseract-ocr tesseract-ocr-tha

$(BIN)/kb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

apt-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	missing=$$(echo $$missing); [ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing || \
	  echo "kb: could not install $$missing; the build goes on without them"; \
	else echo "kb: missing Debian packages: $$missing; install them with:" \
	  "sudo apt-get install $$missing (the build goes on without them)"; fi

build: $(BIN)/kb apt-packages
	$(BIN)/kb build

serve: build
	$(BIN)/kb serve --host 127.0.0.1 --port 8000

lint: $(BIN)/kb
	$(BIN)/ruff check generator tests bench

test: $(BIN)/kb lint apt-packages
	npm install --prefix tests --no-audit --no-fund --silent
	$(BIN)/pytest

clean:
	rm -rf site .kb .site.new .site.old
