"""Sentences and formatted values of the report, shared by every renderer (Markdown, CSV, HTML, cards)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.areas import area_name
from bot.domain.report import AnswerLine, AreaResult, MessageLine, RoundReport, TimelineEvent, WindowReport
from bot.domain.windows import date_text, hhmm
from bot.i18n import Lang, t


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
    return f"{hhmm(report.start)}–{hhmm(report.end)}"


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
    if r.verdict == "fail":
        return t("rverdict.fail", lang, count=len(r.failures))
    if r.verdict == "incomplete":
        return t("rverdict.incomplete", lang, count=len(r.missing))
    return t("rverdict.pass", lang)


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
    return ", ".join(parts) or "–"


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
        return head + (" – " + "; ".join(lines) if lines else "")
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
    v = dict(e.values)
    who = actor(e.actor, lang)
    r = round_by_seq(report, v.get("round"))
    rname = round_name(r, lang) if r is not None else str(v.get("round", ""))
    kind = e.kind
    if kind.startswith("checkin.") and kind not in ("checkin.started", "checkin.not_started_late"):
        state = v.get("state")
        if kind == "checkin.start":
            return t(
                "ev.checkin.start.sub" if state == "sub_asked" else "ev.checkin.start.uncovered",
                lang,
                participant=v.get("participant", ""),
                substitute=v.get("substitute", ""),
            )
        nxt = (
            t("ev.next.sub", lang, substitute=v.get("substitute", ""))
            if state == "sub_asked"
            else t("ev.next.uncovered", lang)
        )
        return t(
            f"ev.{kind}",
            lang,
            participant=v.get("participant", ""),
            substitute=v.get("substitute", ""),
            next=nxt,
        )
    if kind == "plan.answered":
        key = "ev.plan.answered.cant" if v.get("answer") == "cant" else "ev.plan.answered.coming"
        return t(key, lang, actor=who, substitute=v.get("substitute", ""))
    if kind == "round.started":
        if v.get("retest"):
            return t("ev.round.retest", lang, round=rname, cases=v.get("cases", 0), actor=who)
        return t("ev.round.started", lang, round=rname, checklists=v.get("checklists", 0), actor=who)
    if kind == "round.answered":
        verdict_text = round_verdict(r, lang) if r is not None else ""
        return t("ev.round.answered", lang, round=rname, verdict=verdict_text)
    if kind == "round.closed":
        return t("ev.round.closed", lang, round=rname)
    if kind == "checklist.submitted":
        summary = counts_text(
            int(v.get("n_pass", 0)), int(v.get("n_fail", 0)), int(v.get("n_untested", 0)), lang
        )
        return t("ev.checklist.submitted", lang, actor=who, round=rname, summary=summary)
    if kind == "summary.posted":
        if v.get("verdict") == "fail":
            text = t("rverdict.fail", lang, count=v.get("failures", 0))
        elif v.get("verdict") == "incomplete":
            text = t("rverdict.incomplete", lang, count=v.get("missing", 0))
        else:
            text = t("rverdict.pass", lang)
        return t("ev.summary.posted", lang, round=rname, verdict=text)
    if kind == "area.assigned":
        return t(
            "ev.area.assigned", lang, actor=who, area=area_name(str(v.get("area", ""))), to=v.get("to", "")
        )
    if kind == "area.handed_back":
        return t("ev.area.handed_back", lang, actor=who, to=v.get("to", ""))
    if kind == "window.all_clear":
        return t("ev.window.all_clear", lang, actor=who, told=v.get("told", 0))
    if kind == "window.moved":
        return t("ev.window.moved", lang, actor=who, **{"from": v.get("from", ""), "to": v.get("to", "")})
    if kind == "window.announced":
        return t("ev.window.announced", lang, actor=who, new=v.get("new", 0))
    if kind == "plan.reminded":
        return t("ev.plan.reminded", lang, count=v.get("count", 0))
    if kind == "notice.reminded":
        return t("ev.notice.reminded", lang, mailed=v.get("mailed", 0))
    if kind == "checkin.started":
        return t("ev.checkin.started", lang, cards=v.get("cards", 0))
    try:
        return t(f"ev.{kind}", lang, actor=who)
    except KeyError:
        return f"{kind} ({who})"


def detail_text(detail: Mapping[str, Any]) -> str:
    """An audit entry's detail as compact JSON, as stored."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def case_titles(report: WindowReport) -> dict[str, str]:
    return {c.case_id: c.title for r in report.rounds for a in r.areas for c in a.cases}


def status_of_area_in_round(report: WindowReport, area: str, r: RoundReport) -> AreaResult | None:
    return r.area(area)
