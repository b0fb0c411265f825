"""Who the database knows: the people whose names and addresses the pseudonyms must cover."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.tables import (
    area_assignments,
    audit,
    decisions,
    identities,
    managers,
    messages,
    participants,
    people,
    prompts,
    results,
    rounds,
    windows,
)


async def known_people(conn: AsyncConnection) -> list[tuple[str | None, str | None]]:
    """Every (e-mail, name) pair the database knows, from every table that holds one."""
    pairs: list[tuple[str | None, str | None]] = []
    queries = [
        select(people.c.email, people.c.name),
        select(people.c.substitute_email, people.c.substitute_name),
        select(identities.c.email, identities.c.name),
        select(managers.c.email, managers.c.name),
        select(participants.c.email, participants.c.name),
        select(participants.c.substitute_email, participants.c.substitute_name),
        select(participants.c.covered_by_email, participants.c.covered_by_name),
        select(area_assignments.c.email, area_assignments.c.name),
        select(decisions.c.actor, decisions.c.actor_name),
    ]
    for query in queries:
        pairs += [(r[0], r[1]) for r in (await conn.execute(query)).all()]
    return pairs


async def window_people(conn: AsyncConnection, window_id: int) -> list[tuple[str | None, str | None]]:
    """(e-mail or id, None) for every person-valued column of one window without a name beside it."""
    pairs: list[tuple[str | None, str | None]] = []
    for query in (
        select(prompts.c.recipient_email).where(prompts.c.window_id == window_id),
        select(results.c.tester_email).where(results.c.window_id == window_id),
        select(rounds.c.started_by).where(rounds.c.window_id == window_id),
        select(area_assignments.c.assigned_by).where(area_assignments.c.window_id == window_id),
        select(windows.c.created_by).where(windows.c.id == window_id),
        select(messages.c.recipient_email).where(messages.c.window_id == window_id),
        select(audit.c.actor).where(audit.c.window_id == window_id),
    ):
        pairs += [(r[0], None) for r in (await conn.execute(query)).all()]
    return pairs


async def user_ids_of(conn: AsyncConnection, email: str) -> list[str]:
    """The Teams user ids known for an e-mail address."""
    rows = await conn.execute(select(identities.c.user_id).where(identities.c.email == email))
    return [r[0] for r in rows.all()]
