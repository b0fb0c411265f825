"""Forgetting one person, second part: the record the routine requires to be kept stays, with the
person's address, names and Teams ids replaced by their pseudonym (``Person.alias``).

Each step returns how many rows it changed. Rows are found by the person-valued columns or by a
text that mentions the person (``Person.terms``); other people in the same rows stay as they are.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.privacy.person import Person
from bot.store.privacy.rewrite import mentions, rewrite
from bot.store.tables import (
    area_assignments,
    audit,
    channels,
    decisions,
    jobs,
    messages,
    participants,
    prompts,
    results,
    rounds,
    texts,
    windows,
)


async def participants_of(conn: AsyncConnection, person: Person) -> int:
    """Their participation in windows, as tester, substitute or covering tester: who took part
    stays in the record, under the pseudonym (name and e-mail alike)."""
    email, alias = person.email, person.alias
    rows = await conn.execute(
        select(participants).where(
            or_(
                participants.c.email == email,
                participants.c.substitute_email == email,
                participants.c.covered_by_email == email,
            )
        )
    )
    changed = 0
    for p in rows.all():
        values: dict[str, Any] = {}
        if p.email == email:
            values.update(email=alias, name=alias)
        if p.substitute_email == email:
            values.update(substitute_email=alias, substitute_name=alias)
        if p.covered_by_email == email:
            values.update(covered_by_email=alias, covered_by_name=alias)
        await conn.execute(update(participants).where(participants.c.id == p.id).values(**values))
        changed += 1
    return changed


async def prompts_of(conn: AsyncConnection, person: Person) -> int:
    """The check-in prompts sent to them and answers that mention them: the answers are the record."""
    terms, scrub = person.terms, person.scrub
    return await rewrite(
        conn,
        prompts,
        or_(
            prompts.c.recipient_email == person.email,
            mentions(prompts.c.answer, terms),
            mentions(prompts.c.message_key, terms),
        ),
        {"recipient_email": person.to, "answer": scrub.value, "message_key": scrub.text},
    )


async def results_of(conn: AsyncConnection, person: Person) -> int:
    """Test results they reported, and comments that mention them: the results are the record."""
    return await rewrite(
        conn,
        results,
        or_(results.c.tester_email == person.email, mentions(results.c.comment, person.terms)),
        {"tester_email": person.to, "comment": person.scrub.text},
    )


async def other_records_of(conn: AsyncConnection, person: Person) -> int:
    """Who did what: area assignments (to them or by them), rounds they started, windows they
    created, channels and texts they set. The acts stay; the actor becomes the pseudonym."""
    ids, to = person.ids, person.to
    changed = await _assignments_of(conn, person)
    changed += await rewrite(conn, rounds, rounds.c.started_by.in_(ids), {"started_by": to})
    # The supplier's decisions: who decided becomes the pseudonym; the decision and its time stay.
    changed += await rewrite(
        conn,
        decisions,
        decisions.c.actor.in_(ids),
        {"actor": to, "actor_name": lambda _v: person.alias, "comment": person.scrub.text},
    )
    changed += await rewrite(conn, windows, windows.c.created_by.in_(ids), {"created_by": to})
    changed += await rewrite(conn, channels, channels.c.set_by.in_(ids), {"set_by": to})
    changed += await rewrite(conn, texts, texts.c.updated_by.in_(ids), {"updated_by": to}, key="key")
    return changed


async def _assignments_of(conn: AsyncConnection, person: Person) -> int:
    """Area assignments to them (e-mail and name) or by them (assigned_by); every such row counts."""
    email, alias = person.email, person.alias
    rows = await conn.execute(
        select(area_assignments).where(
            or_(area_assignments.c.email == email, area_assignments.c.assigned_by.in_(person.ids))
        )
    )
    changed = 0
    for a in rows.all():
        await conn.execute(
            update(area_assignments)
            .where(area_assignments.c.id == a.id)
            .values(
                email=alias if a.email == email else a.email,
                name=alias if a.email == email else a.name,
                assigned_by=person.to(a.assigned_by),
            )
        )
        changed += 1
    return changed


async def messages_of(conn: AsyncConnection, person: Person) -> int:
    """Messages sent to them or mentioning them: what was sent, when, stays in the record."""
    terms, scrub = person.terms, person.scrub
    return await rewrite(
        conn,
        messages,
        or_(
            messages.c.recipient_email == person.email,
            mentions(messages.c.content, terms),
            mentions(messages.c.key, terms),
        ),
        {"recipient_email": person.to, "key": scrub.text, "content": scrub.value, "error": scrub.optional},
    )


async def jobs_of(conn: AsyncConnection, person: Person) -> int:
    """The jobs left whose key or payload mentions them (``erase`` deleted only finished ones outside
    windows): the mention is scrubbed. Not reported to the operator, so not counted by ``forget``."""
    terms, scrub = person.terms, person.scrub
    return await rewrite(
        conn,
        jobs,
        or_(mentions(jobs.c.payload, terms), mentions(jobs.c.key, terms)),
        {"key": scrub.text, "payload": scrub.value, "last_error": scrub.optional},
    )


async def audit_of(conn: AsyncConnection, person: Person) -> int:
    """Audit rows by them or mentioning them: only the personal fields change (see the package)."""
    return await rewrite(
        conn,
        audit,
        or_(audit.c.actor.in_(person.ids), mentions(audit.c.detail, person.terms)),
        {"actor": person.to, "detail": person.scrub.value},
    )
