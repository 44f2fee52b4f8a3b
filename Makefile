# make serve: set up, build content/ and serve the site with search on http://127.0.0.1:8000
# make edit:  set up and edit content/ in web forms at http://127.0.0.1:8000/admin/
# make test:  set up and run the tests
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1

CMS := cms/node_modules/.package-lock.json

.PHONY: serve test build lint clean cms edit

$(BIN)/kb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# the web forms at /admin/: Decap CMS and its local backend, pinned in cms/package-lock.json
$(CMS): cms/package.json cms/package-lock.json
	npm ci --prefix cms --no-audit --no-fund --silent
	touch $@

cms: $(CMS)

build: $(BIN)/kb $(CMS)
	$(BIN)/kb build

edit: $(BIN)/kb $(CMS)
	$(BIN)/kb edit

serve: build
	$(BIN)/kb serve --host 127.0.0.1 --port 8000

lint: $(BIN)/kb
	$(BIN)/ruff check generator tests bench

test: $(BIN)/kb $(CMS) lint
	npm install --prefix tests --no-audit --no-fund --silent
	$(BIN)/pytest

clean:
	rm -rf site .kb .site.new .site.old
