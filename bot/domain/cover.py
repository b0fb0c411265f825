"""Who covers which areas on the day: the tester, their substitute, or whoever the admin gave the
areas to. Pure rules over the participants and the admin's assignments; the services read those
and act on the answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant
from bot.domain.people import Client

# Area -> (e-mail, name) of whoever the admin gave it to for the rest of the day.
Assignments = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class Cover:
    """Who tests which areas of the day, and through which clients."""

    email: str
    name: str
    areas: frozenset[str]
    clients: frozenset[Client]


def covers(participants: Iterable[Participant], assigned: Assignments) -> list[Cover]:
    """Everyone who covers something, in the order the participants first name them.

    The admin's assignment wins over the check-in; an area whose participant nobody covers (yet)
    is nobody's. A cover tests through the clients of every participant they stand in for."""
    by_person: dict[str, tuple[str, set[str], set[Client]]] = {}
    for p in participants:
        for area in p.areas:
            if area in assigned:
                email, name = assigned[area]
            elif p.checkin_state.covered and p.covered_by_email:
                email, name = p.covered_by_email, p.covered_by_name or p.covered_by_email
            else:
                continue
            entry = by_person.setdefault(email, (name, set(), set()))
            entry[1].add(area)
            entry[2].update(p.clients)
    return [Cover(e, n, frozenset(a), frozenset(c)) for e, (n, a, c) in by_person.items()]


def covered_again(participants: Iterable[Participant], assigned: Assignments) -> list[Participant]:
    """The participants nobody covered whose every area now has someone (after an assignment)."""
    return [
        p
        for p in participants
        if p.checkin_state is CheckinState.UNCOVERED and all(a in assigned for a in p.areas)
    ]
