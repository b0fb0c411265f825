"""What each kind of job carries: one small dataclass per timer, written when the job is enqueued
and read back by its handler, instead of loose dictionaries.

The job table stores the payload as JSON; ``to_dict`` writes it, ``of`` reads a job's payload
back, taking only the fields the class has (a field added later has a default, so old rows read).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Self

from bot.services.ports import Job


class Payload:
    def to_dict(self) -> dict[str, Any]:
        assert dataclasses.is_dataclass(self)
        return dataclasses.asdict(self)

    @classmethod
    def of(cls, job: Job) -> Self:
        assert dataclasses.is_dataclass(cls)
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in job.payload.items() if k in names})


@dataclass(frozen=True)
class WindowTimer(Payload):
    """A timer about one window: the notice, the reminder, the board's refresh. ``day`` is the
    window's date when the timer was set: a timer set for a window since moved does nothing."""

    window: int
    day: str | None = None


@dataclass(frozen=True)
class CheckinBatch(Payload):
    window: int
    actor: str = "bot"


@dataclass(frozen=True)
class CheckinTimeout(Payload):
    window: int
    participant: int
    stage: str  # "tester" or "sub"
    prompt: str | None = None


@dataclass(frozen=True)
class ChecklistReminder(Payload):
    prompt: str
    stage: int = 1  # 1: remind the tester; 2: tell the admin


@dataclass(frozen=True)
class Email(Payload):
    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class Retention(Payload):
    date: str


@dataclass(frozen=True)
class SyncTeam(Payload):
    service_url: str
    team_id: str
    tenant_id: str | None = None
