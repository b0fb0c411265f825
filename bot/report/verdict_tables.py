"""The day's result per area in a window's report: every area in the day's scope on each client,
with its status as the verdict (``bot.domain.verdict``) decided it, who tested it and what keeps
it open; one of the tables ``bot.report.window_tables`` lists, so the Markdown, the CSV (section
``area``) and the page render it alike. An area nobody tested is in it, as otestat."""

from __future__ import annotations

from bot.domain.areas import area_name
from bot.domain.standing import CODE
from bot.domain.verdict import AreaStatus, AreaVerdict
from bot.report import words as w
from bot.report.tables import Column, Ctx, Shown, TableSpec


def _testers(x: Ctx, a: AreaVerdict) -> list[str]:
    """Who tested the area on its client, by name, in the order of the rounds."""
    names: list[str] = []
    for r in x.report.rounds:
        found = r.area(a.area) if r.client == a.client.value else None
        if found is not None and found.tester_name not in names:
            names.append(found.tester_name)
    return names


def _open(x: Ctx, a: AreaVerdict) -> str:
    """What keeps the area from passing: failures, unanswered cases, cases not tested."""
    parts = [
        x.t(key, count=n)
        for key, n in (
            ("report.open_failed", len(a.failures)),
            ("report.open_missing", len(a.unanswered)),
            ("report.open_not_tested", len(a.not_tested)),
        )
        if n
    ]
    if a.status is AreaStatus.UNTESTED and not a.testers:
        parts = [x.t("report.nobody")]
    return ", ".join(parts) or w.DASH


def _area_status(x: Ctx, a: AreaVerdict) -> Shown:
    return Shown("badge", w.status(CODE[a.status], x.lang), tone=CODE[a.status])


def _rows(x: Ctx) -> list[AreaVerdict]:
    """Client by client (local first), each area in the order it needs attention."""
    day = x.report.day_verdict
    return [a for c in day.clients for a in c.ordered()] if day is not None else []


def _tested_by(x: Ctx, a: AreaVerdict) -> str:
    return ", ".join(_testers(x, a)) or x.t("report.nobody")


AREAS = TableSpec[AreaVerdict](
    "area",
    "report.area_verdicts",
    columns=(
        Column("area", "report.area", lambda _, a: area_name(a.area), look="areas"),
        Column("client", "report.client", lambda x, a: x.t(f"client.{a.client.value}")),
        Column("status", "report.status", lambda x, a: w.status(CODE[a.status], x.lang), html=_area_status),
        Column("tested_by", "report.tested_by", _tested_by),
        Column("open", "report.open", _open),
    ),
    rows=_rows,
    csv={
        "area": lambda _, a: a.area,
        "kind": lambda _, a: a.client.value,
        "value": lambda _, a: CODE[a.status],
        "person": "tested_by",
        "detail": "open",
    },
)
