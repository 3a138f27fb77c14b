# R2P Tracker: `make run` serves the app with the ASEAN dataset; `make test` runs the whole suite.
# DATABASE_URL=postgres://... switches both from the SQLite file to PostgreSQL.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export DEBUG ?= 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install lint migrate load researcher lock clean bench messages fonts

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || { PYTHON=$$(bin/find-python) && $$PYTHON -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

# Safe on every start: it adds the rows of data/asean/ that are new and lists the cells that differ
# from the database, never overwriting the admin's changes (load_dataset --replace applies them).
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

# The translation catalogues of the public pages (docs/translating.md): the API, the admin and its
# pages stay in English, so their strings are left out.
LANGUAGE_CODES := km id th vi
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGUAGE_CODES)) --no-obsolete \
		--ignore='.venv/*' --ignore='bench/*' --ignore='tests/*' --ignore='staticfiles/*' \
		--ignore='clients/*' --ignore='commitments/api/*' --ignore='commitments/admin.py' \
		--ignore='templates/admin/*' --ignore='templates/drf_spectacular/*' \
		--ignore='templates/commitments/api_root.html' --ignore='templates/lockout.html' \
		--ignore='r2p_tracker/lockout.py'
	$(PY) manage.py compilemessages --ignore='.venv/*'

# The subsetted Khmer and Thai fonts under static/fonts/, from Debian's Noto (docs/translating.md).
fonts: install
	$(PY) manage.py subset_fonts

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
