"""Cards of the record: the window's report in brief (``rapport``) and the history (``historik``).
Whether a round, a day or a past window passed is the verdict's (``bot.domain.verdict``): the
cards show it, and name every area that keeps the day from passing."""

from __future__ import annotations

from typing import Any

from adaptive_cards import card as ac

from bot.domain.areas import area_name
from bot.domain.report import CaseLine, History, RoundReport, WindowReport
from bot.domain.standing import CODE
from bot.i18n import Lang, Phrase, t
from bot.report import words as w
from cards.common import build, container, facts, text, title

# A card must stay under Teams' size limit; the full list is in the report file.
MAX_FAILURES = 12
MAX_WINDOWS = 8
MARK = {"pass": "✅", "fail": "❌", "incomplete": "⏳", "pending": "⏳", "untested": "➖", "none": "➖"}


def report_card(report: WindowReport, lang: Lang) -> dict[str, Any]:
    body: list[Any] = [
        title(t("report.title", lang, date=w.window_date(report, lang))),
        facts(
            [
                (t("report.window", lang), str(report.window_id)),
                (t("report.time", lang), w.window_times(report)),
                (t("report.case", lang), w.case_state(report, lang)),
                (t("report.state", lang), w.window_state(report, lang)),
                (t("report.verdict", lang), f"{MARK.get(report.verdict, '')} {w.verdict(report, lang)}"),
            ]
        ),
    ]
    if report.rounds:
        body.append(container(_round_lines(report, lang), separator=True))
    else:
        body.append(text(t("report.no_rounds", lang), subtle=True))
    if report.rounds and report.open_areas:
        body.append(container(_open_lines(report, lang), style="warning"))
    failures = [(r, area, c) for r in report.rounds for area, c in r.failures]
    if failures:
        body.append(container(_failure_lines(report, failures, lang), style="attention"))
    body.append(_counts(report, lang))
    body.append(text(t("reportcard.full", lang, id=report.window_id), size="small"))
    return build(body, full_width=True)


def _round_lines(report: WindowReport, lang: Lang) -> list[ac.TextBlock]:
    lines = [text(t("reportcard.rounds", lang), bold=True)]
    for r in report.rounds:
        end = r.answered_at or r.closed_at
        span = f"{w.clock(report, r.started_at)}–{w.clock(report, end)}"
        took = f" ({w.duration(r.duration, lang)})" if r.duration else ""
        lines.append(
            text(
                f"{MARK[r.verdict]} **{w.round_name(r, lang)}** – {w.round_verdict(r, lang)} · {span}{took}",
                spacing="small",
            )
        )
    return lines


def _open_lines(report: WindowReport, lang: Lang) -> list[ac.TextBlock]:
    """Every area that keeps the day from passing, by name, client and status (the verdict's)."""
    lines = [text(t("reportcard.open", lang), bold=True)]
    for a in report.open_areas:
        code = CODE[a.status]
        line = t(
            "reportcard.open_area",
            lang,
            area=f"**{area_name(a.area)}**",
            client=Phrase(f"client.{a.client.value}"),
            status=Phrase(f"status.{code}"),
        )
        lines.append(text(f"{MARK[code]} {line}", spacing="small"))
    return lines


def _failure_lines(
    report: WindowReport, failures: list[tuple[RoundReport, str, CaseLine]], lang: Lang
) -> list[ac.TextBlock]:
    """The first MAX_FAILURES failures, each with whether a retest fixed it."""
    lines = [text(t("reportcard.failures", lang), bold=True)]
    for r, area, c in failures[:MAX_FAILURES]:
        fixed = report.fixed_in(r.seq, c.case_id)
        state = t("report.fixed", lang, seq=fixed.seq) if fixed else t("report.still_failing", lang)
        tester = r.area(area)
        comment = f": {c.comment}" if c.comment else ""
        lines.append(
            text(
                f"{'✅' if fixed else '❌'} **{area_name(area)}** – {c.title}{comment} "
                f"({w.round_name(r, lang)}, {tester.tester_name if tester else ''}; {state})",
                spacing="small",
            )
        )
    if len(failures) > MAX_FAILURES:
        lines.append(text(t("reportcard.more", lang, count=len(failures) - MAX_FAILURES), subtle=True))
    return lines


def _counts(report: WindowReport, lang: Lang) -> ac.TextBlock:
    escalations = sum(1 for e in report.timeline if e.escalation)
    return text(
        t(
            "reportcard.counts",
            lang,
            messages=len(report.messages),
            undelivered=len(report.undelivered),
            answers=len(report.answers),
            escalations=escalations,
            audit=len(report.audit),
        ),
        subtle=True,
        size="small",
        separator=True,
    )


def history_card(hist: History, lang: Lang) -> dict[str, Any]:
    body: list[Any] = [title(t("history.title", lang))]
    if not hist.windows:
        body.append(text(t("history.none", lang)))
        return build(body)
    body.append(
        text(
            t(
                "history.span",
                lang,
                count=len(hist.windows),
                first=hist.windows[0].day.isoformat(),
                last=hist.windows[-1].day.isoformat(),
            ),
            subtle=True,
        )
    )
    body.append(container(_window_lines(hist, lang), separator=True))
    body.append(container(_area_lines(hist, lang), separator=True))
    if hist.timings:
        body.append(container(_timing_lines(hist, lang), separator=True))
    body.append(
        text(
            t(
                "history.substitutes",
                lang,
                windows=hist.windows_with_substitutes,
                total=len(hist.windows),
                share=round(hist.substitute_share * 100),
            ),
            separator=True,
        )
    )
    body.append(text(t("history.more", lang), subtle=True, size="small"))
    return build(body, full_width=True)


def _window_lines(hist: History, lang: Lang) -> list[ac.TextBlock]:
    """The latest windows with the day's result as the verdict said it."""
    lines = [text(t("history.windows_card", lang), bold=True)]
    for d in list(reversed(hist.windows))[:MAX_WINDOWS]:
        result = t(f"report.verdict.{d.verdict}", lang)
        case = f" ({d.case_number})" if d.case_number else ""
        line = t("history.window_result", lang, date=d.day.isoformat(), case=case, result=result)
        lines.append(text(f"{MARK.get(d.verdict, '')} {line}", spacing="small"))
    if len(hist.windows) > MAX_WINDOWS:
        lines.append(text(t("reportcard.more", lang, count=len(hist.windows) - MAX_WINDOWS), subtle=True))
    return lines


def _area_lines(hist: History, lang: Lang) -> list[ac.TextBlock]:
    """Every area, the most often failing first."""
    lines = [text(t("history.areas", lang), bold=True)]
    for a in sorted(hist.areas, key=lambda a: (-a.fail_share, -a.failed_windows)):
        extra = []
        if a.last_failed:
            extra.append(t("history.last_failed", lang, date=a.last_failed.isoformat()))
        if a.substituted_windows:
            extra.append(t("history.area_subs", lang, count=a.substituted_windows))
        if a.uncovered_windows:
            extra.append(t("history.area_uncovered", lang, count=a.uncovered_windows))
        line = t(
            "history.area_line",
            lang,
            area=area_name(a.area),
            failed=a.failed_windows,
            windows=a.windows,
            share=round(a.fail_share * 100),
        )
        mark = "❌" if a.failed_windows else "✅"
        lines.append(text(f"{mark} {line}" + (f" · {' · '.join(extra)}" if extra else ""), spacing="small"))
    return lines


def _timing_lines(hist: History, lang: Lang) -> list[ac.TextBlock]:
    lines = [text(t("history.timings", lang), bold=True)]
    for x in hist.timings:
        name = t(f"history.kind.{x.kind}", lang, client=t(f"round.{x.client}", lang))
        lines.append(
            text(
                t(
                    "history.timing_line",
                    lang,
                    round=name,
                    mean=w.duration(x.mean_seconds, lang),
                    count=x.count,
                    min=w.duration(x.min_seconds, lang),
                    max=w.duration(x.max_seconds, lang),
                ),
                spacing="small",
            )
        )
    return lines
