# make serve: set up, build content/ and serve the site with search on http://127.0.0.1:8000
#             (another port: make serve PORT=8001)
# make test:  set up and run the tests
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint clean

$(BIN)/kb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/kb
	$(BIN)/kb build

serve: build
	$(BIN)/kb serve --host 127.0.0.1 --port $(PORT)

lint: $(BIN)/kb
	$(BIN)/ruff check generator tests bench

test: $(BIN)/kb lint
	npm install --prefix tests --no-audit --no-fund --silent
	$(BIN)/pytest

clean:
	rm -rf site .kb .site.new .site.old
