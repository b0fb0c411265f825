"""Delivery of the outbox to a real (fake) Bot Connector over HTTP, on SQLite and PostgreSQL.

Covers: idempotent puts, updates in place, cancel, per-recipient order, 429/503 faults, Teams'
rate limits, two replicas sharing one PostgreSQL, lease expiry with fenced finishes, dead
recipients with one alert per admin, and the ``python app.py jobs`` listing.

The rate-limit tests run the bot's limiter and the fake Teams' limits on one fake time
(``fake_time``): the limiter's waits move it instead of sleeping, so they pass or fail on what
was sent when, not on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from bot import bootstrap
from bot.bootstrap import Runtime, start_runtime, stop_runtime
from bot.config import Settings
from bot.services.messages import message_activity
from bot.services.ports import Clock, Outcome
from bot.services.roster import import_roster
from bot.store import identities, outbox
from bot.store import jobs as jobstore
from bot.store.jobs import Job, JobState
from bot.store.outbox import DELIVER, MessageState, delivery_job_key
from bot.store.tables import audit, jobs, messages
from bot.workers.ratelimit import RateLimiter
from tests.conftest import local_settings, sql_uow
from tests.fakes import connector as fake_teams
from tests.fakes.clock import FakeClock
from tests.fakes.connector import FakeConnector, Faults
from tests.unit.test_ratelimit import FakeTime, most_in_any_window

ROOT = Path(__file__).resolve().parents[2]
TENANT = "tenant-1"

ROSTER = """name,email,role,areas,client,substitute_name,substitute_email
Karin Lindqvist,karin.lindqvist@kommun.example.se,admin,,,,
Sofia Ström,sofia.strom@kommun.example.se,admin,,,,
Anders Holm,anders.holm@kommun.example.se,tester,ifo,local,Lena Ek,lena.ek@kommun.example.se
"""
ADMINS = {
    "29:karin": ("Karin Lindqvist", "karin.lindqvist@kommun.example.se"),
    "29:sofia": ("Sofia Ström", "sofia.strom@kommun.example.se"),
}
ANDERS = ("29:anders", "Anders Holm", "anders.holm@kommun.example.se")


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """One fake monotonic time for the bot's rate limiter (built by ``start_runtime`` from the
    settings, as in production) and for the fake Teams, which counts its limits on it."""
    fake = FakeTime()
    monkeypatch.setattr(
        bootstrap, "RateLimiter", partial(RateLimiter, clock=fake.monotonic, sleep=fake.sleep)
    )
    monkeypatch.setattr(fake_teams, "time", SimpleNamespace(monotonic=fake.monotonic))
    return fake


def most_arrivals_within(times: list[float], seconds: float) -> int:
    """The most of these moments (arrivals at the fake Teams) less than ``seconds`` apart."""
    return most_in_any_window([(t, t) for t in times], seconds)


async def drain_until_sent(rt: Runtime, clock: FakeClock, expected: int, max_rounds: int = 600) -> None:
    """Run the due jobs, then move the jobs' clock on a second for the retries, until ``expected``
    messages are sent."""
    for _ in range(max_rounds):
        await asyncio.wait_for(rt.runner.drain(), 60)
        if await count_messages(rt, MessageState.SENT) >= expected:
            return
        clock.advance(1)
    async with rt.engine.connect() as conn:
        states = (await conn.execute(select(jobs.c.state, func.count()).group_by(jobs.c.state))).all()
    pytest.fail(f"not all {expected} messages sent after {max_rounds} rounds; jobs: {states}")


@asynccontextmanager
async def running(settings: Settings, clock: Clock) -> AsyncIterator[Runtime]:
    rt = await start_runtime(settings, clock, start_worker=False)
    try:
        yield rt
    finally:
        await stop_runtime(rt)


async def add_recipient(
    rt: Runtime,
    connector: FakeConnector,
    user_id: str,
    name: str,
    email: str,
    *,
    in_directory: bool = True,
    conversation_id: str | None = None,
) -> None:
    """A Teams user the bot has seen: its identity row, and (optionally) the member in Teams."""
    if in_directory:
        connector.add_member(user_id, name, email)
    async with sql_uow(rt)() as uow:
        await identities.upsert(
            uow.conn,
            user_id,
            rt.services.clock.now(),
            email=email,
            name=name,
            service_url=connector.url,
            tenant_id=TENANT,
            conversation_id=conversation_id,
        )
    if conversation_id is not None:
        connector.conversations[conversation_id] = user_id


async def put(rt: Runtime, key: str, email: str, text: str | None = None) -> bool:
    async with sql_uow(rt)() as uow:
        return await outbox.put(
            uow.conn,
            key,
            message_activity(text=text or f"text of {key}"),
            rt.services.clock.now(),
            purpose="test",
            recipient_email=email,
        )


async def message(rt: Runtime, key: str) -> outbox.Message:
    async with rt.engine.connect() as conn:
        msg = await outbox.get(conn, key)
    assert msg is not None
    return msg


async def job_row(rt: Runtime, key: str) -> object:
    async with rt.engine.connect() as conn:
        return (await conn.execute(select(jobs).where(jobs.c.key == key))).one()


async def count_messages(rt: Runtime, state: MessageState) -> int:
    async with rt.engine.connect() as conn:
        value = (
            await conn.execute(select(func.count()).select_from(messages).where(messages.c.state == state))
        ).scalar_one()
    return int(value)


async def wait_until_sent(
    rt: Runtime, connector: FakeConnector, expected: int, deadline_seconds: float
) -> float:
    """Poll the started worker until ``expected`` messages are sent; returns the (real) seconds it
    took. A send the fake Teams refused for its rate limits fails at once: its retry would wait for
    the jobs' fake clock, which nobody moves here."""
    start = time.monotonic()
    while True:
        sent = await count_messages(rt, MessageState.SENT)
        if sent >= expected:
            return time.monotonic() - start
        if connector.limit_rejections:
            pytest.fail(f"Teams refused {connector.limit_rejections} sends over its rate limits")
        if time.monotonic() - start > deadline_seconds:
            async with rt.engine.connect() as conn:
                states = (await conn.execute(select(jobs.c.state, func.count()).group_by(jobs.c.state))).all()
            pytest.fail(f"only {sent}/{expected} messages sent after {deadline_seconds} s; jobs: {states}")
        await asyncio.sleep(0.2)


# --- 1. outbox basics (fake clock, drained by hand) ---------------------------------------------


async def test_same_content_twice_is_sent_once(
    db_url: str, clock: FakeClock, connector: FakeConnector
) -> None:
    async with running(local_settings(db_url), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        assert await put(rt, "m1", ANDERS[2], "hej") is True
        assert await put(rt, "m1", ANDERS[2], "hej") is False
        await rt.runner.drain()
        assert await put(rt, "m1", ANDERS[2], "hej") is False  # also after it went out
        await rt.runner.drain()
        assert [s.text for s in connector.sent] == ["hej"]
        assert connector.updates == []
        msg = await message(rt, "m1")
        assert (msg.state, msg.version, msg.sent_version) == (MessageState.SENT, 1, 1)
        assert msg.activity_id == connector.sent[0].activity_id
        assert len(connector.created) == 1


async def test_new_content_updates_the_sent_activity_in_place(
    db_url: str, clock: FakeClock, connector: FakeConnector
) -> None:
    async with running(local_settings(db_url), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        await put(rt, "m1", ANDERS[2], "version 1")
        await rt.runner.drain()
        [first] = connector.sent
        clock.advance(60)
        assert await put(rt, "m1", ANDERS[2], "version 2") is True
        await rt.runner.drain()
        assert len(connector.sent) == 1, "an update must not post a new message"
        [update] = connector.updates
        assert update.activity_id == first.activity_id
        assert update.conversation_id == first.conversation_id
        assert update.text == "version 2"
        assert connector.latest(first.conversation_id, first.activity_id)["text"] == "version 2"
        msg = await message(rt, "m1")
        assert (msg.state, msg.version, msg.sent_version) == (MessageState.SENT, 2, 2)
        assert msg.activity_id == first.activity_id
        async with rt.engine.connect() as conn:
            kinds = [r.kind for r in (await conn.execute(select(audit).order_by(audit.c.id))).all()]
        assert kinds == ["message.sent", "message.updated"]


async def test_cancel_before_delivery_prevents_the_send(
    db_url: str, clock: FakeClock, connector: FakeConnector
) -> None:
    async with running(local_settings(db_url), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        await put(rt, "m1", ANDERS[2], "never")
        await put(rt, "m2", ANDERS[2], "kept")
        async with sql_uow(rt)() as uow:
            assert await outbox.cancel(uow.conn, "m1", clock.now()) is True
        await rt.runner.drain()
        assert [s.text for s in connector.sent] == ["kept"]
        assert (await message(rt, "m1")).state is MessageState.CANCELLED
        assert (await job_row(rt, delivery_job_key("m1"))).state == JobState.CANCELLED  # type: ignore[attr-defined]
        # Once sent, a message cannot be withdrawn any more.
        async with sql_uow(rt)() as uow:
            assert await outbox.cancel(uow.conn, "m2", clock.now()) is False
        assert (await message(rt, "m2")).state is MessageState.SENT


async def test_messages_to_one_recipient_arrive_in_put_order(
    db_url: str, clock: FakeClock, connector: FakeConnector
) -> None:
    async with running(local_settings(db_url), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        await add_recipient(rt, connector, "29:karin", *ADMINS["29:karin"])
        texts = [f"nr {i}" for i in range(6)]
        for i, text in enumerate(texts):
            await put(rt, f"a{i}", ANDERS[2], text)
            await put(rt, f"k{i}", ADMINS["29:karin"][1], text)
        await rt.runner.drain()
        assert [s.text for s in connector.to_user(ANDERS[0])] == texts
        assert [s.text for s in connector.to_user("29:karin")] == texts
        assert connector.violations == 0


# --- 2. connector faults and Teams' rate limits (fake time) ------------------------------------


@pytest.mark.slow  # not for waiting: 200 deliveries and their retries are a lot of database work
async def test_200_recipients_through_429_and_503_faults_each_get_exactly_one_message(
    db_url: str, clock: FakeClock, fake_time: FakeTime
) -> None:
    connector = FakeConnector(Faults(p429=0.15, p429_no_header=0.05, p503=0.10, seed=11))
    await connector.start()
    try:
        async with running(local_settings(db_url), clock) as rt:
            users = [(f"29:user-{i:03d}", f"User {i}", f"user{i:03d}@kommun.example.se") for i in range(200)]
            async with sql_uow(rt)() as uow:
                now = rt.services.clock.now()
                for user_id, name, email in users:
                    connector.add_member(user_id, name, email)
                    await identities.upsert(
                        uow.conn,
                        user_id,
                        now,
                        email=email,
                        name=name,
                        service_url=connector.url,
                        tenant_id=TENANT,
                    )
            async with sql_uow(rt)() as uow:
                now = rt.services.clock.now()
                for i, (_, _, email) in enumerate(users):
                    key = f"fault-{i:03d}"
                    await outbox.put(
                        uow.conn, key, message_activity(text=key), now, purpose="test", recipient_email=email
                    )
            start = fake_time.now
            await drain_until_sent(rt, clock, 200)
            elapsed = fake_time.now - start
            async with rt.engine.connect() as conn:
                job_states = Counter(
                    r.state for r in (await conn.execute(select(jobs.c.state, jobs.c.attempts))).all()
                )
                attempts = sum(r.attempts for r in (await conn.execute(select(jobs.c.attempts))).all())
        print(
            f"\n200 messages through {connector.faults_injected} faults ({attempts} attempts, "
            f"{connector.calls} calls) in {elapsed:.1f} s of fake time"
        )
        by_text = Counter(s.text for s in connector.sent)
        assert by_text == Counter({f"fault-{i:03d}": 1 for i in range(200)})
        for user_id, _, _ in users:
            assert len(connector.to_user(user_id)) == 1, user_id
        assert job_states == {JobState.DONE.value: 200}
        assert connector.faults_injected > 0
        # The fake Teams counts its limits on the fake time too: nothing went over them.
        assert connector.violations == 0
        assert connector.limit_rejections == 0
    finally:
        await connector.stop()


@pytest.mark.usefixtures("fake_time")
@pytest.mark.parametrize(
    ("env", "per_second", "sends", "fewest_seconds"),
    [
        # Teams' limits: the 9th send at least 2 s after the 1st (8 per 2 s), the 17th 4 s, the 25th 6 s.
        ({}, 7, 30, 6.0),
        # SEND_RATE_PER_CONVERSATION reaches the limiter: the 4th send 1 s after the 1st, the 10th 3 s.
        ({"SEND_RATE_PER_CONVERSATION": "3"}, 3, 12, 3.0),
    ],
)
async def test_one_conversation_is_paced_at_teams_per_conversation_limits(
    db_url: str,
    clock: FakeClock,
    connector: FakeConnector,
    env: dict[str, str],
    per_second: int,
    sends: int,
    fewest_seconds: float,
) -> None:
    async with running(local_settings(db_url, **env), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        keys = [f"burst-{i:02d}" for i in range(sends)]
        for key in keys:
            await put(rt, key, ANDERS[2], key)
        await asyncio.wait_for(rt.runner.drain(), 60)
    texts = [s.text for s in connector.to_user(ANDERS[0])]
    assert texts == keys
    assert connector.violations == 0
    assert connector.limit_rejections == 0
    arrivals = [s.at for s in connector.sent]  # on the fake time
    span = arrivals[-1] - arrivals[0]
    print(f"\n{sends} sends to one conversation: {span:.2f} s of fake time between first and last")
    assert most_arrivals_within(arrivals, 1.0) == per_second
    assert most_arrivals_within(arrivals, 2.0) <= 8
    assert span >= fewest_seconds
    assert span < fewest_seconds + 0.5  # and not much slower than that


async def test_throttling_never_uses_up_a_message_but_errors_do(
    db_url: str, clock: FakeClock, connector: FakeConnector
) -> None:
    async with running(local_settings(db_url), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        await add_recipient(rt, connector, "29:karin", *ADMINS["29:karin"])
        # Teams answers 429 (with Retry-After) far more often than a job may fail.
        connector.faults.p429, connector.faults.retry_after = 1.0, 0.01
        await put(rt, "throttled", ANDERS[2], "throttled")
        for _ in range(12):
            await rt.runner.drain()
            clock.advance(1)
        row = await job_row(rt, delivery_job_key("throttled"))
        assert (row.state, row.attempts, row.last_error) == ("pending", 0, "429")  # type: ignore[attr-defined]
        assert connector.faults_injected >= 12
        connector.faults.p429 = 0.0
        await rt.runner.drain()
        assert [s.text for s in connector.to_user(ANDERS[0])] == ["throttled"]
        assert (await job_row(rt, delivery_job_key("throttled"))).state == "done"  # type: ignore[attr-defined]

        # A server error every time: the job gives up after MAX_ATTEMPTS tries.
        connector.faults.p503 = 1.0
        await put(rt, "broken", ADMINS["29:karin"][1], "broken")
        for _ in range(12):
            await rt.runner.drain()
            clock.advance(120)
        row = await job_row(rt, delivery_job_key("broken"))
        # After the last retry the message is declared dead (and the admins told), not left pending.
        assert (row.state, row.attempts) == ("dead", 8)  # type: ignore[attr-defined]
        assert row.last_error.startswith("503")  # type: ignore[attr-defined]
        async with rt.engine.connect() as conn:
            broken = await outbox.get(conn, "broken")
        assert broken is not None
        assert broken.state.value == "dead"
        assert connector.to_user("29:karin") == []


# --- 3. two replicas on one PostgreSQL ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.postgres
async def test_two_replicas_share_one_postgresql_and_send_each_message_once(
    db_url: str, clock: FakeClock, connector: FakeConnector, fake_time: FakeTime
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("two replicas need PostgreSQL")
    n = 1000
    settings = local_settings(db_url, SEND_RATE_GLOBAL="25")
    users = [(f"29:r-{i:04d}", f"User {i}", f"r{i:04d}@kommun.example.se") for i in range(n)]
    async with running(settings, clock) as a, running(settings, clock) as b:
        assert a.engine is not b.engine
        assert a.runner.worker_id != b.runner.worker_id
        handled: dict[str, list[str]] = {a.runner.worker_id: [], b.runner.worker_id: []}

        def counting(
            rt: Runtime, handler: Callable[[Job], Awaitable[Outcome]]
        ) -> Callable[[Job], Awaitable[Outcome]]:
            async def wrapped(job: Job) -> Outcome:
                assert job.leased_by == rt.runner.worker_id
                handled[rt.runner.worker_id].append(job.key)
                return await handler(job)

            return wrapped

        for rt in (a, b):
            rt.runner.handlers[DELIVER] = counting(rt, rt.runner.handlers[DELIVER])
        async with sql_uow(a)() as uow:
            now = clock.now()
            for i, (user_id, name, email) in enumerate(users):
                conversation_id = f"a:1on1-{user_id}"
                connector.add_member(user_id, name, email)
                connector.conversations[conversation_id] = user_id
                await identities.upsert(
                    uow.conn,
                    user_id,
                    now,
                    email=email,
                    name=name,
                    service_url=connector.url,
                    tenant_id=TENANT,
                    conversation_id=conversation_id,
                )
                key = f"replica-{i:04d}"
                await outbox.put(
                    uow.conn, key, message_activity(text=key), now, purpose="test", recipient_email=email
                )
        start = fake_time.now
        await asyncio.gather(a.runner.start(), b.runner.start())
        await wait_until_sent(a, connector, n, deadline_seconds=120)
        elapsed = fake_time.now - start  # both replicas' limiters wait on this one fake time
        async with a.engine.connect() as conn:
            rows = (await conn.execute(select(jobs))).all()
            sent_audit = (
                await conn.execute(select(audit.c.detail).where(audit.c.kind == "message.sent"))
            ).all()
    print(
        f"\n{n} messages by two replicas in {elapsed:.1f} s of fake time = {n / elapsed:.1f} sends/s "
        f"({len(handled[a.runner.worker_id])} + {len(handled[b.runner.worker_id])})"
    )
    assert Counter(s.text for s in connector.sent) == Counter({f"replica-{i:04d}": 1 for i in range(n)})
    assert connector.violations == 0
    assert connector.limit_rejections == 0
    # Each job was claimed once, by one worker, and released.
    assert len(rows) == n
    assert {(r.state, r.attempts, r.leased_by, r.lease_until) for r in rows} == {("done", 1, None, None)}
    keys_a, keys_b = set(handled[a.runner.worker_id]), set(handled[b.runner.worker_id])
    assert len(handled[a.runner.worker_id]) + len(handled[b.runner.worker_id]) == n
    assert keys_a.isdisjoint(keys_b)
    assert keys_a | keys_b == {delivery_job_key(f"replica-{i:04d}") for i in range(n)}
    assert keys_a, "both replicas should have delivered"
    assert keys_b, "both replicas should have delivered"
    assert sorted(d.detail["message"] for d in sent_audit) == [f"replica-{i:04d}" for i in range(n)]
    assert elapsed >= n / 50 - 1


# --- 4. lease expiry ---------------------------------------------------------------------------


async def test_expired_lease_is_taken_over_and_the_crashed_workers_finish_is_fenced(
    db_url: str, clock: FakeClock, connector: FakeConnector
) -> None:
    async with running(local_settings(db_url, JOB_LEASE_SECONDS="60"), clock) as rt:
        await add_recipient(rt, connector, *ANDERS)
        await put(rt, "m1", ANDERS[2], "hej")
        async with sql_uow(rt)() as uow:
            [crashed] = await jobstore.claim(uow.conn, clock.now(), "crashed-worker", 10, 60)
        assert crashed.leased_by == "crashed-worker"
        # The holder "crashed": nothing is sent while its lease runs.
        clock.advance(59)
        assert await rt.runner.drain() == 0
        assert connector.sent == []

        real = rt.runner.handlers[DELIVER]
        fenced_while_running: list[bool] = []

        async def late_finish_during_takeover(job: Job) -> Outcome:
            assert job.leased_by == rt.runner.worker_id
            async with sql_uow(rt)() as uow:
                fenced_while_running.append(
                    await jobstore.finish(uow.conn, crashed, JobState.FAILED, clock.now(), "late")
                )
            return await real(job)

        rt.runner.handlers[DELIVER] = late_finish_during_takeover
        clock.advance(2)
        assert await rt.runner.drain() == 1
        assert fenced_while_running == [False]
        assert [s.text for s in connector.sent] == ["hej"]
        row = await job_row(rt, delivery_job_key("m1"))
        assert (row.state, row.attempts, row.leased_by, row.last_error) == ("done", 2, None, None)  # type: ignore[attr-defined]
        finished_at = row.finished_at  # type: ignore[attr-defined]

        # The crashed worker wakes up and tries to finish or retry its job: both are fenced.
        clock.advance(30)
        async with sql_uow(rt)() as uow:
            assert await jobstore.finish(uow.conn, crashed, JobState.DEAD, clock.now(), "late") is False
            assert await jobstore.retry_later(uow.conn, crashed, clock.now(), clock.now(), "late") is False
        row = await job_row(rt, delivery_job_key("m1"))
        assert (row.state, row.last_error, row.finished_at) == ("done", None, finished_at)  # type: ignore[attr-defined]
        assert (await message(rt, "m1")).state is MessageState.SENT
        assert await rt.runner.drain() == 0
        assert len(connector.sent) == 1


# --- 5. dead recipients ------------------------------------------------------------------------


@pytest.mark.parametrize("failure", ["not_in_roster", "send_403"])
async def test_dead_recipient_gives_each_admin_one_alert(
    db_url: str, clock: FakeClock, connector: FakeConnector, failure: str
) -> None:
    async with running(local_settings(db_url), clock) as rt:
        result = await import_roster(rt.services.uow, ROSTER, clock.now(), "test")
        assert not result.problems
        for user_id, (name, email) in ADMINS.items():
            await add_recipient(rt, connector, user_id, name, email)
        user_id, name, email = ANDERS
        if failure == "not_in_roster":
            # Teams does not know him in the bot's roster: creating the 1:1 chat answers 403.
            await add_recipient(rt, connector, user_id, name, email, in_directory=False)
        else:
            conversation_id = f"a:1on1-{user_id}"
            await add_recipient(rt, connector, user_id, name, email, conversation_id=conversation_id)
            connector.faults.fail_conversations[conversation_id] = (403, "BotNotInConversationRoster")
        await put(rt, "dead-1", email, "first")
        await put(rt, "dead-2", email, "second")
        await rt.runner.drain()

        for key in ("dead-1", "dead-2"):
            msg = await message(rt, key)
            assert msg.state is MessageState.DEAD
            assert msg.activity_id is None
            assert (await job_row(rt, delivery_job_key(key))).state == JobState.DEAD  # type: ignore[attr-defined]
        async with rt.engine.connect() as conn:
            ident = await identities.by_email(conn, email)
            undeliverable = (
                await conn.execute(select(audit.c.detail).where(audit.c.kind == "message.undeliverable"))
            ).all()
        assert ident is not None
        assert ident.reachable is False
        assert len(undeliverable) == 2
        assert connector.to_user(user_id) == []
        for admin_id, (_, admin_email) in ADMINS.items():
            alerts = connector.to_user(admin_id)
            assert len(alerts) == 1, (admin_email, [a.text for a in alerts])
            assert "Anders Holm" in alerts[0].text
            assert email in alerts[0].text
        assert len(connector.sent) == len(ADMINS)

        # A third message later still alerts nobody again.
        clock.advance(3600)
        await put(rt, "dead-3", email, "third")
        await rt.runner.drain()
        assert (await message(rt, "dead-3")).state is MessageState.DEAD
        assert len(connector.sent) == len(ADMINS)


# --- 6. python app.py jobs ---------------------------------------------------------------------


async def _app_jobs(db_url: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "Microsoft"))}
    env.update({"DATABASE_URL": db_url, "BOT_LOCAL": "1"})
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "app.py",
        "jobs",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, err.decode()
    return out.decode().splitlines()


@pytest.mark.slow
async def test_app_jobs_lists_pending_failed_and_dead_jobs(db_url: str, clock: FakeClock) -> None:
    assert await _app_jobs(db_url) == ["Inga väntande, misslyckade eller döda jobb."]

    async with running(local_settings(db_url), clock) as rt:
        t0 = clock.now()

        async def job_in(key: str, offset: float, state: JobState | None, error: str | None = None) -> None:
            async with sql_uow(rt)() as uow:
                at = t0 + dt.timedelta(seconds=offset)
                await jobstore.enqueue(uow.conn, key, DELIVER, at, at, {"message": key})
                if state is None:
                    return
                [job] = [
                    j
                    for j in await jobstore.claim(uow.conn, at, "w1", 10, 60)
                    if j.key == key  # only this one is due
                ]
                assert await jobstore.finish(uow.conn, job, state, at, error)

        await job_in("deliver:gone", 0, JobState.DEAD, "403 BotNotInConversationRoster")
        await job_in("deliver:ok", 60, JobState.DONE)
        await job_in("deliver:gave-up", 120, JobState.FAILED, "503")
        await job_in("deliver:later", 3600, None)
        async with sql_uow(rt)() as uow:
            await jobstore.enqueue(uow.conn, "deliver:withdrawn", DELIVER, t0, t0)
            assert await jobstore.cancel(uow.conn, t0, "deliver:withdrawn") == 1
        async with rt.engine.connect() as conn:
            ids = {r.key: r.id for r in (await conn.execute(select(jobs.c.key, jobs.c.id))).all()}

    lines = await _app_jobs(db_url)
    assert lines == [
        f"{'id':>6}  {'state':<9} {'kind':<16} {'due (UTC)':<20} {'tries':>5}  error",
        f"{ids['deliver:gone']:>6}  dead      deliver          2026-12-01 08:00:00      1  "
        "403 BotNotInConversationRoster",
        f"{ids['deliver:gave-up']:>6}  failed    deliver          2026-12-01 08:02:00      1  503",
        f"{ids['deliver:later']:>6}  pending   deliver          2026-12-01 09:00:00      0  ",
    ]
