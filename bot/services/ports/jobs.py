"""Jobs as the services see them: timers and deliveries in the database, and what a job handler
reports back to the runner."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class JobState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # gave up after retries
    DEAD = "dead"  # cannot succeed (e.g. the user blocked the bot)
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Job:
    id: int
    key: str
    kind: str
    payload: dict[str, Any]
    due_at: dt.datetime
    attempts: int
    leased_by: str | None
    window_id: int | None


@dataclass(frozen=True)
class JobInfo:
    """A job as the admin's ``jobb`` list shows it."""

    kind: str
    state: JobState
    due_at: dt.datetime
    last_error: str | None


class JobRepository(Protocol):
    """``uow.jobs``: timers written in the caller's transaction, idempotent by key."""

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
    ) -> None: ...

    async def cancel(self, now: dt.datetime, *keys: str, prefix: str | None = None) -> int: ...

    async def finish(self, job: Job, state: JobState, now: dt.datetime, error: str | None = None) -> bool: ...

    async def list(self, states: tuple[JobState, ...], limit: int = 200) -> list[JobInfo]: ...


# --- what a job handler reports back to the runner ---


@dataclass(frozen=True)
class Done:
    pass


@dataclass(frozen=True)
class Finished:
    """The handler already finished the job in its own transaction (exactly-once DB effects)."""


@dataclass(frozen=True)
class Retry:
    after_seconds: float
    error: str


@dataclass(frozen=True)
class Dead:
    error: str


Outcome = Done | Finished | Retry | Dead
JobHandler = Callable[[Job], Awaitable[Outcome]]


def backoff(attempts: int, cap: float = 60.0) -> float:
    """Exponential backoff with full jitter: 1, 2, 4 ... seconds, at most ``cap``."""
    return random.uniform(0.5, 1.0) * min(cap, 2.0 ** max(0, attempts - 1))
