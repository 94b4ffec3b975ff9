# newsgraph: two commands on a fresh machine
#   make run   -> .venv, install (spaCy model included), build seeds/ into out/
#   make test  -> .venv, install with test extras, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast install clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsgraph build seeds/ --out out/

test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not model and not browser"

bench: $(STAMP)
	$(PY) benchmarks/bench_build.py

clean:
	rm -rf out .pytest_cache
