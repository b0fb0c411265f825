#!/usr/bin/env bash
# Run the whole test suite: lint, types, and pytest on SQLite and on a private PostgreSQL that this
# script installs (Debian package) and starts itself. Set SKIP_POSTGRES=1 to test on SQLite only.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
if [ "${SKIP_POSTGRES:-0}" != 1 ]; then
  TEST_POSTGRES_URL=$(bash scripts/start-postgres.sh)
  export TEST_POSTGRES_URL REQUIRE_POSTGRES=1
fi
# Run all three even if one fails, so one run shows every problem; fail if any failed.
status=0
.venv/bin/ruff check . || status=1
.venv/bin/mypy || status=1
.venv/bin/python -m pytest -q -p no:cacheprovider "$@" || status=1
exit $status
