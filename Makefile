# Socialøkonomisk — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install lock run serve test test-fast test-sqlite lint format translations bench loadtest search-eval

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

install: $(VENV)/.installed node_modules/.installed ## Create .venv and install Python and npm dependencies

# The whole dependency tree is pinned, with hashes, in requirements.lock; the project itself goes on top.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

lock: ## Re-pin requirements.lock from pyproject.toml (after changing a dependency)
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet pip-tools
	build/lock-venv/bin/pip-compile --quiet --extra dev --strip-extras --generate-hashes --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install ## Migrate, load demo data and serve http://127.0.0.1:$(PORT)/ (SQLite unless DATABASE_URL is set)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: install ## Production server: collectstatic, then gunicorn (deploy/gunicorn.conf.py; see docs/deploy.md)
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/gunicorn -c deploy/gunicorn.conf.py

test: install ## Run the whole test suite (on DATABASE_URL when set, else SQLite)
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: install ## Run the suite without the browser and infrastructure (tests/ops) tests
	$(BIN)/pytest -m "not e2e and not infra" -n 2

# What `make run` depends on, on SQLite: the demo data, public pages, search, sign-up and registration.
SQLITE_SMOKE := tests/cms/test_site.py tests/directory/test_directory_page.py tests/directory/test_signup.py \
	tests/directory/test_ranked_search.py tests/procurement/test_pages.py tests/procurement/test_interest.py \
	tests/events/test_pages.py tests/events/test_registration.py tests/accounts/test_accounts.py

test-sqlite: install ## The smoke tests of `make run`'s database, on SQLite (CI runs the whole suite on PostgreSQL)
	env -u DATABASE_URL $(BIN)/pytest -n 2 -m "not e2e and not infra" $(SQLITE_SMOKE)

lint: install ## What CI lints: ruff, Django checks, migrations, message catalogues (updates the .po files)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	@# Re-extract every string: one added without a Danish translation shows up as untranslated.
	$(BIN)/python -m cms.catalogues update >/dev/null
	$(BIN)/python -m cms.catalogues check

format: install ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

translations: install ## Update the da and en catalogues and compile them
	$(BIN)/python -m cms.catalogues update

loadtest: install ## 20 clients for 60 s against gunicorn, then with PostgreSQL restarted mid-run (throwaway cluster)
	$(BIN)/python -m tests.ops.loadtest

bench: install ## 1k and 100k profiles side by side under gunicorn: routes, exports, load, matching (BENCH_QUICK=1: 200/2k)
	$(BIN)/python -m bench.run

search-eval: install ## Score the directory search on the judged queries (PostgreSQL at 127.0.0.1 unless DATABASE_URL is set)
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/socialoekonomisk_search_eval}" $(MANAGE) search_eval
