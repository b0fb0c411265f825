"""The load generator, run as its own process: fire N prepared requests at one endpoint at the
same moment and write each one's status and latency (client side) to a JSON file.

    python -m bench.loadgen IN.json OUT.json

IN: {"url": ..., "token": ..., "timeout": seconds, "requests": [{"kind": ..., "body": {...}}]}.
It runs apart from the bench process (which hosts the fake Bot Connector and the token issuer) so
that neither disturbs the other's timing; every request is bounded by ``timeout``, the whole
burst by twice that.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

CARD = "application/vnd.microsoft.card.adaptive"


async def _one(
    session: aiohttp.ClientSession, url: str, headers: dict[str, str], data: bytes, go: asyncio.Event
) -> dict[str, Any]:
    await go.wait()
    started = time.monotonic()
    status, kind, error = 0, None, None
    try:
        async with session.post(url, data=data, headers=headers) as resp:
            status = resp.status
            raw = await resp.read()
            if raw and resp.content_type == "application/json":
                body = json.loads(raw)
                kind = body.get("type") if isinstance(body, dict) else None
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        error = type(exc).__name__
    ended = time.monotonic()
    return {"status": status, "type": kind, "error": error, "start": started, "end": ended}


async def fire(spec: dict[str, Any]) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {spec['token']}"}
    payloads = [json.dumps(r["body"]).encode() for r in spec["requests"]]
    timeout = float(spec.get("timeout", 60))
    go = asyncio.Event()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)
    ) as session:
        tasks = [asyncio.create_task(_one(session, spec["url"], headers, p, go)) for p in payloads]
        await asyncio.sleep(0.05)  # every task is waiting at the gate
        t0 = time.monotonic()
        go.set()
        results = await asyncio.wait_for(asyncio.gather(*tasks), timeout * 2)
    wall = max(r["end"] for r in results) - t0
    for r, req in zip(results, spec["requests"], strict=True):
        r["kind"] = req["kind"]
        r["latency"] = r["end"] - r["start"]
        r["ok"] = r["status"] == 200 and r["type"] == CARD and r["error"] is None
        r["start"] -= t0
        r["end"] -= t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"results": results, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime}


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[0]).read_text())
    out = asyncio.run(fire(spec))
    Path(argv[1]).write_text(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
