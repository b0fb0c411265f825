"""The unit of work on SQLAlchemy: one database transaction, the repositories bound to it, and
jobs written in it announced to the worker after commit. Implements ``bot.services.ports.uow``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.services.ports import uow as port
from bot.store.decisions import SqlDecisions
from bot.store.identities import SqlIdentities
from bot.store.jobs import SqlJobs
from bot.store.managers import SqlManagers
from bot.store.outbox import SqlOutbox
from bot.store.participants import SqlParticipants
from bot.store.people import SqlPeople
from bot.store.privacy.repository import SqlPrivacy
from bot.store.prompts import SqlPrompts
from bot.store.records import SqlAudit, SqlChannels, SqlInbound, SqlTexts
from bot.store.reports import SqlRecordReads
from bot.store.rounds import SqlRounds
from bot.store.windows import SqlAssignments, SqlWindows

# SQLite's busy_timeout, for the wait on this process's own write lock (see UnitOfWorkFactory).
SQLITE_LOCK_SECONDS = 30.0


class UnitOfWork(port.UnitOfWork):
    """``async with uow_factory() as uow: ... uow.windows ...`` commits on success, rolls back on
    error. ``conn`` is for the store's own workers (delivery, the job runner), not for services."""

    def __init__(
        self,
        engine: AsyncEngine,
        after_commit: Callable[[], None] | None = None,
        write_lock: asyncio.Lock | None = None,
    ) -> None:
        self._engine = engine
        self._after_commit = after_commit
        self._write_lock = write_lock
        self._conn: AsyncConnection | None = None

    @property
    def conn(self) -> AsyncConnection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._conn

    async def __aenter__(self) -> UnitOfWork:
        if self._write_lock is not None:
            await asyncio.wait_for(self._write_lock.acquire(), SQLITE_LOCK_SECONDS)
        try:
            self._conn = await self._engine.connect()
            await self._conn.begin()
            self._bind(self._conn)
        except BaseException:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None
            if self._write_lock is not None:
                self._write_lock.release()
            raise
        return self

    def _bind(self, conn: AsyncConnection) -> None:
        self.windows = SqlWindows(conn)
        self.participants = SqlParticipants(conn)
        self.prompts = SqlPrompts(conn)
        self.rounds = SqlRounds(conn)
        self.assignments = SqlAssignments(conn)
        self.decisions = SqlDecisions(conn)
        self.outbox = SqlOutbox(conn)
        self.jobs = SqlJobs(conn)
        self.audit = SqlAudit(conn)
        self.inbound = SqlInbound(conn)
        self.channels = SqlChannels(conn)
        self.texts = SqlTexts(conn)
        self.people = SqlPeople(conn)
        self.identities = SqlIdentities(conn)
        self.managers = SqlManagers(conn)
        self.reports = SqlRecordReads(conn)
        self.privacy = SqlPrivacy(conn)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn = self.conn
        try:
            if exc_type is None:
                await conn.commit()
            else:
                await conn.rollback()
        finally:
            try:
                await conn.close()
            finally:
                self._conn = None
                if self._write_lock is not None:
                    self._write_lock.release()
        if exc_type is None and self._after_commit is not None:
            self._after_commit()


class UnitOfWorkFactory:
    """Makes units of work on one engine.

    On SQLite every transaction takes the database's write lock at BEGIN (``BEGIN IMMEDIATE``), so
    only one runs at a time anyway. Waiting for it in SQLite's busy handler is slow under load: a
    waiter sleeps 1, 2, 5 ... up to 100 ms between tries, so with dozens of tasks waiting the lock
    sits free while they sleep (a burst of answers and the delivery worker's 64 tasks queue up for
    seconds). The factory therefore hands this process's transactions the lock in turn, first come
    first served, with an asyncio lock; SQLite's busy timeout still guards against other processes.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.after_commit: Callable[[], None] | None = None
        self._write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.after_commit, self._write_lock)
