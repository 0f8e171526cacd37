# The hub's commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
# `make test` runs the tests in this many processes (pytest-xdist; each has its own test
# database, Redis databases and media folders: hub/settings/test.py). TEST_WORKERS=0 runs them
# in one process, as when debugging.
TEST_WORKERS ?= 2

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

# A developer's .venv gets the production packages and the tools (requirements-dev.lock);
# the Docker image installs requirements.lock alone. An existing .venv is reused (it may be a
# symlink to one shared by several git worktrees, which `python -m venv` refuses).
$(VENV)/.installed: requirements-dev.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.lock
	touch $@

# npm ci empties node_modules first: through a symlink shared by several git worktrees that
# would take axe-core away from all of them mid-run, so a symlinked one is left as it is.
node_modules/.installed: package.json package-lock.json
	@if [ -L node_modules ]; then echo "node_modules is a shared symlink: not reinstalled"; \
	else npm ci --no-audit --no-fund --loglevel=error; fi
	touch $@

install: $(VENV)/.installed ## Install the pinned Python packages (production and dev) into .venv

lock: ## Re-pin requirements.lock (production) and requirements-dev.lock (+ dev) from pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml -o requirements.lock --python-version 3.11
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11

hooks: install ## Install the git pre-commit hooks (ruff, djhtml, import contracts, migrations)
	$(VENV)/bin/pre-commit install

demo: install ## Set up SQLite with demo content and serve the hub at http://127.0.0.1:8000
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo "Emails the hub sends are files in var/outbox/. Open http://127.0.0.1:8000"
	$(PY) manage.py runserver 127.0.0.1:8000

browsers: ## Install Debian's Chromium (browser tests) and Pango (PDFs) if missing (needs root)
	@{ command -v chromium >/dev/null 2>&1 && ldconfig -p | grep -q libpangoft2-1.0; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	    apt-get install -y -qq chromium libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  else echo "Chromium or Pango is missing and we are not root: browser and PDF tests will be skipped (never on CI)."; fi; }

test: install node_modules/.installed browsers ## Set up and run every test: checks, lint, unit, services, browser
	$(PY) manage.py check --settings=hub.settings.test
	$(PY) manage.py makemigrations --check --dry-run --settings=hub.settings.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: install ## Lint and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Run every benchmark (PostgreSQL and Redis on 127.0.0.1) into benchmarks/RESULTS.md
	$(PY) benchmarks/run_all.py $(BENCH_ARGS)

worker: install ## Run a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A hub worker --loglevel=info

beat: install ## Run Celery beat, exactly one per deployment (needs REDIS_URL)
	$(VENV)/bin/celery -A hub beat --loglevel=info

.PHONY: help install lock hooks demo browsers test lint bench worker beat
