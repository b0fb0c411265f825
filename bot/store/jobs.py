"""The job table: timers and deliveries that survive crashes, restarts and a second replica.

A job is written in the same transaction as the state change that causes it, claimed by one
worker at a time under a lease, and finished with a fenced update (only the lease holder may
finish it). Enqueueing is idempotent by key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import alias, and_, bindparam, case, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from bot.services.ports.jobs import Job, JobInfo, JobRepository, JobState
from bot.store.tables import jobs

__all__ = ["Job", "JobState", "SqlJobs", "cancel", "claim", "enqueue", "finish", "list_jobs", "retry_later"]


def _row_to_job(row: Any) -> Job:
    return Job(
        id=row.id,
        key=row.key,
        kind=row.kind,
        payload=row.payload,
        due_at=row.due_at,
        attempts=row.attempts,
        leased_by=row.leased_by,
        window_id=row.window_id,
    )


# Both upserts are built once per dialect and run with new values each time. Building one per
# call (and its ``stmt.excluded``, a new alias of the table column by column) cost more than running
# it: it was half the cost of writing a message to the outbox, which every answer and card does.
_VALUES = (
    "key", "kind", "payload", "due_at", "state", "attempts", "rerun", "window_id", "created_at", "updated_at"
)
_STATEMENTS: dict[tuple[str, bool], Any] = {}


def _enqueue_statement(dialect: str, rerun: bool) -> Any:
    stmt = _STATEMENTS.get((dialect, rerun))
    if stmt is not None:
        return stmt
    insert = pg_insert(jobs) if dialect == "postgresql" else sqlite_insert(jobs)
    stmt = insert.values({name: bindparam(name, type_=jobs.c[name].type) for name in _VALUES})
    if rerun:
        # The row the insert proposed (both dialects call it "excluded").
        excluded = alias(jobs, name="excluded")
        running = jobs.c.state == JobState.RUNNING.value
        stmt = stmt.on_conflict_do_update(
            index_elements=[jobs.c.key],
            set_={
                "payload": excluded.c.payload,
                "rerun": running,
                "state": case((running, JobState.RUNNING.value), else_=JobState.PENDING.value),
                "due_at": case((running, jobs.c.due_at), else_=excluded.c.due_at),
                "attempts": case((running, jobs.c.attempts), else_=0),
                "updated_at": excluded.c.updated_at,
            },
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=[jobs.c.key])
    _STATEMENTS[(dialect, rerun)] = stmt
    return stmt


async def enqueue(
    conn: AsyncConnection,
    key: str,
    kind: str,
    due_at: dt.datetime,
    now: dt.datetime,
    payload: dict[str, Any] | None = None,
    window_id: int | None = None,
    *,
    rerun: bool = False,
) -> None:
    """Schedule a job once. With ``rerun`` a finished job of the same key runs again (due now or
    at ``due_at``), and one a worker holds right now runs again when it is done."""
    values = {
        "key": key,
        "kind": kind,
        "payload": payload or {},
        "due_at": due_at,
        "state": JobState.PENDING.value,
        "attempts": 0,
        "rerun": False,
        "window_id": window_id,
        "created_at": now,
        "updated_at": now,
    }
    await conn.execute(_enqueue_statement(conn.dialect.name, rerun), values)


async def cancel(conn: AsyncConnection, now: dt.datetime, *keys: str, prefix: str | None = None) -> int:
    """Cancel pending jobs by key or key prefix. Running ones finish; their handlers re-check state."""
    conds: list[ColumnElement[bool]] = []
    if keys:
        conds.append(jobs.c.key.in_(keys))
    if prefix:
        conds.append(jobs.c.key.startswith(prefix, autoescape=True))
    if not conds:
        return 0
    result = await conn.execute(
        update(jobs)
        .where(or_(*conds), jobs.c.state == JobState.PENDING.value)
        .values(state=JobState.CANCELLED.value, updated_at=now, finished_at=now)
    )
    return int(result.rowcount or 0)


async def claim(
    conn: AsyncConnection, now: dt.datetime, worker_id: str, limit: int, lease_seconds: int
) -> list[Job]:
    """Take up to ``limit`` due jobs (or ones whose holder's lease ran out) for this worker.

    Runs inside the caller's transaction: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL lets two
    replicas claim side by side; SQLite's ``BEGIN IMMEDIATE`` serialises claimers instead.
    """
    due = or_(
        and_(jobs.c.state == JobState.PENDING.value, jobs.c.due_at <= now),
        and_(jobs.c.state == JobState.RUNNING.value, jobs.c.lease_until < now),
    )
    query = select(jobs).where(due).order_by(jobs.c.due_at, jobs.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = (await conn.execute(query)).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    await conn.execute(
        update(jobs)
        .where(jobs.c.id.in_(ids))
        .values(
            state=JobState.RUNNING.value,
            leased_by=worker_id,
            lease_until=now + dt.timedelta(seconds=lease_seconds),
            attempts=jobs.c.attempts + 1,
            updated_at=now,
        )
    )
    return [
        Job(
            id=r.id,
            key=r.key,
            kind=r.kind,
            payload=r.payload,
            due_at=r.due_at,
            attempts=r.attempts + 1,
            leased_by=worker_id,
            window_id=r.window_id,
        )
        for r in rows
    ]


async def finish(
    conn: AsyncConnection, job: Job, state: JobState, now: dt.datetime, error: str | None = None
) -> bool:
    """Mark a claimed job finished. Fenced: does nothing if another worker took the lease over.

    A job asked to run again while it ran (``rerun``) goes back to pending instead of done.
    """
    next_state = case((jobs.c.rerun.is_(True), JobState.PENDING.value), else_=state.value)
    result = await conn.execute(
        update(jobs)
        .where(jobs.c.id == job.id, jobs.c.leased_by == job.leased_by, jobs.c.state == JobState.RUNNING.value)
        .values(
            state=next_state,
            attempts=case((jobs.c.rerun.is_(True), 0), else_=jobs.c.attempts),
            due_at=case((jobs.c.rerun.is_(True), now), else_=jobs.c.due_at),
            rerun=False,
            lease_until=None,
            leased_by=None,
            last_error=error[:500] if error else None,
            updated_at=now,
            finished_at=case((jobs.c.rerun.is_(True), None), else_=now),
        )
    )
    return bool(result.rowcount)


async def retry_later(
    conn: AsyncConnection,
    job: Job,
    due_at: dt.datetime,
    now: dt.datetime,
    error: str,
    *,
    counted: bool = True,
) -> bool:
    """Give the job back to the queue, to run again at ``due_at``. Fenced like ``finish``.

    A try that was not ``counted`` (the far end asked us to slow down) gives its attempt back."""
    result = await conn.execute(
        update(jobs)
        .where(jobs.c.id == job.id, jobs.c.leased_by == job.leased_by, jobs.c.state == JobState.RUNNING.value)
        .values(
            state=JobState.PENDING.value,
            due_at=due_at,
            attempts=jobs.c.attempts if counted else jobs.c.attempts - 1,
            rerun=False,
            lease_until=None,
            leased_by=None,
            last_error=error[:500],
            updated_at=now,
        )
    )
    return bool(result.rowcount)


async def list_jobs(conn: AsyncConnection, states: tuple[JobState, ...], limit: int = 200) -> list[Any]:
    rows = await conn.execute(
        select(jobs).where(jobs.c.state.in_([s.value for s in states])).order_by(jobs.c.due_at).limit(limit)
    )
    return list(rows.all())


class SqlJobs(JobRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def enqueue(
        self,
        key: str,
        kind: str,
        due_at: dt.datetime,
        now: dt.datetime,
        payload: dict[str, Any] | None = None,
        window_id: int | None = None,
        *,
        rerun: bool = False,
    ) -> None:
        await enqueue(self._conn, key, kind, due_at, now, payload, window_id, rerun=rerun)

    async def cancel(self, now: dt.datetime, *keys: str, prefix: str | None = None) -> int:
        return await cancel(self._conn, now, *keys, prefix=prefix)

    async def finish(self, job: Job, state: JobState, now: dt.datetime, error: str | None = None) -> bool:
        return await finish(self._conn, job, state, now, error)

    async def list(self, states: tuple[JobState, ...], limit: int = 200) -> list[JobInfo]:
        return [
            JobInfo(r.kind, JobState(r.state), r.due_at, r.last_error)
            for r in await list_jobs(self._conn, states, limit)
        ]
