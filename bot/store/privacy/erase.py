"""Forgetting one person, first part: what only serves to reach them is deleted or withdrawn.

Each step takes the person's (lower-cased) address; the record that must be kept is pseudonymised
afterwards, by ``bot.store.privacy.pseudonymise``.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.privacy.rewrite import FINISHED_JOBS, Counts, mentions
from bot.store.tables import (
    identities,
    inbound,
    jobs,
    managers,
    messages,
    participants,
    people,
    prompts,
    windows,
)


async def erase_chats(conn: AsyncConnection, email: str) -> None:
    """Their 1:1 chats: the conversation ids identify them, in the keys of received activities
    (deleted) and in the Teams addresses of messages sent to them (cleared)."""
    for conversation in await _conversations_of(conn, email):
        prefix = f"activity:{conversation}:"
        await conn.execute(delete(inbound).where(inbound.c.key.startswith(prefix, autoescape=True)))
        await conn.execute(
            update(messages)
            .where(messages.c.conversation_id == conversation)
            .values(conversation_id=None, service_url=None, activity_id=None)
        )


async def _conversations_of(conn: AsyncConnection, email: str) -> set[str]:
    """The Teams conversations known for the address, from their identities and their messages."""
    conversations = {
        r[0]
        for r in (
            await conn.execute(
                select(identities.c.conversation_id).where(
                    identities.c.email == email, identities.c.conversation_id.is_not(None)
                )
            )
        ).all()
    }
    conversations |= {
        r[0]
        for r in (
            await conn.execute(
                select(messages.c.conversation_id).where(
                    messages.c.recipient_email == email, messages.c.conversation_id.is_not(None)
                )
            )
        ).all()
    }
    return conversations


async def delete_contact_rows(conn: AsyncConnection, email: str, removed: Counts) -> None:
    """Their roster row, Teams identities and managers' list row: these only serve to reach them,
    so they are deleted outright (counted as people, identities, managers)."""
    removed.add(
        "people", int((await conn.execute(delete(people).where(people.c.email == email))).rowcount or 0)
    )
    removed.add(
        "identities",
        int((await conn.execute(delete(identities).where(identities.c.email == email))).rowcount or 0),
    )
    removed.add(
        "managers", int((await conn.execute(delete(managers).where(managers.c.email == email))).rowcount or 0)
    )


async def drop_as_substitute(conn: AsyncConnection, email: str) -> list[str]:
    """The roster no longer names them as anyone's substitute. Returns the names of the test
    resources who had them as substitute (the operator is told, so a new one can be chosen)."""
    substitute_of = [
        r[0]
        for r in (
            await conn.execute(
                select(people.c.name).where(people.c.substitute_email == email).order_by(people.c.name)
            )
        ).all()
    ]
    await conn.execute(
        update(people)
        .where(people.c.substitute_email == email)
        .values(substitute_name=None, substitute_email=None)
    )
    return substitute_of


async def leave_planned_windows(conn: AsyncConnection, email: str) -> int:
    """Windows that have not taken place: the person simply no longer takes part. Their
    participation and its prompts are deleted, and they stop being a substitute there; nothing of
    it belongs to a record yet. Returns how many windows they left."""
    planned = select(windows.c.id).where(windows.c.state == "planned")
    mine = (
        await conn.execute(
            select(participants.c.id, participants.c.window_id).where(
                participants.c.email == email, participants.c.window_id.in_(planned)
            )
        )
    ).all()
    if mine:
        ids_planned = [r.id for r in mine]
        await conn.execute(delete(prompts).where(prompts.c.participant_id.in_(ids_planned)))
        await conn.execute(delete(participants).where(participants.c.id.in_(ids_planned)))
    await conn.execute(
        update(participants)
        .where(participants.c.substitute_email == email, participants.c.window_id.in_(planned))
        .values(substitute_name=None, substitute_email=None)
    )
    return len({r.window_id for r in mine})


async def open_windows_of(conn: AsyncConnection, email: str) -> list[int]:
    """Nothing is erased here: the windows under way (check-in or testing) in which they take part
    or substitute, which the operator is told about since their record there is still being made."""
    under_way = select(windows.c.id).where(windows.c.state.in_(["checkin", "testing"]))
    rows = await conn.execute(
        select(participants.c.window_id).where(
            or_(participants.c.email == email, participants.c.substitute_email == email),
            participants.c.window_id.in_(under_way),
        )
    )
    return sorted({r[0] for r in rows.all()})


async def withdraw_pending_messages(conn: AsyncConnection, email: str) -> None:
    """Messages still to be sent to them are cancelled, with their pending delivery jobs: nothing
    more reaches them."""
    pending = (
        await conn.execute(
            select(messages.c.key).where(messages.c.recipient_email == email, messages.c.state == "pending")
        )
    ).all()
    for (key,) in pending:
        await conn.execute(update(messages).where(messages.c.key == key).values(state="cancelled"))
        await conn.execute(
            update(jobs)
            .where(jobs.c.key == f"deliver:{key}", jobs.c.state == "pending")
            .values(state="cancelled")
        )


async def delete_finished_jobs(conn: AsyncConnection, terms: list[str]) -> int:
    """Finished jobs outside any window whose payload mentions them: no record needs them, so they
    are deleted rather than pseudonymised. Returns how many."""
    result = await conn.execute(
        delete(jobs).where(
            jobs.c.state.in_(FINISHED_JOBS),
            jobs.c.window_id.is_(None),
            mentions(jobs.c.payload, terms),
        )
    )
    return int(result.rowcount or 0)
