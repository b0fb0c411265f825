"""Ports the services depend on: the clock and the things outside the process."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.store.jobs import Job


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


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
JobHandler = Callable[["Job"], Awaitable[Outcome]]


def backoff(attempts: int, cap: float = 60.0) -> float:
    """Exponential backoff with full jitter: 1, 2, 4 ... seconds, at most ``cap``."""
    return random.uniform(0.5, 1.0) * min(cap, 2.0 ** max(0, attempts - 1))
