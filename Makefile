# The two commands README promises: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint migrate demo container-smoke

UV_VERSION := 0.13.10
UV := $(VENV)/bin/uv
LOCK := requirements.lock
PRODUCTION_LOCK := requirements-production.lock

.PHONY: lock

# The exact releases, with their hashes, come from the lock file (made from pyproject.toml's
# ranges by `make lock`); uv installs them in seconds where pip's resolver took minutes.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) pip install --quiet --python $(PY) --require-hashes -r $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $(STAMP)

# Re-resolve the lock files after a change to pyproject.toml's dependencies (the ranges stay
# there; the locks hold what is installed). The production lock (the container image) is the
# same releases without the test tools: it is resolved within the full lock.
lock: setup
	$(UV) pip compile pyproject.toml --extra test --universal --generate-hashes \
		--python-version 3.11 --quiet -o $(LOCK)
	$(UV) pip compile pyproject.toml -c $(LOCK) --universal --generate-hashes \
		--python-version 3.11 --quiet -o $(PRODUCTION_LOCK)

setup: $(STAMP)

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The development server with a background worker beside it (PDFs, imports, exports run
# there); the worker is stopped when the server stops.
run: demo
	DJANGO_ENV=development $(PY) manage.py db_worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DJANGO_ENV=development $(PY) manage.py runserver 127.0.0.1:8000

# One test process per core (pytest-xdist); TEST_PROCESSES=0 runs the suite in this process.
TEST_PROCESSES ?= auto
test: setup
	$(PY) -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# Build the image and run PostgreSQL, the web and the worker in a pod; the sign-in page must
# answer, /healthz must see the database and the worker, and a report's draft PDF must come
# through the worker (deploy/smoke.sh). FINSAM_BASE / FINSAM_POSTGRES_IMAGE name other images
# where no registry can be reached; docs/container.md says how this machine runs it.
container-smoke:
	deploy/smoke.sh
