#!/usr/bin/env bash
# Try the bot in the Microsoft 365 Agents Playground (a local Teams emulator): one command starts
# the bot in local mode with short demo timeouts and two playgrounds, and Ctrl-C stops them all.
#
#   bash scripts/playground.sh [TESTER]     TESTER: eva (default), anders, maria, fatima, none, or lars
#                                           (the supplier's contact, to play the supplier channel)
#
#   http://localhost:56150  Karin Lindqvist, the admin (the people come from .m365agentsplayground.yml)
#   http://localhost:56151  the chosen test resource, who gets the cards (skipped with "none")
#
# The playground keeps its chats in memory, so every start begins with a new database
# (data/playground.db, roster from examples/roster.csv); KEEP_DB=1 keeps the old one.
# Walkthrough: docs/playground.md. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYGROUND_VERSION=0.2.28                          # npm @microsoft/m365agentsplayground, pinned
PG_DIR=${PLAYGROUND_DIR:-data/playground}          # where it is installed (data/ is git-ignored)
BOT_PORT=3978
ADMIN_PORT=56150
TESTER_PORT=56151
TESTER=$(printf '%s' "${1:-eva}" | tr '[:upper:]' '[:lower:]')
case "$TESTER" in
  eva|anders|maria|fatima|lars|none) ;;
  *) echo "usage: bash scripts/playground.sh [eva|anders|maria|fatima|lars|none]" >&2; exit 2 ;;
esac

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: install Node.js 18 or later (apt-get install nodejs npm)" >&2; exit 1; }
done
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORTS="$BOT_PORT $ADMIN_PORT"
[ "$TESTER" = none ] || PORTS="$PORTS $TESTER_PORT"
for port in $PORTS; do
  # The playground would quietly move to a random port, and the bot would answer the wrong one.
  if port_busy "$port"; then echo "Port $port is in use: stop whatever runs there first." >&2; exit 1; fi
done

# --- the bot: same setup as scripts/run.sh, own database ------------------------------------------
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
mkdir -p data "$PG_DIR"
PG_DIR=$(cd "$PG_DIR" && pwd)
export BOT_LOCAL=1 PORT=$BOT_PORT
export DATABASE_URL=${DATABASE_URL:-sqlite+aiosqlite:///./data/playground.db}
export CHECKIN_TIMEOUT_SECONDS=${CHECKIN_TIMEOUT_SECONDS:-60}
export CHECKLIST_REMINDER_SECONDS=${CHECKLIST_REMINDER_SECONDS:-120}
if [ "${KEEP_DB:-0}" != 1 ] && [ "$DATABASE_URL" = "sqlite+aiosqlite:///./data/playground.db" ]; then
  rm -f data/playground.db data/playground.db-journal data/playground.db-wal data/playground.db-shm
fi
.venv/bin/python app.py migrate >/dev/null
if [ -z "$(.venv/bin/python app.py roster export | tail -n +2)" ]; then
  .venv/bin/python app.py roster import examples/roster.csv
fi

# --- the playground: pinned version in a local folder ---------------------------------------------
PKG="$PG_DIR/node_modules/@microsoft/m365agentsplayground"
installed=$(node -p "require('$PKG/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$PLAYGROUND_VERSION" ]; then
  echo "Installing @microsoft/m365agentsplayground@$PLAYGROUND_VERSION into $PG_DIR ..."
  [ -f "$PG_DIR/package.json" ] || echo '{"private": true}' > "$PG_DIR/package.json"
  npm install --prefix "$PG_DIR" --no-audit --no-fund --save-exact \
    "@microsoft/m365agentsplayground@$PLAYGROUND_VERSION" >/dev/null
fi
# The playground listens on every interface and has no option for it: this preload pins every
# server in its Node process to 127.0.0.1.
cat > "$PG_DIR/loopback.cjs" <<'JS'
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    if (typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
  } else if (args[0] && typeof args[0] === "object" && !("path" in args[0]) && !args[0].host) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  } else if (args.length === 0 || typeof args[0] === "function") {
    args.unshift(0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
JS
if [ "$TESTER" != none ]; then
  # The tester's own playground: same tenant, with the tester as the signed-in user.
  .venv/bin/python - "$TESTER" "$PG_DIR/tester.yml" <<'PYCODE'
import sys
import yaml
who, out = sys.argv[1], sys.argv[2]
with open(".m365agentsplayground.yml", encoding="utf-8") as f:
    cfg = yaml.safe_load(f)
people = [cfg["currentUser"], *cfg["users"]]
me = next(p for p in people if p["givenName"].lower() == who)
cfg["currentUser"] = me
cfg["users"] = [p for p in people if p is not me]
cfg["personalChat"]["id"] = f"personal-chat-{me['id']}"
with open(out, "w", encoding="utf-8") as f:
    yaml.safe_dump(cfg, f, allow_unicode=True, sort_keys=False)
PYCODE
fi

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped the bot and the playground."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

.venv/bin/python app.py serve --local > "$PG_DIR/bot.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  port_busy "$BOT_PORT" && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$PG_DIR/bot.log" >&2; exit 1; }
  sleep 0.5
done

start_playground() {  # port config-file name
  # --dt and APPLICATION_INSIGHTS_NO_STATSBEAT: no telemetry (it would probe addresses off this
  # machine). TEAMSAPPTESTER_BROWSER=none: do not launch a browser. TZ: the time zone it reports.
  (cd "$PG_DIR" && exec env APPLICATION_INSIGHTS_NO_STATSBEAT=true TEAMSAPPTESTER_BROWSER=none \
    TZ="${TZ:-Europe/Stockholm}" M365_AGENTS_PLAYGROUND_CONFIG_PATH="$2" \
    TEAMSAPPTESTER_LOGFILE="$PG_DIR/$3.log" \
    node -r ./loopback.cjs node_modules/@microsoft/m365agentsplayground/cli.js start --dt \
      -p "$1" -c msteams -e "http://127.0.0.1:$BOT_PORT/api/messages" \
      --su "http://127.0.0.1:$1/_connector") > "$PG_DIR/$3.out" 2>&1 &
  PIDS+=($!)
}
start_playground "$ADMIN_PORT" "$PWD/.m365agentsplayground.yml" playground-admin
[ "$TESTER" = none ] || start_playground "$TESTER_PORT" "$PG_DIR/tester.yml" playground-tester
for port in $PORTS; do
  for _ in $(seq 1 60); do port_busy "$port" && break; sleep 0.5; done
  port_busy "$port" || { echo "Nothing listens on $port: see $PG_DIR/*.out" >&2; exit 1; }
done

cat <<EOF

  Bot (local mode, no authentication):  http://127.0.0.1:$BOT_PORT/api/messages  log: $PG_DIR/bot.log
  Karin Lindqvist (admin):              http://localhost:$ADMIN_PORT
EOF
[ "$TESTER" = none ] || printf '  %-37s http://localhost:%s   (open it after the channel step)\n' "Test resource ($TESTER):" "$TESTER_PORT"
cat <<EOF
  Check-in timeout ${CHECKIN_TIMEOUT_SECONDS} s, checklist reminder ${CHECKLIST_REMINDER_SECONDS} s.
  Walkthrough: docs/playground.md.   Ctrl-C stops everything.

EOF
wait -n "${PIDS[@]}" || true
echo "A process ended: see $PG_DIR/bot.log and $PG_DIR/*.out" >&2
exit 1
