"""The picture of a window's day: phases (check-in, rounds) and per area a lane on a time axis.

Where everything of the day goes on the time line, as plain data; ``bot.report.timeline_svg`` draws it.
Pure: no I/O, no clock, no language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.domain.report import WindowReport


@dataclass(frozen=True)
class LaneMark:
    """A point on an area's lane: check-in or a round's result for the area."""

    at: dt.datetime
    kind: str  # checkin: "here" | "substitute" | "uncovered" | "assigned"; result: a standing.CODE
    round_seq: int | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of an area's lane in one colour: the area's state from ``start`` to ``end``."""

    start: dt.datetime
    end: dt.datetime
    status: str  # a status code (standing.CODE: pass, fail, incomplete, untested) or "testing"


@dataclass(frozen=True)
class Lane:
    area: str
    marks: tuple[LaneMark, ...]
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Phase:
    """A band above the lanes: check-in, or one round from its start to its last answer or close."""

    key: str  # "checkin" or "round"
    start: dt.datetime
    end: dt.datetime
    round_seq: int | None = None
    client: str | None = None
    kind: str | None = None
    verdict: str | None = None


@dataclass(frozen=True)
class DayPicture:
    start: dt.datetime
    end: dt.datetime
    phases: tuple[Phase, ...]
    lanes: tuple[Lane, ...]
    all_clear_at: dt.datetime | None


def day_picture(report: WindowReport) -> DayPicture | None:
    """Where everything of the day goes on a time axis; None when the day has not begun."""
    started = report.checkin_started_at
    day_events = [e.at for e in report.timeline if not e.planning]
    if started is None and not report.rounds:
        return None
    times = [t for t in day_events if t is not None]
    times += [r.started_at for r in report.rounds]
    times += [t for r in report.rounds for t in (r.closed_at, r.answered_at) if t is not None]
    first, last = min(times), max(times)
    end_of_day = report.all_clear_at or last
    phases: list[Phase] = []
    first_round = min((r.started_at for r in report.rounds), default=None)
    if started is not None:
        # Check-in lasts until the last test resource was settled (or the first round began).
        settled = [
            e.at
            for e in report.timeline
            if e.at >= started
            and (
                e.kind == "area.assigned"
                or (e.kind.startswith("checkin.") and e.values.get("state") in _SETTLED)
            )
        ]
        end = max(settled, default=first_round or end_of_day)
        if first_round is not None:
            end = min(end, first_round)
        phases.append(Phase("checkin", started, max(end, started)))
    for r in report.rounds:
        # A round "ends" at its last answer; still waiting at the close (or now) otherwise.
        end = r.answered_at or r.closed_at or end_of_day
        phases.append(
            Phase("round", r.started_at, max(end, r.started_at), r.seq, r.client, r.kind, r.verdict)
        )
    lanes = tuple(_lane(report, area, end_of_day) for area in report.areas)
    return DayPicture(first, max(last, end_of_day), tuple(phases), lanes, report.all_clear_at)


_SETTLED = frozenset({"present", "sub_present", "uncovered", "assigned"})
_CHECKIN_MARK = {"present": "here", "sub_present": "substitute", "uncovered": "uncovered"}


def _lane(report: WindowReport, area: str, end_of_day: dt.datetime) -> Lane:
    marks: list[LaneMark] = []
    for e in report.timeline:
        if area not in e.areas:
            continue
        state = str(e.values.get("state", ""))
        if e.kind.startswith("checkin.") and state in _CHECKIN_MARK:
            marks.append(LaneMark(e.at, _CHECKIN_MARK[state]))
        elif e.kind == "area.assigned":
            marks.append(LaneMark(e.at, "assigned"))
    # Status changes: per client the latest finished round decides; the area is the worst of them.
    changes: list[tuple[dt.datetime, str, str, int]] = []  # (at, client, status, seq)
    for r in report.rounds:
        a = r.area(area)
        if a is None:
            continue
        changes.append((r.started_at, r.client, "testing", r.seq))
        if a.finished_at is not None:
            status = r.status_of(area) or "untested"  # the verdict's, as of the round
            marks.append(LaneMark(a.finished_at, status, r.seq))
            changes.append((a.finished_at, r.client, status, r.seq))
        elif a.first_failure_at is not None:
            # Red as soon as something failed, even before the rest is answered.
            marks.append(LaneMark(a.first_failure_at, "fail", r.seq))
            changes.append((a.first_failure_at, r.client, "fail", r.seq))
    marks.sort(key=lambda m: m.at)
    return Lane(area, tuple(marks), _segments(changes, end_of_day))


_RANK = {"fail": 0, "testing": 1, "incomplete": 2, "untested": 3, "pass": 4}


def _segments(
    changes: list[tuple[dt.datetime, str, str, int]], end_of_day: dt.datetime
) -> tuple[Segment, ...]:
    """The lane's colours from its status changes (at, client, status, round)."""
    changes = sorted(changes, key=lambda c: (c[0], c[3]))
    per_client: dict[str, str] = {}
    segments: list[Segment] = []
    current: tuple[dt.datetime, str] | None = None
    for at, client, status, _seq in changes:
        if status == "testing" and per_client.get(client) in ("fail", "pass", "incomplete", "untested"):
            # A retest keeps the colour of what it re-tests until its answers come in.
            continue
        per_client[client] = status
        overall = min(per_client.values(), key=lambda s: _RANK[s])
        if current is not None and current[1] == overall:
            continue
        if current is not None and at > current[0]:
            segments.append(Segment(current[0], at, current[1]))
        current = (at, overall)
    if current is not None and end_of_day > current[0]:
        segments.append(Segment(current[0], end_of_day, current[1]))
    return tuple(segments)
