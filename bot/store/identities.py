"""Teams identities: who a Teams user is, and where the bot can write to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import alias, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.services.ports.records import Identity, IdentityRepository
from bot.store.tables import identities

__all__ = [
    "Identity",
    "SqlIdentities",
    "by_email",
    "by_user_id",
    "set_conversation",
    "set_unreachable",
    "upsert",
]


def _to_identity(row: Any) -> Identity:
    return Identity(
        user_id=row.user_id,
        aad_object_id=row.aad_object_id,
        email=row.email,
        name=row.name,
        tenant_id=row.tenant_id,
        service_url=row.service_url,
        conversation_id=row.conversation_id,
        locale=row.locale,
        timezone=row.timezone,
        reachable=row.reachable,
    )


async def by_user_id(conn: AsyncConnection, user_id: str) -> Identity | None:
    row = (await conn.execute(select(identities).where(identities.c.user_id == user_id))).first()
    return None if row is None else _to_identity(row)


async def by_email(conn: AsyncConnection, email: str) -> Identity | None:
    """The most recently seen Teams identity with this e-mail address."""
    row = (
        await conn.execute(
            select(identities)
            .where(identities.c.email == email.lower())
            .order_by(identities.c.updated_at.desc(), identities.c.id.desc())
            .limit(1)
        )
    ).first()
    return None if row is None else _to_identity(row)


async def upsert(conn: AsyncConnection, user_id: str, now: dt.datetime, **fields: Any) -> None:
    """Create or update an identity; ``None`` values leave what is known untouched.

    One statement (INSERT ... ON CONFLICT), so two first turns of one person at the same moment
    cannot both insert.
    """
    values = {k: v for k, v in fields.items() if v is not None}
    if "email" in values:
        values["email"] = str(values["email"]).lower()
    stmt = _upsert_statement(conn.dialect.name, tuple(sorted(values)))
    await conn.execute(stmt, {"user_id": user_id, "reachable": True, "updated_at": now, **values})


# Built once per dialect and set of fields, then run with new values: every turn upserts its
# sender, and building the statement (with ``stmt.excluded``, a new alias of the table column by
# column) cost more than running it.
_UPSERTS: dict[tuple[str, tuple[str, ...]], Any] = {}


def _upsert_statement(dialect: str, fields: tuple[str, ...]) -> Any:
    stmt = _UPSERTS.get((dialect, fields))
    if stmt is None:
        insert = pg_insert(identities) if dialect == "postgresql" else sqlite_insert(identities)
        names = ("user_id", "reachable", "updated_at", *fields)
        stmt = insert.values({n: bindparam(n, type_=identities.c[n].type) for n in names})
        excluded = alias(identities, name="excluded")
        stmt = stmt.on_conflict_do_update(
            index_elements=[identities.c.user_id],
            set_={n: excluded.c[n] for n in ("updated_at", *fields)},
        )
        _UPSERTS[(dialect, fields)] = stmt
    return stmt


async def set_conversation(
    conn: AsyncConnection, user_id: str, conversation_id: str, now: dt.datetime
) -> None:
    await conn.execute(
        update(identities)
        .where(identities.c.user_id == user_id)
        .values(conversation_id=conversation_id, reachable=True, updated_at=now)
    )


async def set_unreachable(conn: AsyncConnection, user_id: str, _now: dt.datetime) -> None:
    await conn.execute(update(identities).where(identities.c.user_id == user_id).values(reachable=False))


class SqlIdentities(IdentityRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def by_user_id(self, user_id: str) -> Identity | None:
        return await by_user_id(self._conn, user_id)

    async def by_email(self, email: str) -> Identity | None:
        return await by_email(self._conn, email)

    async def upsert(
        self,
        user_id: str,
        now: dt.datetime,
        *,
        aad_object_id: str | None = None,
        email: str | None = None,
        name: str | None = None,
        tenant_id: str | None = None,
        service_url: str | None = None,
        conversation_id: str | None = None,
        locale: str | None = None,
        timezone: str | None = None,
    ) -> None:
        await upsert(
            self._conn,
            user_id,
            now,
            aad_object_id=aad_object_id,
            email=email,
            name=name,
            tenant_id=tenant_id,
            service_url=service_url,
            conversation_id=conversation_id,
            locale=locale,
            timezone=timezone,
        )
