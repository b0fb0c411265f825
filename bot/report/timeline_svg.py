"""The day at a glance as inline SVG: the phases of the day, and per area when it went green or red.

Pure string building. The canvas is 720 units wide and scales with the page; the page's text column
is 184 mm, so a font size of 10 prints at about 7.5 pt.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.areas import area_name
from bot.domain.day_picture import DayPicture, Lane, Phase, day_picture
from bot.domain.report import WindowReport
from bot.i18n import Lang, t
from bot.report import words as w

WIDTH = 720
LABEL = 150  # the left column, for labels
RIGHT = 12
AXIS_Y = 20  # baseline of the time labels
TOP = 26  # where the plot starts
ROW = 19  # a phase row
LANE = 19  # an area lane
GAP = 9
FONT = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif"

COLOURS = {
    "pass": "#1a7f37",
    "fail": "#cf222e",
    "testing": "#0969da",
    "untested": "#6e7781",
    "pending": "#bf8700",
    "incomplete": "#bf8700",
    "checkin": "#6e7781",
}
LIGHT = {
    "pass": "#dafbe1",
    "fail": "#ffebe9",
    "testing": "#ddf4ff",
    "untested": "#eaeef2",
    "pending": "#fff8c5",
    "incomplete": "#fff8c5",
    "checkin": "#f1f3f5",
}


def _floor(at: dt.datetime, minutes: int) -> dt.datetime:
    at = at.replace(second=0, microsecond=0)
    return at - dt.timedelta(minutes=at.minute % minutes)


def _ceil(at: dt.datetime, minutes: int) -> dt.datetime:
    floored = _floor(at, minutes)
    return floored if floored == at else floored + dt.timedelta(minutes=minutes)


class _Scale:
    """Local time to x; the axis runs over whole quarters of an hour, an hour at least."""

    def __init__(self, picture: DayPicture, zone: ZoneInfo) -> None:
        start = _floor(picture.start.astimezone(zone), 15)
        end = _ceil(picture.end.astimezone(zone), 15)
        if end - start < dt.timedelta(hours=1):
            end = start + dt.timedelta(hours=1)
        self.start, self.end = start, end
        self._span = (end - start).total_seconds()
        self.step = 15 if self._span <= 2 * 3600 else 30 if self._span <= 6 * 3600 else 60

    def x(self, at: dt.datetime) -> float:
        share = (at - self.start).total_seconds() / self._span
        return LABEL + max(0.0, min(1.0, share)) * (WIDTH - LABEL - RIGHT)

    def ticks(self) -> list[dt.datetime]:
        out, at = [], _ceil(self.start, self.step)
        while at <= self.end:
            out.append(at)
            at += dt.timedelta(minutes=self.step)
        return out


def _short(text: str, limit: int = 27) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(
    x: float,
    y: float,
    value: str,
    *,
    size: float = 9.5,
    anchor: str = "start",
    fill: str = "#24292f",
    bold: bool = False,
    title: str | None = None,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    tip = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{weight}>'
        f"{tip}{escape(value)}</text>"
    )


def _phase_label(report: WindowReport, p: Phase, lang: Lang) -> str:
    if p.key == "checkin":
        return t("pic.checkin", lang)
    r = w.round_by_seq(report, p.round_seq)
    return w.round_short(r, lang) if r is not None else str(p.round_seq)


def render_day_svg(report: WindowReport, lang: Lang = "sv") -> str:
    """The picture, or an empty string when the day has not begun."""
    picture = day_picture(report)
    if picture is None:
        return ""
    scale = _Scale(picture, ZoneInfo(report.timezone))
    phases_top = TOP + 4
    lanes_top = phases_top + len(picture.phases) * ROW + GAP
    plot_bottom = lanes_top + len(picture.lanes) * LANE + 4
    flag_y = plot_bottom + 4
    legend_y = flag_y + (22 if picture.all_clear_at is not None else 6)
    height = legend_y + 20
    title = t("report.picture", lang)
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" font-family="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{LABEL}" y="{TOP}" width="{WIDTH - LABEL - RIGHT}" height="{plot_bottom - TOP}" '
        'fill="#f6f8fa"/>',
    ]
    for tick in scale.ticks():
        x = scale.x(tick)
        colour = "#c6cdd5" if tick.minute == 0 else "#e4e7eb"
        parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{plot_bottom}" stroke="{colour}"/>')
        parts.append(_text(x, AXIS_Y - 4, tick.strftime("%H:%M"), size=9, anchor="middle", fill="#59636e"))
    for i, p in enumerate(picture.phases):
        parts += _phase(report, p, phases_top + i * ROW, scale, lang)
    parts.append(
        f'<line x1="4" y1="{lanes_top - GAP / 2}" x2="{WIDTH - RIGHT}" y2="{lanes_top - GAP / 2}" '
        'stroke="#d0d7de"/>'
    )
    for i, lane in enumerate(picture.lanes):
        parts += _lane(report, lane, lanes_top + i * LANE, scale, picture, i)
    if picture.all_clear_at is not None:
        parts += _all_clear(report, scale.x(picture.all_clear_at), flag_y, lang)
    parts += _legend(legend_y, lang)
    parts.append("</svg>")
    return "".join(parts)


def _phase(report: WindowReport, p: Phase, y: float, scale: _Scale, lang: Lang) -> list[str]:
    label = _phase_label(report, p, lang)
    x1, x2 = scale.x(p.start), scale.x(p.end)
    width = max(x2 - x1, 3.0)
    tone = "checkin" if p.key == "checkin" else (p.verdict or "testing")
    tip = f"{label}: {w.clock(report, p.start)}{w.DASH}{w.clock(report, p.end)}"
    out = [
        _text(LABEL - 7, y + 13, label, size=9.5, anchor="end"),
        f'<rect x="{x1:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW - 6}" rx="3" fill="{LIGHT[tone]}" '
        f'stroke="{COLOURS[tone]}" stroke-width="1"><title>{escape(tip)}</title></rect>',
    ]
    caption = f"{w.clock(report, p.start)} · {w.duration(p.end - p.start, lang)}"
    needed = len(caption) * 4.6 + 8
    if width > needed:  # inside the bar
        out.append(_text(x1 + 4, y + 12.5, caption, size=8.5, fill=COLOURS[tone]))
    elif x2 + needed < WIDTH - RIGHT:  # after it
        out.append(_text(x2 + 4, y + 12.5, caption, size=8.5, fill=COLOURS[tone]))
    else:  # before it
        out.append(_text(x1 - 4, y + 12.5, caption, size=8.5, anchor="end", fill=COLOURS[tone]))
    return out


def _lane(
    report: WindowReport, lane: Lane, y: float, scale: _Scale, picture: DayPicture, index: int
) -> list[str]:
    mid = y + LANE / 2
    name = area_name(lane.area)
    out = []
    if index % 2 == 0:
        out.append(f'<rect x="4" y="{y}" width="{LABEL - 4}" height="{LANE}" fill="#f6f8fa"/>')
    out.append(_text(LABEL - 7, mid + 3.4, _short(name), size=9.5, anchor="end", title=name))
    out.append(
        f'<line x1="{scale.x(picture.start):.1f}" y1="{mid}" x2="{scale.x(picture.end):.1f}" y2="{mid}" '
        'stroke="#d0d7de" stroke-width="1.5"/>'
    )
    for s in lane.segments:
        x1, x2 = scale.x(s.start), scale.x(s.end)
        opacity = 0.5 if s.status == "testing" else 0.95
        out.append(
            f'<rect x="{x1:.1f}" y="{mid - 3.5}" width="{max(x2 - x1, 2):.1f}" height="7" rx="2" '
            f'fill="{COLOURS.get(s.status, "#6e7781")}" opacity="{opacity}"/>'
        )
    for m in lane.marks:
        x = scale.x(m.at)
        tip = f"<title>{escape(w.clock(report, m.at))}</title>"
        if m.round_seq is not None:
            colour = COLOURS.get(m.kind, "#6e7781")
            out.append(
                f'<circle cx="{x:.1f}" cy="{mid}" r="6.5" fill="{colour}" stroke="#ffffff" '
                f'stroke-width="1.2">{tip}</circle>'
            )
            out.append(
                _text(x, mid + 3.1, str(m.round_seq), size=8.5, anchor="middle", fill="#ffffff", bold=True)
            )
        elif m.kind == "here":
            out.append(
                f'<circle cx="{x:.1f}" cy="{mid}" r="3.8" fill="#ffffff" stroke="#0969da" '
                f'stroke-width="1.8">{tip}</circle>'
            )
        elif m.kind in ("substitute", "assigned"):
            colour = "#bc4c00" if m.kind == "substitute" else "#8250df"
            out.append(
                f'<path d="{_diamond(x, mid, 5)}" fill="#ffffff" stroke="{colour}" stroke-width="1.8">'
                f"{tip}</path>"
            )
        elif m.kind == "uncovered":
            out.append(f'<path d="{_cross(x, mid, 4.5)}" stroke="#cf222e" stroke-width="2.2">{tip}</path>')
    return out


def _diamond(x: float, y: float, r: float) -> str:
    return f"M {x:.1f} {y - r:.1f} L {x + r:.1f} {y:.1f} L {x:.1f} {y + r:.1f} L {x - r:.1f} {y:.1f} Z"


def _cross(x: float, y: float, r: float) -> str:
    return (
        f"M {x - r:.1f} {y - r:.1f} L {x + r:.1f} {y + r:.1f} "
        f"M {x + r:.1f} {y - r:.1f} L {x - r:.1f} {y + r:.1f}"
    )


def _all_clear(report: WindowReport, x: float, y: float, lang: Lang) -> list[str]:
    """A dashed line down through the plot, and a flag under it with the time."""
    label = t("pic.all_clear", lang, time=w.clock(report, report.all_clear_at))
    width = len(label) * 5.3 + 12
    left = min(max(x - width / 2, LABEL), WIDTH - RIGHT - width)
    return [
        f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{y}" stroke="#1a7f37" stroke-width="1.6" '
        'stroke-dasharray="4 3"/>',
        f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="15" rx="3" fill="#1a7f37"/>',
        _text(left + width / 2, y + 11, label, size=9, anchor="middle", fill="#ffffff", bold=True),
    ]


def _legend(y: float, lang: Lang) -> list[str]:
    out = []
    x = float(LABEL)
    items = [
        ("bar", "pass", t("pic.legend_pass", lang)),
        ("bar", "fail", t("pic.legend_fail", lang)),
        ("bar", "testing", t("pic.legend_testing", lang)),
        ("bar", "incomplete", t("pic.legend_incomplete", lang)),
        ("here", "", t("pic.legend_here", lang)),
        ("sub", "", t("pic.legend_sub", lang)),
        ("uncovered", "", t("pic.legend_uncovered", lang)),
    ]
    for kind, status, label in items:
        if kind == "bar":
            opacity = 0.5 if status == "testing" else 0.95
            out.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="16" height="7" rx="2" fill="{COLOURS[status]}" '
                f'opacity="{opacity}"/>'
            )
        elif kind == "here":
            out.append(
                f'<circle cx="{x + 8:.1f}" cy="{y + 7.5}" r="3.8" fill="#ffffff" stroke="#0969da" '
                'stroke-width="1.8"/>'
            )
        elif kind == "sub":
            out.append(
                f'<path d="{_diamond(x + 8, y + 7.5, 5)}" fill="#ffffff" stroke="#bc4c00" '
                'stroke-width="1.8"/>'
            )
        else:
            out.append(f'<path d="{_cross(x + 8, y + 7.5, 4.5)}" stroke="#cf222e" stroke-width="2.2"/>')
        out.append(_text(x + 20, y + 11, label, size=9, fill="#59636e"))
        x += 30 + len(label) * 5.0
    return out
