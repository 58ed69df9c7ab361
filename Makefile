# AllianceHub: `make run` serves the demo site, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Tests keep their files (secret key, uploads) apart from the site's ./data.
TEST_ENV := ALLIANCEHUB_DATA_DIR=$(CURDIR)/.test-data ALLIANCEHUB_SECRET_KEY=test-only-not-secret

.PHONY: help run test lint check pytest bench messages test-deps fonts venv venv-dev

help:
	@echo "make run    install, migrate, load the demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make test   lint, checks and the whole test suite (SQLite, and PostgreSQL if TEST_DATABASE_URL is set)"
	@echo "make bench  benchmarks; results in bench/results/"
	@echo "make lint   ruff lint and format check, mypy"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

venv: $(UV)
	$(UV) sync --frozen --no-dev --inexact --quiet

venv-dev: $(UV)
	$(UV) sync --frozen --quiet

run: venv fonts
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo ""
	@echo "  AllianceHub: http://127.0.0.1:$(PORT)/"
	@echo "  Demo sign-in: demo / $${ALLIANCEHUB_DEMO_PASSWORD:-demo}"
	@echo ""
	ALLIANCEHUB_DEBUG=$${ALLIANCEHUB_DEBUG:-1} $(MANAGE) runserver 127.0.0.1:$(PORT)

# The minutes' PDF export embeds Noto Sans CJK, found by fontconfig; apt installs it when we can.
fonts:
	@if dpkg -s fonts-noto-cjk >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk; \
	else \
		echo "fonts-noto-cjk is missing: PDFs will lack Chinese glyphs. As root: apt-get install fonts-noto-cjk"; \
	fi

# Debian's Chromium drives the browser tests; Noto CJK renders Chinese in their screenshots.
test-deps:
	@if ! dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(VENV)/bin/mypy src/alliancehub

check: venv-dev
	$(TEST_ENV) $(MANAGE) check --fail-level WARNING
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

pytest: venv-dev
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL =="; \
		$(TEST_ENV) DATABASE_URL="$$TEST_DATABASE_URL" $(PY) -m pytest $(PYTEST_ARGS); \
	fi

test: test-deps lint check pytest

# Both PostgreSQL benchmarks share one database of BENCH_ORGS organisations (loaded once).
BENCH_ORGS ?= 1000000
bench: venv-dev
	$(PY) bench/directory.py --orgs $(BENCH_ORGS) $(BENCH_ARGS)
	$(PY) bench/suggest.py
	$(PY) bench/chains.py --orgs $(BENCH_ORGS) $(BENCH_ARGS)
	$(PY) bench/matching.py --orgs $(BENCH_ORGS)
	$(PY) bench/matching_quality.py
	$(PY) bench/registration_load.py

# Regenerate the message catalogues after changing strings (needs GNU gettext's xgettext).
messages: venv-dev
	cd src/alliancehub && ../../$(PY) ../../manage.py makemessages -l zh_Hans -l zh_Hant -l en --no-obsolete --no-location
	$(PY) scripts/compile_messages.py
