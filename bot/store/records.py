"""Small append-only records: the audit trail, inbound de-duplication, channels and texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.audit import AuditKind
from bot.services.ports.records import (
    AuditRepository,
    Channel,
    ChannelRepository,
    InboundRepository,
    TextRepository,
)
from bot.store.tables import audit, channels, inbound, texts


async def record(
    conn: AsyncConnection,
    now: dt.datetime,
    actor: str,
    kind: str,
    detail: dict[str, Any] | None = None,
    window_id: int | None = None,
) -> None:
    """Append to the audit trail. Nothing in it is ever updated or deleted by the bot's flows; the one
    exception, documented in ``bot.store.privacy``, is data protection replacing names by pseudonyms."""
    await conn.execute(
        audit.insert().values(window_id=window_id, at=now, actor=actor, kind=kind, detail=detail or {})
    )


async def audit_rows(
    conn: AsyncConnection, window_id: int | None = None, kind: str | None = None
) -> list[Any]:
    query = select(audit)
    if window_id is not None:
        query = query.where(audit.c.window_id == window_id)
    if kind is not None:
        query = query.where(audit.c.kind == kind)
    return list((await conn.execute(query.order_by(audit.c.id))).all())


async def first_time(conn: AsyncConnection, key: str, now: dt.datetime) -> bool:
    """True the first time ``key`` is seen; False for a resend. Part of the caller's transaction,
    so an activity whose handling fails is not marked as seen."""
    insert = pg_insert(inbound) if conn.dialect.name == "postgresql" else sqlite_insert(inbound)
    result = await conn.execute(
        insert.values(key=key[:300], at=now).on_conflict_do_nothing(index_elements=["key"])
    )
    return bool(result.rowcount)


async def get_channel(conn: AsyncConnection, purpose: str) -> Any | None:
    return (await conn.execute(select(channels).where(channels.c.purpose == purpose))).first()


async def set_channel(
    conn: AsyncConnection,
    purpose: str,
    conversation_id: str,
    service_url: str,
    tenant_id: str | None,
    team_id: str | None,
    set_by: str,
    now: dt.datetime,
) -> None:
    values = {
        "conversation_id": conversation_id,
        "service_url": service_url,
        "tenant_id": tenant_id,
        "team_id": team_id,
        "set_by": set_by,
        "set_at": now,
    }
    if await get_channel(conn, purpose) is None:
        await conn.execute(channels.insert().values(purpose=purpose, **values))
    else:
        await conn.execute(update(channels).where(channels.c.purpose == purpose).values(**values))


async def get_text(conn: AsyncConnection, key: str) -> str | None:
    row = (await conn.execute(select(texts.c.value).where(texts.c.key == key))).first()
    return None if row is None else str(row[0])


async def set_text(conn: AsyncConnection, key: str, value: str, by: str, now: dt.datetime) -> None:
    if await get_text(conn, key) is None:
        await conn.execute(texts.insert().values(key=key, value=value, updated_by=by, updated_at=now))
    else:
        await conn.execute(
            update(texts).where(texts.c.key == key).values(value=value, updated_by=by, updated_at=now)
        )


class SqlAudit(AuditRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def record(
        self,
        now: dt.datetime,
        actor: str,
        kind: AuditKind,
        detail: dict[str, Any] | None = None,
        window_id: int | None = None,
    ) -> None:
        await record(self._conn, now, actor, kind, detail, window_id)


class SqlInbound(InboundRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def first_time(self, key: str, now: dt.datetime) -> bool:
        return await first_time(self._conn, key, now)


class SqlChannels(ChannelRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get(self, purpose: str) -> Channel | None:
        row = await get_channel(self._conn, purpose)
        if row is None:
            return None
        return Channel(row.purpose, row.conversation_id, row.service_url, row.tenant_id, row.team_id)

    async def set(
        self,
        purpose: str,
        conversation_id: str,
        service_url: str,
        tenant_id: str | None,
        team_id: str | None,
        set_by: str,
        now: dt.datetime,
    ) -> None:
        await set_channel(self._conn, purpose, conversation_id, service_url, tenant_id, team_id, set_by, now)


class SqlTexts(TextRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def get(self, key: str) -> str | None:
        return await get_text(self._conn, key)

    async def set(self, key: str, value: str, by: str, now: dt.datetime) -> None:
        await set_text(self._conn, key, value, by, now)
