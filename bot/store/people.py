"""Roster repository: people, their areas, clients and substitutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.people import (
    Person,
    Role,
    Substitute,
    decode_areas,
    decode_clients,
    encode_areas,
    encode_clients,
)
from bot.services.ports.records import PeopleRepository
from bot.store.tables import people


def _to_person(row: Any) -> Person:
    sub = Substitute(row.substitute_name, row.substitute_email) if row.substitute_email else None
    return Person(
        email=row.email,
        name=row.name,
        role=Role(row.role),
        areas=decode_areas(row.areas),
        clients=decode_clients(row.clients),
        substitute=sub,
    )


def _values(p: Person) -> dict[str, Any]:
    return {
        "name": p.name,
        "role": p.role.value,
        "areas": encode_areas(p.areas),
        "clients": encode_clients(p.clients),
        "substitute_name": p.substitute.name if p.substitute else None,
        "substitute_email": p.substitute.email if p.substitute else None,
    }


async def all_people(conn: AsyncConnection) -> list[Person]:
    rows = await conn.execute(select(people).order_by(people.c.role, people.c.name))
    return [_to_person(r) for r in rows.all()]


async def get(conn: AsyncConnection, email: str) -> Person | None:
    row = (await conn.execute(select(people).where(people.c.email == email.lower()))).first()
    return None if row is None else _to_person(row)


async def admins(conn: AsyncConnection) -> list[Person]:
    rows = await conn.execute(select(people).where(people.c.role == Role.ADMIN.value))
    return [_to_person(r) for r in rows.all()]


async def replace_all(
    conn: AsyncConnection, roster: Iterable[Person], now: dt.datetime
) -> tuple[int, int, int]:
    """Make the roster equal to ``roster``. Returns (added, changed, removed); unchanged rows are
    not touched, so importing the same file twice changes nothing."""
    current = {p.email: p for p in await all_people(conn)}
    wanted = {p.email: p for p in roster}
    added = changed = 0
    for email, person in wanted.items():
        old = current.get(email)
        if old is None:
            await conn.execute(
                people.insert().values(email=email, created_at=now, updated_at=now, **_values(person))
            )
            added += 1
        elif old != person:
            await conn.execute(
                update(people).where(people.c.email == email).values(updated_at=now, **_values(person))
            )
            changed += 1
    removed_emails = [e for e in current if e not in wanted]
    if removed_emails:
        await conn.execute(delete(people).where(people.c.email.in_(removed_emails)))
    return added, changed, len(removed_emails)


async def set_substitute(conn: AsyncConnection, email: str, substitute: Substitute, now: dt.datetime) -> None:
    await conn.execute(
        update(people)
        .where(people.c.email == email)
        .values(substitute_name=substitute.name, substitute_email=substitute.email, updated_at=now)
    )


class SqlPeople(PeopleRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def all(self) -> list[Person]:
        return await all_people(self._conn)

    async def get(self, email: str) -> Person | None:
        return await get(self._conn, email)

    async def admins(self) -> list[Person]:
        return await admins(self._conn)

    async def replace_all(self, roster: Iterable[Person], now: dt.datetime) -> tuple[int, int, int]:
        return await replace_all(self._conn, roster, now)

    async def set_substitute(self, email: str, substitute: Substitute, now: dt.datetime) -> None:
        await set_substitute(self._conn, email, substitute, now)
