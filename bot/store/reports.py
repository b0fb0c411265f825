"""Reads for the record of a window: everything the report and the history are assembled from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.services.ports.records import RecordReads
from bot.store.tables import (
    area_assignments,
    audit,
    identities,
    jobs,
    messages,
    participants,
    people,
    prompts,
    results,
    rounds,
    windows,
)


async def window_row(conn: AsyncConnection, window_id: int) -> Any | None:
    return (await conn.execute(select(windows).where(windows.c.id == window_id))).first()


async def window_rows(conn: AsyncConnection) -> list[Any]:
    return list((await conn.execute(select(windows).order_by(windows.c.day, windows.c.id))).all())


async def participant_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    query = select(participants).where(participants.c.window_id == window_id).order_by(participants.c.id)
    return list((await conn.execute(query)).all())


async def round_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    return list(
        (
            await conn.execute(select(rounds).where(rounds.c.window_id == window_id).order_by(rounds.c.seq))
        ).all()
    )


async def result_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    return list(
        (
            await conn.execute(select(results).where(results.c.window_id == window_id).order_by(results.c.id))
        ).all()
    )


async def prompt_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    query = (
        select(prompts).where(prompts.c.window_id == window_id).order_by(prompts.c.created_at, prompts.c.id)
    )
    return list((await conn.execute(query)).all())


async def message_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    query = (
        select(messages)
        .where(messages.c.window_id == window_id)
        .order_by(messages.c.created_at, messages.c.id)
    )
    return list((await conn.execute(query)).all())


async def email_job_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    query = select(jobs).where(jobs.c.window_id == window_id, jobs.c.kind == "email").order_by(jobs.c.id)
    return list((await conn.execute(query)).all())


async def audit_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    return list(
        (await conn.execute(select(audit).where(audit.c.window_id == window_id).order_by(audit.c.id))).all()
    )


async def assignment_rows(conn: AsyncConnection, window_id: int) -> list[Any]:
    query = select(area_assignments).where(area_assignments.c.window_id == window_id)
    return list((await conn.execute(query)).all())


async def known_names(conn: AsyncConnection) -> dict[str, str]:
    """E-mail -> name from the roster and from Teams identities (the roster wins)."""
    names: dict[str, str] = {}
    for ident in (await conn.execute(select(identities.c.email, identities.c.name))).all():
        if ident.email and ident.name:
            names[ident.email.lower()] = ident.name
    roster = select(people.c.email, people.c.name, people.c.substitute_email, people.c.substitute_name)
    for person in (await conn.execute(roster)).all():
        if person.substitute_email and person.substitute_name:
            names.setdefault(person.substitute_email.lower(), person.substitute_name)
        names[person.email.lower()] = person.name
    return names


class SqlRecordReads(RecordReads):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def window_row(self, window_id: int) -> Any | None:
        return await window_row(self._conn, window_id)

    async def window_rows(self) -> list[Any]:
        return await window_rows(self._conn)

    async def participant_rows(self, window_id: int) -> list[Any]:
        return await participant_rows(self._conn, window_id)

    async def round_rows(self, window_id: int) -> list[Any]:
        return await round_rows(self._conn, window_id)

    async def result_rows(self, window_id: int) -> list[Any]:
        return await result_rows(self._conn, window_id)

    async def prompt_rows(self, window_id: int) -> list[Any]:
        return await prompt_rows(self._conn, window_id)

    async def message_rows(self, window_id: int) -> list[Any]:
        return await message_rows(self._conn, window_id)

    async def email_job_rows(self, window_id: int) -> list[Any]:
        return await email_job_rows(self._conn, window_id)

    async def audit_rows(self, window_id: int) -> list[Any]:
        return await audit_rows(self._conn, window_id)

    async def assignment_rows(self, window_id: int) -> list[Any]:
        return await assignment_rows(self._conn, window_id)

    async def known_names(self) -> dict[str, str]:
        return await known_names(self._conn)
