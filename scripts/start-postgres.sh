#!/usr/bin/env bash
# Start a private PostgreSQL for the tests on 127.0.0.1:${PGPORT:-55432} (data under /tmp),
# installing the Debian package first if it is missing. Prints the DATABASE URL on stdout.
set -euo pipefail
PGPORT=${PGPORT:-55432}
PGDATA=${PGDATA:-/tmp/servicewindow-pg}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
  run "$BIN/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 >/dev/null"
fi
if ! run "$BIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
  run "$BIN/pg_ctl -D $PGDATA -l $PGDATA/log -w -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' start" >&2
fi
echo "postgresql+asyncpg://postgres@127.0.0.1:$PGPORT/postgres"
