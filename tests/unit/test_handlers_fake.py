"""The in-memory unit of work the handlers' tests run on: it fakes every port, rolls back like a
transaction, keeps the SQL store's semantics where handlers rely on them, and needs no database
code at all."""

from __future__ import annotations

import datetime as dt
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.audit import AuditKind
from bot.domain.day import PromptKind, PromptState
from bot.services.ports import day, jobs, outbox, privacy, records
from bot.services.ports.uow import UnitOfWork
from tests.fakes import uow_day, uow_records, uow_rounds, uow_work
from tests.fakes.uow import FakeUnitOfWorkFactory, IntegrityError
from tests.fakes.uow_harness import ADAPTERS

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 12, 9, 7, 30, tzinfo=dt.UTC)

FAKES = [
    (uow_day.FakeWindows, day.WindowRepository),
    (uow_day.FakeParticipants, day.ParticipantRepository),
    (uow_day.FakePrompts, day.PromptRepository),
    (uow_rounds.FakeRounds, day.RoundRepository),
    (uow_day.FakeAssignments, day.AssignmentRepository),
    (uow_rounds.FakeDecisions, day.DecisionRepository),
    (uow_work.FakeOutbox, outbox.OutboxRepository),
    (uow_work.FakeJobs, jobs.JobRepository),
    (uow_records.FakeAudit, records.AuditRepository),
    (uow_records.FakeInbound, records.InboundRepository),
    (uow_records.FakeChannels, records.ChannelRepository),
    (uow_records.FakeTexts, records.TextRepository),
    (uow_records.FakePeople, records.PeopleRepository),
    (uow_records.FakeIdentities, records.IdentityRepository),
    (uow_records.FakeManagers, records.ManagerRepository),
    (uow_records.FakeRecordReads, records.RecordReads),
    (uow_records.FakePrivacy, privacy.PrivacyRepository),
]


def test_the_handler_tests_load_no_database_code() -> None:
    """In a fresh interpreter (this one has the shared conftest's imports): import the tests and
    play a day through check-in, a round and the all-clear, then look at what got loaded."""
    code = """
import asyncio, sys
import tests.unit.test_handlers_checkin, tests.unit.test_handlers_rounds, tests.unit.test_handlers_allclear
from tests.fakes.uow_scenario import TESTERS, checkin_started
from tests.fakes.uow_harness import card_of

async def play():
    day = await checkin_started()
    await day.bot.click(day.anders, card_of(day.bot.message(day.checkin_key(TESTERS[0]))), "checkin.here")
    await day.bot.say(day.karin, "lokal klar")
    await day.bot.say(day.karin, "klart")  # refused: nothing is tested; sent anyway with a reason
    refused = card_of(day.bot.messages(purpose="reply")[-1])
    await day.bot.click(day.karin, refused, "window.all_clear_override", {"reason": "test"})
    await day.bot.run_jobs()
    assert day.window().state == "done"

asyncio.run(play())
print("\\n".join(sorted(sys.modules)))
"""
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert "bot.services.router" in loaded
    assert "tests.fakes.uow" in loaded
    assert [m for m in loaded if m in ADAPTERS or m.startswith(tuple(a + "." for a in ADAPTERS))] == []


@pytest.mark.parametrize(("fake", "port"), FAKES, ids=[f.__name__ for f, _ in FAKES])
def test_every_method_of_every_port_is_faked(fake: type, port: type) -> None:
    assert port in fake.__mro__  # subclassed, not just shaped alike
    wanted = {n for n, v in vars(port).items() if inspect.isfunction(v) and not n.startswith("_")}
    assert wanted, port
    assert sorted(n for n in wanted if n not in vars(fake)) == []


async def test_the_unit_of_work_offers_every_repository() -> None:
    async with FakeUnitOfWorkFactory()() as uow:
        for name in UnitOfWork.__annotations__:
            assert getattr(uow, name) is not None, name


async def test_an_error_rolls_everything_back_and_success_commits() -> None:
    factory = FakeUnitOfWorkFactory()
    async with factory() as uow:
        await uow.texts.set("kept", "yes", "test", NOW)

    async def fail_midway() -> None:
        async with factory() as uow:
            await uow.texts.set("kept", "changed", "test", NOW)
            await uow.audit.record(NOW, "test", AuditKind.WINDOW_ALL_CLEAR)
            await uow.jobs.enqueue("j", "timer", NOW, NOW)
            raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        await fail_midway()
    async with factory() as uow:
        assert await uow.texts.get("kept") == "yes"
        assert await uow.jobs.list(tuple(jobs.JobState)) == []
    assert factory.db.select("audit") == []
    assert (factory.db.commits, factory.db.rollbacks) == (2, 1)


async def test_repositories_refuse_work_outside_their_unit_of_work() -> None:
    factory = FakeUnitOfWorkFactory()
    async with factory() as uow:
        with pytest.raises(RuntimeError, match="inside another"):
            async with factory():
                pass
    with pytest.raises(RuntimeError, match="outside 'async with'"):
        await uow.texts.get("anything")


async def test_the_fake_keeps_the_stores_idempotency() -> None:
    async with FakeUnitOfWorkFactory()() as uow:
        # outbox.put: the same content again changes nothing; after a cancel it is new again.
        assert await uow.outbox.put("m", {"text": "hej"}, NOW, purpose="p", recipient_email="a@k.se")
        assert not await uow.outbox.put("m", {"text": "hej"}, NOW, purpose="p", recipient_email="a@k.se")
        assert await uow.outbox.cancel("m", NOW)
        assert await uow.outbox.put("m", {"text": "hej"}, NOW, purpose="p", recipient_email="a@k.se")
        message = await uow.outbox.get("m")
        assert message is not None
        assert (message.version, message.state) == (2, "pending")
        # jobs.enqueue: a second time does nothing, unless asked to run again.
        later = NOW + dt.timedelta(hours=1)
        await uow.jobs.enqueue("t", "timer", NOW, NOW, {"n": 1})
        await uow.jobs.enqueue("t", "timer", later, NOW, {"n": 2})
        pending = await uow.jobs.list((jobs.JobState.PENDING,))
        assert [(j.due_at, j.state) for j in pending][-1] == (NOW, "pending")
        await uow.jobs.enqueue("t", "timer", later, NOW, {"n": 3}, rerun=True)
        assert uow.db.first("jobs", lambda r: r.key == "t").payload == {"n": 3}  # type: ignore[union-attr]
        assert await uow.jobs.cancel(NOW, prefix="t") == 1
        assert await uow.jobs.cancel(NOW, prefix="t") == 0
        # prompts.close closes an open prompt only, unless answered_too; get wants a 32-char id.
        prompt = await uow.prompts.create(1, PromptKind.CHECKIN, "a@k.se", "checkin:1:1:tester", NOW)
        await uow.prompts.answer(prompt.id, {"answer": "here"}, NOW)
        await uow.prompts.close(prompt.id, PromptState.EXPIRED)
        assert (await uow.prompts.get(prompt.id)).state == "answered"  # type: ignore[union-attr]
        await uow.prompts.close(prompt.id, PromptState.REPLACED, answered_too=True)
        assert (await uow.prompts.get(prompt.id)).state == "replaced"  # type: ignore[union-attr]
        assert await uow.prompts.get(prompt.id[:31]) is None


async def test_the_fake_refuses_what_the_database_would() -> None:
    async with FakeUnitOfWorkFactory()() as uow:
        with pytest.raises(IntegrityError, match="naive datetime"):
            await uow.texts.set("k", "v", "test", dt.datetime(2026, 12, 9, 8, 30))
        with pytest.raises(TypeError, match="not JSON serializable"):
            await uow.audit.record(NOW, "test", AuditKind.WINDOW_ALL_CLEAR, {"at": NOW})
        with pytest.raises(IntegrityError, match="longer than 300"):
            await uow.jobs.enqueue("k" * 301, "timer", NOW, NOW)
        with pytest.raises(ValueError, match="exactly one person"):
            await uow.outbox.put("m", {}, NOW, purpose="p", recipient_email="a@k.se", channel_purpose="c")
