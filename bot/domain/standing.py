"""Each round as the board, the supplier summary and the report show it: its client's verdict as
of that round (``bot.domain.verdict`` decides; nothing here judges a result), and which areas the
round itself covers.

A first round covers its client's whole scope, so an area nobody was asked to test is in it, as
*otestat*; a retest covers the areas it asked again (the others keep the mark of the round that
tested them). The short codes (``pass``, ``fail``, ``incomplete``, ``untested``) are the status
values of the board, the report's tables, its CSV and its page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.domain.day import Round
from bot.domain.people import Client
from bot.domain.rounds import RoundKind
from bot.domain.template import Template
from bot.domain.verdict import (
    STATUS_ORDER,
    AreaStatus,
    AreaVerdict,
    ClientVerdict,
    DayVerdict,
    RoundRecord,
    client_verdict,
)

CODE: dict[AreaStatus, str] = {
    AreaStatus.FAILED: "fail",
    AreaStatus.INCOMPLETE: "incomplete",
    AreaStatus.UNTESTED: "untested",
    AreaStatus.PASSED: "pass",
}


def worst(areas: Iterable[AreaVerdict]) -> AreaStatus:
    """The status that needs attention first; UNTESTED when there is no area at all (nothing in
    scope is never a pass)."""
    found = {a.status for a in areas}
    return next((s for s in STATUS_ORDER if s in found), AreaStatus.UNTESTED)


def client_status(verdict: ClientVerdict) -> AreaStatus:
    """PASSED exactly when ``verdict.passed``; otherwise the worst of its areas."""
    return (
        AreaStatus.PASSED
        if verdict.passed
        else worst(a for a in verdict.areas if a.status is not AreaStatus.PASSED)
    )


def day_status(verdict: DayVerdict) -> AreaStatus:
    """PASSED exactly when ``verdict.passed``; otherwise the worst open area of any client."""
    return AreaStatus.PASSED if verdict.passed else worst(verdict.open_areas())


def day_counts(verdict: DayVerdict) -> dict[AreaStatus, int]:
    """How many areas (per client) have each status, over every client in scope."""
    return {s: sum(c.counts()[s] for c in verdict.clients) for s in STATUS_ORDER}


@dataclass(frozen=True)
class Standing:
    """One round, its client's verdict as of the round, and the areas the round asked about."""

    seq: int
    client: Client
    kind: RoundKind
    verdict: ClientVerdict
    asked: frozenset[str]

    @property
    def shown(self) -> tuple[AreaVerdict, ...]:
        """The areas the round has a mark for: all of its client's for a first round, the
        retested ones for a retest; in the routine's order."""
        if self.kind is RoundKind.RETEST:
            return tuple(a for a in self.verdict.areas if a.area in self.asked)
        return self.verdict.areas

    def status_of(self, area: str) -> AreaStatus | None:
        """The area's status as of this round, if the round shows the area."""
        return next((a.status for a in self.shown if a.area == area), None)

    @property
    def status(self) -> AreaStatus:
        return client_status(self.verdict)

    @property
    def passed(self) -> bool:
        return self.verdict.passed


def asked_areas(record: RoundRecord, template: Template) -> frozenset[str]:
    """The areas a round's checklists asked about (cases the template no longer has aside), and
    any it got a result for."""
    found: set[str] = {res.area for res in record.results}
    for prompt in record.checklists:
        for case_id in prompt.case_ids or []:
            try:
                found.add(template.case(case_id)[0])
            except KeyError:
                continue
    return frozenset(found)


def standings(
    scopes: Mapping[Client, frozenset[str]], template: Template, records: Sequence[RoundRecord]
) -> tuple[Standing, ...]:
    """Every round in order, each with its client's verdict from that round and those before it."""
    ordered = sorted(records, key=lambda rec: rec.round.seq)
    return tuple(_standing(rec.round, scopes, template, ordered[: i + 1]) for i, rec in enumerate(ordered))


def standing_of(
    r: Round, scopes: Mapping[Client, frozenset[str]], template: Template, records: Sequence[RoundRecord]
) -> Standing:
    """Round ``r``'s standing from the records of the window (later rounds are left out)."""
    return _standing(r, scopes, template, [rec for rec in records if rec.round.seq <= r.seq])


def _standing(
    r: Round, scopes: Mapping[Client, frozenset[str]], template: Template, upto: Sequence[RoundRecord]
) -> Standing:
    client = Client(r.client)
    verdict = client_verdict(client, scopes.get(client, frozenset()), template, upto)
    own = next((rec for rec in upto if rec.round.seq == r.seq), None)
    asked = asked_areas(own, template) if own is not None else frozenset()
    return Standing(r.seq, client, RoundKind(r.kind), verdict, asked)
