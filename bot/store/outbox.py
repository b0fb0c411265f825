"""The outbox: the desired content of every message the bot owns, and its delivery state.

``put`` records what a message should say and schedules a delivery job in the caller's
transaction; the worker then creates the message in Teams, or updates it in place when it
already exists. Putting the same content twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.services.ports.outbox import DELIVER, Message, MessageState, OutboxRepository, delivery_job_key
from bot.store import jobs as jobstore
from bot.store.tables import messages

__all__ = ["DELIVER", "Message", "MessageState", "SqlOutbox", "delivery_job_key"]

def _to_message(row: Any) -> Message:
    return Message(
        id=row.id,
        key=row.key,
        recipient_email=row.recipient_email,
        channel_purpose=row.channel_purpose,
        purpose=row.purpose,
        content=row.content,
        version=row.version,
        sent_version=row.sent_version,
        state=MessageState(row.state),
        service_url=row.service_url,
        conversation_id=row.conversation_id,
        activity_id=row.activity_id,
        window_id=row.window_id,
    )


async def get(conn: AsyncConnection, key: str) -> Message | None:
    row = (await conn.execute(select(messages).where(messages.c.key == key))).first()
    return None if row is None else _to_message(row)


async def put(
    conn: AsyncConnection,
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
) -> bool:
    """Make message ``key`` say ``content``. Returns True if anything is to be delivered.

    The target is a person (by e-mail), a channel (by purpose), or a conversation given
    directly as (service_url, conversation_id), which is how replies reach people not yet known.
    """
    if sum(x is not None for x in (recipient_email, channel_purpose, conversation)) != 1:
        raise ValueError("a message goes to exactly one person, channel or conversation")
    existing = (await conn.execute(select(messages).where(messages.c.key == key))).first()
    if existing is None:
        await _insert(
            conn,
            key,
            content,
            now,
            purpose=purpose,
            recipient_email=recipient_email,
            channel_purpose=channel_purpose,
            conversation=conversation,
            window_id=window_id,
        )
    elif existing.content == content and existing.state != MessageState.CANCELLED.value:
        return False
    else:
        await _new_version(conn, existing.id, content, now)
    # Messages in one lane (one recipient) are delivered in the order they were put.
    lane = lane or recipient_email or channel_purpose or (conversation[1] if conversation else key)
    await jobstore.enqueue(
        conn,
        delivery_job_key(key),
        DELIVER,
        due_at or now,
        now,
        {"message": key, "lane": lane},
        window_id,
        rerun=True,
    )
    return True


async def _insert(
    conn: AsyncConnection,
    key: str,
    content: dict[str, Any],
    now: dt.datetime,
    *,
    purpose: str,
    recipient_email: str | None,
    channel_purpose: str | None,
    conversation: tuple[str, str] | None,
    window_id: int | None,
) -> None:
    await conn.execute(
        messages.insert().values(
            key=key,
            recipient_email=recipient_email,
            channel_purpose=channel_purpose,
            service_url=conversation[0] if conversation else None,
            conversation_id=conversation[1] if conversation else None,
            purpose=purpose,
            content=content,
            version=1,
            sent_version=0,
            state=MessageState.PENDING.value,
            window_id=window_id,
            created_at=now,
            updated_at=now,
        )
    )


async def _new_version(
    conn: AsyncConnection, message_id: int, content: dict[str, Any], now: dt.datetime
) -> None:
    """New content for a message: delivered again (also if it was cancelled)."""
    await conn.execute(
        update(messages)
        .where(messages.c.id == message_id)
        .values(
            content=content,
            version=messages.c.version + 1,
            state=MessageState.PENDING.value,
            error=None,
            updated_at=now,
        )
    )


async def exists(conn: AsyncConnection, *, prefix: str) -> bool:
    query = select(messages.c.id).where(messages.c.key.startswith(prefix, autoescape=True)).limit(1)
    return (await conn.execute(query)).first() is not None


async def mark_shown(conn: AsyncConnection, key: str, content: dict[str, Any], now: dt.datetime) -> None:
    """Record that Teams already shows ``content`` (the invoke response replaced the card)."""
    await conn.execute(
        update(messages)
        .where(messages.c.key == key)
        .values(
            content=content,
            version=messages.c.version + 1,
            sent_version=messages.c.version + 1,
            updated_at=now,
        )
    )


async def cancel(conn: AsyncConnection, key: str, now: dt.datetime) -> bool:
    """Withdraw a message not yet delivered. Returns False if it already went out."""
    result = await conn.execute(
        update(messages)
        .where(messages.c.key == key, messages.c.activity_id.is_(None))
        .values(state=MessageState.CANCELLED.value, updated_at=now)
    )
    await jobstore.cancel(conn, now, delivery_job_key(key))
    return bool(result.rowcount)


async def record_sent(
    conn: AsyncConnection,
    key: str,
    version: int,
    conversation_id: str,
    activity_id: str | None,
    now: dt.datetime,
) -> None:
    values: dict[str, Any] = {
        "sent_version": version,
        "conversation_id": conversation_id,
        "state": MessageState.SENT.value,
        "error": None,
        "updated_at": now,
        "delivered_at": now,
    }
    if activity_id:
        values["activity_id"] = activity_id
    await conn.execute(update(messages).where(messages.c.key == key).values(**values))


async def record_dead(conn: AsyncConnection, key: str, error: str, now: dt.datetime) -> None:
    await conn.execute(
        update(messages)
        .where(messages.c.key == key)
        .values(state=MessageState.DEAD.value, error=error[:500], updated_at=now)
    )


async def for_recipient(conn: AsyncConnection, email: str, window_id: int | None = None) -> list[Message]:
    query = select(messages).where(messages.c.recipient_email == email)
    if window_id is not None:
        query = query.where(messages.c.window_id == window_id)
    return [_to_message(r) for r in (await conn.execute(query.order_by(messages.c.id))).all()]


class SqlOutbox(OutboxRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get(self, key: str) -> Message | None:
        return await get(self._conn, key)

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
    ) -> bool:
        return await put(
            self._conn,
            key,
            content,
            now,
            purpose=purpose,
            recipient_email=recipient_email,
            channel_purpose=channel_purpose,
            conversation=conversation,
            window_id=window_id,
            due_at=due_at,
            lane=lane,
        )

    async def exists(self, *, prefix: str) -> bool:
        return await exists(self._conn, prefix=prefix)

    async def mark_shown(self, key: str, content: dict[str, Any], now: dt.datetime) -> None:
        await mark_shown(self._conn, key, content, now)

    async def cancel(self, key: str, now: dt.datetime) -> bool:
        return await cancel(self._conn, key, now)
