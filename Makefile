# make serve: set up, build content/ and serve the site with search on http://127.0.0.1:8000
#             (another port: make serve PORT=8001)
# make edit:  set up and edit content/ in web forms at http://127.0.0.1:8000/admin/
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
DEBIAN_PACKAGES := /usr/bin/chromium:chromium /usr/sbin/nginx:nginx
# Node and npm install the web forms' CMS (cms/) and the tests' axe-core: every target needs them.
NODE_PACKAGES := node:nodejs npm:npm
# What kb uses to read attachments (README, "Set-up"): poppler-utils reads PDF text,
# tesseract-ocr and tesseract-ocr-tha read scanned pages. `make build` and `make serve` go on
# without them (attachments then unsearched, said once); the tests need them.
ATTACHMENT_PACKAGES := pdftotext:poppler-utils tesseract:tesseract-ocr \
	/usr/share/tesseract-ocr/5/tessdata/tha.traineddata:tesseract-ocr-tha

.PHONY: serve test build lint clean system-packages node-packages attachment-packages cms edit
CMS := cms/node_modules/.package-lock.json

$(BIN)/kb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $@

# the web forms at /admin/: Decap CMS and its local backend, pinned in cms/package-lock.json
$(CMS): cms/package.json cms/package-lock.json | node-packages
	npm ci --prefix cms --no-audit --no-fund --silent
	touch $@

cms: $(CMS)

build: $(BIN)/kb $(CMS) attachment-packages
	$(BIN)/kb build

edit: $(BIN)/kb $(CMS)
	$(BIN)/kb edit

serve: build
	$(BIN)/kb serve --host 127.0.0.1 --port $(PORT)

lint: $(BIN)/kb
	$(BIN)/ruff check generator tests bench

system-packages:
	@scripts/ensure-debian-packages $(DEBIAN_PACKAGES) $(NODE_PACKAGES) $(ATTACHMENT_PACKAGES)

node-packages:
	@scripts/ensure-debian-packages $(NODE_PACKAGES)

attachment-packages:
	@scripts/ensure-debian-packages $(ATTACHMENT_PACKAGES) || \
	  echo "kb: the build goes on; attached files' text will not be searchable"

tests/node_modules: tests/package.json tests/package-lock.json | system-packages
	npm install --prefix tests --no-audit --no-fund --silent
	touch $@

test: $(BIN)/kb $(CMS) lint system-packages tests/node_modules
	$(BIN)/pytest

clean:
	rm -rf site .kb .site.* .site.new .site.old
