"""Data protection, end to end on SQLite and PostgreSQL: the retention period (run daily through the
job table, and by ``python app.py retention run``) and ``python app.py person forget``. Personal data
goes; results, timings and the shape of the audit trail stay; logs name no one."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.bootstrap import create_app
from bot.domain.privacy import EMAIL, is_pseudonym
from bot.domain.report import digest
from bot.domain.roster import parse_roster_csv
from bot.services.report import build_report
from bot.store import db, outbox, records
from bot.store import people as people_store
from bot.store import windows as store
from bot.store.tables import (
    area_assignments,
    audit,
    decisions,
    identities,
    jobs,
    messages,
    metadata,
    participants,
    people,
    prompts,
    results,
    rounds,
    windows,
)
from tests.conftest import Bot, local_settings
from tests.e2e import report_day as day
from tests.e2e.test_report import app_py
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver

pytestmark = pytest.mark.slow

CAST_NAMES = (
    "Karin Lindqvist",
    "Anders Holm",
    "Maria Sjöberg",
    "Johan Berg",
    "Eva Dahl",
    "Fatima Hassan",
    "Lena Ek",
    "Per Nyström",
    "Sara Wikström",
    "Nils Åberg",
    "Sven Leverantör",
    "Lars Leverantör",
)


@pytest.fixture
async def rbot(db_url: str, connector: FakeConnector) -> AsyncIterator[Bot]:
    clock = FakeClock(local(2026, 11, 10, 9, 0))
    app = create_app(local_settings(db_url), clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield Bot(client, TeamsDriver(client, connector), connector, clock)
    finally:
        await client.close()


def _dump(row: Any) -> str:
    return json.dumps(dict(row._mapping), ensure_ascii=False, default=str)  # noqa: SLF001 - a public Row API


async def _everything(conn: AsyncConnection) -> dict[str, list[str]]:
    """Every row of every table, as text."""
    out = {}
    for table in metadata.sorted_tables:
        out[table.name] = [_dump(r) for r in (await conn.execute(select(table))).all()]
    return out


async def _window_rows(conn: AsyncConnection, window_id: int) -> list[str]:
    """Every row that belongs to one window."""
    out: list[str] = []
    for table in (participants, prompts, results, area_assignments, rounds, decisions, messages, audit):
        out += [
            _dump(r) for r in (await conn.execute(select(table).where(table.c.window_id == window_id))).all()
        ]
    out += [_dump(r) for r in (await conn.execute(select(windows).where(windows.c.id == window_id))).all()]
    return out


async def _record(conn: AsyncConnection) -> tuple[list[Any], list[Any]]:
    """What must survive: results with their times, and the audit trail's ids, kinds and times."""
    res = (
        await conn.execute(
            select(
                results.c.round_id,
                results.c.case_id,
                results.c.outcome,
                results.c.comment,
                results.c.recorded_at,
            ).order_by(results.c.id)
        )
    ).all()
    trail = (
        await conn.execute(
            select(audit.c.id, audit.c.kind, audit.c.at, audit.c.window_id).order_by(audit.c.id)
        )
    ).all()
    return [tuple(r) for r in res], [tuple(r) for r in trail]


async def test_retention_runs_daily_from_the_job_table_and_keeps_results_and_timings(  # noqa: PLR0915 - one scenario, each step on the state the last left
    rbot: Bot, example_roster: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # the default LOG_LEVEL
    c = await day.cast(rbot, example_roster)
    window_id = await day.main_day(rbot, c)
    engine = rbot.runtime.engine
    async with rbot.runtime.services.uow() as uow:
        before_report = await build_report(uow, window_id, rbot.clock.now())
    async with engine.connect() as conn:
        before_results, before_audit = await _record(conn)
        retention_jobs = (await conn.execute(select(jobs).where(jobs.c.kind == "retention"))).all()
    assert before_report is not None
    assert not retention_jobs  # nothing old yet: nothing queued

    # 728 days after the window: the daily check queues a job for the older messages that belong to no
    # window (the welcomes of 2026-11-10), but the window itself is not yet old enough.
    rbot.clock.set(local(2028, 12, 7, 3, 0))
    await rbot.drain()
    async with engine.connect() as conn:
        [job] = (await conn.execute(select(jobs).where(jobs.c.kind == "retention"))).all()
        assert (job.key, job.state) == ("retention:2028-12-07", "done")
        assert "karin.lindqvist@kommun.example.se" in "\n".join(await _window_rows(conn, window_id))
    # After the 730-day period the next day's job anonymises the window.
    rbot.clock.set(local(2028, 12, 20, 3, 0))
    await rbot.drain()
    async with engine.connect() as conn:
        done = (await conn.execute(select(jobs).where(jobs.c.kind == "retention").order_by(jobs.c.id))).all()
        assert [(j.key, j.state) for j in done] == [
            ("retention:2028-12-07", "done"),
            ("retention:2028-12-20", "done"),
        ]
        window_rows = await _window_rows(conn, window_id)
        after_results, after_audit = await _record(conn)
        everything = await _everything(conn)
        anonymised = (
            await conn.execute(select(audit).where(audit.c.kind == "privacy.window_anonymised"))
        ).all()
        remaining_people = {r.email for r in (await conn.execute(select(people))).all()}
        remaining_identities = {r.email for r in (await conn.execute(select(identities))).all()}

    # No name and no e-mail address is left in the window's records...
    text = "\n".join(window_rows)
    assert not EMAIL.search(text), EMAIL.search(text)
    for name in CAST_NAMES:
        assert name not in text, name
    assert re.search(r"person-[0-9a-f]{10}", text)
    # ...while the results, their comments and times, and the audit trail's entries are all still there.
    assert after_results == before_results
    assert after_audit[: len(before_audit)] == before_audit
    assert [r[1] for r in after_audit[len(before_audit) :]] == [
        "privacy.retention",
        "privacy.window_anonymised",
        "privacy.retention",
    ]
    assert [a.window_id for a in anonymised] == [window_id]
    # The roster is today's staff and stays; what only served to reach others does not.
    assert "karin.lindqvist@kommun.example.se" in remaining_people
    assert (
        "sven@itleverantor.example.se" not in remaining_identities
    )  # not on the roster, not seen for 2 years
    assert not [m for m in everything["messages"] if '"window_id": null' in m]  # old replies and welcomes

    # The report still adds up: same verdicts, timings, roles and history figures.
    async with rbot.runtime.services.uow() as uow:
        after_report = await build_report(uow, window_id, rbot.clock.now())
    assert after_report is not None
    assert digest(after_report) == digest(before_report)
    assert [(r.verdict, r.duration) for r in after_report.rounds] == [
        (r.verdict, r.duration) for r in before_report.rounds
    ]
    roles = {(r.seq, a.area): a.role for r in after_report.rounds for a in r.areas}
    assert roles == {(r.seq, a.area): a.role for r in before_report.rounds for a in r.areas}
    assert all(is_pseudonym(a.tester_email) for r in after_report.rounds for a in r.areas)
    assert len(after_report.messages) == len(before_report.messages)
    assert len(after_report.answers) == len(before_report.answers)

    # Once a day, once: the next check the same day queues nothing.
    rbot.clock.set(local(2028, 12, 20, 15, 0))
    await rbot.drain()
    async with engine.connect() as conn:
        assert len((await conn.execute(select(jobs).where(jobs.c.kind == "retention"))).all()) == 2

    # The logs of the whole day, the report and the retention name no one.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "retention: 1 windows anonymised" in logged
    assert not EMAIL.search(logged), EMAIL.search(logged)
    for name in CAST_NAMES:
        assert name not in logged, name


async def test_person_forget_removes_the_person_and_says_what_it_kept(
    rbot: Bot, db_url: str, example_roster: str
) -> None:
    c = await day.cast(rbot, example_roster)
    window_id = await day.main_day(rbot, c)
    engine = rbot.runtime.engine
    async with engine.connect() as conn:
        before_results, before_audit = await _record(conn)
        before = await _everything(conn)
    assert any("sara.wikstrom@kommun.example.se" in r for r in before["audit"])

    code, out, err = await app_py(db_url, "person", "forget", "Sara.Wikstrom@kommun.example.se")
    assert code == 0, err
    assert "@" not in err  # nothing personal on the error stream (logs)
    lines = out.splitlines()
    alias = re.search(r"person-[0-9a-f]{10}", lines[0])
    assert alias
    assert "sara.wikstrom@kommun.example.se är glömd" in lines[0]
    removed = out[out.index("Borttaget:") : out.index("Sparat")]
    kept = out[out.index("Sparat") :]
    assert "Teams-identitet" in removed
    assert "som ersättare för Johan Berg: de behöver registrera en ny ersättare" in removed
    assert "rader i granskningsloggen: rutinen kräver att all kommunikation dokumenteras" in kept
    assert "testresultat med kommentarer och tider" in kept
    assert "meddelanden" in kept
    assert "deltaganden i fönster" in kept

    async with engine.connect() as conn:
        after = await _everything(conn)
        after_results, after_audit = await _record(conn)
        johan = (
            await conn.execute(select(people).where(people.c.email == "johan.berg@kommun.example.se"))
        ).one()
    for table, table_rows in after.items():
        for row in table_rows:
            for trace in ("sara.wikstrom", "Sara Wikström", "29:sara-wikstrom"):
                assert trace not in row, (table, row)
    assert (johan.substitute_name, johan.substitute_email) == (None, None)
    assert after_results == before_results  # outcomes, comments and times as they were
    assert after_audit[: len(before_audit)] == before_audit
    assert [r[1] for r in after_audit[len(before_audit) :]] == ["privacy.forgotten"]
    # Others are untouched.
    assert sum("per.nystrom@kommun.example.se" in r for r in after["audit"]) == sum(
        "per.nystrom@kommun.example.se" in r for r in before["audit"]
    )

    # The report still says who tested what, in which role, under the pseudonym.
    async with rbot.runtime.services.uow() as uow:
        report = await build_report(uow, window_id, rbot.clock.now())
    assert report is not None
    fees = report.rounds[0].area("voo-avgifter")
    assert fees is not None
    assert (fees.tester_name, fees.role, fees.stands_in_for) == (alias.group(0), "substitute", "Johan Berg")
    assert [c.outcome for c in fees.failures] == ["fail"]

    # Forgetting again finds nobody.
    code, out, _ = await app_py(db_url, "person", "forget", "sara.wikstrom@kommun.example.se")
    assert code == 1
    assert "Ingen med e-postadressen" in out


async def test_retention_run_from_the_command_line(db_url: str, example_roster: str) -> None:
    """A window from 2020 on a database the bot never ran against: the command anonymises it."""
    await db.upgrade(db_url)
    engine = db.create_engine(db_url)
    now = dt.datetime(2020, 3, 4, 9, 0, tzinfo=dt.UTC)
    try:
        async with engine.begin() as conn:
            roster = parse_roster_csv(example_roster)
            await people_store.replace_all(conn, roster.people, now)
            old = await store.create_window(
                conn,
                dt.date(2020, 3, 4),
                dt.time(8, 30),
                dt.time(16, 30),
                "Europe/Stockholm",
                "SD-1",
                "karin.lindqvist@kommun.example.se",
                now,
            )
            await store.sync_participants(
                conn, old.id, [p for p in roster.people if p.role.value == "tester"], now
            )
            r = await store.create_round(
                conn, old.id, "local", "initial", "sven@itleverantor.example.se", now
            )
            await store.record_result(
                conn,
                r.id,
                old.id,
                "ifo",
                "ifo-login",
                "lena.ek@kommun.example.se",
                "fail",
                "Anders Holm sa att det inte gick",
                now,
            )
            await outbox.put(
                conn,
                "note:x:anders.holm@kommun.example.se",
                {"type": "message", "text": "Hej Anders Holm"},
                now,
                purpose="notice",
                recipient_email="anders.holm@kommun.example.se",
                window_id=old.id,
            )
            await records.record(
                conn, now, "anders.holm@kommun.example.se", "plan.answered", {"answer": "coming"}, old.id
            )
    finally:
        await engine.dispose()

    code, out, err = await app_py(db_url, "retention", "run")
    assert code == 0, err
    assert "1 fönster avidentifierade" in out
    assert "Resultat och tider finns kvar" in out
    code, out, _ = await app_py(db_url, "retention", "run")
    assert code == 0
    assert "inget ändrades" in out

    engine = db.create_engine(db_url)
    try:
        async with engine.connect() as conn:
            rows = await _window_rows(conn, old.id)
            [result] = (await conn.execute(select(results))).all()
    finally:
        await engine.dispose()
    text = "\n".join(rows)
    assert not EMAIL.search(text)
    assert "Anders Holm" not in text
    assert "Lena Ek" not in text
    assert (result.outcome, result.recorded_at) == ("fail", now)
    assert re.fullmatch(r"person-[0-9a-f]{10} sa att det inte gick", result.comment)
