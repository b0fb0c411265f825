"""The scenarios: fan-out against Teams' limits, a burst of card actions on the endpoint (and on a
minimal botbuilder bot for comparison), start-up time and memory.

Every scenario runs the bot as its own process (``python app.py serve``, production mode: tokens
are checked against the local issuer's keys) on a fresh database, with the fake Bot Connector and
the token issuer in the bench process and the load generator in a third process.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.activities import Poster, invoke, message
from bench.common import (
    APP_ID,
    PY,
    Proc,
    base_env,
    bot_env,
    bot_process,
    drop_database,
    free_port,
    fresh_database,
    percentile,
    postgres_cpu_seconds,
    reader_engine,
)
from bench.prepare import ADMIN, AREA_KEYS, Person, prepare, tester
from bot.store.tables import audit, jobs, prompts, results
from tests.fakes.connector import FakeConnector, Faults, Sent
from tests.fakes.teams import action, card_title
from tests.fakes.tokens import TokenIssuer

TEAMS_RATE = 50.0  # sends per second per bot, Teams' published limit
LATENCY = (0.03, 0.08)  # seconds per call at the fake connector
CHECKIN_TITLE = "Incheckning"
CHECKLIST_TITLE = "Testlista"


@dataclass
class Run:
    """What the scenarios of one run share."""

    workdir: Path
    issuer: TokenIssuer
    pg_base: str | None
    log: Callable[[str], None] = print


# --- one bot on one database, driven as Teams would ---------------------------------------------


@dataclass
class Day:
    run: Run
    kind: str  # sqlite | postgres
    n: int
    seed: int = 1
    url: str = ""
    window_id: int = 0
    connector: FakeConnector = field(default_factory=FakeConnector)
    bot: Proc | None = None
    token: str = ""
    startup_seconds: float = 0.0
    _by_conv: dict[str, list[Sent]] = field(default_factory=dict)
    _scanned: int = 0

    async def setup(self, **bot_extra: str) -> None:
        self.connector = FakeConnector(Faults(latency=LATENCY, seed=self.seed))
        await self.connector.start()
        self.url = await fresh_database(self.kind, self.run.workdir, self.run.pg_base)
        t0 = time.monotonic()
        self.window_id = await prepare(self.url, self.n, self.connector)
        self.run.log(f"  prepared {self.n} testers on {self.kind} in {time.monotonic() - t0:.1f} s")
        self.token = self.run.issuer.token(APP_ID, self.connector.url)
        port = free_port()
        env = bot_env(self.url, port, self.run.issuer.metadata_url, self.run.issuer.token_url, **bot_extra)
        self.bot = bot_process(self.run.workdir, f"bot-{self.kind}-{self.n}-{int(time.time())}", env)
        await self.bot.start()
        self.startup_seconds = await self.bot.wait_healthy()

    async def teardown(self) -> None:
        if self.bot is not None:
            await self.bot.stop()
        await self.connector.stop()
        await drop_database(self.url, self.run.pg_base)

    # --- what the fake connector has seen ---
    def _scan(self) -> None:
        sent = self.connector.sent
        for s in sent[self._scanned :]:
            self._by_conv.setdefault(s.conversation_id, []).append(s)
        self._scanned = len(sent)

    def cards(self, person: Person, title: str) -> list[Sent]:
        self._scan()
        return [
            s for s in self._by_conv.get(person.conversation_id, []) if card_title(s.card).startswith(title)
        ]

    def count_with(self, people: list[Person], title: str) -> int:
        self._scan()
        return sum(1 for p in people if self.cards(p, title))

    async def wait_cards(self, people: list[Person], title: str, within: float) -> float:
        """Wait (bounded) until each person has a card with this title; the arrival time of the
        last first card (monotonic), or raise."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.count_with(people, title) == len(people):
                return max(self.cards(p, title)[0].at for p in people)
            await asyncio.sleep(0.005)
        got = self.count_with(people, title)
        raise TimeoutError(f"{got}/{len(people)} {title!r} cards after {within:.0f} s")

    async def wait_count(self, people: list[Person], title: str, count: int, within: float) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.count_with(people, title) >= count:
                return
            await asyncio.sleep(0.01)
        raise TimeoutError(f"{self.count_with(people, title)}/{count} {title!r} cards after {within:.0f} s")

    # --- talking to the bot ---
    def poster(self) -> Poster:
        assert self.bot is not None
        return Poster(self.bot.port, self.token)

    async def say(self, person: Person, text: str) -> int:
        async with self.poster() as p:
            status, _ = await p.post(message(self.connector.url, person, text))
        return status

    def checkin_click(self, person: Person) -> dict[str, Any]:
        card = self.cards(person, CHECKIN_TITLE)[0].card
        assert card is not None
        return invoke(self.connector.url, person, action(card, "checkin.here"))

    def checklist_click(self, person: Person) -> dict[str, Any]:
        card = self.cards(person, CHECKLIST_TITLE)[-1].card
        assert card is not None
        inputs = {f"o_{case}": "pass" for case in _case_ids(card)}
        return invoke(self.connector.url, person, action(card, "checklist.submit"), inputs)

    async def idle(self, within: float) -> float:
        """Wait (bounded) until no job is due or running; seconds waited."""
        t0 = time.monotonic()
        engine = reader_engine(self.url)
        try:
            while time.monotonic() - t0 < within:
                now = dt.datetime.now(dt.UTC)
                async with engine.connect() as conn:
                    busy = (
                        await conn.execute(
                            select(func.count())
                            .select_from(jobs)
                            .where(
                                ((jobs.c.state == "pending") & (jobs.c.due_at <= now))
                                | (jobs.c.state == "running")
                            )
                        )
                    ).scalar_one()
                if busy == 0:
                    return time.monotonic() - t0
                await asyncio.sleep(0.1)
        finally:
            await engine.dispose()
        raise TimeoutError(f"jobs still due after {within:.0f} s")


def _case_ids(card: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Input.ChoiceSet" and str(node.get("id", "")).startswith("o_"):
                found.append(node["id"][2:])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


async def _bounded_gather(coros: list[Any], limit: int) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def one(c: Any) -> Any:
        async with gate:
            return await c

    return await asyncio.gather(*(one(c) for c in coros))


# --- 1. fan-out ----------------------------------------------------------------------------------


async def fanout(run: Run, kind: str, n: int, *, then_day: bool = False) -> dict[str, Any]:
    run.log(f"fan-out: {n} check-in cards on {kind}")
    day = Day(run, kind, n, seed=n)
    testers = [tester(i) for i in range(n)]
    out: dict[str, Any] = {"db": kind, "n": n}
    try:
        await day.setup()
        assert day.bot is not None
        out["startup_s"] = day.startup_seconds
        # Warm up as any running bot is: signing keys and the outbound token fetched once.
        assert await day.say(ADMIN, "hjälp") == 200
        await day.idle(30)
        await asyncio.sleep(1.1)  # the warm-up's send leaves the limits' one-second windows
        before = (len(day.connector.sent), len(day.connector.updates), day.connector.calls)
        rss_before = day.bot.status()["VmRSS"]
        t0 = time.monotonic()
        status = await day.say(ADMIN, "starta incheckning")
        out["ack_s"] = time.monotonic() - t0
        assert status == 200, status
        floor = n / TEAMS_RATE
        last = await day.wait_cards(testers, CHECKIN_TITLE, within=max(60.0, 4 * floor))
        first = min(day.cards(p, CHECKIN_TITLE)[0].at for p in testers)
        out["first_card_s"] = first - t0
        out["all_delivered_s"] = last - t0
        out["floor_s"] = floor
        out["ratio"] = (last - t0) / floor
        await day.idle(60)
        await asyncio.sleep(1.0)  # anything sent twice would have arrived by now
        per_tester = [len(day.cards(p, CHECKIN_TITLE)) for p in testers]
        out["lost"] = sum(1 for c in per_tester if c == 0)
        out["duplicates"] = sum(c - 1 for c in per_tester if c > 1)
        out["violations"] = day.connector.violations
        out["rejected_429"] = day.connector.limit_rejections
        out["sends"] = len(day.connector.sent) - before[0]
        out["updates"] = len(day.connector.updates) - before[1]
        out["calls"] = day.connector.calls - before[2]
        out["max_per_second"] = _max_per_window(day.connector.sent[before[0] :], 1.0)
        out["rss_kb_before"] = rss_before
        out["rss_kb_after_fanout"] = day.bot.status()["VmRSS"]
        run.log(
            f"  delivered {n} in {out['all_delivered_s']:.2f} s (floor {floor:.1f} s, "
            f"ratio {out['ratio']:.3f}); ack {out['ack_s']:.2f} s; lost {out['lost']}, "
            f"dup {out['duplicates']}, violations {out['violations']}"
        )
        if then_day:
            out["day"] = await _rest_of_day(day, testers)
    finally:
        await day.teardown()
    return out


def _max_per_window(sent: list[Sent], seconds: float) -> int:
    times = sorted(s.at for s in sent)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= seconds:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def _rest_of_day(day: Day, testers: list[Person]) -> dict[str, Any]:
    """Everyone checks in, the local round runs, the checklists come back, the all-clear goes out
    to everyone; then the bot's memory is read."""
    assert day.bot is not None
    n = len(testers)
    out: dict[str, Any] = {}
    t0 = time.monotonic()
    async with day.poster() as p:
        answers = await _bounded_gather([p.post(day.checkin_click(t)) for t in testers], 32)
    out["checkins_ok"] = sum(
        1 for s, b in answers if s == 200 and b and b.get("type", "").endswith("adaptive")
    )
    out["checkins_s"] = time.monotonic() - t0
    await day.idle(120)
    assert await day.say(ADMIN, "lokal klar") == 200
    # One checklist per area, to whoever covers it first in roster order.
    await day.wait_count(testers, CHECKLIST_TITLE, min(n, len(AREA_KEYS)), within=60)
    leads = [t for t in testers if day.cards(t, CHECKLIST_TITLE)]
    async with day.poster() as p:
        submitted = await asyncio.gather(*(p.post(day.checklist_click(t)) for t in leads))
    out["checklists_ok"] = sum(1 for s, _ in submitted if s == 200)
    await day.idle(120)
    t1 = time.monotonic()
    assert await day.say(ADMIN, "klart") == 200
    await day.wait_cards(testers, "Procapita omsorg är uppe igen", within=max(60.0, 4 * n / TEAMS_RATE))
    out["all_clear_s"] = time.monotonic() - t1
    await day.idle(120)
    await asyncio.sleep(2)
    status = day.bot.status()
    out["rss_kb"] = status["VmRSS"]
    out["hwm_kb"] = status["VmHWM"]
    out["bot_cpu_s"] = day.bot.cpu_seconds()
    out["violations"] = day.connector.violations
    out["sends"] = len(day.connector.sent)
    out["updates"] = len(day.connector.updates)
    day.run.log(
        f"  {n}-person day: {out['checkins_ok']} check-ins, {out['checklists_ok']} checklists, "
        f"all-clear to everyone in {out['all_clear_s']:.1f} s; RSS {status['VmRSS'] / 1024:.0f} MB "
        f"(peak {status['VmHWM'] / 1024:.0f} MB)"
    )
    return out


# --- 2. burst --------------------------------------------------------------------------------------


def _latency_summary(res: list[dict[str, Any]], wall: float) -> dict[str, Any]:
    lat = [r["latency"] for r in res]
    return {
        "requests": len(res),
        "ok": sum(1 for r in res if r["ok"]),
        "errors": sum(1 for r in res if not r["ok"]),
        "statuses": sorted({f"{r['status']}/{r['type'] or r['error']}" for r in res}),
        "p50_s": percentile(lat, 50),
        "p95_s": percentile(lat, 95),
        "p99_s": percentile(lat, 99),
        "max_s": max(lat),
        "wall_s": wall,
        "throughput_rps": len(res) / wall if wall > 0 else 0.0,
    }


async def _fire(
    run: Run, name: str, port: int, token: str, requests: list[dict[str, Any]], target_pid: int | None = None
) -> dict[str, Any]:
    spec = {
        "url": f"http://127.0.0.1:{port}/api/messages",
        "token": token,
        "timeout": 60,
        "requests": requests,
    }
    spec_path = run.workdir / f"{name}-spec.json"
    out_path = run.workdir / f"{name}-out.json"
    _write(spec_path, json.dumps(spec))
    gen = Proc(
        f"loadgen-{name}",
        [PY, "-m", "bench.loadgen", str(spec_path), str(out_path)],
        base_env(),
        run.workdir / f"loadgen-{name}.log",
    )
    spy = await _start_profiler(run, name, target_pid)
    await gen.start()
    assert gen.proc is not None
    code = await asyncio.wait_for(gen.proc.wait(), 300)
    await gen.stop()
    if spy is not None:
        spy.send_signal(signal.SIGINT)  # py-spy writes its profile when interrupted
        await asyncio.wait_for(spy.wait(), 60)
    if code != 0:
        raise RuntimeError(f"load generator failed ({code}); see {gen.log}")
    result: dict[str, Any] = json.loads(_read(out_path))
    return result


async def _start_profiler(run: Run, name: str, pid: int | None) -> asyncio.subprocess.Process | None:
    """With BENCH_PYSPY=/path/to/py-spy, sample the bot during the burst (folded stacks, 100 Hz)."""
    spy = os.environ.get("BENCH_PYSPY")
    if not spy or pid is None:
        return None
    out = run.workdir / f"profile-{name}.txt"
    proc = await asyncio.create_subprocess_exec(
        spy,
        "record",
        "-p",
        str(pid),
        "-r",
        "100",
        "-f",
        "raw",
        "-o",
        str(out),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await asyncio.sleep(1.0)  # attached before the first request
    run.log(f"  profiling the bot into {out}")
    return proc


def _write(path: Path, text: str) -> None:
    path.write_text(text)


def _read(path: Path) -> str:
    return path.read_text()


async def burst(run: Run, kind: str, n: int) -> dict[str, Any]:
    """N card actions at once, each from a different person: N-10 check-in answers and the 10
    checklists of the local round (one per area: the most a round has)."""
    run.log(f"burst: {n} concurrent card actions on {kind}")
    day = Day(run, kind, n, seed=1000 + n)
    testers = [tester(i) for i in range(n)]
    leads = testers[: len(AREA_KEYS)]
    out: dict[str, Any] = {"db": kind, "n": n}
    try:
        await day.setup()
        assert day.bot is not None
        # The real flow up to the moment of the burst.
        assert await day.say(ADMIN, "starta incheckning") == 200
        await day.wait_cards(testers, CHECKIN_TITLE, within=max(60.0, 4 * n / TEAMS_RATE))
        async with day.poster() as p:
            for lead in leads:
                status, body = await p.post(day.checkin_click(lead))
                assert status == 200, (status, body)
                assert body["type"].endswith("adaptive"), (status, body)
        assert await day.say(ADMIN, "lokal klar") == 200
        await day.wait_cards(leads, CHECKLIST_TITLE, within=60)
        await day.idle(120)
        await asyncio.sleep(1.0)
        requests = [
            {"kind": "checkin", "who": t.email, "body": day.checkin_click(t)} for t in testers[len(leads) :]
        ]
        requests += [{"kind": "checklist", "who": t.email, "body": day.checklist_click(t)} for t in leads]
        random.Random(n).shuffle(requests)
        for r in requests:
            r["body"]["id"] = f"burst-{r['who']}"
        cpu0, pg0 = day.bot.cpu_seconds(), postgres_cpu_seconds()
        fired = await _fire(run, f"bot-{kind}-{n}", day.bot.port, day.token, requests, day.bot.pid)
        cpu1, pg1 = day.bot.cpu_seconds(), postgres_cpu_seconds()
        settle = await day.idle(120)
        cpu2, pg2 = day.bot.cpu_seconds(), postgres_cpu_seconds()
        res = fired["results"]
        out["bot"] = _latency_summary(res, fired["wall"])
        for k in ("checkin", "checklist"):
            lat = [r["latency"] for r in res if r["kind"] == k]
            out["bot"][f"{k}_p50_s"], out["bot"][f"{k}_max_s"] = percentile(lat, 50), max(lat)
        out["bot"]["cpu_ms_per_req_burst"] = 1000 * (cpu1 - cpu0) / n
        out["bot"]["cpu_ms_per_req_total"] = 1000 * (cpu2 - cpu0) / n
        out["bot"]["settle_s"] = settle
        out["bot"]["loadgen_cpu_s"] = fired["cpu"]
        if kind == "postgres":
            out["bot"]["pg_cpu_ms_per_req_total"] = 1000 * (pg2 - pg0) / n
            out["bot"]["pg_cpu_ms_per_req_burst"] = 1000 * (pg1 - pg0) / n
        out["verify"] = await _verify(day, requests, res)
        out["rss_kb"] = day.bot.status()["VmRSS"]
        run.log(
            f"  bot: p50 {out['bot']['p50_s'] * 1000:.0f} ms, p99 {out['bot']['p99_s'] * 1000:.0f} ms, "
            f"{out['bot']['throughput_rps']:.0f}/s, errors {out['bot']['errors']}, "
            f"CPU {out['bot']['cpu_ms_per_req_total']:.1f} ms/req; lost {out['verify']['lost']}"
        )
        await day.bot.stop()
        out["echo"] = await _echo(run, kind, n, day, requests)
        out["ratios"] = {
            "cpu_per_req": out["bot"]["cpu_ms_per_req_total"] / out["echo"]["cpu_ms_per_req_total"],
            "cpu_per_req_burst": out["bot"]["cpu_ms_per_req_burst"] / out["echo"]["cpu_ms_per_req_total"],
            "p50": out["bot"]["p50_s"] / out["echo"]["p50_s"],
            "p99": out["bot"]["p99_s"] / out["echo"]["p99_s"],
            "throughput": out["bot"]["throughput_rps"] / out["echo"]["throughput_rps"],
        }
        run.log(
            f"  echo: p50 {out['echo']['p50_s'] * 1000:.0f} ms, p99 {out['echo']['p99_s'] * 1000:.0f} ms, "
            f"{out['echo']['throughput_rps']:.0f}/s, CPU {out['echo']['cpu_ms_per_req_total']:.1f} ms/req; "
            f"ratio CPU {out['ratios']['cpu_per_req']:.2f}x, p99 {out['ratios']['p99']:.2f}x"
        )
    finally:
        await day.teardown()
    return out


async def _verify(day: Day, requests: list[dict[str, Any]], res: list[dict[str, Any]]) -> dict[str, Any]:
    """Every acknowledged answer is in the database (prompt answered, results recorded)."""
    engine = reader_engine(day.url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(select(prompts).where(prompts.c.window_id == day.window_id))).all()
            recorded = (
                await conn.execute(
                    select(results.c.tester_email, func.count())
                    .where(results.c.window_id == day.window_id)
                    .group_by(results.c.tester_email)
                )
            ).all()
            here = (
                await conn.execute(
                    select(func.count()).select_from(audit).where(audit.c.kind == "checkin.tester_here")
                )
            ).scalar_one()
    finally:
        await engine.dispose()
    by_key = {(r.kind, r.recipient_email): r for r in rows}
    results_by = dict(recorded)
    lost = stored_unacked = 0
    for req, r in zip(requests, res, strict=True):
        prompt = by_key.get(("checkin" if req["kind"] == "checkin" else "checklist", req["who"]))
        if req["kind"] == "checkin":
            stored = prompt is not None and prompt.state == "answered" and prompt.answer == {"answer": "here"}
        else:
            cases = len(prompt.case_ids or []) if prompt is not None else -1
            stored = (
                prompt is not None and prompt.state == "answered" and results_by.get(req["who"], 0) == cases
            )
        lost += r["ok"] and not stored
        stored_unacked += (not r["ok"]) and stored
    checkins = sum(1 for r in requests if r["kind"] == "checkin")
    return {
        "lost": lost,
        "stored_but_not_acknowledged": stored_unacked,
        "audit_checkin_here": here,
        "audit_expected": checkins + len(AREA_KEYS),
    }


async def _echo(run: Run, kind: str, n: int, day: Day, requests: list[dict[str, Any]]) -> dict[str, Any]:
    port = free_port()
    env = bot_env("unused", port, run.issuer.metadata_url, run.issuer.token_url)
    echo = Proc(
        f"echo-{kind}-{n}", [PY, "-m", "bench.echo_bot"], env, run.workdir / f"echo-{kind}-{n}.log", port=port
    )
    await echo.start()
    try:
        await echo.wait_healthy()
        warm = tester(n + 1)  # not in the burst: fetches the signing keys once, as our bot had
        async with Poster(port, day.token) as p:
            for _ in range(3):
                status, _ = await p.post(invoke(day.connector.url, warm, {"verb": "x", "data": {}}))
                assert status == 200, status
        cpu0 = echo.cpu_seconds()
        fired = await _fire(run, f"echo-{kind}-{n}", port, day.token, requests)
        await asyncio.sleep(0.5)
        cpu1 = echo.cpu_seconds()
        out = _latency_summary(fired["results"], fired["wall"])
        out["cpu_ms_per_req_total"] = 1000 * (cpu1 - cpu0) / n
        out["loadgen_cpu_s"] = fired["cpu"]
        out["rss_kb"] = echo.status()["VmRSS"]
        return out
    finally:
        await echo.stop()


# --- 3. start-up and idle memory -----------------------------------------------------------------


async def startup(run: Run, kind: str, repeats: int) -> dict[str, Any]:
    run.log(f"start-up on {kind} ({repeats}x)")
    cold, warm, idle = [], [], []
    for i in range(repeats):
        url = await fresh_database(kind, run.workdir, run.pg_base)
        try:
            for label in ("cold", "warm"):
                port = free_port()
                env = bot_env(url, port, run.issuer.metadata_url, run.issuer.token_url)
                bot = bot_process(run.workdir, f"startup-{kind}-{i}-{label}", env)
                await bot.start()
                try:
                    seconds = await bot.wait_healthy()
                    (cold if label == "cold" else warm).append(seconds)
                    if label == "warm":
                        await asyncio.sleep(3)
                        idle.append(bot.status()["VmRSS"])
                finally:
                    await bot.stop()
        finally:
            await drop_database(url, run.pg_base)
    echo_times = []
    for _ in range(repeats):
        port = free_port()
        env = bot_env("unused", port, run.issuer.metadata_url, run.issuer.token_url)
        echo = Proc(
            "echo-startup", [PY, "-m", "bench.echo_bot"], env, run.workdir / "echo-startup.log", port=port
        )
        await echo.start()
        try:
            echo_times.append(await echo.wait_healthy())
        finally:
            await echo.stop()
    out = {
        "db": kind,
        "cold_s": sorted(cold),
        "warm_s": sorted(warm),
        "idle_rss_kb": sorted(idle),
        "echo_s": sorted(echo_times),
    }
    run.log(
        f"  cold (migrations) {max(cold):.2f} s, restart {max(warm):.2f} s, idle RSS "
        f"{max(idle) / 1024:.0f} MB; echo bot {max(echo_times):.2f} s"
    )
    return out
