"""The tables of one window's report: the header's facts, rounds, the day's result per area (the
verdict's, every area in scope), results, check-in, timeline and the appendix (messages, answers,
audit trail); what ``bot.report.tables`` describes, for one window.

``WINDOW_TABLES`` is their order in the report, and the order of the sections in the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.areas import area_name
from bot.domain.report import (
    AnswerLine,
    AreaResult,
    AuditLine,
    CaseLine,
    CheckinLine,
    MessageLine,
    RoundReport,
    TimelineEvent,
)
from bot.domain.standing import CODE
from bot.report import words as w
from bot.report.tables import Column, Ctx, Format, Shown, TableSpec
from bot.report.verdict_tables import AREAS

BLANK = ("", "")


def _iso(x: Ctx, when: object) -> str:
    return w.iso(x.report, when)


# --- the header ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One fact of the window: ``label`` and ``shown`` on the page, ``kind`` and ``raw`` in the CSV."""

    kind: str
    label: str | None  # catalog key of its label on the page; None: in the CSV only
    shown: str = ""
    raw: object = None
    in_csv: bool = True

    def shows_in(self, fmt: Format) -> bool:
        return self.in_csv if fmt == "csv" else self.label is not None


def _facts(x: Ctx) -> list[Fact]:
    r, lang = x.report, x.lang
    return [
        Fact("window", "report.window", str(r.window_id), r.window_id),
        Fact("date", "report.date", w.window_date(r, lang), r.day.isoformat()),
        Fact("time", "report.time", w.window_times(r), in_csv=False),
        Fact("start", None, raw=r.start.strftime("%H:%M")),
        Fact("end", None, raw=r.end.strftime("%H:%M")),
        Fact("timezone", None, raw=r.timezone),
        Fact("case_number", "report.case", w.case_state(r, lang), r.case_number),
        Fact("state", "report.state", w.window_state(r, lang), r.state),
        Fact("verdict", "report.verdict", w.verdict(r, lang), r.verdict),
        Fact("generated", "report.generated", w.stamp(r, r.generated_at), in_csv=False),
        Fact("title", None, raw=x.t("report.title", date=w.window_date(r, lang))),
    ]


FACTS = TableSpec[Fact](
    "window",
    BLANK,
    columns=(
        Column("label", BLANK, lambda x, f: x.t(f.label) if f.label else ""),
        Column("value", BLANK, lambda _, f: f.shown),
    ),
    rows=_facts,
    csv={
        "kind": lambda _, f: f.kind,
        "value": lambda _, f: f.raw,
        "time": lambda x, f: _iso(x, x.report.generated_at) if f.kind == "window" else "",
    },
    keep=Fact.shows_in,
)


# --- rounds and results -------------------------------------------------------------------------


def _round_detail(x: Ctx, r: RoundReport) -> str:
    seconds = int(r.duration.total_seconds()) if r.duration else ""
    areas = ";".join(f"{CODE[s]}:{n}" for s, n in r.counts.items() if n)
    return (
        f"answered={_iso(x, r.answered_at)}; closed={_iso(x, r.closed_at)}; "
        f"seconds={seconds}; failures={len(r.failures)}; missing={len(r.missing)}; areas={areas}"
    )


ROUNDS = TableSpec[RoundReport](
    "round",
    "report.rounds",
    columns=(
        Column("round", "report.round", lambda x, r: w.round_name(r, x.lang)),
        Column("started", "report.started", lambda x, r: w.clock(x.report, r.started_at)),
        Column("answered", "report.answered", lambda x, r: w.clock(x.report, r.answered_at)),
        Column("duration", "report.duration", lambda x, r: w.duration(r.duration, x.lang)),
        Column("started_by", "report.started_by", lambda x, r: w.actor(r.started_by, x.lang)),
        Column("result", "report.result", lambda x, r: w.round_verdict(r, x.lang)),
    ),
    rows=lambda x: x.report.rounds,
    csv={
        "time": lambda x, r: _iso(x, r.started_at),
        "round": lambda _, r: r.seq,
        "kind": lambda _, r: f"{r.kind}:{r.client}",
        "value": lambda _, r: r.verdict,
        "person": "started_by",
        "comment": "round",
        "detail": _round_detail,
    },
)


@dataclass(frozen=True)
class ResultRow:
    """One test case in one round."""

    round: RoundReport
    area: AreaResult
    case: CaseLine


def results(rounds: tuple[RoundReport, ...]) -> list[ResultRow]:
    return [ResultRow(r, a, c) for r in rounds for a in r.areas for c in a.cases]


RESULTS = TableSpec[ResultRow](
    "result",
    "report.results",
    columns=(
        Column("case_title", "report.case_title", lambda _, row: row.case.title),
        Column("outcome", "report.outcome", lambda x, row: w.outcome(row.case.outcome, x.lang)),
        Column("comment", "report.comment", lambda _, row: row.case.comment),
        Column("at", "report.at", lambda x, row: w.clock(x.report, row.case.recorded_at)),
    ),
    rows=lambda x: results(x.report.rounds),
    csv={
        "time": lambda x, row: _iso(x, row.case.recorded_at),
        "round": lambda _, row: row.round.seq,
        "area": lambda _, row: row.area.area,
        "case": lambda _, row: row.case.case_id,
        "person": lambda _, row: row.area.tester_name,
        "email": lambda _, row: row.area.tester_email,
        "role": lambda _, row: row.area.role,
        "value": lambda _, row: row.case.outcome or "",
        "comment": "comment",
        "kind": lambda _, row: row.round.status_of(row.area.area) or "",
        "detail": lambda _, row: f"{area_name(row.area.area)}: {row.case.title}",
    },
)


# --- check-in and timeline ----------------------------------------------------------------------

CHECKIN_TONE = {"present": "pass", "sub_present": "pending", "assigned": "pending", "uncovered": "fail"}


def _checkin_outcome(x: Ctx, c: CheckinLine) -> Shown:
    """How check-in ended, when, and who tested if not the test resource."""
    covered = c.covered_by_name if c.covered_by_name and c.covered_by_name != c.tester_name else None
    return Shown(
        "badge",
        x.t(f"cstate.{c.state}"),
        sub=covered,
        tone=CHECKIN_TONE.get(c.state, "untested"),
        when=w.clock(x.report, c.checked_in_at) if c.checked_in_at else "",
    )


def _substitute(_: Ctx, c: CheckinLine) -> str:
    return f"{c.substitute_name} ({c.substitute_email})" if c.substitute_email else w.DASH


CHECKINS = TableSpec[CheckinLine](
    "checkin",
    "report.checkin",
    columns=(
        Column(
            "tester",
            "report.tester",
            lambda _, c: f"{c.tester_name} ({c.tester_email})",
            html=lambda _, c: Shown("person", c.tester_name, c.tester_email),
        ),
        Column("areas", "report.areas", lambda _, c: w.areas_text(c.areas), look="areas"),
        Column("client", "report.client", lambda x, c: w.clients(c.clients, x.lang)),
        Column("plan_answer", "report.plan_answer", lambda x, c: x.t(f"plan.{c.plan_answer or 'none'}")),
        Column(
            "substitute",
            "report.substitute",
            _substitute,
            html=lambda _, c: Shown("person", c.substitute_name or w.DASH, c.substitute_email or None),
        ),
        Column("state", "report.checkin_state", lambda x, c: x.t(f"cstate.{c.state}"), html=_checkin_outcome),
        Column("covered_by", "report.covered_by", lambda _, c: c.covered_by_name or w.DASH, only="md"),
        Column("checked_in", "report.checked_in", lambda x, c: w.clock(x.report, c.checked_in_at), only="md"),
    ),
    rows=lambda x: x.report.checkins,
    csv={
        "time": lambda x, c: _iso(x, c.checked_in_at),
        "area": lambda _, c: ";".join(c.areas),
        "person": lambda _, c: c.tester_name,
        "email": lambda _, c: c.tester_email,
        "role": lambda *_: "tester",
        "value": lambda _, c: c.state,
        "kind": lambda _, c: c.plan_answer or "",
        "comment": lambda _, c: c.covered_by_name or "",
        "detail": lambda _, c: (
            f"substitute={c.substitute_name or ''} <{c.substitute_email or ''}>; "
            f"clients={';'.join(c.clients)}"
        ),
    },
)


def _event_time(x: Ctx, e: TimelineEvent) -> str:
    """Date and time before the day (planning); the clock on the day."""
    return w.stamp(x.report, e.at)[:16] if e.planning else w.clock(x.report, e.at)


TIMELINE = TableSpec[TimelineEvent](  # shown as lines, without headings
    "timeline",
    "report.timeline",
    columns=(
        Column("time", "report.at", _event_time),
        Column("text", "report.event", lambda x, e: w.event_text(x.report, e, x.lang)),
    ),
    rows=lambda x: x.report.timeline,
    csv={
        "time": lambda x, e: _iso(x, e.at),
        "round": lambda _, e: e.values.get("round", ""),
        "area": lambda _, e: ";".join(e.areas),
        "person": lambda x, e: w.actor(e.actor, x.lang),
        "kind": lambda _, e: e.kind,
        "value": lambda _, e: "planning" if e.planning else "day",
        "role": lambda _, e: "escalation" if e.escalation else "",
        "detail": "text",
    },
)


# --- the appendix -------------------------------------------------------------------------------


def _delivered(x: Ctx, m: MessageLine) -> Shown | str:
    if m.delivered_at:
        return Shown("nowrap", w.stamp(x.report, m.delivered_at))
    return x.t("report.not_delivered")


def _message_detail(x: Ctx, m: MessageLine) -> str:
    error = f"; error={m.error}" if m.error else ""
    return f"delivered={_iso(x, m.delivered_at)}; version={m.version}; sent_version={m.sent_version}{error}"


MESSAGES = TableSpec[MessageLine](
    "message",
    "report.messages",
    columns=(
        Column("sent", "report.sent", lambda x, m: w.stamp(x.report, m.created_at), look="nowrap"),
        Column("to", "report.to", lambda x, m: w.recipient(m, x.lang), look="email"),
        Column("purpose", "report.purpose", lambda x, m: w.purpose(m.purpose, x.lang)),
        Column("card", "report.card", lambda _, m: m.title, html=lambda _, m: Shown("keyed", m.title, m.key)),
        Column(
            "delivered",
            "report.delivered",
            lambda x, m: w.stamp(x.report, m.delivered_at) or x.t("report.not_delivered"),
            html=_delivered,
        ),
        Column(
            "state",
            "report.state",
            lambda x, m: w.message_state(m, x.lang) + (f" ({m.error})" if m.error else ""),
        ),
        Column("versions", "report.versions", lambda _, m: m.version, look="num"),
        Column("key", ("key", "key"), lambda _, m: f"`{m.key}`", only="md"),
    ),
    rows=lambda x: x.report.messages,
    csv={
        "time": lambda x, m: _iso(x, m.created_at),
        "person": lambda _, m: m.recipient_name or m.channel or "",
        "email": lambda _, m: m.recipient_email or "",
        "role": lambda _, m: m.purpose,
        "value": lambda _, m: m.state,
        "comment": "card",
        "kind": lambda _, m: m.key,
        "detail": _message_detail,
    },
)

ANSWERS = TableSpec[AnswerLine](
    "answer",
    "report.answers",
    columns=(
        Column("at", "report.at", lambda x, a: w.stamp(x.report, a.at), look="nowrap"),
        Column(
            "who",
            "report.who",
            lambda _, a: f"{a.name} ({a.email})" if a.email != a.name else a.name,
            html=lambda _, a: Shown("keyed", a.name, a.email if a.email != a.name else None),
        ),
        Column("what", "report.what", lambda x, a: w.answer_text(a, x.lang, x.titles)),
        Column(
            "via",
            "report.via",
            lambda _, a: f"{a.card_title or ''} `{a.card_key or '?'}`",
            html=lambda _, a: Shown("keyed", a.card_title or "", a.card_key or "?"),
        ),
    ),
    rows=lambda x: x.report.answers,
    csv={
        "time": lambda x, a: _iso(x, a.at),
        "person": lambda _, a: a.name,
        "email": lambda _, a: a.email,
        "kind": lambda _, a: a.kind,
        "value": "what",
        "comment": lambda _, a: a.card_title or "",
        "role": lambda _, a: a.card_key or "",
        "detail": lambda _, a: w.detail_text(a.answer),
        "round": lambda _, a: a.answer.get("round", ""),
    },
)

AUDIT = TableSpec[AuditLine](
    "audit",
    "report.audit",
    columns=(
        Column("id", ("#", "#"), lambda _, a: a.id, look="num"),
        Column("at", "report.at", lambda x, a: w.stamp(x.report, a.at), look="nowrap"),
        Column("who", "report.who", lambda _, a: a.actor, look="mono"),
        Column("event", "report.event", lambda _, a: f"`{a.kind}`", html=lambda _, a: Shown("mono", a.kind)),
        Column("details", "report.details", lambda _, a: w.detail_text(a.detail), look="mono"),
    ),
    rows=lambda x: x.report.audit,
    csv={
        "time": lambda x, a: _iso(x, a.at),
        "person": "who",
        "kind": lambda _, a: a.kind,
        "value": "id",
        "detail": "details",
    },
)

WINDOW_TABLES: tuple[TableSpec[Any], ...] = (
    FACTS,
    ROUNDS,
    AREAS,
    RESULTS,
    CHECKINS,
    TIMELINE,
    MESSAGES,
    ANSWERS,
    AUDIT,
)
