"""The timeline of a window's report: what happened and when, from the audit trail and the rounds.

Only the kinds in ``TIMELINE_KINDS`` go on it (the rest are in the appendix only). Each event
carries the values its text needs (the renderers pick the text by kind) and the areas it concerns
(the picture of the day draws them on those areas' lanes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from bot.domain.areas import sort_areas
from bot.domain.audit import AuditKind
from bot.domain.checkin import CheckinState
from bot.domain.people import decode_areas
from bot.domain.record_rows import AuditRow, Names, ParticipantRow, participant_by_email
from bot.domain.report import RoundReport, TimelineEvent

# Audit kinds that go on the timeline (the rest are in the appendix only).
TIMELINE_KINDS: frozenset[AuditKind] = frozenset(
    {
        AuditKind.WINDOW_CREATED,
        AuditKind.WINDOW_MOVED,
        AuditKind.WINDOW_CANCELLED,
        AuditKind.WINDOW_ANNOUNCED,
        AuditKind.PLAN_ANSWERED,
        AuditKind.PLAN_REMINDED,
        AuditKind.NOTICE_REMINDED,
        AuditKind.SUPPLIER_LIST_POSTED,
        AuditKind.CHECKIN_STARTED,
        AuditKind.CHECKIN_NOT_STARTED_LATE,
        AuditKind.CHECKIN_START,
        AuditKind.CHECKIN_TESTER_HERE,
        AuditKind.CHECKIN_TESTER_CANT,
        AuditKind.CHECKIN_TESTER_TIMEOUT,
        AuditKind.CHECKIN_SUB_HERE,
        AuditKind.CHECKIN_SUB_CANT,
        AuditKind.CHECKIN_SUB_TIMEOUT,
        AuditKind.CHECKIN_SUB_UNREACHABLE,
        AuditKind.CHECKIN_LATE_ANSWER,
        AuditKind.AREA_ASSIGNED,
        AuditKind.AREA_HANDED_BACK,
        AuditKind.ROUND_STARTED,
        AuditKind.CHECKLIST_SUBMITTED,
        AuditKind.SUMMARY_POSTED,
        AuditKind.WINDOW_ALL_CLEAR,
        AuditKind.SUPPLIER_DECISION,
        AuditKind.WINDOW_ABORTED,
        AuditKind.WINDOW_EXTENDED,
    }
)
# Events the rounds give the timeline themselves; no audit entry is written for them.
ROUND_ANSWERED = "round.answered"
ROUND_CLOSED = "round.closed"
# At the same minute a round's last answer comes before its close, and both before the all-clear.
_SAME_MINUTE_ORDER: Mapping[str, int] = {ROUND_ANSWERED: 1, ROUND_CLOSED: 2, AuditKind.WINDOW_ALL_CLEAR: 3}

Values = tuple[dict[str, Any], tuple[str, ...]]  # what the text needs, the areas it concerns


def timeline_events(
    audit: Sequence[AuditRow],
    rounds: Sequence[RoundReport],
    parts: Sequence[ParticipantRow],
    names: Names,
    day_start: dt.datetime,
) -> tuple[TimelineEvent, ...]:
    """The timeline, in time order; entries before ``day_start`` are marked as planning."""
    events: list[TimelineEvent] = []
    for a in audit:
        if a.kind not in TIMELINE_KINDS:
            continue
        found = _values(AuditKind(a.kind), dict(a.detail or {}), parts, names)
        if found is None:
            continue
        values, areas = found
        events.append(
            TimelineEvent(a.at, a.kind, names.actor(a.actor), values, areas, planning=a.at < day_start)
        )
    events += _round_events(rounds)
    events.sort(key=lambda e: (e.at, _SAME_MINUTE_ORDER.get(e.kind, 0)))
    return tuple(events)


def _values(
    kind: AuditKind, detail: dict[str, Any], parts: Sequence[ParticipantRow], names: Names
) -> Values | None:
    """What an audit entry's event shows; None for an entry the timeline leaves out."""
    p = participant_by_email(parts, detail.get("participant"))
    if kind.is_checkin and p is not None:
        if kind == AuditKind.CHECKIN_START and detail.get("state") == CheckinState.ASKED:
            return None  # everyone is asked at the start: "checkin.started" says so once
        state = detail.get("state", "")
        values = {"participant": p.name, "substitute": p.substitute_name or "", "state": state}
        return values, tuple(sort_areas(decode_areas(p.areas)))
    return _kind_values(kind, detail, parts, names)


def _kind_values(
    kind: AuditKind, detail: dict[str, Any], parts: Sequence[ParticipantRow], names: Names
) -> Values:
    if kind == AuditKind.ROUND_STARTED:
        return {
            "round": detail.get("round"),
            "checklists": detail.get("checklists", 0),
            "cases": len(detail.get("cases") or []),
            "retest": bool(detail.get("retest_of")),
        }, ()
    if kind == AuditKind.CHECKLIST_SUBMITTED:
        counts = _outcome_counts(detail.get("answers") or {})
        return {"round": detail.get("round"), **{f"n_{k}": v for k, v in counts.items()}}, ()
    if kind == AuditKind.SUMMARY_POSTED:
        return {
            "round": detail.get("round"),
            "verdict": detail.get("verdict"),
            "passed": detail.get("passed"),  # None in entries from before the verdict
            "areas": detail.get("areas"),  # areas per status (the verdict's), when recorded
            "failures": detail.get("failures", 0),
            "missing": detail.get("missing", 0),
        }, ()
    if kind == AuditKind.AREA_ASSIGNED:
        area = detail.get("area", "")
        return {"area": area, "to": names.of(detail.get("to"))}, (str(area),)
    if kind == AuditKind.AREA_HANDED_BACK:
        # The areas are the owner's: the one they were handed back to.
        owner = participant_by_email(parts, detail.get("to"))
        areas = tuple(sort_areas(decode_areas(owner.areas))) if owner is not None else ()
        return {"to": names.of(detail.get("to"))}, areas
    if kind == AuditKind.PLAN_ANSWERED:
        return {"answer": detail.get("answer"), "substitute": names.of(detail.get("substitute"))}, ()
    if kind == AuditKind.WINDOW_MOVED:
        return {"from": detail.get("from", ""), "to": detail.get("to", "")}, ()
    values: dict[str, Any] = {k: v for k, v in detail.items() if isinstance(v, (str, int, float, bool))}
    if kind == AuditKind.WINDOW_ALL_CLEAR:
        # Sent over open areas: which ones, and in which state (the reason is a plain value above).
        values["open"] = [o for o in detail.get("open") or [] if isinstance(o, dict)]
    if kind == AuditKind.PLAN_REMINDED:
        values["count"] = len(detail.get("silent") or [])
    return values, ()


def _outcome_counts(answers: Mapping[str, Any]) -> dict[str, int]:
    """How many cases a checklist answered pass, fail and untested (answers are [outcome, comment])."""
    counts = {"pass": 0, "fail": 0, "untested": 0}
    for value in answers.values():
        if isinstance(value, list) and value and value[0] in counts:
            counts[value[0]] += 1
    return counts


def _round_events(rounds: Sequence[RoundReport]) -> list[TimelineEvent]:
    """When each round's last answer came in, and when it was closed."""
    events: list[TimelineEvent] = []
    for r in rounds:
        answered = r.answered_at
        if answered is not None:
            events.append(
                TimelineEvent(
                    answered,
                    ROUND_ANSWERED,
                    "bot",
                    {"round": r.seq, "verdict": r.verdict, "failures": len(r.failures)},
                )
            )
        if r.closed_at is not None:
            events.append(TimelineEvent(r.closed_at, ROUND_CLOSED, "bot", {"round": r.seq}))
    return events
