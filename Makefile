# Two commands on a fresh machine (Python >= 3.11 and Node >= 18):
#   make run   — install, build assets, migrate SQLite, load the demo world, serve on :8000
#   make test  — the same bootstrap, then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The task worker for large Excel exports and imports: the database queue, or RQ with REDIS_URL.
WORKER ?= $(if $(REDIS_URL),rqworker default,db_worker --no-startup-delay)
# pytest-xdist workers for `make test` (one per core).
JOBS ?= auto

.PHONY: run test bootstrap assets messages serve lint bench city bench-city

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed $(VENV)/.installed
	$(BIN)/python scripts/copy_assets.py

messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

bootstrap: $(VENV)/.installed assets messages
	$(BIN)/python manage.py collectstatic --noinput -v 0

run: bootstrap
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ with a background worker (Ctrl-C stops both)"
	$(BIN)/python manage.py $(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn anjian.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

test: bootstrap
	$(BIN)/python -m pytest -n $(JOBS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: bootstrap
	$(BIN)/python bench/list_pages.py

# The synthetic city (issue 9) into DATABASE_URL (an empty database), and its benchmark:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_city make city SCALE=1.0
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/anjian_city make bench-city
SCALE ?= 1.0
city: bootstrap
	$(BIN)/python manage.py migrate
	$(BIN)/python manage.py generate_city --scale $(SCALE)

bench-city: bootstrap
	$(BIN)/python bench/city.py --load --json bench-city.json
