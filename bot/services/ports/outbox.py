"""The outbox as the services see it: the desired content of every message the bot owns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

# The job kind that delivers one outbox message.
DELIVER = "deliver"


class MessageState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Message:
    id: int
    key: str
    recipient_email: str | None
    channel_purpose: str | None
    purpose: str
    content: dict[str, Any]
    version: int
    sent_version: int
    state: MessageState
    service_url: str | None
    conversation_id: str | None
    activity_id: str | None
    window_id: int | None


def delivery_job_key(message_key: str) -> str:
    return f"{DELIVER}:{message_key}"


class OutboxRepository(Protocol):
    """``uow.outbox``: ``put`` records what a message should say and schedules its delivery in the
    caller's transaction; putting the same content twice changes nothing."""

    async def get(self, key: str) -> Message | None: ...

    async def put(
        self,
        key: str,
        content: dict[str, Any],
        now: dt.datetime,
        *,
        purpose: str,
        recipient_email: str | None = None,
        channel_purpose: str | None = None,
        conversation: tuple[str, str] | None = None,
        window_id: int | None = None,
        due_at: dt.datetime | None = None,
        lane: str | None = None,
    ) -> bool: ...

    async def exists(self, *, prefix: str) -> bool: ...

    async def mark_shown(self, key: str, content: dict[str, Any], now: dt.datetime) -> None: ...

    async def cancel(self, key: str, now: dt.datetime) -> bool: ...
