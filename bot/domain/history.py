"""The history across windows: each past window reduced to a digest, and the counts over all of them.

Failures and substitutes per area, and how long the rounds took. A digest holds no personal data.
Pure: no I/O, no clock, no language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.domain.areas import sort_areas

if TYPE_CHECKING:
    from bot.domain.report import WindowReport


@dataclass(frozen=True)
class RoundDigest:
    seq: int
    client: str
    kind: str
    seconds: float | None  # start to last answer (or close)
    verdict: str


@dataclass(frozen=True)
class WindowDigest:
    """One past window, reduced to what the history needs (no personal data)."""

    window_id: int
    day: dt.date
    case_number: str | None
    area_statuses: Mapping[str, tuple[str, ...]]  # area -> its status as of each round that tested it
    rounds: tuple[RoundDigest, ...]
    substituted_areas: frozenset[str]  # areas a substitute (or someone assigned) tested
    uncovered_areas: frozenset[str]  # areas nobody covered at check-in
    participants: int
    substitutes: int  # test resources whose substitute stood in
    verdict: str = "none"  # the day's result as the verdict said it (WindowReport.verdict)


@dataclass(frozen=True)
class AreaHistory:
    area: str
    windows: int  # windows in which the area was tested
    failed_windows: int  # windows with at least one failure in the area
    failed_rounds: int
    rounds: int
    substituted_windows: int
    uncovered_windows: int
    last_failed: dt.date | None

    @property
    def fail_share(self) -> float:
        return self.failed_windows / self.windows if self.windows else 0.0


@dataclass(frozen=True)
class RoundTiming:
    client: str
    kind: str
    count: int
    mean_seconds: float
    min_seconds: float
    max_seconds: float


@dataclass(frozen=True)
class History:
    windows: tuple[WindowDigest, ...]  # oldest first
    areas: tuple[AreaHistory, ...]  # the routine's order
    timings: tuple[RoundTiming, ...]

    @property
    def windows_with_substitutes(self) -> int:
        return sum(1 for w in self.windows if w.substitutes)

    @property
    def substitute_share(self) -> float:
        """Of all test resources in all windows, how many needed their substitute."""
        total = sum(w.participants for w in self.windows)
        return sum(w.substitutes for w in self.windows) / total if total else 0.0


def history(digests: Iterable[WindowDigest]) -> History:
    windows = tuple(sorted(digests, key=lambda w: (w.day, w.window_id)))
    keys = sort_areas(
        {a for w in windows for a in w.area_statuses} | {a for w in windows for a in w.uncovered_areas}
    )
    areas = []
    for key in keys:
        tested = [w for w in windows if key in w.area_statuses]
        failed = [w for w in tested if "fail" in w.area_statuses[key]]
        areas.append(
            AreaHistory(
                area=key,
                windows=len(tested),
                failed_windows=len(failed),
                failed_rounds=sum(w.area_statuses[key].count("fail") for w in tested),
                rounds=sum(len(w.area_statuses[key]) for w in tested),
                substituted_windows=sum(1 for w in windows if key in w.substituted_areas),
                uncovered_windows=sum(1 for w in windows if key in w.uncovered_areas),
                last_failed=max((w.day for w in failed), default=None),
            )
        )
    groups: dict[tuple[str, str], list[float]] = {}
    for w in windows:
        for r in w.rounds:
            if r.seconds is not None:
                groups.setdefault((r.client, r.kind), []).append(r.seconds)
    order = {
        ("local", "initial"): 0,
        ("citrix", "initial"): 1,
        ("local", "retest"): 2,
        ("citrix", "retest"): 3,
    }
    timings = tuple(
        RoundTiming(client, kind, len(s), sum(s) / len(s), min(s), max(s))
        for (client, kind), s in sorted(groups.items(), key=lambda g: order.get(g[0], 9))
    )
    return History(windows, tuple(areas), timings)


def digest(report: WindowReport) -> WindowDigest:
    """A window's report reduced for the history."""
    statuses: dict[str, list[str]] = {}
    substituted: set[str] = set()
    for r in sorted(report.rounds, key=lambda r: r.seq):
        for a in r.areas:
            statuses.setdefault(a.area, []).append(r.status_of(a.area) or "untested")
            if a.role in ("substitute", "assigned"):
                substituted.add(a.area)
    uncovered = {a for c in report.checkins if c.state == "uncovered" for a in c.areas}
    subs = [c for c in report.checkins if c.state in ("sub_present",)]
    for c in subs:
        substituted.update(c.areas)
    return WindowDigest(
        window_id=report.window_id,
        day=report.day,
        case_number=report.case_number,
        area_statuses={k: tuple(v) for k, v in statuses.items()},
        rounds=tuple(
            RoundDigest(
                r.seq,
                r.client,
                r.kind,
                r.duration.total_seconds() if r.duration is not None else None,
                r.verdict,
            )
            for r in report.rounds
        ),
        substituted_areas=frozenset(substituted),
        uncovered_areas=frozenset(uncovered),
        participants=len(report.checkins),
        substitutes=len(subs),
        verdict=report.verdict,
    )
