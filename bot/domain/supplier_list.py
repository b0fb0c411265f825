"""The supplier's list: who tests which area on the day, for the supplier's channel.

Each area a participant has gets a row with whoever actually tests it. The card is in
``cards.windows``; this module only decides the rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.domain.areas import sort_areas
from bot.domain.day import Participant, PlanAnswer


@dataclass(frozen=True)
class SupplierRow:
    """One area and its tester; ``substitute_for`` names the participant they stand in for."""

    area: str
    name: str | None
    email: str | None
    substitute_for: str | None


def _row(area: str, participant: Participant, assigned: Mapping[str, tuple[str, str]]) -> SupplierRow:
    # Most specific first: the admin's assignment on the day beats a cover, which beats the
    # substitute named in the answer to the announcement.
    if area in assigned:
        return SupplierRow(area, assigned[area][1], assigned[area][0], None)
    if participant.covered_by_email and participant.covered_by_email != participant.email:
        return SupplierRow(area, participant.covered_by_name, participant.covered_by_email, participant.name)
    if participant.plan_answer == PlanAnswer.CANT and participant.has_substitute:
        return SupplierRow(area, participant.substitute_name, participant.substitute_email, participant.name)
    return SupplierRow(area, participant.name, participant.email, None)


def supplier_rows(
    participants: Iterable[Participant], assigned: Mapping[str, tuple[str, str]]
) -> list[SupplierRow]:
    """The rows in the routine's order of areas, then by name. ``assigned``: area -> (e-mail,
    name) of whoever the admin gave it to."""
    rows = [_row(area, p, assigned) for p in participants for area in p.areas]
    order = {a: i for i, a in enumerate(sort_areas([r.area for r in rows]))}
    return sorted(rows, key=lambda r: (order[r.area], r.name or ""))
