"""The record of a window: the report (``rapport``) and the history across windows (``historik``).

The report is assembled from the database into ``bot.domain.report``'s plain dataclasses; the
renderers in ``bot.report`` (Markdown, CSV, HTML) and ``cards.report`` (Teams) only format it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.domain.areas import sort_areas
from bot.domain.people import decode_areas, decode_clients
from bot.domain.report import (
    AnswerLine,
    AreaResult,
    AuditLine,
    CaseLine,
    CheckinLine,
    History,
    MessageLine,
    RoundReport,
    TimelineEvent,
    WindowReport,
    digest,
    history,
)
from bot.domain.template import Template, parse_template
from bot.domain.windows import WindowState
from bot.i18n import t
from bot.services.context import Services, Who, reply
from bot.services.planning import today
from bot.services.templates import load_default_template
from bot.services.turns import Turn
from bot.store import reports as rows
from bot.store.uow import UnitOfWork
from cards.report import history_card, report_card

# Audit kinds that are answers someone gave on a card.
ANSWER_KINDS = frozenset(
    {
        "plan.answered",
        "checkin.tester_here",
        "checkin.tester_cant",
        "checkin.sub_here",
        "checkin.sub_cant",
        "checkin.late_answer",
        "checklist.submitted",
        "card.refused",
    }
)
# Audit kinds that go on the timeline (the rest are in the appendix only).
TIMELINE_KINDS = frozenset(
    {
        "window.created",
        "window.moved",
        "window.cancelled",
        "window.announced",
        "plan.answered",
        "plan.reminded",
        "notice.reminded",
        "supplier_list.posted",
        "checkin.started",
        "checkin.not_started_late",
        "checkin.start",
        "checkin.tester_here",
        "checkin.tester_cant",
        "checkin.tester_timeout",
        "checkin.sub_here",
        "checkin.sub_cant",
        "checkin.sub_timeout",
        "checkin.sub_unreachable",
        "checkin.late_answer",
        "area.assigned",
        "area.handed_back",
        "round.started",
        "checklist.submitted",
        "summary.posted",
        "window.all_clear",
    }
)


def _tz(row: Any) -> str:
    return str(row.timezone)


def _time(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def card_title(content: Mapping[str, Any] | None) -> str:
    """The heading of a message: the first text of its card, or the first line of its text."""
    content = content or {}
    for attachment in content.get("attachments") or []:
        body = (attachment.get("content") or {}).get("body") or []
        for element in body:
            found = _first_text(element)
            if found:
                return found
    text = str(content.get("text") or "")
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first.replace("**", "")[:160]


def _first_text(node: Any) -> str:
    if isinstance(node, dict):
        if node.get("type") == "TextBlock" and isinstance(node.get("text"), str):
            return str(node["text"]).replace("**", "")[:160]
        for key in ("items", "columns"):
            for child in node.get(key) or []:
                found = _first_text(child)
                if found:
                    return found
    return ""


class _Names:
    """E-mail -> display name, as the window knew people (participants first, then the roster)."""

    def __init__(self, known: dict[str, str]) -> None:
        self._names = dict(known)

    def learn(self, email: str | None, name: str | None) -> None:
        if email and name:
            self._names[email.lower()] = name

    def of(self, email: str | None) -> str:
        if not email:
            return ""
        return self._names.get(email.lower(), email)

    def actor(self, actor: str) -> str:
        return "bot" if actor in ("bot", "") else self.of(actor)


async def build_report(
    uow: UnitOfWork, window_id: int, now: dt.datetime, *, full: bool = True
) -> WindowReport | None:
    """The report of one window; ``full=False`` leaves out messages, answers and the audit trail."""
    conn = uow.conn
    w = await rows.window_row(conn, window_id)
    if w is None:
        return None
    names = _Names(await rows.known_names(conn))
    parts = await rows.participant_rows(conn, window_id)
    for p in parts:
        names.learn(p.email, p.name)
        names.learn(p.substitute_email, p.substitute_name)
        names.learn(p.covered_by_email, p.covered_by_name)
    assigned = {a.area: a for a in await rows.assignment_rows(conn, window_id)}
    for a in assigned.values():
        names.learn(a.email, a.name)
    template = _template(w.template)
    audit = await rows.audit_rows(conn, window_id)
    prompt_list = await rows.prompt_rows(conn, window_id)
    round_list = await rows.round_rows(conn, window_id)
    rounds = _rounds(
        round_list,
        await rows.result_rows(conn, window_id),
        prompt_list,
        parts,
        assigned,
        audit,
        template,
        names,
    )
    starts_at: dt.datetime = w.starts_at
    day_start = next((a.at for a in audit if a.kind == "checkin.started"), None) or starts_at
    timeline = _timeline(audit, rounds, round_list, parts, names, day_start)
    checkins = _checkins(parts, timeline)
    messages: tuple[MessageLine, ...] = ()
    answers: tuple[AnswerLine, ...] = ()
    trail: tuple[AuditLine, ...] = ()
    if full:
        message_list = await rows.message_rows(conn, window_id)
        messages = _messages(message_list, await rows.email_job_rows(conn, window_id), names)
        answers = _answers(audit, prompt_list, round_list, parts, message_list, names)
        trail = tuple(AuditLine(a.id, a.at, a.actor, a.kind, dict(a.detail or {})) for a in audit)
    return WindowReport(
        window_id=w.id,
        day=w.day,
        start=_time(w.start_local),
        end=_time(w.end_local),
        timezone=_tz(w),
        case_number=w.case_number,
        state=w.state,
        generated_at=now,
        checkins=checkins,
        rounds=rounds,
        timeline=timeline,
        messages=messages,
        answers=answers,
        audit=trail,
    )


def _template(frozen: Any) -> Template:
    return parse_template(frozen) if isinstance(frozen, dict) and frozen else load_default_template()


def _case_title(template: Template, case_id: str) -> str:
    try:
        return template.case(case_id)[1].title
    except KeyError:
        return case_id


def _case_area(template: Template, case_id: str) -> str | None:
    try:
        return template.case(case_id)[0]
    except KeyError:
        return None


def _rounds(
    round_list: list[Any],
    result_list: list[Any],
    prompt_list: list[Any],
    parts: list[Any],
    assigned: dict[str, Any],
    audit: list[Any],
    template: Template,
    names: _Names,
) -> tuple[RoundReport, ...]:
    retest_of = {
        int(a.detail.get("round", 0)): a.detail.get("retest_of")
        for a in audit
        if a.kind == "round.started" and isinstance(a.detail, dict)
    }
    out = []
    for r in round_list:
        recorded = {res.case_id: res for res in result_list if res.round_id == r.id}
        by_area: dict[str, list[CaseLine]] = {}
        testers: dict[str, str] = {}
        for prompt in prompt_list:
            if prompt.kind != "checklist" or prompt.round_id != r.id:
                continue
            for case_id in prompt.case_ids or []:
                area = _case_area(template, case_id) or (
                    recorded[case_id].area if case_id in recorded else "?"
                )
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
                    CaseLine(
                        case_id, _case_title(template, case_id), res.outcome, res.comment, res.recorded_at
                    )
                )
        areas = []
        for area in sort_areas(list(by_area)):
            email = testers[area]
            role, instead_of = _role(area, email, parts, assigned)
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


def _role(area: str, email: str, parts: list[Any], assigned: dict[str, Any]) -> tuple[str, str | None]:
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


def _participant(parts: list[Any], email: Any) -> Any | None:
    if not isinstance(email, str):
        return None
    return next((p for p in parts if p.email.lower() == email.lower()), None)


def _timeline(
    audit: list[Any],
    rounds: tuple[RoundReport, ...],
    round_list: list[Any],
    parts: list[Any],
    names: _Names,
    day_start: dt.datetime,
) -> tuple[TimelineEvent, ...]:
    events: list[TimelineEvent] = []
    for a in audit:
        if a.kind not in TIMELINE_KINDS:
            continue
        detail: dict[str, Any] = dict(a.detail or {})
        values: dict[str, Any] = {}
        areas: tuple[str, ...] = ()
        p = _participant(parts, detail.get("participant"))
        if a.kind.startswith("checkin.") and p is not None:
            if a.kind == "checkin.start" and detail.get("state") == "asked":
                continue  # everyone is asked at the start: "checkin.started" says so once
            values.update(
                participant=p.name, substitute=p.substitute_name or "", state=detail.get("state", "")
            )
            areas = tuple(sort_areas(decode_areas(p.areas)))
        elif a.kind == "round.started":
            values.update(
                round=detail.get("round"),
                checklists=detail.get("checklists", 0),
                cases=len(detail.get("cases") or []),
                retest=bool(detail.get("retest_of")),
            )
        elif a.kind == "checklist.submitted":
            answers = detail.get("answers") or {}
            counts = {"pass": 0, "fail": 0, "untested": 0}
            for value in answers.values():
                if isinstance(value, list) and value and value[0] in counts:
                    counts[value[0]] += 1
            values.update(round=detail.get("round"), **{f"n_{k}": v for k, v in counts.items()})
        elif a.kind == "summary.posted":
            values.update(
                round=detail.get("round"),
                verdict=detail.get("verdict"),
                failures=detail.get("failures", 0),
                missing=detail.get("missing", 0),
            )
        elif a.kind == "area.assigned":
            values.update(area=detail.get("area", ""), to=names.of(detail.get("to")))
            areas = (str(detail.get("area", "")),)
        elif a.kind == "area.handed_back":
            values.update(to=names.of(detail.get("to")))
            owner = _participant(parts, detail.get("to"))
            areas = tuple(sort_areas(decode_areas(owner.areas))) if owner is not None else ()
        elif a.kind == "plan.answered":
            values.update(answer=detail.get("answer"), substitute=names.of(detail.get("substitute")))
        elif a.kind == "window.moved":
            values.update({"from": detail.get("from", ""), "to": detail.get("to", "")})
        else:
            values.update({k: v for k, v in detail.items() if isinstance(v, (str, int, float, bool))})
            if a.kind == "plan.reminded":
                values["count"] = len(detail.get("silent") or [])
        events.append(
            TimelineEvent(a.at, a.kind, names.actor(a.actor), values, areas, planning=a.at < day_start)
        )
    for r in rounds:
        answered = r.answered_at
        if answered is not None:
            events.append(
                TimelineEvent(
                    answered,
                    "round.answered",
                    "bot",
                    {"round": r.seq, "verdict": r.verdict, "failures": len(r.failures)},
                )
            )
        if r.closed_at is not None:
            events.append(TimelineEvent(r.closed_at, "round.closed", "bot", {"round": r.seq}))
    order = {"round.answered": 1, "round.closed": 2, "window.all_clear": 3}
    events.sort(key=lambda e: (e.at, order.get(e.kind, 0)))
    return tuple(events)


def _checkins(parts: list[Any], timeline: tuple[TimelineEvent, ...]) -> tuple[CheckinLine, ...]:
    out = []
    for p in parts:
        here: list[dt.datetime | None] = [
            e.at
            for e in timeline
            if e.kind in ("checkin.tester_here", "checkin.sub_here")
            and e.values.get("participant") == p.name
            and e.values.get("state") in ("present", "sub_present")
        ]
        assigned: list[dt.datetime | None] = [
            e.at
            for e in timeline
            if e.kind == "area.assigned" and e.areas and e.areas[0] in decode_areas(p.areas)
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


def _messages(message_list: list[Any], email_jobs: list[Any], names: _Names) -> tuple[MessageLine, ...]:
    out = []
    for m in message_list:
        channel = m.channel_purpose or (None if m.recipient_email else "reply")
        out.append(
            MessageLine(
                key=m.key,
                purpose=m.purpose,
                title=card_title(m.content),
                recipient_email=m.recipient_email,
                recipient_name=names.of(m.recipient_email) if m.recipient_email else None,
                channel=channel,
                created_at=m.created_at,
                delivered_at=m.delivered_at,
                state=m.state,
                version=m.version,
                sent_version=m.sent_version,
                error=m.error,
            )
        )
    states = {
        "done": "sent",
        "pending": "pending",
        "running": "pending",
        "failed": "dead",
        "dead": "dead",
        "cancelled": "cancelled",
    }
    for j in email_jobs:
        payload = j.payload or {}
        to = str(payload.get("to", ""))
        out.append(
            MessageLine(
                key=j.key,
                purpose="email",
                title=str(payload.get("subject", "")),
                recipient_email=to,
                recipient_name=names.of(to),
                channel=None,
                created_at=j.created_at,
                delivered_at=j.finished_at if j.state == "done" else None,
                state=states.get(j.state, j.state),
                version=1,
                sent_version=1 if j.state == "done" else 0,
                error=j.last_error,
            )
        )
    out.sort(key=lambda m: m.created_at)
    return tuple(out)


def _answers(
    audit: list[Any],
    prompt_list: list[Any],
    round_list: list[Any],
    parts: list[Any],
    message_list: list[Any],
    names: _Names,
) -> tuple[AnswerLine, ...]:
    prompts = {p.id: p for p in prompt_list}
    titles = {m.key: card_title(m.content) for m in message_list}
    round_ids = {r.seq: r.id for r in round_list}
    out = []
    for a in audit:
        if a.kind not in ANSWER_KINDS:
            continue
        if a.kind.startswith("checkin.") and a.actor in ("bot", ""):
            continue  # the bot's own escalations are not answers
        detail: dict[str, Any] = dict(a.detail or {})
        prompt = prompts.get(str(detail.get("prompt", ""))) or _guess_prompt(
            a, detail, prompt_list, parts, round_ids
        )
        if a.kind == "checklist.submitted":
            what: dict[str, Any] = {"cases": detail.get("answers") or {}, "round": detail.get("round")}
        elif a.kind == "plan.answered":
            what = {"answer": detail.get("answer"), "substitute": names.of(detail.get("substitute"))}
        elif a.kind == "card.refused":
            what = {"refused": detail.get("reason", "")}
        elif a.kind == "checkin.late_answer":
            what = {"answer": "late"}
        else:
            what = {"answer": "here" if a.kind.endswith("_here") else "cant"}
        key = prompt.message_key if prompt is not None else None
        out.append(
            AnswerLine(
                a.at, names.actor(a.actor), a.actor, a.kind, what, key, titles.get(key) if key else None, a.id
            )
        )
    return tuple(out)


def _guess_prompt(
    a: Any, detail: dict[str, Any], prompt_list: list[Any], parts: list[Any], round_ids: dict[int, int]
) -> Any | None:
    """The card an answer came through, for entries written before answers named their card."""
    candidates: list[Any] = []
    if a.kind.startswith("checkin."):
        p = _participant(parts, detail.get("participant"))
        kind = "checkin_sub" if a.kind.startswith("checkin.sub_") else "checkin"
        candidates = [x for x in prompt_list if p is not None and x.participant_id == p.id and x.kind == kind]
    elif a.kind == "plan.answered":
        candidates = [x for x in prompt_list if x.kind == "announce" and x.recipient_email == a.actor]
    elif a.kind == "checklist.submitted":
        round_id = round_ids.get(int(detail.get("round") or 0))
        candidates = [
            x
            for x in prompt_list
            if x.kind == "checklist" and x.round_id == round_id and x.recipient_email == a.actor
        ]
    before = [x for x in candidates if x.created_at <= a.at]
    return (before or candidates or [None])[-1]


async def build_history(uow: UnitOfWork, now: dt.datetime) -> History:
    """Every window that had test rounds (cancelled ones aside), reduced for the history."""
    digests = []
    for w in await rows.window_rows(uow.conn):
        if w.state == WindowState.CANCELLED.value:
            continue
        if not await rows.round_rows(uow.conn, w.id):
            continue
        report = await build_report(uow, w.id, now, full=False)
        if report is not None:
            digests.append(digest(report))
    return history(digests)


async def full_report(
    uow: UnitOfWork, window_id: int, now: dt.datetime, *, history: bool
) -> WindowReport | None:
    """The report for a file; with ``history`` the history across windows is attached (HTML)."""
    report = await build_report(uow, window_id, now)
    if report is None or not history:
        return report
    return replace(report, history=await build_history(uow, now))


async def reportable_window(uow: UnitOfWork, on: dt.date) -> int | None:
    """The window ``rapport`` without a number means: the latest that has begun (or the next one)."""
    started = [
        w
        for w in await rows.window_rows(uow.conn)
        if w.state in (WindowState.CHECKIN.value, WindowState.TESTING.value, WindowState.DONE.value)
    ]
    if started:
        return int(max(started, key=lambda w: (w.day, w.id)).id)
    planned = [
        w for w in await rows.window_rows(uow.conn) if w.state == WindowState.PLANNED.value and w.day >= on
    ]
    return int(planned[0].id) if planned else None


async def cmd_report(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    arg = args.strip()
    if arg and not arg.isdigit():
        await reply(svc, uow, turn, t("report.usage", who.lang))
        return
    window_id = int(arg) if arg else await reportable_window(uow, today(svc))
    if window_id is None:
        await reply(svc, uow, turn, t("report.no_window", who.lang))
        return
    report = await build_report(uow, window_id, svc.clock.now())
    if report is None:
        await reply(svc, uow, turn, t("report.unknown", who.lang, id=window_id))
        return
    await reply(svc, uow, turn, card=report_card(report, who.lang), window_id=window_id)


async def cmd_history(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    hist = await build_history(uow, svc.clock.now())
    await reply(svc, uow, turn, card=history_card(hist, who.lang))
