# DEKVEP — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DEV_ENV := DEBUG=1

.PHONY: run serve test lint bench install install-test demo migrate messages clean check-system check-system-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

migrate: install
	$(DEV_ENV) $(BIN)/dekvep migrate --no-input

demo: migrate
	$(DEV_ENV) $(BIN)/dekvep demo

# Stop early, with the one apt-get line, when PDF libraries, fonts or chromium are missing.
check-system:
	@$(PYTHON) scripts/check-system

check-system-test:
	@$(PYTHON) scripts/check-system --test

run: check-system demo
	@echo "Serving DEKVEP on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(DEV_ENV) $(BIN)/dekvep runserver 127.0.0.1:8000

# Production: migrate, collect static files (the manifest DEBUG=0 needs), serve with gunicorn.
serve: install
	$(BIN)/dekvep migrate --no-input
	$(BIN)/dekvep serve

test: check-system-test install-test
	$(BIN)/coverage run -m pytest $(PYTEST_ARGS)
	$(BIN)/coverage report --skip-covered --sort=cover | tail -n 25

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# Benchmarks use scratch databases (SQLite under /tmp; PostgreSQL on 127.0.0.1 for registrations).
bench: install-test
	@for script in benchmarks/*.py; do echo "== $$script"; \
	  DEBUG=1 VAR_DIR=/tmp/dekvep-bench $(BIN)/python $$script || exit 1; done

messages: install
	cd src/dekvep && for app in core web catalog calls assessment symbiosis roadmaps events impact readiness plans; do \
	  if [ -d $$app/locale ]; then (cd $$app && DEBUG=1 ../../../$(BIN)/dekvep compilemessages -v0); fi; done

clean:
	rm -rf var .coverage htmlcov
