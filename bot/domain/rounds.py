"""Test rounds and their results: outcomes, completeness and the summary for the supplier."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.areas import sort_areas


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNTESTED = "untested"


class RoundKind(StrEnum):
    INITIAL = "initial"
    RETEST = "retest"


@dataclass(frozen=True)
class CaseResult:
    area: str
    case_id: str
    case_title: str
    tester_name: str
    outcome: Outcome | None  # None: not answered yet
    comment: str = ""


@dataclass(frozen=True)
class AreaSummary:
    area: str
    tester_name: str
    results: tuple[CaseResult, ...]

    @property
    def failures(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.FAIL)

    @property
    def missing(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if r.outcome is None)

    @property
    def status(self) -> str:
        """'fail' if anything failed, 'pending' if answers are missing, 'untested' if some were
        skipped, else 'pass'."""
        if self.failures:
            return "fail"
        if self.missing:
            return "pending"
        if any(r.outcome is Outcome.UNTESTED for r in self.results):
            return "untested"
        return "pass"


@dataclass(frozen=True)
class RoundSummary:
    round_seq: int
    client: str
    kind: RoundKind
    areas: tuple[AreaSummary, ...]

    @property
    def failures(self) -> tuple[CaseResult, ...]:
        return tuple(f for a in self.areas for f in a.failures)

    @property
    def missing(self) -> tuple[CaseResult, ...]:
        return tuple(m for a in self.areas for m in a.missing)

    @property
    def complete(self) -> bool:
        return bool(self.areas) and not self.missing

    @property
    def verdict(self) -> str:
        """'fail' (N failures), 'incomplete' (answers missing), or 'pass'."""
        if self.failures:
            return "fail"
        if self.missing:
            return "incomplete"
        return "pass"

    def ordered_areas(self) -> list[AreaSummary]:
        """Failures first, then missing answers, then the rest; each group in the routine's order."""
        rank = {"fail": 0, "pending": 1, "untested": 2, "pass": 3}
        order = {a: i for i, a in enumerate(sort_areas([x.area for x in self.areas]))}
        return sorted(self.areas, key=lambda a: (rank[a.status], order[a.area]))


def parse_outcome(value: object) -> Outcome | None:
    """The outcome a card input carried; None for empty; ValueError for anything not on the card."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return Outcome(value)
        except ValueError:
            pass
    raise ValueError(f"not an outcome: {value!r}")
