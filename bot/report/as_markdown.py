"""The report of a window as Markdown: readable as plain text, and as a page wherever Markdown renders."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.areas import area_name
from bot.domain.report import WindowReport
from bot.i18n import Lang, t
from bot.report import words as w


def _cell(value: object) -> str:
    text = str(value) if value is not None else ""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: WindowReport, lang: Lang = "sv") -> str:
    out: list[str] = [
        f"# {t('report.title', lang, date=w.window_date(report, lang))}",
        "",
        t("report.subtitle", lang),
        "",
    ]
    out += _table(
        ["", ""],
        [
            (t("report.window", lang), report.window_id),
            (t("report.date", lang), w.window_date(report, lang)),
            (t("report.time", lang), w.window_times(report)),
            (t("report.case", lang), w.case_state(report, lang)),
            (t("report.state", lang), w.window_state(report, lang)),
            (t("report.verdict", lang), w.verdict(report, lang)),
            (t("report.generated", lang), w.stamp(report, report.generated_at)),
        ],
    )
    out += ["", t("report.timezone", lang, zone=report.timezone), ""]

    out += [f"## {t('report.rounds', lang)}", ""]
    if report.rounds:
        out += _table(
            [
                t("report.round", lang),
                t("report.started", lang),
                t("report.answered", lang),
                t("report.duration", lang),
                t("report.started_by", lang),
                t("report.result", lang),
            ],
            [
                (
                    w.round_name(r, lang),
                    w.clock(report, r.started_at),
                    w.clock(report, r.answered_at),
                    w.duration(r.duration, lang),
                    w.actor(r.started_by, lang),
                    w.round_verdict(r, lang),
                )
                for r in report.rounds
            ],
        )
    else:
        out.append(t("report.no_rounds", lang))
    out.append("")

    out += [f"## {t('report.failures', lang)}", ""]
    failures = [(r, area, c) for r in report.rounds for area, c in r.failures]
    if failures:
        for r, area, c in failures:
            out.append(
                f"- **{area_name(area)}** – {c.title} ({w.round_name(r, lang)}, "
                f"{w.clock(report, c.recorded_at)}): {c.comment or '–'}"
            )
    else:
        out.append(t("report.no_failures", lang))
    out.append("")

    out += [f"## {t('report.results', lang)}", ""]
    for area in report.areas:
        tested = [(r, r.area(area)) for r in report.rounds if r.area(area) is not None]
        if not tested:
            continue
        out += [f"### {area_name(area)}", ""]
        for r, a in tested:
            assert a is not None
            out.append(
                f"**{w.round_name(r, lang)}** – {a.tester_name} ({w.role(a, lang)}, {a.tester_email}): "
                f"{t(f'status.{a.status}', lang)}"
            )
            out.append("")
            out += _table(
                [
                    t("report.case_title", lang),
                    t("report.outcome", lang),
                    t("report.comment", lang),
                    t("report.at", lang),
                ],
                [
                    (c.title, w.outcome(c.outcome, lang), c.comment, w.clock(report, c.recorded_at))
                    for c in a.cases
                ],
            )
            out.append("")

    out += [f"## {t('report.checkin', lang)}", ""]
    out += _table(
        [
            t("report.tester", lang),
            t("report.areas", lang),
            t("report.client", lang),
            t("report.plan_answer", lang),
            t("report.substitute", lang),
            t("report.checkin_state", lang),
            t("report.covered_by", lang),
            t("report.checked_in", lang),
        ],
        [
            (
                f"{c.tester_name} ({c.tester_email})",
                w.areas_text(c.areas),
                w.clients(c.clients, lang),
                t(f"plan.{c.plan_answer or 'none'}", lang),
                f"{c.substitute_name} ({c.substitute_email})" if c.substitute_email else "–",
                t(f"cstate.{c.state}", lang),
                c.covered_by_name or "–",
                w.clock(report, c.checked_in_at),
            )
            for c in report.checkins
        ],
    )
    out.append("")

    planning = [e for e in report.timeline if e.planning]
    day = [e for e in report.timeline if not e.planning]
    if planning:
        out += [f"## {t('report.planning', lang)}", ""]
        out += [f"- {w.stamp(report, e.at)[:16]} {w.event_text(report, e, lang)}" for e in planning]
        out.append("")
    out += [f"## {t('report.timeline', lang)}", ""]
    if day:
        for e in day:
            mark = " ⚠" if e.escalation else ""
            out.append(f"- {w.clock(report, e.at)}{mark} {w.event_text(report, e, lang)}")
    else:
        out.append(t("report.no_timeline", lang))
    out.append("")

    out += [f"## {t('report.messages', lang)}", ""]
    delivered = sum(1 for m in report.messages if m.delivered)
    out += [
        t(
            "report.count_messages",
            lang,
            count=len(report.messages),
            delivered=delivered,
            undelivered=len(report.undelivered),
        ),
        "",
    ]
    out += _table(
        [
            t("report.sent", lang),
            t("report.to", lang),
            t("report.purpose", lang),
            t("report.card", lang),
            t("report.delivered", lang),
            t("report.state", lang),
            t("report.versions", lang),
            "key",
        ],
        [
            (
                w.stamp(report, m.created_at),
                w.recipient(m, lang),
                w.purpose(m.purpose, lang),
                m.title,
                w.stamp(report, m.delivered_at) or t("report.not_delivered", lang),
                w.message_state(m, lang) + (f" ({m.error})" if m.error else ""),
                m.version,
                f"`{m.key}`",
            )
            for m in report.messages
        ],
    )
    out.append("")

    titles = w.case_titles(report)
    out += [
        f"## {t('report.answers', lang)}",
        "",
        t("report.count_answers", lang, count=len(report.answers)),
        "",
    ]
    out += _table(
        [t("report.at", lang), t("report.who", lang), t("report.what", lang), t("report.via", lang)],
        [
            (
                w.stamp(report, a.at),
                f"{a.name} ({a.email})" if a.email != a.name else a.name,
                w.answer_text(a, lang, titles),
                f"{a.card_title or ''} `{a.card_key or '?'}`",
            )
            for a in report.answers
        ],
    )
    out.append("")

    out += [
        f"## {t('report.audit', lang)}",
        "",
        t("report.audit_note", lang),
        "",
        t("report.count_audit", lang, count=len(report.audit)),
        "",
    ]
    out += _table(
        [
            "#",
            t("report.at", lang),
            t("report.who", lang),
            t("report.event", lang),
            t("report.details", lang),
        ],
        [
            (a.id, w.stamp(report, a.at), a.actor, f"`{a.kind}`", w.detail_text(a.detail))
            for a in report.audit
        ],
    )
    out.append("")
    return "\n".join(out)
