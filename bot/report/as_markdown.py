"""The report of a window as Markdown: readable as plain text, and as a page wherever Markdown renders.

Its tables are those of ``bot.report.window_tables``, each cell in words.
"""

from __future__ import annotations

from typing import Any

from bot.domain.areas import area_name
from bot.domain.report import WindowReport
from bot.i18n import Lang
from bot.report import words as w
from bot.report.tables import Ctx, Table
from bot.report.verdict_tables import AREAS
from bot.report.window_tables import (
    ANSWERS,
    AUDIT,
    CHECKINS,
    FACTS,
    MESSAGES,
    RESULTS,
    ROUNDS,
    TIMELINE,
    ResultRow,
)


def _cell(value: object) -> str:
    text = str(value) if value is not None else ""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _table(table: Table[Any]) -> list[str]:
    head = table.heads("md")
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.text_rows("md")]
    return lines


def render_markdown(report: WindowReport, lang: Lang = "sv") -> str:
    x = Ctx.of(report, lang)
    out = [f"# {x.t('report.title', date=w.window_date(report, lang))}", "", x.t("report.subtitle"), ""]
    out += _table(FACTS.bind(x))
    out += ["", x.t("report.timezone", zone=report.timezone), ""]
    out += _rounds(x)
    out += _area_verdicts(x)
    out += _failures(x)
    out += _results(x)
    out += [f"## {x.t('report.checkin')}", "", *_table(CHECKINS.bind(x)), ""]
    out += _timeline(x)
    out += _appendix(x)
    return "\n".join(out)


def _rounds(x: Ctx) -> list[str]:
    out = [f"## {x.t('report.rounds')}", ""]
    out += _table(ROUNDS.bind(x)) if x.report.rounds else [x.t("report.no_rounds")]
    return [*out, ""]


def _area_verdicts(x: Ctx) -> list[str]:
    """Every area in the day's scope with the verdict's status, also those nobody tested."""
    table = AREAS.bind(x)
    if not table.all_rows:
        return []
    return [f"## {table.title}", "", *_table(table), ""]


def _failures(x: Ctx) -> list[str]:
    out = [f"## {x.t('report.failures')}", ""]
    failures = [(r, area, c) for r in x.report.rounds for area, c in r.failures]
    for r, area, c in failures:
        out.append(
            f"- **{area_name(area)}** {w.DASH} {c.title} ({w.round_name(r, x.lang)}, "
            f"{w.clock(x.report, c.recorded_at)}): {c.comment or w.DASH}"
        )
    if not failures:
        out.append(x.t("report.no_failures"))
    return [*out, ""]


def _results(x: Ctx) -> list[str]:
    """Per area, per round that tested it: who tested, and a table of the test cases."""
    out = [f"## {x.t('report.results')}", ""]
    for area in x.report.areas:
        tested = [(r, a) for r in x.report.rounds if (a := r.area(area)) is not None]
        if not tested:
            continue
        out += [f"### {area_name(area)}", ""]
        for r, a in tested:
            who = f"{a.tester_name} ({w.role(a, x.lang)}, {a.tester_email})"
            out.append(f"**{w.round_name(r, x.lang)}** {w.DASH} {who}: {w.status(r.status_of(area), x.lang)}")
            out.append("")
            out += _table(RESULTS.bind(x, [ResultRow(r, a, c) for c in a.cases]))
            out.append("")
    return out


def _timeline(x: Ctx) -> list[str]:
    timeline = TIMELINE.bind(x)
    lines = timeline.text_lines("md")
    planning = [(time, text) for e, (time, text) in lines if e.planning]
    day = [(e, time, text) for e, (time, text) in lines if not e.planning]
    out = []
    if planning:
        out += [f"## {x.t('report.planning')}", ""]
        out += [f"- {time} {text}" for time, text in planning]
        out.append("")
    out += [f"## {timeline.title}", ""]
    out += [f"- {time}{' ⚠' if e.escalation else ''} {text}" for e, time, text in day]
    if not day:
        out.append(x.t("report.no_timeline"))
    return [*out, ""]


def _appendix(x: Ctx) -> list[str]:
    report = x.report
    delivered = sum(1 for m in report.messages if m.delivered)
    counts = x.t(
        "report.count_messages",
        count=len(report.messages),
        delivered=delivered,
        undelivered=len(report.undelivered),
    )
    out = [f"## {x.t('report.messages')}", "", counts, "", *_table(MESSAGES.bind(x)), ""]
    out += [f"## {x.t('report.answers')}", "", x.t("report.count_answers", count=len(report.answers)), ""]
    out += [*_table(ANSWERS.bind(x)), ""]
    out += [f"## {x.t('report.audit')}", "", x.t("report.audit_note"), ""]
    out += [x.t("report.count_audit", count=len(report.audit)), "", *_table(AUDIT.bind(x)), ""]
    return out
