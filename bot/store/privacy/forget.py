"""Forgetting one person: what only serves to reach them is removed (``erase``), and the record the
routine requires to be kept is pseudonymised (``pseudonymise``). The result, a ``Forgotten``
(plain data in ``bot.domain.privacy``), says what was done."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.privacy import Counts, Forgotten, Pseudonyms
from bot.store.privacy import erase, pseudonymise
from bot.store.privacy.person import Person, identify

__all__ = ["Forgotten", "forget"]


async def forget(conn: AsyncConnection, email: str, pseudonyms: Pseudonyms) -> Forgotten:
    """Forget the person with this e-mail address (any case): delete what only serves to reach
    them, replace them by a pseudonym in the record, and report both. Nothing changes when no
    record names them (``found`` is False)."""
    person = await identify(conn, email, pseudonyms)
    removed, kept = Counts(), Counts()
    if not person.found:
        return Forgotten(person.email, person.alias, False, removed, kept, [], [])
    substitute_of, open_windows = await _remove(conn, person, removed)
    await _pseudonymise(conn, person, kept)
    return Forgotten(person.email, person.alias, True, removed, kept, substitute_of, open_windows)


async def _remove(conn: AsyncConnection, person: Person, removed: Counts) -> tuple[list[str], list[int]]:
    """The erasing steps, in order; returns whom they substituted for and the windows under way."""
    email = person.email
    await erase.erase_chats(conn, email)
    await erase.delete_contact_rows(conn, email, removed)
    substitute_of = await erase.drop_as_substitute(conn, email)
    removed.add("planned", await erase.leave_planned_windows(conn, email))
    open_windows = await erase.open_windows_of(conn, email)
    await erase.withdraw_pending_messages(conn, email)
    removed.add("jobs", await erase.delete_finished_jobs(conn, person.terms))
    return substitute_of, open_windows


async def _pseudonymise(conn: AsyncConnection, person: Person, kept: Counts) -> None:
    """The pseudonymising steps, in order, counted under the names the operator's report uses."""
    kept.add("participants", await pseudonymise.participants_of(conn, person))
    kept.add("prompts", await pseudonymise.prompts_of(conn, person))
    kept.add("results", await pseudonymise.results_of(conn, person))
    kept.add("other", await pseudonymise.other_records_of(conn, person))
    kept.add("messages", await pseudonymise.messages_of(conn, person))
    await pseudonymise.jobs_of(conn, person)
    kept.add("audit", await pseudonymise.audit_of(conn, person))
