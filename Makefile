# Two set-up commands: `make demo` and `make test`. Each creates .venv itself, from the lock
# file, so a fresh clone runs with exactly the versions the suite was last run with.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements/dev.txt
LATEST := .venv-latest
OLDEST := .venv-oldest
COMPILED := .venv-compiled
PIP    := python -m pip --quiet --disable-pip-version-check

# The runtime minimums of pyproject.toml, installed over the lock by `make test-oldest`.
MINIMUMS := attrs==23.1.0 holidays==0.108 lark==1.1.9 tzdata==2024.1

.PHONY: demo test lint types unit test-slow bench lock test-latest test-oldest compiled \
        test-compiled clean

$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "slarules needs Python 3.11 or newer")'
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/$(PIP) install --require-hashes --no-deps -r $(LOCK)
	$(BIN)/$(PIP) install --no-deps --no-build-isolation -e .
	$(BIN)/$(PIP) check
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/slarules replay rulesets/guangxi-gat-2024.sla rulesets/samples/guangxi-gat-2024.events.jsonl

test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: $(STAMP)
	$(BIN)/mypy --strict src/slarules

# The suite on every core (pytest-xdist; a worker that runs out of tests takes some of another's,
# so one slow file does not end the run alone): 5,800 tests take about 280 s of CPU (340 s
# before properties ran a quarter of their examples here, tests/conftest.py; `make test-slow`
# runs them all); `pytest` alone (one process) gives the same results. Cold mypy: 6 s of CPU.
unit: $(STAMP)
	$(BIN)/pytest -n auto --dist worksteal

# The long properties and worst-case timings (several minutes): before a release, and after
# changing the checker or the event reader. With them, every property of the suite at its
# thorough example count (`make test` runs a quarter of each: tests/conftest.py).
test-slow: $(STAMP)
	SLARULES_HYPOTHESIS=thorough $(BIN)/pytest -m 'slow or hypothesis'

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Refresh the lock: the newest versions pyproject.toml allows, for every platform, on the
# oldest Python the project supports. Review the diff, then run `make test`.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/dev-tools.in --extra test \
	    --generate-hashes --universal --python-version 3.11 --upgrade \
	    --output-file $(LOCK)
	@echo "lock refreshed: review 'git diff $(LOCK)', then run 'make test'"

# The newest release of every dependency pyproject.toml allows, in a separate environment,
# and the test suite against it: a breaking release shows here before a user meets it.
# Not part of CI; run it before a release and when a dependency announces one.
test-latest:
	$(PYTHON) -m venv --clear $(LATEST)
	$(LATEST)/bin/$(PIP) install --upgrade --upgrade-strategy eager -e '.[test]' -r requirements/dev-tools.in
	@$(LATEST)/bin/python requirements/compare_lock.py $(LOCK)
	SLARULES_UNLOCKED=1 $(LATEST)/bin/pytest -p no:cacheprovider

# The lowest versions pyproject.toml allows for the runtime dependencies, over the lock:
# the minimums it states are ones the suite has actually passed with.
test-oldest:
	$(PYTHON) -m venv --clear $(OLDEST)
	$(OLDEST)/bin/$(PIP) install --require-hashes --no-deps -r $(LOCK)
	$(OLDEST)/bin/$(PIP) install --no-deps $(MINIMUMS)
	$(OLDEST)/bin/$(PIP) install --no-deps --no-build-isolation -e .
	@$(OLDEST)/bin/python requirements/compare_lock.py $(LOCK)
	SLARULES_UNLOCKED=1 $(OLDEST)/bin/pytest -p no:cacheprovider

# The optional compiled build (docs/performance.md, "The compiled build"): the lock in its own
# environment, then slarules itself with the modules listed under `mypyc-modules` in
# pyproject.toml compiled by the lock's mypyc (needs a C compiler; about two minutes). A regular,
# not editable, install: rebuilt whenever a source changes. `make bench` adds its replay row
# when it exists. Neither target is part of `make test` or CI.
$(COMPILED)/.installed-stamp: pyproject.toml $(LOCK) hatch_build.py $(shell find src -name '*.py')
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "slarules needs Python 3.11 or newer")'
	$(PYTHON) -m venv --clear $(COMPILED)
	$(COMPILED)/bin/$(PIP) install --require-hashes --no-deps -r $(LOCK)
	SLARULES_COMPILE=1 $(COMPILED)/bin/$(PIP) install --no-deps --no-build-isolation .
	$(COMPILED)/bin/$(PIP) check
	@touch $@

compiled: $(COMPILED)/.installed-stamp

# The whole suite against the compiled build; conftest.py refuses to start unless every
# listed module really is imported as a C extension. About as long as `make unit`, plus the
# build when a source changed.
test-compiled: $(COMPILED)/.installed-stamp
	SLARULES_EXPECT_COMPILED=1 $(COMPILED)/bin/pytest -p no:cacheprovider

clean:
	rm -rf $(VENV) $(LATEST) $(OLDEST) $(COMPILED) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
