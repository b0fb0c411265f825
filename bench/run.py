"""Run the benchmarks: ``.venv/bin/pip install -r bench/requirements.txt``, then
``.venv/bin/python -m bench.run [--quick] [--write-doc]``.

Full run (7-9 minutes on 2 cores): fan-out N = 100, 500, 2,000 (the last one followed by the
rest of a 2,000-person day, for memory), bursts of 200 and 1,000 card actions against the bot and
against a minimal botbuilder bot, start-up and idle memory; on SQLite and PostgreSQL (started with
scripts/start-postgres.sh, one fresh database per scenario).

``--quick`` (about half a minute): fan-out N = 100 with a 100-person day, a burst of 200, start-up
once; SQLite only. ``--write-doc`` puts the tables into docs/benchmarks.md between its markers.
Results (JSON and Markdown) and every process's log go to a new folder under /tmp.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.common import ROOT, machine, start_postgres
from bench.scenarios import Run, burst, fanout, startup
from tests.fakes.tokens import TokenIssuer

DOC = ROOT / "docs" / "benchmarks.md"
INSTALL = ".venv/bin/pip install -r bench/requirements.txt"


def echo_bot_installed() -> bool:
    """The minimal botbuilder bot's packages are bench-only (bench/requirements.txt), not the bot's."""
    try:
        return importlib.util.find_spec("botbuilder.integration.aiohttp") is not None
    except ModuleNotFoundError:  # not even botbuilder.integration
        return False


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="N=100 fan-out, 200 burst, SQLite only")
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default=None)
    p.add_argument("--only", choices=["fanout", "burst", "startup"], action="append", default=None)
    p.add_argument("--fanout", type=int, action="append", default=None, help="fan-out N (repeatable)")
    p.add_argument("--burst", type=int, action="append", default=None, help="burst N (repeatable)")
    p.add_argument("--pg-url", default=None, help="PostgreSQL server URL (default: start the local one)")
    p.add_argument("--write-doc", action="store_true", help="update the results in docs/benchmarks.md")
    return p.parse_args(argv)


def _databases(args: argparse.Namespace) -> list[str]:
    """--db if given, else SQLite in a quick run and both databases in a full one."""
    if args.db == "sqlite":
        return ["sqlite"]
    if args.db == "postgres":
        return ["postgres"]
    if args.db == "both":
        return ["sqlite", "postgres"]
    return ["sqlite"] if args.quick else ["sqlite", "postgres"]


async def main_async(args: argparse.Namespace) -> int:
    only = set(args.only or ["startup", "fanout", "burst"])
    if only & {"startup", "burst"} and not echo_bot_installed():
        print(f"bench: the minimal bot (bench/echo_bot.py) needs botbuilder-core: {INSTALL}", file=sys.stderr)
        return 2
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    dbs = _databases(args)
    pg_base = None
    if "postgres" in dbs:
        pg_base = args.pg_url or start_postgres()
    fan_ns = args.fanout or ([100] if args.quick else [100, 500, 2000])
    burst_ns = args.burst or ([200] if args.quick else [200, 1000])
    issuer = TokenIssuer()
    await issuer.start()
    run = Run(workdir, issuer, pg_base, log=lambda m: print(m, flush=True))
    out: dict[str, Any] = {
        "machine": machine(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if args.quick else "full",
        "command": "python -m bench.run " + " ".join(sys.argv[1:]),
        "startup": [],
        "fanout": [],
        "burst": [],
    }
    print(f"bench: results and logs in {workdir}", flush=True)
    try:
        for kind in dbs:
            if "startup" in only:
                out["startup"].append(await startup(run, kind, 1 if args.quick else 3))
            if "fanout" in only:
                for n in fan_ns:
                    out["fanout"].append(await fanout(run, kind, n, then_day=n == max(fan_ns)))
            if "burst" in only:
                for n in burst_ns:
                    out["burst"].append(await burst(run, kind, n))
    finally:
        await issuer.stop()
        out["duration_s"] = time.monotonic() - started
        (workdir / "results.json").write_text(json.dumps(out, indent=2))
    text = report.markdown(out)
    (workdir / "results.md").write_text(text)
    print()
    print(text)
    if args.write_doc:
        report.write_doc(DOC, text)
        print(f"bench: updated {DOC.relative_to(ROOT)}")
    print(f"bench: done in {out['duration_s']:.0f} s; results in {workdir}")
    return 0 if report.all_targets_met(out) else 1


def main(argv: list[str] | None = None) -> int:
    return asyncio.run(main_async(parse(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    raise SystemExit(main())
