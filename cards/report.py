"""Cards of the record: the window's report in brief (``rapport``) and the history (``historik``)."""

from __future__ import annotations

from typing import Any

from bot.domain.areas import area_name
from bot.domain.report import History, WindowReport
from bot.i18n import Lang, t
from bot.report import words as w
from cards.common import build, container, facts, text, title

# A card must stay under Teams' size limit; the full list is in the report file.
MAX_FAILURES = 12
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
        lines = [text(t("reportcard.rounds", lang), bold=True)]
        for r in report.rounds:
            end = r.answered_at or r.closed_at
            span = f"{w.clock(report, r.started_at)}–{w.clock(report, end)}"
            took = f" ({w.duration(r.duration, lang)})" if r.duration else ""
            lines.append(
                text(
                    f"{MARK[r.verdict]} **{w.round_name(r, lang)}** – {w.round_verdict(r, lang)} · "
                    f"{span}{took}",
                    spacing="small",
                )
            )
        body.append(container(lines, separator=True))
    else:
        body.append(text(t("report.no_rounds", lang), subtle=True))
    failures = [(r, area, c) for r in report.rounds for area, c in r.failures]
    if failures:
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
        body.append(container(lines, style="attention"))
    escalations = sum(1 for e in report.timeline if e.escalation)
    body.append(
        text(
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
    )
    body.append(text(t("reportcard.full", lang, id=report.window_id), size="small"))
    return build(body, full_width=True)


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
    body.append(container(lines, separator=True))
    if hist.timings:
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
        body.append(container(lines, separator=True))
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
