# Homeward: `make run` serves the demo, `make test` runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
CSS := static-build/homeward/homeward.css
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run demo test test-postgres system-run system-test system-postgres lint typecheck pytest bench clean dfe

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed src/homeward/site/scss/homeward.scss
	npm run --silent build

setup: $(INSTALLED) $(CSS)

# The DfE's 903 validator (csc-validator-be-903) in an environment of its own: it pins pandas and numpy
# versions Homeward cannot share. `903 validate --dfe` and the import's report run it as a separate process.
DFE_VENV := .venv-dfe
DFE_PYTHON := $(CURDIR)/$(DFE_VENV)/bin/python
$(DFE_VENV)/.installed: requirements-dfe.lock $(INSTALLED)
	test -x $(DFE_PYTHON) || $(PYTHON) -m venv $(DFE_VENV)
	$(VENV)/bin/uv pip install --quiet --python $(DFE_PYTHON) -r requirements-dfe.lock
	touch $@

## dfe: install the DfE's 903 validator beside Homeward (then set HOMEWARD_DFE_PYTHON=.venv-dfe/bin/python)
dfe: $(DFE_VENV)/.installed

# The system packages each command needs (installed when we can, else named): see scripts/system-packages.
system-run:
	@scripts/system-packages run
system-test:
	@scripts/system-packages test
system-postgres:
	@scripts/system-packages postgres

## run: set everything up, load the synthetic demo (once) and serve it on http://127.0.0.1:8000
run: system-run setup
	DEBUG=1 $(PY) -m homeward manage migrate --noinput -v0
	DEBUG=1 $(PY) -m homeward demo --if-empty
	@echo "Serving Homeward on http://$(HOST):$(PORT)/ (Ctrl+C to stop), with the email worker beside it"
	DEBUG=1 $(PY) -m homeward worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) -m homeward manage runserver $(HOST):$(PORT)

## demo: reload the demo data from scratch
demo: system-run setup
	DEBUG=1 $(PY) -m homeward manage migrate --noinput -v0
	DEBUG=1 $(PY) -m homeward demo

## test: lint, type-check and the whole test suite (unit, integration, browser)
test: system-test setup lint typecheck pytest

## test-postgres: the test suite on a throwaway PostgreSQL cluster started for it (CI runs both)
test-postgres: system-postgres setup
	scripts/test-postgres

lint: $(INSTALLED)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(INSTALLED)
	$(VENV)/bin/mypy src tests bench

# The suite runs on every core (pytest-xdist; each worker has its own test database): TEST_WORKERS=0 runs it
# in one process.
TEST_WORKERS ?= auto
pytest: setup dfe
	HOMEWARD_ALLOW_INSECURE_KEY=1 $(PY) -m homeward manage makemigrations --check --dry-run -v0
	set +e; HOMEWARD_DFE_PYTHON=$(DFE_PYTHON) $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

## bench: national-scale 903 analysis, alerts, the dashboard, and page load under gunicorn (prints figures)
# BENCH_PAGE_LOAD_ARGS=--quick for a short page-load run.
bench: system-postgres $(INSTALLED)
	$(PY) bench/ssda903_national.py
	$(PY) bench/monitoring_alerts.py
	$(PY) bench/dashboard_requests.py
	$(PY) bench/page_load.py $(BENCH_PAGE_LOAD_ARGS)

clean:
	rm -rf $(VENV) $(DFE_VENV) node_modules static-build var .pytest_cache .mypy_cache .ruff_cache
