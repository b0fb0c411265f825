"""The record of a window as plain data: the report of one window, and the history across windows.

``bot.services.report`` reads the database into these dataclasses; the renderers (Markdown, CSV,
HTML, the Teams cards) turn them into text. Everything here is pure: no I/O, no clock, no language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.domain.areas import sort_areas

# --- one window -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseLine:
    """One test case in one round: what the tester answered, or None while unanswered."""

    case_id: str
    title: str
    outcome: str | None  # "pass" | "fail" | "untested" | None
    comment: str
    recorded_at: dt.datetime | None


@dataclass(frozen=True)
class AreaResult:
    """One area in one round: who tested it, in which role, and the answers."""

    area: str
    tester_name: str
    tester_email: str
    role: str  # "tester" | "substitute" | "assigned" | "other"
    stands_in_for: str | None  # the test resource's name when a substitute or someone assigned tested
    cases: tuple[CaseLine, ...]

    @property
    def failures(self) -> tuple[CaseLine, ...]:
        return tuple(c for c in self.cases if c.outcome == "fail")

    @property
    def missing(self) -> tuple[CaseLine, ...]:
        return tuple(c for c in self.cases if c.outcome is None)

    @property
    def status(self) -> str:
        """As the status board: fail, pending (answers missing), untested (some skipped) or pass."""
        if self.failures:
            return "fail"
        if self.missing:
            return "pending"
        if any(c.outcome == "untested" for c in self.cases):
            return "untested"
        return "pass"

    @property
    def finished_at(self) -> dt.datetime | None:
        """When the last answer came in; None while any is missing."""
        if not self.cases or self.missing:
            return None
        return max(c.recorded_at for c in self.cases if c.recorded_at is not None)

    @property
    def first_failure_at(self) -> dt.datetime | None:
        times = [c.recorded_at for c in self.failures if c.recorded_at is not None]
        return min(times) if times else None


@dataclass(frozen=True)
class RoundReport:
    seq: int
    client: str  # "local" | "citrix"
    kind: str  # "initial" | "retest"
    started_at: dt.datetime
    closed_at: dt.datetime | None
    started_by: str  # display name (or "bot")
    retest_of: int | None
    areas: tuple[AreaResult, ...]

    @property
    def failures(self) -> tuple[tuple[str, CaseLine], ...]:
        return tuple((a.area, c) for a in self.areas for c in a.failures)

    @property
    def missing(self) -> tuple[tuple[str, CaseLine], ...]:
        return tuple((a.area, c) for a in self.areas for c in a.missing)

    @property
    def verdict(self) -> str:
        """'fail', 'incomplete' or 'pass', as the summary for the supplier says."""
        if self.failures:
            return "fail"
        if self.missing or not self.areas:
            return "incomplete"
        return "pass"

    @property
    def answered_at(self) -> dt.datetime | None:
        """When the round's last answer came in; None while any is missing."""
        ends = [a.finished_at for a in self.areas]
        if not ends or any(e is None for e in ends):
            return None
        return max(e for e in ends if e is not None)

    @property
    def duration(self) -> dt.timedelta | None:
        """From the start to the last answer; to the close if answers never all came."""
        end = self.answered_at or self.closed_at
        return None if end is None else end - self.started_at

    def area(self, key: str) -> AreaResult | None:
        return next((a for a in self.areas if a.area == key), None)


@dataclass(frozen=True)
class CheckinLine:
    """One test resource on the day: how check-in ended and who stood in."""

    tester_name: str
    tester_email: str
    areas: tuple[str, ...]
    clients: tuple[str, ...]
    substitute_name: str | None
    substitute_email: str | None
    plan_answer: str | None  # "coming" | "cant" | None
    state: str  # CheckinState value
    covered_by_name: str | None
    checked_in_at: dt.datetime | None  # when whoever covers the areas said "here"


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened, for the timeline. ``values`` fill the text the renderer picks by kind."""

    at: dt.datetime
    kind: str  # an audit kind, or "round.closed"
    actor: str  # display name; "bot" for the bot itself
    values: Mapping[str, Any] = field(default_factory=dict)
    areas: tuple[str, ...] = ()
    planning: bool = False  # before the day (planning, announcements)

    @property
    def escalation(self) -> bool:
        return self.kind in ESCALATIONS or (
            self.kind.startswith("checkin.") and self.values.get("state") == "uncovered"
        )


ESCALATIONS = frozenset(
    {
        "checkin.tester_cant",
        "checkin.tester_timeout",
        "checkin.sub_cant",
        "checkin.sub_timeout",
        "checkin.sub_unreachable",
        "checkin.late_answer",
        "checkin.not_started_late",
        "area.assigned",
    }
)


@dataclass(frozen=True)
class MessageLine:
    """One message the bot owns (a card or a text), as the outbox has it."""

    key: str
    purpose: str
    title: str
    recipient_email: str | None
    recipient_name: str | None
    channel: str | None  # "supplier" for the supplier channel, "reply" for a reply in a chat
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    state: str  # pending | sent | dead | cancelled
    version: int  # how many times its content was set
    sent_version: int
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None


@dataclass(frozen=True)
class AnswerLine:
    """One answer someone gave on a card: who, what, when, via which card."""

    at: dt.datetime
    name: str
    email: str
    kind: str  # the audit kind: plan.answered, checkin.tester_here, checklist.submitted, card.refused ...
    answer: Mapping[str, Any]  # what: {"answer": "here"} or {"cases": {case_id: [outcome, comment]}}
    card_key: str | None  # the message key of the card the answer came through
    card_title: str | None
    audit_id: int


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    actor: str
    kind: str
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class WindowReport:
    window_id: int
    day: dt.date
    start: dt.time
    end: dt.time
    timezone: str
    case_number: str | None
    state: str
    generated_at: dt.datetime
    checkins: tuple[CheckinLine, ...]
    rounds: tuple[RoundReport, ...]
    timeline: tuple[TimelineEvent, ...]
    messages: tuple[MessageLine, ...]
    answers: tuple[AnswerLine, ...]
    audit: tuple[AuditLine, ...]
    area_titles: Mapping[str, str] = field(default_factory=dict)  # case id -> title, for failures
    history: History | None = None

    @property
    def checkin_started_at(self) -> dt.datetime | None:
        return next((e.at for e in self.timeline if e.kind == "checkin.started"), None)

    @property
    def all_clear_at(self) -> dt.datetime | None:
        return next((e.at for e in self.timeline if e.kind == "window.all_clear"), None)

    @property
    def areas(self) -> list[str]:
        """Every area tested or checked in for, in the routine's order."""
        keys = {a.area for r in self.rounds for a in r.areas} | {a for c in self.checkins for a in c.areas}
        return sort_areas(keys)

    @property
    def verdict(self) -> str:
        """The day's result: per area the last round that tested it decides; 'none' without rounds."""
        if not self.rounds:
            return "none"
        latest = final_status(self.rounds)
        if any(s == "fail" for s in latest.values()):
            return "fail"
        if any(s == "pending" for s in latest.values()):
            return "incomplete"
        return "pass"

    def fixed_in(self, seq: int, case_id: str) -> RoundReport | None:
        """The later round, on the same client, in which a case that failed in round ``seq`` passed."""
        client = next((r.client for r in self.rounds if r.seq == seq), None)
        for later in self.rounds:
            if (
                later.seq > seq
                and later.client == client
                and any(c.case_id == case_id and c.outcome == "pass" for a in later.areas for c in a.cases)
            ):
                return later
        return None

    @property
    def undelivered(self) -> tuple[MessageLine, ...]:
        return tuple(m for m in self.messages if m.state in ("dead", "pending"))


def final_status(rounds: Sequence[RoundReport]) -> dict[str, str]:
    """Per area and client, the status of the last round that tested it; per area the worst of those."""
    latest: dict[tuple[str, str], str] = {}
    for r in sorted(rounds, key=lambda r: r.seq):
        for a in r.areas:
            latest[(a.area, r.client)] = a.status
    rank = {"fail": 0, "pending": 1, "untested": 2, "pass": 3}
    out: dict[str, str] = {}
    for (area, _client), status in latest.items():
        if area not in out or rank[status] < rank[out[area]]:
            out[area] = status
    return out


# --- the picture of the day -------------------------------------------------------------------


@dataclass(frozen=True)
class LaneMark:
    """A point on an area's lane: check-in or a round's result for the area."""

    at: dt.datetime
    kind: (
        str  # checkin: "here" | "substitute" | "uncovered" | "assigned"; result: "pass" | "fail" | "untested"
    )
    round_seq: int | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of an area's lane in one colour: the area's state from ``start`` to ``end``."""

    start: dt.datetime
    end: dt.datetime
    status: str  # "pass" | "fail" | "untested" | "testing"


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
            marks.append(LaneMark(a.finished_at, a.status, r.seq))
            changes.append((a.finished_at, r.client, a.status, r.seq))
        elif a.first_failure_at is not None:
            # Red as soon as something failed, even before the rest is answered.
            marks.append(LaneMark(a.first_failure_at, "fail", r.seq))
            changes.append((a.first_failure_at, r.client, "fail", r.seq))
    changes.sort(key=lambda c: (c[0], c[3]))
    per_client: dict[str, str] = {}
    segments: list[Segment] = []
    rank = {"fail": 0, "testing": 1, "untested": 2, "pass": 3}
    current: tuple[dt.datetime, str] | None = None
    for at, client, status, _seq in changes:
        if status == "testing" and per_client.get(client) in ("fail", "pass", "untested"):
            # A retest keeps the colour of what it re-tests until its answers come in.
            continue
        per_client[client] = status
        overall = min(per_client.values(), key=lambda s: rank[s])
        if current is not None and current[1] == overall:
            continue
        if current is not None and at > current[0]:
            segments.append(Segment(current[0], at, current[1]))
        current = (at, overall)
    if current is not None and end_of_day > current[0]:
        segments.append(Segment(current[0], end_of_day, current[1]))
    marks.sort(key=lambda m: m.at)
    return Lane(area, tuple(marks), tuple(segments))


# --- history across windows -------------------------------------------------------------------


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
    area_statuses: Mapping[str, tuple[str, ...]]  # area -> its status in each round that tested it
    rounds: tuple[RoundDigest, ...]
    substituted_areas: frozenset[str]  # areas a substitute (or someone assigned) tested
    uncovered_areas: frozenset[str]  # areas nobody covered at check-in
    participants: int
    substitutes: int  # test resources whose substitute stood in


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
            statuses.setdefault(a.area, []).append(a.status)
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
    )
