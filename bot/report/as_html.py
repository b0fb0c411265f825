"""The report of a window as one self-contained HTML page, for people and for the archive.

Inline CSS and inline SVG only: no scripts, fonts or images are fetched (the page's Content Security
Policy forbids it), so the file opens the same anywhere and years later. It prints on A4: the
appendix (messages, answers, audit trail) starts on a new page, tables repeat their headings and
rows do not split across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.domain.areas import area_name
from bot.domain.report import History, RoundReport, WindowReport
from bot.i18n import Lang, t
from bot.report import words as w
from bot.report.timeline_svg import render_day_svg

ICON = {"pass": "✓", "fail": "✗", "pending": "…", "untested": "–", "incomplete": "…", "none": "–"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --navy: #1f3a5f;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --pend: #9a6700; --pend-bg: #fff8c5; --unt: #59636e; --unt-bg: #eaeef2; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e6e9ed; color: var(--ink);
  font: 10pt/1.42 "Liberation Sans", Arial, "Helvetica Neue", Helvetica, "DejaVu Sans", sans-serif; }
.page { width: 210mm; min-height: 297mm; margin: 18px auto; padding: 13mm 13mm 16mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .18); }
header.masthead { border-bottom: 3px solid var(--navy); padding-bottom: 4mm; margin-bottom: 4mm; }
.kicker { color: var(--navy); font-size: 8pt; letter-spacing: .08em; text-transform: uppercase;
  font-weight: bold; }
h1 { font-size: 18pt; margin: 1.5mm 0 3mm; color: var(--navy); line-height: 1.2; }
h2 { font-size: 12pt; color: var(--navy); margin: 6.5mm 0 2.5mm; padding-bottom: 1mm;
  border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 10pt; margin: 3.5mm 0 1.5mm; break-after: avoid; }
.head { display: flex; gap: 6mm; align-items: stretch; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .6mm 5mm; margin: 0; flex: 1; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: bold; }
.verdict { min-width: 50mm; border-radius: 6px; padding: 3mm 4mm; display: flex; flex-direction: column;
  justify-content: center; }
.verdict .label { font-size: 8pt; text-transform: uppercase; letter-spacing: .06em; }
.verdict .value { font-size: 15pt; font-weight: bold; }
.tone-pass { background: var(--pass-bg); color: var(--pass); }
.tone-fail { background: var(--fail-bg); color: var(--fail); }
.tone-pending, .tone-incomplete { background: var(--pend-bg); color: var(--pend); }
.tone-untested, .tone-none { background: var(--unt-bg); color: var(--unt); }
.chips { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2.5mm; }
.chip { border: 1px solid var(--line); border-left: 5px solid var(--unt); border-radius: 4px;
  padding: 1.8mm 3mm; break-inside: avoid; }
.chip.c-pass { border-left-color: var(--pass); } .chip.c-pass .res { color: var(--pass); }
.chip.c-fail { border-left-color: var(--fail); } .chip.c-fail .res { color: var(--fail); }
.chip.c-incomplete { border-left-color: var(--pend); } .chip.c-incomplete .res { color: var(--pend); }
.chip .name { font-weight: bold; }
.chip .res { font-weight: bold; }
.chip .times { color: var(--muted); font-size: 8.5pt; }
figure { margin: 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 8pt; margin-top: 1mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; font-size: 8pt; color: var(--muted); font-weight: bold; vertical-align: bottom;
  border-bottom: 1.5px solid var(--line); padding: 1.1mm 1.5mm; }
td { border-bottom: 1px solid #eaeef2; padding: 1.1mm 1.5mm; vertical-align: top; }
table.checkins { table-layout: fixed; font-size: 9pt; }
table.checkins .badge { white-space: normal; }
table.checkins th:nth-child(1), table.checkins th:nth-child(5) { width: 19%; }
table.checkins th:nth-child(2) { width: 24%; }
table.checkins th:nth-child(3), table.checkins th:nth-child(4) { width: 11%; }
table.grid { table-layout: fixed; }
table.grid th.area { width: 29%; }
table.grid td.area { font-weight: bold; }
table.grid td.cell { border-left: 3px solid #fff; font-size: 9pt; }
table.grid td.cell.c-pass { background: #f0fbf3; border-left-color: var(--pass); }
table.grid td.cell.c-fail { background: #fff3f2; border-left-color: var(--fail); }
table.grid td.cell.c-pending { background: #fffbe6; border-left-color: var(--pend); }
table.grid td.cell.c-untested { background: #f4f6f8; border-left-color: var(--unt); }
table.grid td.cell.empty { color: #afb8c1; text-align: center; }
.badge { display: inline-block; font-weight: bold; border-radius: 3px; padding: 0 1.4mm; font-size: 8.5pt;
  white-space: nowrap; }
.when { color: var(--muted); font-size: 8.5pt; }
.role { color: var(--muted); font-size: 8pt; }
.fails { margin: .8mm 0 0; padding-left: 3.5mm; font-size: 8pt; color: #a40e26; }
ul.failures { list-style: none; padding: 0; margin: 0; }
ul.failures li { border-left: 4px solid var(--fail); background: #fff6f5; padding: 1.5mm 3mm;
  margin-bottom: 1.5mm; break-inside: avoid; }
ul.failures li.fixed { border-left-color: var(--pass); background: #f3fbf5; }
ul.failures .meta { color: var(--muted); font-size: 8pt; }
ul.failures .comment { font-style: italic; }
ul.failures .state { font-weight: bold; }
ul.failures li.fixed .state { color: var(--pass); }
ul.failures li:not(.fixed) .state { color: var(--fail); }
table.timeline td.time { width: 14mm; color: var(--muted); white-space: nowrap;
  font-variant-numeric: tabular-nums; }
table.timeline.planning td.time { width: 30mm; }
table.timeline td { padding: .7mm 1.5mm; }
table.timeline tr.esc td { background: #fff8c5; }
table.timeline tr.esc td.text::before { content: "⚠ "; color: var(--pend); }
table.timeline tr.key td.text { font-weight: bold; }
.muted { color: var(--muted); }
.small { font-size: 8pt; }
.note { color: var(--muted); font-size: 8pt; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
td.bar { width: 30%; vertical-align: middle; }
.track { background: #eaeef2; height: 3mm; border-radius: 2px; }
.fill { background: var(--fail); height: 100%; border-radius: 2px; }
.num, .nowrap { white-space: nowrap; font-variant-numeric: tabular-nums; }
.num { text-align: right; }
section.appendix { break-before: page; }
section.appendix table { font-size: 7pt; }
section.appendix td { padding: .6mm 1mm; }
.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 6.5pt;
  overflow-wrap: anywhere; }
footer { margin-top: 8mm; border-top: 1px solid var(--line); padding-top: 2mm; color: var(--muted);
  font-size: 8pt; }
@page { size: A4; margin: 12mm 11mm 15mm; }
@media print {
  body { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _email(value: str | None) -> str:
    """An address that may break after @ and dots in a narrow column."""
    return _e(value).replace("@", "@<wbr>").replace(".", ".<wbr>")


def _areas(keys: Sequence[str]) -> str:
    """Area names that may break after a slash (some are long runs of SoL/LSS/...)."""
    return _e(", ".join(area_name(k) for k in keys)).replace("/", "/<wbr>")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "") -> str:
    """A table; ``rows`` hold HTML that is already escaped."""
    cls_attr = f' class="{cls}"' if cls else ""
    out = [f"<table{cls_attr}><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _section(heading: str, body: str, cls: str = "") -> str:
    cls_attr = f' class="{cls}"' if cls else ""
    return f"<section{cls_attr}><h2>{_e(heading)}</h2>{body}</section>"


def render_html(report: WindowReport, lang: Lang = "sv") -> str:
    title = t("report.title", lang, date=w.window_date(report, lang))
    footer_css = (
        '@page { @bottom-center { content: "'
        + _css_string(title)
        + ' · " counter(page) " / " counter(pages); '
        "font-size: 7.5pt; color: #59636e; } }"
    )
    generated = f"{t('report.generated', lang)} {w.stamp(report, report.generated_at)}"
    body = [
        _masthead(report, lang, title),
        _rounds(report, lang),
        _picture(report, lang),
        _grid(report, lang),
        _failures(report, lang),
        _checkins(report, lang),
        _timeline(report, lang),
        _history(report.history, lang) if report.history is not None else "",
        _appendix(report, lang),
        f"<footer>{_e(generated)} · {_e(t('report.timezone', lang, zone=report.timezone))}</footer>",
    ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{_e(title)}</title><style>{CSS}{footer_css}</style></head>"
        f'<body><main class="page">{"".join(body)}</main></body></html>\n'
    )


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _masthead(report: WindowReport, lang: Lang, title: str) -> str:
    facts = [
        (t("report.window", lang), str(report.window_id)),
        (t("report.date", lang), w.window_date(report, lang)),
        (t("report.time", lang), w.window_times(report)),
        (t("report.case", lang), w.case_state(report, lang)),
        (t("report.state", lang), w.window_state(report, lang)),
    ]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    tone = report.verdict
    verdict = (
        f'<div class="verdict tone-{tone}"><span class="label">{_e(t("report.verdict", lang))}</span>'
        f'<span class="value">{ICON.get(tone, "")} {_e(w.verdict(report, lang))}</span></div>'
    )
    return (
        f'<header class="masthead"><div class="kicker">{_e(t("report.subtitle", lang))}</div>'
        f'<h1>{_e(title)}</h1><div class="head"><dl class="facts">{dl}</dl>{verdict}</div></header>'
    )


def _rounds(report: WindowReport, lang: Lang) -> str:
    heading = t("report.rounds", lang)
    if not report.rounds:
        return _section(heading, f'<p class="muted">{_e(t("report.no_rounds", lang))}</p>')
    chips = []
    for r in report.rounds:
        end = r.answered_at or r.closed_at
        times = f"{w.clock(report, r.started_at)}–{w.clock(report, end)}"
        if r.duration:
            times += f" · {w.duration(r.duration, lang)}"
        if r.retest_of:
            times += f" · {t('report.retest_of', lang, seq=r.retest_of)}"
        chips.append(
            f'<div class="chip c-{r.verdict}"><div class="name">{_e(w.round_name(r, lang))}</div>'
            f'<div class="res">{ICON[r.verdict]} {_e(w.round_verdict(r, lang))}</div>'
            f'<div class="times">{_e(times)}</div></div>'
        )
    return _section(heading, f'<div class="chips">{"".join(chips)}</div>')


def _picture(report: WindowReport, lang: Lang) -> str:
    svg = render_day_svg(report, lang)
    if not svg:
        return ""
    caption = f"<figcaption>{_e(t('pic.caption', lang))}</figcaption>"
    return _section(t("report.picture", lang), f"<figure>{svg}{caption}</figure>")


def _cell(report: WindowReport, r: RoundReport, area: str, lang: Lang) -> str:
    a = r.area(area)
    if a is None:
        return '<td class="cell empty">·</td>'
    fails = "".join(f"<li>{_e(c.title)}{': ' + _e(c.comment) if c.comment else ''}</li>" for c in a.failures)
    role = "" if a.role == "tester" else f'<div class="role">{_e(w.role(a, lang))}</div>'
    badge = f'<span class="badge tone-{a.status}">{ICON[a.status]} {_e(t(f"status.{a.status}", lang))}</span>'
    when = f' <span class="when">{_e(w.clock(report, a.finished_at))}</span>' if a.finished_at else ""
    fail_list = f'<ul class="fails">{fails}</ul>' if fails else ""
    return f'<td class="cell c-{a.status}">{badge}{when}<div>{_e(a.tester_name)}</div>{role}{fail_list}</td>'


def _grid(report: WindowReport, lang: Lang) -> str:
    if not report.rounds:
        return ""
    heads = f'<th class="area">{_e(t("report.area", lang))}</th>' + "".join(
        f"<th>{_e(w.round_short(r, lang))} <span class='when'>{_e(w.clock(report, r.started_at))}</span></th>"
        for r in report.rounds
    )
    body = []
    for area in report.areas:
        if not any(r.area(area) for r in report.rounds):
            continue
        cells = "".join(_cell(report, r, area, lang) for r in report.rounds)
        name = _areas([area])
        body.append(f'<tr><td class="area">{name}</td>{cells}</tr>')
    table = f'<table class="grid"><thead><tr>{heads}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return _section(t("report.grid", lang), table)


def _failures(report: WindowReport, lang: Lang) -> str:
    items = []
    for r in report.rounds:
        for area, c in r.failures:
            fixed = report.fixed_in(r.seq, c.case_id)
            a = r.area(area)
            state = t("report.fixed", lang, seq=fixed.seq) if fixed else t("report.still_failing", lang)
            meta = (
                f"{w.round_name(r, lang)} · {w.clock(report, c.recorded_at)} · {a.tester_name if a else ''}"
            )
            items.append(
                f'<li class="{"fixed" if fixed else ""}">'
                f"<strong>{_e(area_name(area))}</strong> – {_e(c.title)}"
                f'<div class="comment">{_e(c.comment or "–")}</div>'
                f'<div class="meta">{_e(meta)} · <span class="state">{_e(state)}</span></div></li>'
            )
    if not items:
        return _section(
            t("report.failures", lang), f'<p class="muted">{_e(t("report.no_failures", lang))}</p>'
        )
    return _section(t("report.failures", lang), f'<ul class="failures">{"".join(items)}</ul>')


CHECKIN_TONE = {"present": "pass", "sub_present": "pending", "assigned": "pending", "uncovered": "fail"}


def _checkins(report: WindowReport, lang: Lang) -> str:
    if not report.checkins:
        return ""
    rows = []
    for c in report.checkins:
        tone = CHECKIN_TONE.get(c.state, "untested")
        substitute = _e(c.substitute_name or "–")
        if c.substitute_email:
            substitute += f'<div class="role">{_email(c.substitute_email)}</div>'
        outcome = f'<span class="badge tone-{tone}">{_e(t(f"cstate.{c.state}", lang))}</span>'
        if c.checked_in_at:
            outcome += f' <span class="when">{_e(w.clock(report, c.checked_in_at))}</span>'
        if c.covered_by_name and c.covered_by_name != c.tester_name:
            outcome += f"<div>{_e(c.covered_by_name)}</div>"
        rows.append(
            [
                f'{_e(c.tester_name)}<div class="role">{_email(c.tester_email)}</div>',
                _areas(c.areas),
                _e(w.clients(c.clients, lang)),
                _e(t(f"plan.{c.plan_answer or 'none'}", lang)),
                substitute,
                outcome,
            ]
        )
    head = [
        t("report.tester", lang),
        t("report.areas", lang),
        t("report.client", lang),
        t("report.plan_answer", lang),
        t("report.substitute", lang),
        t("report.checkin_state", lang),
    ]
    return _section(t("report.checkin", lang), _table(head, rows, "checkins"))


KEY_EVENTS = frozenset(
    {"checkin.started", "round.started", "round.answered", "round.closed", "window.all_clear"}
)


def _timeline(report: WindowReport, lang: Lang) -> str:
    out = []
    planning = [e for e in report.timeline if e.planning]
    day = [e for e in report.timeline if not e.planning]
    if planning:
        rows = "".join(
            f'<tr><td class="time">{_e(w.stamp(report, e.at)[:16])}</td>'
            f'<td class="text">{_e(w.event_text(report, e, lang))}</td></tr>'
            for e in planning
        )
        out.append(
            f'<h3>{_e(t("report.planning", lang))}</h3><table class="timeline planning">{rows}</table>'
        )
    if day:
        rows = "".join(
            f'<tr class="{"esc" if e.escalation else "key" if e.kind in KEY_EVENTS else ""}">'
            f'<td class="time">{_e(w.clock(report, e.at))}</td>'
            f'<td class="text">{_e(w.event_text(report, e, lang))}</td></tr>'
            for e in day
        )
        out.append(f'<h3>{_e(t("report.timeline", lang))}</h3><table class="timeline">{rows}</table>')
    if not out:
        out.append(f'<p class="muted">{_e(t("report.no_timeline", lang))}</p>')
    return _section(t("report.timeline_h", lang), "".join(out))


def _history(hist: History | None, lang: Lang) -> str:
    heading = t("history.title", lang)
    if hist is None or not hist.windows:
        return _section(heading, f'<p class="muted">{_e(t("history.none", lang))}</p>', "history")
    first, last = hist.windows[0].day, hist.windows[-1].day
    span = t("history.span", lang, count=len(hist.windows), first=first.isoformat(), last=last.isoformat())
    rows = []
    for a in hist.areas:
        share = round(a.fail_share * 100)
        rows.append(
            [
                _areas([a.area]),
                f'<div class="track"><div class="fill" style="width:{share}%"></div></div>',
                f'<span class="num">{a.failed_windows} / {a.windows}</span>',
                f'<span class="num">{share} %</span>',
                f'<span class="nowrap">{_e(a.last_failed.isoformat() if a.last_failed else "–")}</span>',
                f'<span class="num">{a.substituted_windows}</span>',
                f'<span class="num">{a.uncovered_windows}</span>',
            ]
        )
    head = [
        t("report.area", lang),
        "",
        t("history.failed", lang),
        t("history.share", lang),
        t("history.last", lang),
        t("history.substituted", lang),
        t("history.uncovered", lang),
    ]
    area_table = _table(head, rows).replace('<td><div class="track">', '<td class="bar"><div class="track">')
    timing_rows = [
        [
            _e(t(f"history.kind.{x.kind}", lang, client=t(f"round.{x.client}", lang))),
            f'<span class="num">{x.count}</span>',
            f'<span class="nowrap">{_e(w.duration(x.mean_seconds, lang))}</span>',
            f'<span class="nowrap">{_e(w.duration(x.min_seconds, lang))}</span>',
            f'<span class="nowrap">{_e(w.duration(x.max_seconds, lang))}</span>',
        ]
        for x in hist.timings
    ]
    timing_head = [
        t("report.round", lang),
        t("history.count", lang),
        t("history.mean", lang),
        t("history.min", lang),
        t("history.max", lang),
    ]
    window_rows = []
    for d in reversed(hist.windows):
        chips = " ".join(
            f'<span class="badge tone-{r.verdict}">{ICON[r.verdict]} {r.seq}</span>' for r in d.rounds
        )
        window_rows.append(
            [
                f'<span class="nowrap">{_e(d.day.isoformat())}</span>',
                _e(d.case_number or "–"),
                chips,
                f'<span class="num">{d.substitutes} / {d.participants}</span>',
            ]
        )
    window_head = [
        t("report.date", lang),
        t("report.case", lang),
        t("report.rounds", lang),
        t("history.substituted", lang),
    ]
    subs = t(
        "history.substitutes",
        lang,
        windows=hist.windows_with_substitutes,
        total=len(hist.windows),
        share=round(hist.substitute_share * 100),
    )
    body = (
        f'<p class="muted">{_e(span)}</p><h3>{_e(t("history.areas", lang))}</h3>{area_table}'
        f'<div class="two"><div><h3>{_e(t("history.timings", lang))}</h3>{_table(timing_head, timing_rows)}'
        f'<p class="small">{_e(subs)}</p></div>'
        f"<div><h3>{_e(t('history.windows', lang))}</h3>{_table(window_head, window_rows)}</div></div>"
    )
    return _section(heading, body, "history")


def _stamp(report: WindowReport, when: object) -> str:
    import datetime as dt

    value = w.stamp(report, when) if isinstance(when, dt.datetime) else ""
    return f'<span class="nowrap">{_e(value)}</span>'


def _appendix(report: WindowReport, lang: Lang) -> str:
    delivered = sum(1 for m in report.messages if m.delivered)
    msg_rows = [
        [
            _stamp(report, m.created_at),
            _email(w.recipient(m, lang)),
            _e(w.purpose(m.purpose, lang)),
            f'{_e(m.title)}<div class="mono muted">{_e(m.key)}</div>',
            _stamp(report, m.delivered_at) if m.delivered_at else _e(t("report.not_delivered", lang)),
            _e(w.message_state(m, lang) + (f" ({m.error})" if m.error else "")),
            f'<span class="num">{m.version}</span>',
        ]
        for m in report.messages
    ]
    msg_head = [
        t("report.sent", lang),
        t("report.to", lang),
        t("report.purpose", lang),
        t("report.card", lang),
        t("report.delivered", lang),
        t("report.state", lang),
        t("report.versions", lang),
    ]
    counts = t(
        "report.count_messages",
        lang,
        count=len(report.messages),
        delivered=delivered,
        undelivered=len(report.undelivered),
    )
    titles = w.case_titles(report)
    ans_rows = [
        [
            _stamp(report, a.at),
            _e(a.name) + (f'<div class="mono muted">{_e(a.email)}</div>' if a.email != a.name else ""),
            _e(w.answer_text(a, lang, titles)),
            f'{_e(a.card_title or "")}<div class="mono muted">{_e(a.card_key or "?")}</div>',
        ]
        for a in report.answers
    ]
    ans_head = [t("report.at", lang), t("report.who", lang), t("report.what", lang), t("report.via", lang)]
    audit_rows = [
        [
            f'<span class="num">{a.id}</span>',
            _stamp(report, a.at),
            f'<span class="mono">{_e(a.actor)}</span>',
            f'<span class="mono">{_e(a.kind)}</span>',
            f'<span class="mono">{_e(w.detail_text(a.detail))}</span>',
        ]
        for a in report.audit
    ]
    audit_head = [
        "#",
        t("report.at", lang),
        t("report.who", lang),
        t("report.event", lang),
        t("report.details", lang),
    ]
    audit_note = f"{t('report.audit_note', lang)} {t('report.count_audit', lang, count=len(report.audit))}"
    return (
        f'<section class="appendix"><h2>{_e(t("report.messages", lang))}</h2><p class="note">{_e(counts)}</p>'
        + _table(msg_head, msg_rows)
        + f"<h2>{_e(t('report.answers', lang))}</h2>"
        + f'<p class="note">{_e(t("report.count_answers", lang, count=len(report.answers)))}</p>'
        + _table(ans_head, ans_rows)
        + f'<h2>{_e(t("report.audit", lang))}</h2><p class="note">{_e(audit_note)}</p>'
        + _table(audit_head, audit_rows)
        + "</section>"
    )
