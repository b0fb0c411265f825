"""Data protection in the database: anonymising old windows, forgetting a person.

The audit trail is append-only: no other code path updates or deletes audit rows. This module is
the one documented exception, and it only ever rewrites the personal fields of a row (``actor``
and the names and e-mail addresses inside ``detail``) to pseudonyms; the row itself, its kind,
its time and its window stay, so counts and timings survive. It never deletes an audit row.

Outside the audit trail it replaces personal data by the same pseudonyms (participants, prompts
and their answers, results and comments, assignments, rounds, windows, messages and their content,
jobs), and deletes what only serves to reach a person (the roster row, Teams identities, the
managers' list row, old messages that belong to no window).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, Text, and_, delete, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.privacy import Pseudonyms, Scrubber, identity_map, mapper
from bot.store.tables import (
    area_assignments,
    audit,
    channels,
    identities,
    inbound,
    jobs,
    managers,
    messages,
    participants,
    people,
    prompts,
    results,
    rounds,
    texts,
    windows,
)

ANONYMISED = "privacy.window_anonymised"
FINISHED_JOBS = ("done", "cancelled", "dead", "failed")


@dataclass
class Counts:
    """How many rows each step touched, by name."""

    values: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        if n:
            self.values[name] = self.values.get(name, 0) + n

    def __getitem__(self, name: str) -> int:
        return self.values.get(name, 0)


# --- who is known ------------------------------------------------------------------------------


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
    rows = await conn.execute(select(identities.c.user_id).where(identities.c.email == email))
    return [r[0] for r in rows.all()]


# --- rewriting ---------------------------------------------------------------------------------


async def _rewrite(
    conn: AsyncConnection,
    table: Table,
    where: ColumnElement[bool] | None,
    columns: dict[str, Callable[[Any], Any]],
) -> int:
    """Apply a function to some columns of the matching rows; update only rows that change."""
    query = select(table.c.id, *(table.c[name] for name in columns))
    if where is not None:
        query = query.where(where)
    changed = 0
    for row in (await conn.execute(query)).all():
        values = {}
        for name, fn in columns.items():
            old = row._mapping[name]
            new = fn(old)
            if new != old:
                values[name] = new
        if values:
            await conn.execute(update(table).where(table.c.id == row.id).values(**values))
            changed += 1
    return changed


async def _rewrite_by_key(
    conn: AsyncConnection,
    table: Table,
    key: str,
    where: ColumnElement[bool] | None,
    columns: dict[str, Callable[[Any], Any]],
) -> int:
    """As ``_rewrite`` for a table whose primary key is not ``id`` (prompts, texts)."""
    pk = table.c[key]
    query = select(pk, *(table.c[name] for name in columns))
    if where is not None:
        query = query.where(where)
    changed = 0
    for row in (await conn.execute(query)).all():
        values = {}
        for name, fn in columns.items():
            old = row._mapping[name]
            new = fn(old)
            if new != old:
                values[name] = new
        if values:
            await conn.execute(update(table).where(pk == row._mapping[key]).values(**values))
            changed += 1
    return changed


def _name_of(to: Callable[[str | None], str | None]) -> Callable[[Any], Any]:
    return lambda email: None if email is None else to(email)


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
    # Names are replaced by the pseudonym of the e-mail beside them (so they match everywhere).
    rows = (await conn.execute(select(participants).where(participants.c.window_id == w))).all()
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
            counts.add("participants", 1)
    counts.add(
        "prompts",
        await _rewrite_by_key(
            conn,
            prompts,
            "id",
            prompts.c.window_id == w,
            {"recipient_email": to, "answer": scrub.value, "message_key": scrub.text},
        ),
    )
    counts.add(
        "results",
        await _rewrite(conn, results, results.c.window_id == w, {"tester_email": to, "comment": scrub.text}),
    )
    assigned = (await conn.execute(select(area_assignments).where(area_assignments.c.window_id == w))).all()
    for a in assigned:
        await conn.execute(
            update(area_assignments)
            .where(area_assignments.c.id == a.id)
            .values(email=to(a.email), name=to(a.email), assigned_by=to(a.assigned_by))
        )
        counts.add("assignments", 1)
    counts.add("rounds", await _rewrite(conn, rounds, rounds.c.window_id == w, {"started_by": to}))
    counts.add("windows", await _rewrite(conn, windows, windows.c.id == w, {"created_by": to}))
    counts.add(
        "messages",
        await _rewrite(
            conn,
            messages,
            messages.c.window_id == w,
            {
                "recipient_email": to,
                "key": scrub.text,
                "content": scrub.value,
                "error": scrub.optional,
                # Teams addresses (conversation and activity ids) only served delivery; they identify people.
                "conversation_id": lambda _v: None,
                "service_url": lambda _v: None,
                "activity_id": lambda _v: None,
            },
        ),
    )
    counts.add(
        "jobs",
        await _rewrite(
            conn,
            jobs,
            jobs.c.window_id == w,
            {"key": scrub.text, "payload": scrub.value, "last_error": scrub.optional},
        ),
    )
    counts.add(
        "audit", await _rewrite(conn, audit, audit.c.window_id == w, {"actor": to, "detail": scrub.value})
    )
    return counts


# --- retention ---------------------------------------------------------------------------------


async def windows_to_anonymise(conn: AsyncConnection, before: dt.date) -> list[int]:
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


async def remove_stale(
    conn: AsyncConnection,
    cutoff: dt.datetime,
    pseudonyms: Pseudonyms,
    everyone: list[tuple[str | None, str | None]],
) -> Counts:
    """What belongs to no window and is older than the retention period: remove or anonymise it."""
    counts = Counts()
    old = (
        await conn.execute(
            select(messages.c.key).where(messages.c.window_id.is_(None), messages.c.created_at < cutoff)
        )
    ).all()
    keys = [r[0] for r in old]
    for chunk in _chunks(keys, 500):
        await conn.execute(delete(jobs).where(jobs.c.key.in_([f"deliver:{k}" for k in chunk])))
        result = await conn.execute(delete(messages).where(messages.c.key.in_(chunk)))
        counts.add("messages", int(result.rowcount or 0))
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
        "audit", await _rewrite(conn, audit, _stale_audit(cutoff), {"actor": to, "detail": scrub.value})
    )
    return counts


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --- forgetting one person ---------------------------------------------------------------------


@dataclass
class Forgotten:
    email: str
    alias: str
    found: bool
    removed: Counts
    kept: Counts
    substitute_of: list[str]  # names of test resources who had the person as substitute
    open_windows: list[int]  # windows under way in which the person takes part


def _mentions(column: Any, terms: list[str]) -> ColumnElement[bool]:
    # As plain text: a JSON column would otherwise encode the pattern as JSON.
    text = type_coerce(column, Text)
    return or_(*(text.icontains(term, autoescape=True) for term in terms))


async def forget(conn: AsyncConnection, email: str, pseudonyms: Pseudonyms) -> Forgotten:
    email = email.strip().lower()
    alias = pseudonyms.of(email)
    names: set[str] = set()
    for query in (
        select(people.c.name).where(people.c.email == email),
        select(people.c.substitute_name).where(people.c.substitute_email == email),
        select(identities.c.name).where(identities.c.email == email),
        select(managers.c.name).where(managers.c.email == email),
        select(participants.c.name).where(participants.c.email == email),
        select(participants.c.substitute_name).where(participants.c.substitute_email == email),
        select(participants.c.covered_by_name).where(participants.c.covered_by_email == email),
        select(area_assignments.c.name).where(area_assignments.c.email == email),
    ):
        names.update(r[0] for r in (await conn.execute(query)).all() if r[0] and "@" not in r[0])
    user_ids = await user_ids_of(conn, email)
    mapping = {email: alias, **dict.fromkeys(names, alias), **dict.fromkeys(user_ids, alias)}
    terms = [email, *sorted(names), *user_ids]
    scrub = Scrubber(mapping, pseudonyms, all_emails=False)
    ids = {email, *user_ids}

    def to(value: str | None) -> str | None:
        return alias if value is not None and value.strip().lower() in {i.lower() for i in ids} else value

    removed, kept = Counts(), Counts()
    found = bool(names or user_ids) or await _referenced(conn, email)
    if not found:
        return Forgotten(email, alias, False, removed, kept, [], [])

    # Their 1:1 chats: the conversation ids identify them (in inbound keys and replies' addresses).
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
    for conversation in conversations:
        prefix = f"activity:{conversation}:"
        await conn.execute(delete(inbound).where(inbound.c.key.startswith(prefix, autoescape=True)))
        await conn.execute(
            update(messages)
            .where(messages.c.conversation_id == conversation)
            .values(conversation_id=None, service_url=None, activity_id=None)
        )

    # Only reaches the person: delete.
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
    # Windows that have not taken place: the person simply no longer takes part.
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
        removed.add("planned", len({r.window_id for r in mine}))
    await conn.execute(
        update(participants)
        .where(participants.c.substitute_email == email, participants.c.window_id.in_(planned))
        .values(substitute_name=None, substitute_email=None)
    )
    under_way = select(windows.c.id).where(windows.c.state.in_(["checkin", "testing"]))
    open_windows = sorted(
        {
            r[0]
            for r in (
                await conn.execute(
                    select(participants.c.window_id).where(
                        or_(participants.c.email == email, participants.c.substitute_email == email),
                        participants.c.window_id.in_(under_way),
                    )
                )
            ).all()
        }
    )
    # Messages still to be sent to them are withdrawn.
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
    removed.add(
        "jobs",
        int(
            (
                await conn.execute(
                    delete(jobs).where(
                        jobs.c.state.in_(FINISHED_JOBS),
                        jobs.c.window_id.is_(None),
                        _mentions(jobs.c.payload, terms),
                    )
                )
            ).rowcount
            or 0
        ),
    )

    # The record: keep, with the pseudonym.
    for p in (
        await conn.execute(
            select(participants).where(
                or_(
                    participants.c.email == email,
                    participants.c.substitute_email == email,
                    participants.c.covered_by_email == email,
                )
            )
        )
    ).all():
        values: dict[str, Any] = {}
        if p.email == email:
            values.update(email=alias, name=alias)
        if p.substitute_email == email:
            values.update(substitute_email=alias, substitute_name=alias)
        if p.covered_by_email == email:
            values.update(covered_by_email=alias, covered_by_name=alias)
        await conn.execute(update(participants).where(participants.c.id == p.id).values(**values))
        kept.add("participants", 1)
    kept.add(
        "prompts",
        await _rewrite_by_key(
            conn,
            prompts,
            "id",
            or_(
                prompts.c.recipient_email == email,
                _mentions(prompts.c.answer, terms),
                _mentions(prompts.c.message_key, terms),
            ),
            {"recipient_email": to, "answer": scrub.value, "message_key": scrub.text},
        ),
    )
    kept.add(
        "results",
        await _rewrite(
            conn,
            results,
            or_(results.c.tester_email == email, _mentions(results.c.comment, terms)),
            {"tester_email": to, "comment": scrub.text},
        ),
    )
    other = 0
    for a in (
        await conn.execute(
            select(area_assignments).where(
                or_(area_assignments.c.email == email, area_assignments.c.assigned_by.in_(ids))
            )
        )
    ).all():
        await conn.execute(
            update(area_assignments)
            .where(area_assignments.c.id == a.id)
            .values(
                email=alias if a.email == email else a.email,
                name=alias if a.email == email else a.name,
                assigned_by=to(a.assigned_by),
            )
        )
        other += 1
    other += await _rewrite(conn, rounds, rounds.c.started_by.in_(ids), {"started_by": to})
    other += await _rewrite(conn, windows, windows.c.created_by.in_(ids), {"created_by": to})
    other += await _rewrite(conn, channels, channels.c.set_by.in_(ids), {"set_by": to})
    other += await _rewrite_by_key(conn, texts, "key", texts.c.updated_by.in_(ids), {"updated_by": to})
    kept.add("other", other)
    kept.add(
        "messages",
        await _rewrite(
            conn,
            messages,
            or_(
                messages.c.recipient_email == email,
                _mentions(messages.c.content, terms),
                _mentions(messages.c.key, terms),
            ),
            {"recipient_email": to, "key": scrub.text, "content": scrub.value, "error": scrub.optional},
        ),
    )
    await _rewrite(
        conn,
        jobs,
        or_(_mentions(jobs.c.payload, terms), _mentions(jobs.c.key, terms)),
        {"key": scrub.text, "payload": scrub.value, "last_error": scrub.optional},
    )
    kept.add(
        "audit",
        await _rewrite(
            conn,
            audit,
            or_(audit.c.actor.in_(ids), _mentions(audit.c.detail, terms)),
            {"actor": to, "detail": scrub.value},
        ),
    )
    return Forgotten(email, alias, True, removed, kept, substitute_of, open_windows)


async def _referenced(conn: AsyncConnection, email: str) -> bool:
    """Whether any record names the address (someone known only from old records)."""
    for query in (
        select(prompts.c.id).where(prompts.c.recipient_email == email).limit(1),
        select(results.c.id).where(results.c.tester_email == email).limit(1),
        select(messages.c.id).where(messages.c.recipient_email == email).limit(1),
        select(audit.c.id).where(audit.c.actor == email).limit(1),
        select(audit.c.id).where(_mentions(audit.c.detail, [email])).limit(1),
        select(rounds.c.id).where(rounds.c.started_by == email).limit(1),
        select(windows.c.id).where(windows.c.created_by == email).limit(1),
    ):
        if (await conn.execute(query)).first() is not None:
            return True
    return False
