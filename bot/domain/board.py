"""The status board's rows: for each area of the day, who covers it, how they got there, and how
the area stands in each round, as the verdict says (``bot.domain.standing``: fel, ofullständigt,
otestat or godkänt; an area nobody tested is otestat, not an empty cell). Pure; the service adds
the words and the card draws it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.areas import sort_areas
from bot.domain.checkin import CheckinState
from bot.domain.cover import Assignments
from bot.domain.day import Participant
from bot.domain.standing import CODE, Standing


@dataclass(frozen=True)
class BoardLine:
    """One area on the board."""

    area: str
    covered_by: str | None  # a name; None: nobody covers it
    substitute: bool  # the tester's substitute (asked, or standing in)
    state: CheckinState
    marks: tuple[str, ...]  # per round: the area's status code as of it, "" if the round does not show it


def board_lines(
    participants: Iterable[Participant], assigned: Assignments, rounds: Sequence[Standing]
) -> list[BoardLine]:
    """A line per participant and area, in the routine's order of areas (an area two participants
    share keeps the participants' order); a mark per round: a first round shows every area of its
    client, a retest the areas it asked again."""
    lines = []
    for p in participants:
        for area in sort_areas(p.areas):
            covered_by, substitute, state = _cover(p, area, assigned)
            marks = tuple(_mark(r, area) if _uses(p, r) else "" for r in rounds)
            lines.append(BoardLine(area, covered_by, substitute, state, marks))
    order = {a: i for i, a in enumerate(sort_areas([line.area for line in lines]))}
    lines.sort(key=lambda line: order[line.area])
    return lines


def _cover(p: Participant, area: str, assigned: Assignments) -> tuple[str | None, bool, CheckinState]:
    if area in assigned:
        # The admin's decision holds for the rest of the day, whatever the check-in says.
        return assigned[area][1], False, CheckinState.ASSIGNED
    if p.checkin_state in (CheckinState.SUB_ASKED, CheckinState.SUB_PRESENT):
        return p.substitute_name or "", True, p.checkin_state
    if p.checkin_state is CheckinState.UNCOVERED:
        return None, False, p.checkin_state
    return p.covered_by_name or p.name, False, p.checkin_state


def _uses(p: Participant, r: Standing) -> bool:
    """Whether the participant tests on the round's client (a participant without clients: all)."""
    return not p.clients or r.client in p.clients


def _mark(r: Standing, area: str) -> str:
    status = r.status_of(area)
    return CODE[status] if status is not None else ""
