"""An in-memory unit of work, so that handlers can be tested without a database.

``FakeUnitOfWorkFactory`` stands where ``bot.store.uow.UnitOfWorkFactory`` does (``Services.uow``).
Each ``async with factory() as uow:`` is one transaction on a shared ``FakeDatabase``: entering
takes a deep copy of every table, leaving with an exception restores it (rollback), leaving
normally keeps what was written (commit). Like the SQLite store, one transaction runs at a time
(others wait for it), and a unit of work opened inside another in the same task is an error
rather than the 30-second wait for the write lock it would be there. The repositories refuse to be
used after their unit of work has ended.

The repositories are in ``uow_day`` (windows, participants, prompts, assignments), ``uow_rounds``
(rounds, the supplier's decisions), ``uow_work`` (outbox, jobs) and ``uow_records`` (the rest);
``uow_db`` is the database itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import TracebackType

from bot.services.ports.uow import UnitOfWork
from tests.fakes.uow_day import FakeAssignments, FakeParticipants, FakePrompts, FakeWindows
from tests.fakes.uow_db import FakeDatabase, IntegrityError, Row, Session
from tests.fakes.uow_records import (
    FakeAudit,
    FakeChannels,
    FakeIdentities,
    FakeInbound,
    FakeManagers,
    FakePeople,
    FakePrivacy,
    FakeRecordReads,
    FakeTexts,
)
from tests.fakes.uow_rounds import FakeDecisions, FakeRounds
from tests.fakes.uow_work import FakeJobs, FakeOutbox

__all__ = ["FakeDatabase", "FakeUnitOfWork", "FakeUnitOfWorkFactory", "IntegrityError", "Row"]


class FakeUnitOfWork(UnitOfWork):
    # Narrower than the port's types, so tests reach the workers' extras (jobs.claim ...).
    windows: FakeWindows
    participants: FakeParticipants
    prompts: FakePrompts
    rounds: FakeRounds
    assignments: FakeAssignments
    decisions: FakeDecisions
    outbox: FakeOutbox
    jobs: FakeJobs
    audit: FakeAudit
    inbound: FakeInbound
    channels: FakeChannels
    texts: FakeTexts
    people: FakePeople
    identities: FakeIdentities
    managers: FakeManagers
    reports: FakeRecordReads
    privacy: FakePrivacy

    def __init__(
        self,
        db: FakeDatabase,
        lock: asyncio.Lock,
        holder: list[asyncio.Task[object] | None],
        after_commit: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self._lock = lock
        self._holder = holder
        self._after_commit = after_commit
        self._session: Session | None = None

    async def __aenter__(self) -> FakeUnitOfWork:
        task = asyncio.current_task()
        if self._lock.locked() and self._holder[0] is task:
            raise RuntimeError("a unit of work opened inside another one (SQLite would wait for its lock)")
        await self._lock.acquire()
        self._holder[0] = task
        self._snapshot = self.db.snapshot()
        self._session = session = Session(self.db)
        self.windows = FakeWindows(session)
        self.participants = FakeParticipants(session)
        self.prompts = FakePrompts(session)
        self.rounds = FakeRounds(session)
        self.assignments = FakeAssignments(session)
        self.decisions = FakeDecisions(session)
        self.outbox = FakeOutbox(session)
        self.jobs = FakeJobs(session)
        self.audit = FakeAudit(session)
        self.inbound = FakeInbound(session)
        self.channels = FakeChannels(session)
        self.texts = FakeTexts(session)
        self.people = FakePeople(session)
        self.identities = FakeIdentities(session)
        self.managers = FakeManagers(session)
        self.reports = FakeRecordReads(session)
        self.privacy = FakePrivacy(session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if exc_type is None:
                self.db.commits += 1
            else:
                self.db.restore(self._snapshot)
                self.db.rollbacks += 1
        finally:
            if self._session is not None:
                self._session.close()
            self._holder[0] = None
            self._lock.release()
        if exc_type is None and self._after_commit is not None:
            self._after_commit()


class FakeUnitOfWorkFactory:
    """``svc.uow``: makes units of work on one ``FakeDatabase`` (a new one unless given)."""

    def __init__(self, db: FakeDatabase | None = None) -> None:
        self.db = db if db is not None else FakeDatabase()
        self.after_commit: Callable[[], None] | None = None
        self._lock = asyncio.Lock()
        self._holder: list[asyncio.Task[object] | None] = [None]

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.db, self._lock, self._holder, self.after_commit)
