#!/usr/bin/env bash
# Start the bot in local mode on a machine that has never seen the project: create the virtual
# environment, install the pinned requirements, apply migrations, import the example roster into a
# new database (only when the database has no roster yet), and serve on 127.0.0.1:3978.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
export BOT_LOCAL=1
.venv/bin/python app.py migrate
if [ -z "$(.venv/bin/python app.py roster export | tail -n +2)" ]; then
  .venv/bin/python app.py roster import examples/roster.csv
fi
exec .venv/bin/python app.py serve --local "$@"
