# R2P Tracker: `make run` serves the app with the ASEAN dataset; `make test` runs the whole suite.
# DATABASE_URL=postgres://... switches both from the SQLite file to PostgreSQL.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export DEBUG ?= 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install lint migrate load researcher lock clean bench

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || { PYTHON=$$(bin/find-python) && $$PYTHON -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

load: migrate
	$(PY) manage.py load_dataset

run: load
	$(PY) manage.py runserver 127.0.0.1:8000

researcher: migrate
	$(PY) manage.py create_researcher

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy

# Tests run on every core (pytest-xdist); PYTEST_WORKERS=0 runs them in this process.
PYTEST_WORKERS ?= auto

test: lint
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Benchmark, not a test: PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379,
# about 10 minutes; BENCH_ARGS=--quick for a short run. See docs/performance.md.
bench: install
	$(PY) -m bench.run $(BENCH_ARGS)

# Re-resolve the pinned set after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $$(bin/find-python) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet ".[dev]"
	.venv-lock/bin/pip freeze --exclude r2p-tracker | sort -f > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-results
