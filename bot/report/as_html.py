"""The report of a window as one self-contained HTML page, for people and for the archive.

Inline CSS and inline SVG only: no scripts, fonts or images are fetched (the page's Content Security
Policy forbids it), so the file opens the same anywhere and years later. It prints on A4: the
appendix (messages, answers, audit trail) starts on a new page, tables repeat their headings and
rows do not split across pages.

The page is ``templates/report.html.j2`` (with ``templates/report.css``), rendered by Jinja2 with
autoescape: this module only gathers what the template shows, in words. Its tables are those of
``bot.report.window_tables`` and ``bot.report.history_tables``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from jinja2.ext import Extension
from markupsafe import Markup, escape

from bot.domain.areas import area_name
from bot.domain.report import RoundReport, WindowReport
from bot.i18n import Lang
from bot.report import words as w
from bot.report.history_tables import HISTORY_AREAS, HISTORY_TIMINGS, HISTORY_WINDOWS
from bot.report.tables import Ctx
from bot.report.timeline_svg import render_day_svg
from bot.report.window_tables import ANSWERS, AUDIT, CHECKINS, FACTS, MESSAGES, TIMELINE

# The marks of the status codes (bot.domain.standing.CODE), "pending" (check-in) and "none" (no rounds).
ICON = {"pass": "✓", "fail": "✗", "pending": "…", "untested": w.DASH, "incomplete": "…", "none": w.DASH}
KEY_EVENTS = frozenset(
    {"checkin.started", "round.started", "round.answered", "round.closed", "window.all_clear"}
)


class _Compact(Extension):
    """Line breaks in ``*.html.j2`` are for reading: each, with the indentation after it, is dropped
    when the template is loaded (before Jinja parses it; the values filled in are not touched)."""

    _BREAK = re.compile(r"\n[ \t]*")

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        template = name or filename or ""
        return self._BREAK.sub("", source) if template.endswith(".html.j2") else source


def _breakable_email(value: object) -> Markup:
    """An address that may break after @ and dots in a narrow column."""
    text = escape("" if value is None else value)
    return text.replace("@", Markup("@<wbr>")).replace(".", Markup(".<wbr>"))


def _breakable_areas(value: object) -> Markup:
    """Area names that may break after a slash (some are long runs of SoL/LSS/...)."""
    return escape("" if value is None else value).replace("/", Markup("/<wbr>"))


def _css_string(value: object) -> Markup:
    """Text inside a double-quoted CSS string in the page's <style>: quoted for CSS, not for HTML."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(text)  # escaped for CSS above; HTML's &#39; would not be read back inside <style>


@cache
def _template() -> Template:
    env = Environment(
        loader=PackageLoader("bot.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,  # report.css ends with its line break, as the page always had it
        finalize=lambda value: "" if value is None else value,
        extensions=[_Compact],
    )
    env.filters.update(
        breakable_email=_breakable_email, breakable_areas=_breakable_areas, css_string=_css_string
    )
    return env.get_template("report.html.j2")


def render_html(report: WindowReport, lang: Lang = "sv") -> str:
    x = Ctx.of(report, lang)
    events = TIMELINE.bind(x).text_lines("html")
    return _template().render(
        lang=lang,
        t=x.t,
        icon=ICON,
        report=report,
        title=x.t("report.title", date=w.window_date(report, lang)),
        facts=[
            cells for f, cells in FACTS.bind(x).text_lines("html") if f.kind not in ("verdict", "generated")
        ],
        verdict=w.verdict(report, lang),
        chips=[_chip(x, r) for r in report.rounds],
        svg=_svg(x),
        grid=_grid(x),
        failures=_failures(x),
        checkins=CHECKINS.bind(x),
        planning=[cells for e, cells in events if e.planning],
        day=[(_event_class(e.escalation, e.kind), *cells) for e, cells in events if not e.planning],
        history=_history(x),
        messages=MESSAGES.bind(x),
        message_counts=x.t(
            "report.count_messages",
            count=len(report.messages),
            delivered=sum(1 for m in report.messages if m.delivered),
            undelivered=len(report.undelivered),
        ),
        answers=ANSWERS.bind(x),
        audit=AUDIT.bind(x),
        generated=w.stamp(report, report.generated_at),
    )


def _chip(x: Ctx, r: RoundReport) -> dict[str, object]:
    """A round at a glance: its name, result and times."""
    times = f"{w.clock(x.report, r.started_at)}{w.DASH}{w.clock(x.report, r.answered_at or r.closed_at)}"
    if r.duration:
        times += f" · {w.duration(r.duration, x.lang)}"
    if r.retest_of:
        times += f" · {x.t('report.retest_of', seq=r.retest_of)}"
    return {
        "verdict": r.verdict,
        "name": w.round_name(r, x.lang),
        "result": w.round_verdict(r, x.lang),
        "times": times,
    }


def _svg(x: Ctx) -> Markup | None:
    svg = render_day_svg(x.report, x.lang)
    # timeline_svg escapes every text it draws (labels, names, tooltips); the rest is numbers and
    # constants of its own. So the picture goes in as markup.
    return Markup(svg) if svg else None


def _grid(x: Ctx) -> dict[str, Any] | None:
    """Areas down, rounds across, and the day's result last: per cell the area's status as of the
    round (the verdict's), who tested and the failures. Every area in the day's scope has a row,
    also one nobody tested (otestat)."""
    report = x.report
    if not report.rounds:
        return None
    heads = [(w.round_short(r, x.lang), w.clock(report, r.started_at)) for r in report.rounds]
    rows = []
    for area in report.areas:
        cells = [_grid_cell(x, r, area) for r in report.rounds]
        day = report.day_status_of(area)
        if day is None and not any(cells):
            continue
        rows.append((area_name(area), cells, _status(x, day)))
    return {"heads": heads, "rows": rows}


def _status(x: Ctx, code: str | None) -> dict[str, str] | None:
    return None if code is None else {"status": code, "status_text": w.status(code, x.lang)}


def _grid_cell(x: Ctx, r: RoundReport, area: str) -> dict[str, Any] | None:
    """The area in round ``r``; None when the round does not show it."""
    code, a = r.status_of(area), r.area(area)
    if code is None and a is None:
        return None
    shown = _status(x, code or "untested") or {}
    return {
        **shown,
        "when": w.clock(x.report, a.finished_at) if a and a.finished_at else "",
        "tester": a.tester_name if a else x.t("report.nobody"),
        "role": "" if a is None or a.role == "tester" else w.role(a, x.lang),
        "fails": [(c.title, c.comment) for c in a.failures] if a else [],
    }


def _failures(x: Ctx) -> list[dict[str, Any]]:
    """Every failure with its comment, and whether a retest passed it."""
    report, out = x.report, []
    for r in report.rounds:
        for area, c in r.failures:
            fixed = report.fixed_in(r.seq, c.case_id)
            a = r.area(area)
            who = a.tester_name if a else ""
            out.append(
                {
                    "fixed": fixed is not None,
                    "area": area_name(area),
                    "title": c.title,
                    "comment": c.comment or w.DASH,
                    "meta": f"{w.round_name(r, x.lang)} · {w.clock(report, c.recorded_at)} · {who}",
                    "state": x.t("report.fixed", seq=fixed.seq) if fixed else x.t("report.still_failing"),
                }
            )
    return out


def _event_class(escalation: bool, kind: str) -> str:
    return "esc" if escalation else "key" if kind in KEY_EVENTS else ""


def _history(x: Ctx) -> dict[str, Any] | None:
    """The history's tables; None without a history or without a window in it."""
    hist = x.report.history
    if hist is None or not hist.windows:
        return None
    first, last = hist.windows[0].day, hist.windows[-1].day
    return {
        "span": x.t("history.span", count=len(hist.windows), first=first.isoformat(), last=last.isoformat()),
        "areas": HISTORY_AREAS.bind(x),
        "timings": HISTORY_TIMINGS.bind(x),
        "windows": HISTORY_WINDOWS.bind(x),
        "substitutes": x.t(
            "history.substitutes",
            windows=hist.windows_with_substitutes,
            total=len(hist.windows),
            share=round(hist.substitute_share * 100),
        ),
    }
