"""The report of one window, assembled from its record: the rows as read, in, a ``WindowReport`` out.
The verdict of each round and of the day is ``bot.domain.verdict``'s, from the same rows
(``bot.domain.record_verdict``), as the board and the supplier summary have it.

Pure: ``bot.services.report`` reads the rows (and resolves the window's routine) and hands them
over as ``RecordRows``; the rounds, check-ins, timeline, messages and answers are worked out here.
The timeline lives in ``bot.domain.record_timeline``, the messages and answers in
``bot.domain.record_messages``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.domain.areas import sort_areas
from bot.domain.audit import AuditKind
from bot.domain.checkin import CheckinState
from bot.domain.day import PromptKind
from bot.domain.people import decode_areas, decode_clients
from bot.domain.record_messages import answer_lines, message_lines
from bot.domain.record_rows import (
    AssignmentRow,
    AuditRow,
    EmailJobRow,
    MessageRow,
    Names,
    ParticipantRow,
    PromptRow,
    ResultRow,
    RoundRow,
    WindowRow,
)
from bot.domain.record_timeline import timeline_events
from bot.domain.record_verdict import record_verdict
from bot.domain.report import (
    AnswerLine,
    AreaResult,
    AuditLine,
    CaseLine,
    CheckinLine,
    MessageLine,
    RoundReport,
    TimelineEvent,
    WindowReport,
)
from bot.domain.template_model import Template

# Check-in answers that mean someone is in place for the areas.
_HERE_KINDS = (AuditKind.CHECKIN_TESTER_HERE, AuditKind.CHECKIN_SUB_HERE)
_HERE_STATES = (CheckinState.PRESENT, CheckinState.SUB_PRESENT)


@dataclass(frozen=True)
class RecordRows:
    """Everything one window's report is made of, as read; ``messages`` and ``email_jobs`` are only
    needed for the full report."""

    window: WindowRow
    template: Template  # the routine frozen into the window (or the default one)
    known_names: Mapping[str, str]  # e-mail -> name from the roster and Teams
    participants: Sequence[ParticipantRow]
    assignments: Sequence[AssignmentRow]
    audit: Sequence[AuditRow]
    prompts: Sequence[PromptRow]
    rounds: Sequence[RoundRow]
    results: Sequence[ResultRow]
    messages: Sequence[MessageRow] = ()
    email_jobs: Sequence[EmailJobRow] = ()


def window_report(rows: RecordRows, now: dt.datetime, *, full: bool = True) -> WindowReport:
    """The report of the window; ``full=False`` leaves out messages, answers and the audit trail."""
    names = Names(rows.known_names)
    for p in rows.participants:
        names.learn(p.email, p.name)
        names.learn(p.substitute_email, p.substitute_name)
        names.learn(p.covered_by_email, p.covered_by_name)
    assigned = {a.area: a for a in rows.assignments}
    for a in assigned.values():
        names.learn(a.email, a.name)
    w = rows.window
    verdict = record_verdict(w.id, rows.participants, rows.template, rows.prompts, rows.rounds, rows.results)
    rounds = tuple(
        replace(r, standing=verdict.rounds.get(r.seq)) for r in round_reports(rows, assigned, names)
    )
    # Before check-in started it was planning; a window that never started counts from its start.
    day_start = next((a.at for a in rows.audit if a.kind == AuditKind.CHECKIN_STARTED), None) or w.starts_at
    timeline = timeline_events(rows.audit, rounds, rows.participants, names, day_start)
    messages: tuple[MessageLine, ...] = ()
    answers: tuple[AnswerLine, ...] = ()
    trail: tuple[AuditLine, ...] = ()
    if full:
        messages = message_lines(rows.messages, rows.email_jobs, names)
        answers = answer_lines(rows.audit, rows.prompts, rows.rounds, rows.participants, rows.messages, names)
        trail = tuple(AuditLine(a.id, a.at, a.actor, a.kind, dict(a.detail or {})) for a in rows.audit)
    return WindowReport(
        window_id=w.id,
        day=w.day,
        start=clock_time(w.start_local),
        end=clock_time(w.end_local),
        timezone=str(w.timezone),
        case_number=w.case_number,
        state=w.state,
        generated_at=now,
        checkins=checkin_lines(rows.participants, timeline),
        rounds=rounds,
        timeline=timeline,
        messages=messages,
        answers=answers,
        audit=trail,
        day_verdict=verdict.day,
    )


def clock_time(text: str) -> dt.time:
    """A time of day from its "HH:MM"."""
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def round_reports(
    rows: RecordRows, assigned: Mapping[str, AssignmentRow], names: Names
) -> tuple[RoundReport, ...]:
    """Every round with its areas: who tested each, in which role, and the answers."""
    retest_of = {
        int(a.detail.get("round", 0)): a.detail.get("retest_of")
        for a in rows.audit
        if a.kind == AuditKind.ROUND_STARTED and isinstance(a.detail, dict)
    }
    out = []
    for r in rows.rounds:
        by_area, testers = _cases_by_area(r.id, rows.results, rows.prompts, rows.template)
        areas = []
        for area in sort_areas(list(by_area)):
            email = testers[area]
            role, instead_of = area_role(area, email, rows.participants, assigned)
            areas.append(AreaResult(area, names.of(email), email, role, instead_of, tuple(by_area[area])))
        seq_retest = retest_of.get(int(r.seq))
        out.append(
            RoundReport(
                seq=r.seq,
                client=r.client,
                kind=r.kind,
                started_at=r.started_at,
                closed_at=r.closed_at,
                started_by=names.actor(r.started_by),
                retest_of=int(seq_retest) if seq_retest else None,
                areas=tuple(areas),
            )
        )
    return tuple(out)


def _cases_by_area(
    round_id: int, results: Sequence[ResultRow], prompts: Sequence[PromptRow], template: Template
) -> tuple[dict[str, list[CaseLine]], dict[str, str]]:
    """One round's cases per area, as its checklists asked them (answered or not), and per area
    the e-mail of whoever answered (or was asked)."""
    recorded = {res.case_id: res for res in results if res.round_id == round_id}
    by_area: dict[str, list[CaseLine]] = {}
    testers: dict[str, str] = {}
    for prompt in prompts:
        if prompt.kind != PromptKind.CHECKLIST or prompt.round_id != round_id:
            continue
        for case_id in prompt.case_ids or []:
            area = _case_area(template, case_id) or (recorded[case_id].area if case_id in recorded else "?")
            res = recorded.get(case_id)
            testers[area] = res.tester_email if res else prompt.recipient_email
            by_area.setdefault(area, []).append(
                CaseLine(
                    case_id,
                    _case_title(template, case_id),
                    res.outcome if res else None,
                    res.comment if res else "",
                    res.recorded_at if res else None,
                )
            )
    # Results without a prompt (should not happen) are still reported.
    for case_id, res in recorded.items():
        if not any(c.case_id == case_id for cs in by_area.values() for c in cs):
            testers.setdefault(res.area, res.tester_email)
            by_area.setdefault(res.area, []).append(
                CaseLine(case_id, _case_title(template, case_id), res.outcome, res.comment, res.recorded_at)
            )
    return by_area, testers


def _case_title(template: Template, case_id: str) -> str:
    try:
        return template.case(case_id)[1].title
    except KeyError:
        return case_id  # a case the routine no longer has


def _case_area(template: Template, case_id: str) -> str | None:
    try:
        return template.case(case_id)[0]
    except KeyError:
        return None


def area_role(
    area: str, email: str, parts: Sequence[ParticipantRow], assigned: Mapping[str, AssignmentRow]
) -> tuple[str, str | None]:
    """How whoever tested an area stood to it: the test resource's own "tester", their
    "substitute", "assigned" by the admin, or "other"; and whose place they took."""
    owner = next((p for p in parts if area in decode_areas(p.areas)), None)
    if owner is None:
        return "other", None
    if email.lower() == owner.email.lower():
        return "tester", None
    if owner.substitute_email and email.lower() == owner.substitute_email.lower():
        return "substitute", owner.name
    if area in assigned and assigned[area].email.lower() == email.lower():
        return "assigned", owner.name
    if owner.covered_by_email and owner.covered_by_email.lower() == email.lower():
        return "assigned", owner.name
    return "other", owner.name


def checkin_lines(
    parts: Sequence[ParticipantRow], timeline: Sequence[TimelineEvent]
) -> tuple[CheckinLine, ...]:
    """Each test resource's check-in; ``checked_in_at`` is the last time whoever covers their areas
    said "here" (or, failing that, the last time the admin gave one of them to someone)."""
    out = []
    for p in parts:
        here: list[dt.datetime | None] = [
            e.at
            for e in timeline
            if e.kind in _HERE_KINDS
            and e.values.get("participant") == p.name
            and e.values.get("state") in _HERE_STATES
        ]
        assigned: list[dt.datetime | None] = [
            e.at
            for e in timeline
            if e.kind == AuditKind.AREA_ASSIGNED and e.areas and e.areas[0] in decode_areas(p.areas)
        ]
        out.append(
            CheckinLine(
                tester_name=p.name,
                tester_email=p.email,
                areas=tuple(sort_areas(decode_areas(p.areas))),
                clients=tuple(sorted(c.value for c in decode_clients(p.clients))),
                substitute_name=p.substitute_name,
                substitute_email=p.substitute_email,
                plan_answer=p.plan_answer,
                state=p.checkin_state,
                covered_by_name=p.covered_by_name,
                checked_in_at=(here or assigned or [None])[-1],
            )
        )
    return tuple(out)
