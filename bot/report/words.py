"""Sentences and formatted values of the report, shared by every renderer (Markdown, CSV, HTML, cards)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.areas import area_name
from bot.domain.report import AnswerLine, AreaResult, MessageLine, RoundReport, TimelineEvent, WindowReport
from bot.domain.standing import CODE
from bot.domain.verdict import STATUS_ORDER, AreaStatus
from bot.domain.windows import date_text, hhmm
from bot.i18n import Lang, Phrase, t

DASH = "\N{EN DASH}"  # between two times, before an aside, and for nothing to show


def local(report: WindowReport, when: dt.datetime | None) -> dt.datetime | None:
    return None if when is None else when.astimezone(ZoneInfo(report.timezone))


def clock(report: WindowReport, when: dt.datetime | None) -> str:
    """'09:40' on the window's day; with the date on any other day."""
    at = local(report, when)
    if at is None:
        return ""
    if at.date() == report.day:
        return at.strftime("%H:%M")
    return at.strftime("%Y-%m-%d %H:%M")


def stamp(report: WindowReport, when: dt.datetime | None) -> str:
    """Full local date and time with seconds, for the appendix."""
    at = local(report, when)
    return "" if at is None else at.strftime("%Y-%m-%d %H:%M:%S")


def iso(report: WindowReport, when: object) -> str:
    """Local ISO 8601 with the offset, to the second, for the CSV; empty for anything but a time."""
    if not isinstance(when, dt.datetime):
        return ""
    at = local(report, when)
    return at.isoformat(timespec="seconds") if at else ""


def duration(value: dt.timedelta | float | None, lang: Lang) -> str:
    if value is None:
        return ""
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else value
    minutes = round(seconds / 60)
    if minutes < 60:
        return t("report.minutes", lang, minutes=minutes)
    return t("report.hours", lang, hours=minutes // 60, minutes=minutes % 60)


def window_date(report: WindowReport, lang: Lang) -> str:
    return date_text(report.day, lang)


def window_times(report: WindowReport) -> str:
    return f"{hhmm(report.start)}{DASH}{hhmm(report.end)}"


def round_name(r: RoundReport, lang: Lang) -> str:
    client = t(f"round.{r.client}", lang)
    key = "round.retest_name" if r.kind == "retest" else "round.name"
    return t(key, lang, seq=r.seq, client=client)


def round_short(r: RoundReport, lang: Lang) -> str:
    client = t(f"round.{r.client}", lang)
    if r.kind == "retest":
        return t("pic.retest", lang, seq=r.seq)
    return t("pic.round", lang, seq=r.seq, client=client)


def round_by_seq(report: WindowReport, seq: Any) -> RoundReport | None:
    try:
        number = int(seq)
    except (TypeError, ValueError):
        return None
    return next((r for r in report.rounds if r.seq == number), None)


def round_verdict(r: RoundReport, lang: Lang) -> str:
    """Passed, or not with the client's areas per status as of the round (the verdict's)."""
    if r.verdict == "pass":
        return t("rverdict.pass", lang)
    return t("rverdict.not_passed", lang, counts=status_counts(r.counts, lang))


def status_counts(counts: Mapping[AreaStatus, int], lang: Lang) -> str:
    """The areas per status, those that occur: "1 fel · 2 otestat · 7 godkänt"."""
    return " · ".join(
        t("verdict.count", lang, count=counts[s], status=Phrase(f"verdict.{s.value}"))
        for s in STATUS_ORDER
        if counts.get(s)
    )


def status(code: str | None, lang: Lang) -> str:
    """An area's status (a ``standing.CODE``) in words; a dash where there is none."""
    return t(f"status.{code}", lang) if code else DASH


def verdict(report: WindowReport, lang: Lang) -> str:
    return t(f"report.verdict.{report.verdict}", lang)


def role(a: AreaResult, lang: Lang) -> str:
    if a.role == "tester":
        return t("rrole.tester", lang)
    return t(f"rrole.{a.role}", lang, name=a.stands_in_for or "?")


def outcome(value: str | None, lang: Lang) -> str:
    return t(f"outcome.{value or 'none'}", lang)


def case_state(report: WindowReport, lang: Lang) -> str:
    return report.case_number or t("report.case_none", lang)


def window_state(report: WindowReport, lang: Lang) -> str:
    return t(f"state.{report.state}", lang)


def clients(values: tuple[str, ...], lang: Lang) -> str:
    if set(values) == {"local", "citrix"}:
        return t("client.both", lang)
    return ", ".join(t(f"client.{c}", lang) for c in values)


def areas_text(areas: tuple[str, ...] | list[str]) -> str:
    return ", ".join(area_name(a) for a in areas)


def recipient(m: MessageLine, lang: Lang) -> str:
    if m.channel == "reply":
        return t("report.reply", lang)
    if m.channel:
        return t("report.channel", lang)
    if m.recipient_name and m.recipient_email and m.recipient_name != m.recipient_email:
        return f"{m.recipient_name} <{m.recipient_email}>"
    return m.recipient_email or ""


def purpose(value: str, lang: Lang) -> str:
    key = f"purpose.{value}"
    try:
        return t(key, lang)
    except KeyError:
        return value


def message_state(m: MessageLine, lang: Lang) -> str:
    try:
        return t(f"msgstate.{m.state}", lang)
    except KeyError:
        return m.state


def counts_text(n_pass: int, n_fail: int, n_untested: int, lang: Lang) -> str:
    parts = []
    if n_pass:
        parts.append(t("ans.n_pass", lang, n=n_pass))
    if n_fail:
        parts.append(t("ans.n_fail", lang, n=n_fail))
    if n_untested:
        parts.append(t("ans.n_untested", lang, n=n_untested))
    return ", ".join(parts) or DASH


def answer_text(a: AnswerLine, lang: Lang, titles: Mapping[str, str] | None = None) -> str:
    """What someone answered, in words; a checklist answer lists every case with its comment."""
    what = a.answer
    if "cases" in what:
        cases = what.get("cases") or {}
        counted = {"pass": 0, "fail": 0, "untested": 0}
        lines = []
        for case_id, value in cases.items():
            result, comment = [*value, "", ""][:2] if isinstance(value, list) else (str(value), "")
            if result in counted:
                counted[result] += 1
            title = (titles or {}).get(case_id, case_id)
            lines.append(f"{title}: {outcome(result, lang)}" + (f" ({comment})" if comment else ""))
        head = counts_text(counted["pass"], counted["fail"], counted["untested"], lang)
        return head + (f" {DASH} " + "; ".join(lines) if lines else "")
    if "refused" in what:
        return t("ans.refused", lang)
    answer = what.get("answer")
    if answer == "here":
        return t("ans.here", lang)
    if answer == "late":
        return t("ans.late", lang)
    if answer == "coming":
        return t("ans.coming", lang)
    if answer == "cant" and what.get("substitute"):
        return t("ans.cant_sub", lang, name=what["substitute"])
    return t("ans.cant", lang)


def actor(name: str, lang: Lang) -> str:
    return t("ev.bot", lang) if name == "bot" else name


def event_text(report: WindowReport, e: TimelineEvent, lang: Lang) -> str:
    """One line of the timeline, in words."""
    who = actor(e.actor, lang)
    if e.kind.startswith("checkin.") and e.kind not in ("checkin.started", "checkin.not_started_late"):
        return _checkin_event(e, lang)
    words = _EVENTS.get(e.kind)
    if words is not None:
        return words(_Event(report, e.values, who, lang))
    try:
        return t(f"ev.{e.kind}", lang, actor=who)
    except KeyError:
        return f"{e.kind} ({who})"


def _checkin_event(e: TimelineEvent, lang: Lang) -> str:
    """A test resource's or substitute's answer at check-in, or its lack, and what happens next."""
    v = e.values
    participant, substitute = v.get("participant", ""), v.get("substitute", "")
    state = v.get("state")
    if e.kind == "checkin.start":
        key = "ev.checkin.start.sub" if state == "sub_asked" else "ev.checkin.start.uncovered"
        return t(key, lang, participant=participant, substitute=substitute)
    nxt = (
        t("ev.next.sub", lang, substitute=substitute)
        if state == "sub_asked"
        else t("ev.next.uncovered", lang)
    )
    return t(f"ev.{e.kind}", lang, participant=participant, substitute=substitute, next=nxt)


@dataclass(frozen=True)
class _Event:
    """What the words of one timeline event are made from."""

    report: WindowReport
    v: Mapping[str, Any]
    who: str
    lang: Lang

    @property
    def round(self) -> RoundReport | None:
        return round_by_seq(self.report, self.v.get("round"))

    @property
    def round_name(self) -> str:
        r = self.round
        return round_name(r, self.lang) if r is not None else str(self.v.get("round", ""))

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


def _plan_answered(ev: _Event) -> str:
    key = "ev.plan.answered.cant" if ev.v.get("answer") == "cant" else "ev.plan.answered.coming"
    return ev.t(key, actor=ev.who, substitute=ev.v.get("substitute", ""))


def _round_started(ev: _Event) -> str:
    if ev.v.get("retest"):
        return ev.t("ev.round.retest", round=ev.round_name, cases=ev.v.get("cases", 0), actor=ev.who)
    return ev.t("ev.round.started", round=ev.round_name, checklists=ev.v.get("checklists", 0), actor=ev.who)


def _round_answered(ev: _Event) -> str:
    r = ev.round
    verdict_text = round_verdict(r, ev.lang) if r is not None else ""
    return ev.t("ev.round.answered", round=ev.round_name, verdict=verdict_text)


def _checklist_submitted(ev: _Event) -> str:
    v = ev.v
    summary = counts_text(
        int(v.get("n_pass", 0)), int(v.get("n_fail", 0)), int(v.get("n_untested", 0)), ev.lang
    )
    return ev.t("ev.checklist.submitted", actor=ev.who, round=ev.round_name, summary=summary)


def _summary_posted(ev: _Event) -> str:
    """What the summary said: passed, or not with the areas per status (entries from before the
    verdict counted areas say failures or missing answers, as they did)."""
    areas = ev.v.get("areas")
    if ev.v.get("passed") is True or (areas is None and ev.v.get("verdict") == "pass"):
        text = ev.t("rverdict.pass")
    elif isinstance(areas, dict):
        counts = {s: int(areas.get(s.value, 0)) for s in STATUS_ORDER}
        text = ev.t("rverdict.not_passed", counts=status_counts(counts, ev.lang))
    elif ev.v.get("verdict") == "fail":
        text = ev.t("rverdict.fail", count=ev.v.get("failures", 0))
    else:
        text = ev.t("rverdict.incomplete", count=ev.v.get("missing", 0))
    return ev.t("ev.summary.posted", round=ev.round_name, verdict=text)


def _area_assigned(ev: _Event) -> str:
    area = area_name(str(ev.v.get("area", "")))
    return ev.t("ev.area.assigned", actor=ev.who, area=area, to=ev.v.get("to", ""))


def _window_moved(ev: _Event) -> str:
    return ev.t("ev.window.moved", actor=ev.who, **{"from": ev.v.get("from", ""), "to": ev.v.get("to", "")})


def _all_clear(ev: _Event) -> str:
    if not ev.v.get("override"):
        return ev.t("ev.window.all_clear", actor=ev.who, told=ev.v.get("told", 0))
    open_areas = ", ".join(
        f"{area_name(str(o.get('area', '')))} ({_status_word(ev, str(o.get('status', '')))})"
        for o in ev.v.get("open", [])
        if isinstance(o, Mapping)
    )
    return ev.t(
        "ev.window.all_clear.override",
        actor=ev.who,
        told=ev.v.get("told", 0),
        open=open_areas or "-",
        reason=ev.v.get("override", ""),
    )


def _status_word(ev: _Event, status: str) -> str:
    """An area's status as the all-clear recorded it (the verdict's value), in words."""
    try:
        return ev.t(f"status.{CODE[AreaStatus(status)]}")
    except ValueError:
        return status


def _supplier_decision(ev: _Event) -> str:
    comment = f": {ev.v['comment']}" if ev.v.get("comment") else ""
    kind = str(ev.v.get("kind", "go"))
    key = f"ev.supplier.{kind}" if kind in ("go", "fixing", "fixed", "rollback") else "ev.supplier.go"
    return ev.t(key, actor=ev.v.get("name") or ev.who, round=ev.round_name, comment=comment)


def _window_aborted(ev: _Event) -> str:
    expected = ev.t("ev.window.aborted.expected", time=ev.v["expected"]) if ev.v.get("expected") else ""
    return ev.t(
        "ev.window.aborted",
        actor=ev.who,
        reason=ev.v.get("reason", ""),
        expected=expected,
        told=ev.v.get("told", 0),
    )


# The events whose words need more than who did it; any other kind is "ev.<kind>" with the actor.
_EVENTS: dict[str, Callable[[_Event], str]] = {
    "plan.answered": _plan_answered,
    "round.started": _round_started,
    "round.answered": _round_answered,
    "round.closed": lambda ev: ev.t("ev.round.closed", round=ev.round_name),
    "checklist.submitted": _checklist_submitted,
    "summary.posted": _summary_posted,
    "area.assigned": _area_assigned,
    "area.handed_back": lambda ev: ev.t("ev.area.handed_back", actor=ev.who, to=ev.v.get("to", "")),
    "window.all_clear": _all_clear,
    "supplier.decision": _supplier_decision,
    "window.aborted": _window_aborted,
    "window.extended": lambda ev: ev.t(
        "ev.window.extended",
        actor=ev.who,
        told=ev.v.get("told", 0),
        **{"from": ev.v.get("from", ""), "to": ev.v.get("to", "")},
    ),
    "window.moved": _window_moved,
    "window.announced": lambda ev: ev.t("ev.window.announced", actor=ev.who, new=ev.v.get("new", 0)),
    "plan.reminded": lambda ev: ev.t("ev.plan.reminded", count=ev.v.get("count", 0)),
    "notice.reminded": lambda ev: ev.t("ev.notice.reminded", mailed=ev.v.get("mailed", 0)),
    "checkin.started": lambda ev: ev.t("ev.checkin.started", cards=ev.v.get("cards", 0)),
}


def detail_text(detail: Mapping[str, Any]) -> str:
    """An audit entry's detail as compact JSON, as stored."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def case_titles(report: WindowReport) -> dict[str, str]:
    return {c.case_id: c.title for r in report.rounds for a in r.areas for c in a.cases}
