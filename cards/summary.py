"""The round's summary for the supplier (``bot.domain.supplier_summary``): passed or not, what
needs attention area by area (failures first, then incomplete, then untested), then what passed.
It only shows the verdict; the domain decides it."""

from __future__ import annotations

from typing import Any

from adaptive_cards import card as ac

from bot.domain.areas import area_name
from bot.domain.rounds import Outcome
from bot.domain.supplier_summary import SummaryArea, SummaryCase, SupplierSummary
from bot.domain.verdict import STATUS_ORDER, AreaStatus
from bot.i18n import Lang, Phrase, t
from cards.common import build, container, text, title

# The mark of an area's status and of a case's outcome (None: not answered yet).
STATUS_MARK = {
    AreaStatus.FAILED: "❌",
    AreaStatus.INCOMPLETE: "⏳",
    AreaStatus.UNTESTED: "➖",
    AreaStatus.PASSED: "✅",
}
OUTCOME_MARK = {Outcome.PASS: "✅", Outcome.FAIL: "❌", Outcome.UNTESTED: "➖", None: "⏳"}
_STYLE = {AreaStatus.FAILED: "attention", AreaStatus.INCOMPLETE: "warning", AreaStatus.UNTESTED: "warning"}


def status_counts(counts: dict[AreaStatus, int], lang: Lang) -> str:
    """The areas per status, those that occur: "1 fel · 2 otestat · 7 godkänt"."""
    return " · ".join(
        t("verdict.count", lang, count=counts[s], status=Phrase(f"verdict.{s.value}"))
        for s in STATUS_ORDER
        if counts.get(s)
    )


def summary_card(
    heading: str, summary: SupplierSummary, case_number: str | None, lang: Lang
) -> dict[str, Any]:
    body: list[Any] = [
        title(heading),
        text(_headline(summary, lang), size="large", bold=True, color=_colour(summary)),
        text(t("summary.counts", lang, counts=status_counts(dict(summary.counts), lang)), subtle=True),
    ]
    if case_number:
        body.append(text(f"{t('window.case', lang)}: {case_number}", subtle=True))
    if summary.retested:
        lines = [text(t("summary.retested", lang), bold=True)]
        lines += [text(_retested(c, lang), spacing="small") for c in summary.retested]
        body.append(container(lines, separator=True))
        body.append(text(t("summary.state", lang, client=Phrase(f"round.{summary.client.value}")), bold=True))
    for status in (AreaStatus.FAILED, AreaStatus.INCOMPLETE, AreaStatus.UNTESTED):
        areas = summary.with_status(status)
        if areas:
            body.append(container([x for a in areas for x in _open_area(a, lang)], style=_STYLE[status]))
    passed = [_passed_area(a, lang) for a in summary.with_status(AreaStatus.PASSED)]
    if passed:
        body.append(container(passed, separator=True))
    return build(body, full_width=True)


def _headline(summary: SupplierSummary, lang: Lang) -> str:
    if summary.passed:
        return t("summary.pass", lang)
    if summary.failures:
        return t("summary.fail", lang, count=len(summary.failures))
    return t("summary.not_passed", lang)


def _colour(summary: SupplierSummary) -> str:
    if summary.passed:
        return "good"
    return "attention" if summary.failures else "warning"


def _tested_by(names: tuple[str, ...] | list[str], lang: Lang) -> str:
    return t("summary.tested_by", lang, name=", ".join(names))


def _retested(c: SummaryCase, lang: Lang) -> str:
    comment = f": {c.comment}" if c.comment else ""
    who = _tested_by([c.tester], lang)
    return f"{OUTCOME_MARK[c.outcome]} **{area_name(c.area)}** – {c.title}{comment} ({who})"


def _open_area(a: SummaryArea, lang: Lang) -> list[ac.TextBlock]:
    """An area that is not passed, by name, and why: each failure with its comment and who tested,
    the cases answered *Ej testat*, how many each person has left unanswered, or that nobody
    tested it."""
    lines = [
        text(
            f"{STATUS_MARK[a.status]} **{area_name(a.area)}**: {t(f'verdict.{a.status.value}', lang)}",
            spacing="small",
        )
    ]
    for f in a.failures:
        comment = f": {f.comment}" if f.comment else ""
        lines.append(text(f"❌ {f.title}{comment} ({_tested_by([f.tester], lang)})", spacing="none"))
    if a.not_tested:
        cases = ", ".join(c.title + (f" ({c.comment})" if c.comment else "") for c in a.not_tested)
        lines.append(text("➖ " + t("summary.not_tested", lang, cases=cases), spacing="none"))
    for w in a.waiting:
        key = "summary.waiting_one" if w.count == 1 else "summary.waiting"
        lines.append(text("⏳ " + t(key, lang, name=w.tester, count=w.count), spacing="none"))
    if not a.testers:
        lines.append(text(t("summary.nobody", lang), spacing="none"))
    return lines


def _passed_area(a: SummaryArea, lang: Lang) -> ac.TextBlock:
    return text(
        "✅ "
        + t("summary.area_pass", lang, area=area_name(a.area), count=a.cases)
        + f" – {_tested_by(a.testers, lang)}",
        spacing="small",
    )
