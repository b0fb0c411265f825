"""The record of one window as plain data: the report of a window, its rounds, check-in and trail.

``bot.services.report`` reads the database into these dataclasses; the renderers (Markdown, CSV,
HTML, the Teams cards) turn them into text. Everything here is pure: no I/O, no clock, no language.

The picture of the day lives in ``bot.domain.day_picture`` and the history across windows in
``bot.domain.history``; their names are importable from here too, as ever.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.domain.areas import sort_areas
from bot.domain.day_picture import DayPicture, Lane, LaneMark, Phase, Segment, day_picture
from bot.domain.history import (
    AreaHistory,
    History,
    RoundDigest,
    RoundTiming,
    WindowDigest,
    digest,
    history,
)
from bot.domain.standing import CODE, Standing, day_status
from bot.domain.verdict import STATUS_ORDER, AreaStatus, AreaVerdict, DayVerdict

__all__ = [
    "ESCALATIONS",
    "AnswerLine",
    "AreaHistory",
    "AreaResult",
    "AuditLine",
    "CaseLine",
    "CheckinLine",
    "DayPicture",
    "History",
    "Lane",
    "LaneMark",
    "MessageLine",
    "Phase",
    "RoundDigest",
    "RoundReport",
    "RoundTiming",
    "Segment",
    "TimelineEvent",
    "WindowDigest",
    "WindowReport",
    "day_picture",
    "digest",
    "final_status",
    "history",
]


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
    areas: tuple[AreaResult, ...]  # what the round's own checklists asked, and the answers
    standing: Standing | None = None  # the verdict of its client as of the round (bot.domain.verdict)

    @property
    def failures(self) -> tuple[tuple[str, CaseLine], ...]:
        return tuple((a.area, c) for a in self.areas for c in a.failures)

    @property
    def missing(self) -> tuple[tuple[str, CaseLine], ...]:
        return tuple((a.area, c) for a in self.areas for c in a.missing)

    @property
    def verdict(self) -> str:
        """'pass' only when every area of the round's client passed as of the round; otherwise the
        status of what needs attention first: 'fail', 'incomplete' or 'untested'. A round without
        a verdict is never a pass."""
        return CODE[self.standing.status] if self.standing is not None else "untested"

    @property
    def counts(self) -> dict[AreaStatus, int]:
        """The client's areas per status as of the round."""
        return self.standing.verdict.counts() if self.standing is not None else {}

    @property
    def shown_areas(self) -> tuple[str, ...]:
        """The areas the round has a status for: every area of its client for a first round (also
        those nobody tested), the retested ones for a retest."""
        if self.standing is None:
            return tuple(a.area for a in self.areas)
        return tuple(a.area for a in self.standing.shown)

    def status_of(self, area: str) -> str | None:
        """The area's status code as of the round; None where the round does not show it."""
        if self.standing is None:
            return None
        status = self.standing.status_of(area)
        return CODE[status] if status is not None else None

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
    day_verdict: DayVerdict | None = None  # every client in scope (bot.domain.verdict)

    @property
    def checkin_started_at(self) -> dt.datetime | None:
        return next((e.at for e in self.timeline if e.kind == "checkin.started"), None)

    @property
    def all_clear_at(self) -> dt.datetime | None:
        return next((e.at for e in self.timeline if e.kind == "window.all_clear"), None)

    @property
    def areas(self) -> list[str]:
        """Every area in the day's scope, tested or checked in for, in the routine's order."""
        keys = {a.area for r in self.rounds for a in r.areas} | {a for c in self.checkins for a in c.areas}
        if self.day_verdict is not None:
            keys |= {a.area for c in self.day_verdict.clients for a in c.areas}
        return sort_areas(keys)

    @property
    def verdict(self) -> str:
        """The day's result as the verdict says: 'pass' only when every area of every client in
        scope passed; else 'fail', 'incomplete' or 'untested' (what needs attention first); 'none'
        without rounds."""
        if not self.rounds:
            return "none"
        if self.day_verdict is None:
            return "untested"
        return CODE[day_status(self.day_verdict)]

    def day_status_of(self, area: str) -> str | None:
        """The area's status for the day: of the clients that have it, the one that needs attention
        first; None when the area is in no client's scope."""
        found = {
            a.status
            for c in (self.day_verdict.clients if self.day_verdict else ())
            for a in c.areas
            if a.area == area
        }
        return next((CODE[s] for s in STATUS_ORDER if s in found), None)

    @property
    def open_areas(self) -> tuple[AreaVerdict, ...]:
        """Every area of a client that is not passed, in the order they need attention."""
        return self.day_verdict.open_areas() if self.day_verdict is not None else ()

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
    """Per area its status after the day's rounds: on each client the verdict as of that client's
    latest round; per area the status of the client that needs attention first."""
    latest: dict[str, RoundReport] = {}
    for r in sorted(rounds, key=lambda r: r.seq):
        latest[r.client] = r
    found: dict[str, list[AreaStatus]] = {}
    for r in latest.values():
        for a in r.standing.verdict.areas if r.standing is not None else ():
            found.setdefault(a.area, []).append(a.status)
    return {area: CODE[next(s for s in STATUS_ORDER if s in statuses)] for area, statuses in found.items()}
