"""The report of a window as one CSV table, for Excel and for machines.

Every row has the same columns; ``section`` says what the row is: ``window`` (header facts),
``round`` (verdict per round), ``result`` (one test case in one round), ``checkin`` (one test
resource), ``timeline``, ``message``, ``answer`` and ``audit`` (the full trail). Times are local
(the window's time zone) in ISO 8601 with offset, so that they sort and parse.
"""

from __future__ import annotations

import csv
import io

from bot.domain.areas import area_name
from bot.domain.report import WindowReport
from bot.i18n import Lang, t
from bot.report import words as w

COLUMNS = (
    "section",
    "time",
    "round",
    "area",
    "case",
    "person",
    "email",
    "role",
    "value",
    "comment",
    "kind",
    "detail",
)


def _iso(report: WindowReport, when: object) -> str:
    import datetime as dt

    if not isinstance(when, dt.datetime):
        return ""
    at = w.local(report, when)
    return at.isoformat(timespec="seconds") if at else ""


def render_csv(report: WindowReport, lang: Lang = "sv") -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(COLUMNS)

    def row(section: str, **values: object) -> None:
        out.writerow(
            [section if c == "section" else ("" if values.get(c) is None else values.get(c)) for c in COLUMNS]
        )

    for kind, value in (
        ("window", report.window_id),
        ("date", report.day.isoformat()),
        ("start", report.start.strftime("%H:%M")),
        ("end", report.end.strftime("%H:%M")),
        ("timezone", report.timezone),
        ("case_number", report.case_number),
        ("state", report.state),
        ("verdict", report.verdict),
        ("title", t("report.title", lang, date=w.window_date(report, lang))),
    ):
        row(
            "window",
            kind=kind,
            value=value,
            time=_iso(report, report.generated_at) if kind == "window" else "",
        )
    for r in report.rounds:
        row(
            "round",
            time=_iso(report, r.started_at),
            round=r.seq,
            kind=f"{r.kind}:{r.client}",
            value=r.verdict,
            person=w.actor(r.started_by, lang),
            comment=w.round_name(r, lang),
            detail=(
                f"answered={_iso(report, r.answered_at)}; closed={_iso(report, r.closed_at)}; "
                f"seconds={int(r.duration.total_seconds()) if r.duration else ''}; "
                f"failures={len(r.failures)}; missing={len(r.missing)}"
            ),
        )
    for r in report.rounds:
        for a in r.areas:
            for c in a.cases:
                row(
                    "result",
                    time=_iso(report, c.recorded_at),
                    round=r.seq,
                    area=a.area,
                    case=c.case_id,
                    person=a.tester_name,
                    email=a.tester_email,
                    role=a.role,
                    value=c.outcome or "",
                    comment=c.comment,
                    kind=a.status,
                    detail=f"{area_name(a.area)}: {c.title}",
                )
    for ci in report.checkins:
        row(
            "checkin",
            time=_iso(report, ci.checked_in_at),
            area=";".join(ci.areas),
            person=ci.tester_name,
            email=ci.tester_email,
            role="tester",
            value=ci.state,
            kind=ci.plan_answer or "",
            comment=ci.covered_by_name or "",
            detail=(
                f"substitute={ci.substitute_name or ''} <{ci.substitute_email or ''}>; "
                f"clients={';'.join(ci.clients)}"
            ),
        )
    for e in report.timeline:
        row(
            "timeline",
            time=_iso(report, e.at),
            round=e.values.get("round", ""),
            area=";".join(e.areas),
            person=w.actor(e.actor, lang),
            kind=e.kind,
            value="planning" if e.planning else "day",
            role="escalation" if e.escalation else "",
            detail=w.event_text(report, e, lang),
        )
    for m in report.messages:
        row(
            "message",
            time=_iso(report, m.created_at),
            person=m.recipient_name or m.channel or "",
            email=m.recipient_email or "",
            role=m.purpose,
            value=m.state,
            comment=m.title,
            kind=m.key,
            detail=(
                f"delivered={_iso(report, m.delivered_at)}; version={m.version}; "
                f"sent_version={m.sent_version}" + (f"; error={m.error}" if m.error else "")
            ),
        )
    titles = w.case_titles(report)
    for ans in report.answers:
        row(
            "answer",
            time=_iso(report, ans.at),
            person=ans.name,
            email=ans.email,
            kind=ans.kind,
            value=w.answer_text(ans, lang, titles),
            comment=ans.card_title or "",
            role=ans.card_key or "",
            detail=w.detail_text(ans.answer),
            round=ans.answer.get("round", ""),
        )
    for au in report.audit:
        row(
            "audit",
            time=_iso(report, au.at),
            person=au.actor,
            kind=au.kind,
            value=au.id,
            detail=w.detail_text(au.detail),
        )
    return buffer.getvalue()
