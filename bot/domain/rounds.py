"""Test rounds and their results: outcomes, and what one round asked and got (``RoundSummary``:
its cases by area, its failures, its missing answers, whether all came back). Whether an area or a
round passed is not decided here but in ``bot.domain.verdict``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
        """Every checklist the round sent has its answers (an area nobody was asked about is not
        in the round's own summary: whether anything passed is ``bot.domain.verdict``'s)."""
        return bool(self.areas) and not self.missing


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
