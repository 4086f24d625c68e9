# Shortcuts; each target runs what .ci/run runs. The README's two commands need no make.
PY ?= .venv/bin/python
export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jobboard
export REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test lint spec schema contracts browser messages lock

run:
	scripts/serve

test:
	scripts/test

lint:  ## the lint part of every landing's gate and of .ci/run
	.venv/bin/uv lock --check --quiet  # pyproject.toml and uv.lock agree (ADR 0024)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djlint templates --lint
	.venv/bin/lint-imports
	$(PY) scripts/check_no_raw_sql.py
	$(PY) -m mypy  # [tool.mypy] in pyproject.toml; strict modules listed there (ADR 0027)
	# Security: medium and high findings fail; each nosec says why.
	.venv/bin/bandit -q -r jobboard accounts jobs candidates applications payments \
	  -x '*/tests/*,*/migrations/*' --severity-level medium

spec:  ## regenerate openapi/api-spec.yaml from the code
	$(PY) scripts/make_spec.py

schema:  ## regenerate db/schema.sql from a freshly migrated PostgreSQL database
	$(PY) scripts/make_schema.py

browser:
	$(PY) -m pytest -m browser tests/browser -p no:randomly

messages:  ## re-extract the Korean catalogs and compile them (commit .po and .mo)
	PY=$(PY) scripts/update_translations.sh

lock:  ## re-resolve uv.lock after changing dependencies in pyproject.toml (commit both)
	.venv/bin/uv lock
