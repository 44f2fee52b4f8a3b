# make serve: set up, build content/ and serve the site with search on http://127.0.0.1:8000
#             (another port: make serve PORT=8001)
# make test:  set up (Debian packages included, see DEBIAN_PACKAGES) and run the tests
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
# setuptools prints an "Editable installation" warning banner on `pip install -e`: quieted
PIP := PYTHONWARNINGS=ignore $(BIN)/python -m pip

# Programs the tests need from Debian, as COMMAND:PACKAGE (COMMAND on PATH or an absolute
# path). `make system-packages` installs the missing ones when run as root, else prints
# the apt-get command. Add yours here.
DEBIAN_PACKAGES := /usr/bin/chromium:chromium node:nodejs npm:npm /usr/sbin/nginx:nginx
# What kb uses to read attachments (README, "Set-up"): poppler-utils reads PDF text,
# tesseract-ocr and tesseract-ocr-tha read scanned pages. `make build` and `make serve` go on
# without them (attachments then unsearched, said once); the tests need them.
ATTACHMENT_PACKAGES := pdftotext:poppler-utils tesseract:tesseract-ocr \
	/usr/share/tesseract-ocr/5/tessdata/tha.traineddata:tesseract-ocr-tha

.PHONY: serve test build lint clean system-packages attachment-packages

$(BIN)/kb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $@

build: $(BIN)/kb attachment-packages
	$(BIN)/kb build

serve: build
	$(BIN)/kb serve --host 127.0.0.1 --port $(PORT)

lint: $(BIN)/kb
	$(BIN)/ruff check generator tests bench

system-packages:
	@scripts/ensure-debian-packages $(DEBIAN_PACKAGES) $(ATTACHMENT_PACKAGES)

attachment-packages:
	@scripts/ensure-debian-packages $(ATTACHMENT_PACKAGES) || \
	  echo "kb: the build goes on; attached files' text will not be searchable"

tests/node_modules: tests/package.json tests/package-lock.json | system-packages
	npm install --prefix tests --no-audit --no-fund --silent
	touch $@

test: $(BIN)/kb lint system-packages tests/node_modules
	$(BIN)/pytest

clean:
	rm -rf site .kb .site.* .site.new .site.old
