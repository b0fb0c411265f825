"""What a round's summary tells the supplier, from the verdict (``bot.domain.verdict``) and never
beside it: whether the round is passed, then area by area what needs attention first (failures
with their comments and who tested, then *ofullständigt*, then *otestat*), then what passed.

Unanswered cases are counted per person and area, not listed one by one. A retest's summary also
lists the cases the retest asked, as they were answered in it; its verdict is still the state of
the whole client as of the retest, so a passing retest does not read as a pass while another area
is open. Pure; ``cards.summary`` draws it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.people import Client
from bot.domain.rounds import Outcome, RoundKind, RoundSummary
from bot.domain.standing import Standing
from bot.domain.verdict import STATUS_ORDER, AreaStatus, AreaVerdict, CaseState


@dataclass(frozen=True)
class SummaryCase:
    area: str
    title: str
    outcome: Outcome | None  # None: not answered
    comment: str
    tester: str  # the name of who answered it (or was asked)


@dataclass(frozen=True)
class Waiting:
    """``count`` cases of one area that ``tester`` has not answered."""

    tester: str
    count: int


@dataclass(frozen=True)
class SummaryArea:
    area: str
    status: AreaStatus
    cases: int  # how many test cases the area has
    testers: tuple[str, ...]  # names of everyone asked to test it; empty: nobody was asked
    failures: tuple[SummaryCase, ...]
    not_tested: tuple[SummaryCase, ...]  # answered *Ej testat*
    waiting: tuple[Waiting, ...]  # unanswered, per person


@dataclass(frozen=True)
class SupplierSummary:
    round_seq: int
    client: Client
    kind: RoundKind
    status: AreaStatus  # PASSED only when every area of the client passed
    counts: Mapping[AreaStatus, int]  # areas per status
    areas: tuple[SummaryArea, ...]  # failed, incomplete, untested, passed; each in the routine's order
    retested: tuple[SummaryCase, ...] = ()  # a retest: the cases it asked, as answered in it

    @property
    def passed(self) -> bool:
        return self.status is AreaStatus.PASSED

    def with_status(self, status: AreaStatus) -> tuple[SummaryArea, ...]:
        return tuple(a for a in self.areas if a.status is status)

    @property
    def failures(self) -> tuple[SummaryCase, ...]:
        return tuple(f for a in self.areas for f in a.failures)

    @property
    def unanswered(self) -> int:
        return sum(w.count for a in self.areas for w in a.waiting)

    @property
    def open(self) -> tuple[SummaryArea, ...]:
        return tuple(a for a in self.areas if a.status is not AreaStatus.PASSED)


def supplier_summary(standing: Standing, own: RoundSummary, names: Mapping[str, str]) -> SupplierSummary:
    """The summary of a round: ``standing`` is its client's verdict as of the round, ``own`` what
    the round itself asked and got, ``names`` e-mail -> name of whoever may have tested."""
    verdict = standing.verdict
    retested: tuple[SummaryCase, ...] = ()
    if standing.kind is RoundKind.RETEST:
        retested = tuple(
            SummaryCase(c.area, c.case_title, c.outcome, c.comment, c.tester_name)
            for a in own.areas
            for c in a.results
        )
    return SupplierSummary(
        round_seq=standing.seq,
        client=standing.client,
        kind=standing.kind,
        status=standing.status,
        counts={s: verdict.counts()[s] for s in STATUS_ORDER},
        areas=tuple(_area(a, names) for a in verdict.ordered()),
        retested=retested,
    )


def _area(a: AreaVerdict, names: Mapping[str, str]) -> SummaryArea:
    def name(email: str | None) -> str:
        return names.get(email, email) if email else ""

    def case(c: CaseState) -> SummaryCase:
        return SummaryCase(a.area, c.title, c.outcome, c.comment, name(c.tester_email))

    waiting: dict[str, int] = {}
    for c in a.unanswered:
        who = name(c.tester_email)
        waiting[who] = waiting.get(who, 0) + 1
    return SummaryArea(
        area=a.area,
        status=a.status,
        cases=len(a.cases),
        testers=tuple(name(e) for e in a.testers),
        failures=tuple(case(c) for c in a.failures),
        not_tested=tuple(case(c) for c in a.not_tested),
        waiting=tuple(Waiting(who, n) for who, n in waiting.items()),
    )
