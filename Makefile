# Two commands set up everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

# The first interpreter of 3.12 or newer on PATH.
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 python3; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo $$c; break; fi; done)

.PHONY: run test lint docs check setup clean bench loadtest

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install it first, e.g. 'apt-get install python3.12 python3.12-venv' or 'pyenv install 3.12'."; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddata fixtures/programme.json fixtures/demo.json
	$(PY) manage.py load_demo_images
	$(PY) manage.py refresh_occurrences

run: setup
	$(PY) manage.py ensure_local_admin
	$(PY) manage.py ensure_local_partner
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/audit_dependencies.py

# The documentation site (docs/, mkdocs.yml) into site/; a warning (a broken link or anchor) fails.
docs: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

bench: setup
	$(PY) scripts/benchmark.py --initiatives 1000

# gunicorn in production mode on PostgreSQL with ten times the data, measured with wrk
# (see docs/operations/performance.md). LOADTEST_DATABASE_URL and REDIS_URL choose the servers.
loadtest: $(VENV)/.installed
	$(PY) scripts/loadtest.py $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media site
