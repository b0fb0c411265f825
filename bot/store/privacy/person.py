"""Who is to be forgotten: their address, the names and Teams ids it goes by, and their pseudonym."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.privacy import Pseudonyms, Scrubber
from bot.store.privacy.inventory import user_ids_of
from bot.store.privacy.rewrite import mentions
from bot.store.tables import (
    area_assignments,
    audit,
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


@dataclass(frozen=True)
class Person:
    """One person to forget, and how to replace them in the record."""

    email: str  # stripped and lower-cased
    alias: str  # their pseudonym
    names: set[str]
    user_ids: list[str]
    found: bool  # whether any record names them at all
    scrub: Scrubber  # replaces their address, names and user ids in text (no other address)

    @property
    def ids(self) -> set[str]:
        """The values a person-valued column holds for them: the address and the Teams ids."""
        return {self.email, *self.user_ids}

    @property
    def terms(self) -> list[str]:
        """What a text that mentions them contains: the address, a name or a Teams id."""
        return [self.email, *sorted(self.names), *self.user_ids]

    def to(self, value: str | None) -> str | None:
        """For a column holding one person: the pseudonym if it is this person, else unchanged."""
        return (
            self.alias
            if value is not None and value.strip().lower() in {i.lower() for i in self.ids}
            else value
        )


async def identify(conn: AsyncConnection, email: str, pseudonyms: Pseudonyms) -> Person:
    """Look up the names and Teams ids an address goes by, and whether anything names it."""
    email = email.strip().lower()
    alias = pseudonyms.of(email)
    names = await _names_of(conn, email)
    user_ids = await user_ids_of(conn, email)
    mapping = {email: alias, **dict.fromkeys(names, alias), **dict.fromkeys(user_ids, alias)}
    scrub = Scrubber(mapping, pseudonyms, all_emails=False)
    found = bool(names or user_ids) or await _referenced(conn, email)
    return Person(email, alias, names, user_ids, found, scrub)


async def _names_of(conn: AsyncConnection, email: str) -> set[str]:
    """Every name written beside the address (e-mail addresses used as names excepted)."""
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
    return names


async def _referenced(conn: AsyncConnection, email: str) -> bool:
    """Whether any record names the address (someone known only from old records)."""
    for query in (
        select(prompts.c.id).where(prompts.c.recipient_email == email).limit(1),
        select(results.c.id).where(results.c.tester_email == email).limit(1),
        select(messages.c.id).where(messages.c.recipient_email == email).limit(1),
        select(audit.c.id).where(audit.c.actor == email).limit(1),
        select(audit.c.id).where(mentions(audit.c.detail, [email])).limit(1),
        select(rounds.c.id).where(rounds.c.started_by == email).limit(1),
        select(windows.c.id).where(windows.c.created_by == email).limit(1),
    ):
        if (await conn.execute(query)).first() is not None:
            return True
    return False
