"""The tables of the history across windows (failures per area, time per round, the windows), which
the HTML report shows after the day's timeline; what ``bot.report.tables`` describes, for the history.

Their rows come from ``WindowReport.history``; none when the report has no history.
"""

from __future__ import annotations

from bot.domain.areas import area_name
from bot.domain.report import AreaHistory, RoundTiming, WindowDigest
from bot.report import words as w
from bot.report.tables import Column, Ctx, Shown, TableSpec


def _share(a: AreaHistory) -> int:
    """In how many of the windows that tested the area something failed, in per cent."""
    return round(a.fail_share * 100)


HISTORY_AREAS = TableSpec[AreaHistory](
    "history_area",
    "history.areas",
    columns=(
        Column("area", "report.area", lambda _, a: area_name(a.area), look="areas"),
        Column("bar", ("", ""), lambda _, a: _share(a), look="bar", only="html"),
        Column("failed", "history.failed", lambda _, a: f"{a.failed_windows} / {a.windows}", look="num"),
        Column("share", "history.share", lambda _, a: f"{_share(a)} %", look="num"),
        Column(
            "last",
            "history.last",
            lambda _, a: a.last_failed.isoformat() if a.last_failed else w.DASH,
            look="nowrap",
        ),
        Column("substituted", "history.substituted", lambda _, a: a.substituted_windows, look="num"),
        Column("uncovered", "history.uncovered", lambda _, a: a.uncovered_windows, look="num"),
    ),
    rows=lambda x: x.report.history.areas if x.report.history else (),
)

HISTORY_TIMINGS = TableSpec[RoundTiming](
    "history_timing",
    "history.timings",
    columns=(
        Column(
            "round",
            "report.round",
            lambda x, r: x.t(f"history.kind.{r.kind}", client=x.t(f"round.{r.client}")),
        ),
        Column("count", "history.count", lambda _, r: r.count, look="num"),
        Column("mean", "history.mean", lambda x, r: w.duration(r.mean_seconds, x.lang), look="nowrap"),
        Column("min", "history.min", lambda x, r: w.duration(r.min_seconds, x.lang), look="nowrap"),
        Column("max", "history.max", lambda x, r: w.duration(r.max_seconds, x.lang), look="nowrap"),
    ),
    rows=lambda x: x.report.history.timings if x.report.history else (),
)


def _result(x: Ctx, d: WindowDigest) -> str:
    """The day's result in a word: godkänt, fel, ofullständigt, otestat."""
    return w.status(d.verdict, x.lang) if d.verdict != "none" else w.DASH


HISTORY_WINDOWS = TableSpec[WindowDigest](  # the latest window first
    "history_window",
    "history.windows",
    columns=(
        Column("date", "report.date", lambda _, d: d.day.isoformat(), look="nowrap"),
        Column("case", "report.case", lambda _, d: d.case_number or w.DASH),
        Column(
            "result",
            "history.result",
            lambda x, d: _result(x, d),
            html=lambda x, d: Shown("badge", _result(x, d), tone=d.verdict),
        ),
        Column(
            "rounds",
            "report.rounds",
            lambda _, d: ", ".join(f"{r.seq}: {r.verdict}" for r in d.rounds),
            html=lambda _, d: Shown("rounds", tuple((r.verdict, r.seq) for r in d.rounds)),
        ),
        Column(
            "substituted",
            "history.substituted",
            lambda _, d: f"{d.substitutes} / {d.participants}",
            look="num",
        ),
    ),
    rows=lambda x: tuple(reversed(x.report.history.windows)) if x.report.history else (),
)
