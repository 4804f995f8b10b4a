# toolkit_builder: two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build serve test lint format bench bench-analysis bench-drawing fuzz clean-cache docs messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## Build the bundled example site into output/.
build: $(STAMP)
	$(BIN)/toolkit-builder build .

## Preview the example site with live reload at http://127.0.0.1:8000/.
serve: $(STAMP)
	$(BIN)/toolkit-builder serve .

## Run the linters and the whole test suite.
test: lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

MKDOCS := .cache/bench/mkdocs/bin/mkdocs

$(MKDOCS):
	$(PYTHON) -m venv .cache/bench/mkdocs
	.cache/bench/mkdocs/bin/python -m pip install --quiet --disable-pip-version-check 'mkdocs==1.6.*'

## Time full builds of synthetic sites (N = 100 and 1000), then the same 1,000 Markdown
## pages built by toolkit-builder and by MkDocs (installed into .cache/bench/mkdocs)
## and Hugo (when Debian's hugo is installed).
bench: $(STAMP) $(MKDOCS)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/peers.py --mkdocs $(MKDOCS)

## Time the chart analysis of 100,000 and 1,000,000 points (goal: 100,000 under 2 s).
bench-analysis: $(STAMP)
	$(BIN)/python bench/analysis.py

## Time one chart drawing beside the least a matplotlib chart costs (the cold build's floor).
bench-drawing: $(STAMP)
	$(BIN)/python bench/drawing.py

## Fuzz: 500 fresh random mutants of the example through check (and 50 builds of the
## fixture site); fails on any exit 3, traceback or unlocated message. Then 100 random
## sequences of edits, each rebuilt in the preview and compared with a clean build.
fuzz: $(STAMP)
	FUZZ_CAMPAIGN=1 FUZZ_EXAMPLES=500 FUZZ_BUILDS=50 $(BIN)/pytest -q -p no:randomly tests/test_fuzz.py
	INCREMENTAL_EXAMPLES=100 $(BIN)/pytest -q -p no:randomly tests/pages/test_incremental.py

clean-cache:
	rm -rf .cache

## Regenerate the field reference in docs/authoring.md from the schema.
docs: $(STAMP)
	$(BIN)/python -m toolkit_builder.authoring.docgen docs/authoring.md

## Extract interface text into the catalogue template and update each language's .po file.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header \
		-o toolkit_builder/locales/messages.pot .
	$(BIN)/pybabel update -i toolkit_builder/locales/messages.pot -d toolkit_builder/locales \
		-D messages --width 100
