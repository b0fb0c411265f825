"""Retention: anonymising the records of windows past the retention period, and removing (or
anonymising) what belongs to no window once it is older than the period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.privacy import Pseudonyms, Scrubber, identity_map, mapper
from bot.store.privacy.inventory import window_people
from bot.store.privacy.rewrite import FINISHED_JOBS, Columns, Counts, rewrite
from bot.store.tables import (
    area_assignments,
    audit,
    decisions,
    identities,
    inbound,
    jobs,
    messages,
    participants,
    people,
    prompts,
    results,
    rounds,
    windows,
)

ANONYMISED = "privacy.window_anonymised"

To = Callable[[str | None], str | None]  # one e-mail/actor to its pseudonym


# --- one window --------------------------------------------------------------------------------


async def anonymise_window(
    conn: AsyncConnection,
    window_id: int,
    pseudonyms: Pseudonyms,
    everyone: list[tuple[str | None, str | None]],
) -> Counts:
    """Replace every name and e-mail address in one window's records by pseudonyms."""
    pairs = everyone + await window_people(conn, window_id)
    mapping = identity_map(pairs, pseudonyms)
    scrub = Scrubber(mapping, pseudonyms, all_emails=True)
    to = mapper(mapping, pseudonyms)
    counts = Counts()
    w = window_id
    counts.add("participants", await _anonymise_participants(conn, w, to, scrub))
    counts.add(
        "prompts",
        await rewrite(
            conn,
            prompts,
            prompts.c.window_id == w,
            {"recipient_email": to, "answer": scrub.value, "message_key": scrub.text},
        ),
    )
    counts.add(
        "results",
        await rewrite(conn, results, results.c.window_id == w, {"tester_email": to, "comment": scrub.text}),
    )
    counts.add("assignments", await _anonymise_assignments(conn, w, to))
    counts.add("rounds", await rewrite(conn, rounds, rounds.c.window_id == w, {"started_by": to}))
    counts.add(
        "decisions",
        await rewrite(
            conn,
            decisions,
            decisions.c.window_id == w,
            {"actor": to, "actor_name": scrub.text, "comment": scrub.text},
        ),
    )
    counts.add("windows", await rewrite(conn, windows, windows.c.id == w, {"created_by": to}))
    counts.add(
        "messages", await rewrite(conn, messages, messages.c.window_id == w, _message_columns(to, scrub))
    )
    counts.add(
        "jobs",
        await rewrite(
            conn,
            jobs,
            jobs.c.window_id == w,
            {"key": scrub.text, "payload": scrub.value, "last_error": scrub.optional},
        ),
    )
    counts.add(
        "audit", await rewrite(conn, audit, audit.c.window_id == w, {"actor": to, "detail": scrub.value})
    )
    return counts


async def _anonymise_participants(conn: AsyncConnection, window_id: int, to: To, scrub: Scrubber) -> int:
    """The window's participants, substitutes and covering testers. A name becomes the pseudonym of
    the e-mail beside it (so it matches everywhere); a name without an e-mail is scrubbed as text."""
    changed = 0
    rows = (await conn.execute(select(participants).where(participants.c.window_id == window_id))).all()
    for p in rows:
        values = {
            "email": to(p.email),
            "name": to(p.email),
            "substitute_email": to(p.substitute_email),
            "substitute_name": to(p.substitute_email)
            if p.substitute_email
            else scrub.optional(p.substitute_name),
            "covered_by_email": to(p.covered_by_email),
            "covered_by_name": to(p.covered_by_email)
            if p.covered_by_email
            else scrub.optional(p.covered_by_name),
        }
        if any(getattr(p, k) != v for k, v in values.items()):
            await conn.execute(update(participants).where(participants.c.id == p.id).values(**values))
            changed += 1
    return changed


async def _anonymise_assignments(conn: AsyncConnection, window_id: int, to: To) -> int:
    """Who tests which area in the window, and who assigned it: every row is rewritten."""
    assigned = (
        await conn.execute(select(area_assignments).where(area_assignments.c.window_id == window_id))
    ).all()
    for a in assigned:
        await conn.execute(
            update(area_assignments)
            .where(area_assignments.c.id == a.id)
            .values(email=to(a.email), name=to(a.email), assigned_by=to(a.assigned_by))
        )
    return len(assigned)


def _message_columns(to: To, scrub: Scrubber) -> Columns:
    """How a window's messages are anonymised: recipient, key, content and error are scrubbed."""
    return {
        "recipient_email": to,
        "key": scrub.text,
        "content": scrub.value,
        "error": scrub.optional,
        # Teams addresses (conversation and activity ids) only served delivery; they identify people.
        "conversation_id": lambda _v: None,
        "service_url": lambda _v: None,
        "activity_id": lambda _v: None,
    }


# --- what is due -------------------------------------------------------------------------------


async def windows_to_anonymise(conn: AsyncConnection, before: dt.date) -> list[int]:
    """Windows on days before ``before`` that have not been anonymised yet, oldest first."""
    done = select(audit.c.window_id).where(audit.c.kind == ANONYMISED, audit.c.window_id.is_not(None))
    rows = await conn.execute(
        select(windows.c.id).where(windows.c.day < before, windows.c.id.not_in(done)).order_by(windows.c.id)
    )
    return [r[0] for r in rows.all()]


def _stale_identity(cutoff: dt.datetime) -> ColumnElement[bool]:
    roster = select(people.c.email)
    substitutes = select(people.c.substitute_email).where(people.c.substitute_email.is_not(None))
    return and_(
        identities.c.updated_at < cutoff,
        or_(
            identities.c.email.is_(None),
            and_(identities.c.email.not_in(roster), identities.c.email.not_in(substitutes)),
        ),
    )


def _stale_audit(cutoff: dt.datetime) -> ColumnElement[bool]:
    return and_(
        audit.c.window_id.is_(None),
        audit.c.at < cutoff,
        audit.c.actor.not_in(["bot", "cli", "test", "system", ""]),
        audit.c.actor.not_like("person-%"),
    )


async def retention_due(conn: AsyncConnection, before: dt.date, cutoff: dt.datetime) -> bool:
    """Whether anything is older than the retention period and not yet anonymised or removed."""
    if await windows_to_anonymise(conn, before):
        return True
    checks = [
        select(messages.c.id).where(messages.c.window_id.is_(None), messages.c.created_at < cutoff).limit(1),
        select(identities.c.id).where(_stale_identity(cutoff)).limit(1),
        select(audit.c.id).where(_stale_audit(cutoff)).limit(1),
    ]
    for query in checks:
        if (await conn.execute(query)).first() is not None:
            return True
    return False


# --- outside windows ---------------------------------------------------------------------------


async def remove_stale(
    conn: AsyncConnection,
    cutoff: dt.datetime,
    pseudonyms: Pseudonyms,
    everyone: list[tuple[str | None, str | None]],
) -> Counts:
    """What belongs to no window and is older than the retention period: remove or anonymise it."""
    counts = Counts()
    counts.add("messages", await _delete_loose_messages(conn, cutoff))
    result = await conn.execute(delete(identities).where(_stale_identity(cutoff)))
    counts.add("identities", int(result.rowcount or 0))
    result = await conn.execute(
        delete(jobs).where(
            jobs.c.window_id.is_(None), jobs.c.state.in_(FINISHED_JOBS), jobs.c.updated_at < cutoff
        )
    )
    counts.add("jobs", int(result.rowcount or 0))
    result = await conn.execute(delete(inbound).where(inbound.c.at < cutoff))
    counts.add("inbound", int(result.rowcount or 0))
    mapping = identity_map(everyone, pseudonyms)
    scrub = Scrubber(mapping, pseudonyms, all_emails=True)
    to = mapper(mapping, pseudonyms)
    counts.add(
        "audit", await rewrite(conn, audit, _stale_audit(cutoff), {"actor": to, "detail": scrub.value})
    )
    return counts


async def _delete_loose_messages(conn: AsyncConnection, cutoff: dt.datetime) -> int:
    """Old messages that belong to no window, and their delivery jobs: they only served to reach
    someone. Returns how many messages were deleted."""
    old = (
        await conn.execute(
            select(messages.c.key).where(messages.c.window_id.is_(None), messages.c.created_at < cutoff)
        )
    ).all()
    keys = [r[0] for r in old]
    deleted = 0
    for chunk in _chunks(keys, 500):
        await conn.execute(delete(jobs).where(jobs.c.key.in_([f"deliver:{k}" for k in chunk])))
        result = await conn.execute(delete(messages).where(messages.c.key.in_(chunk)))
        deleted += int(result.rowcount or 0)
    return deleted


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
