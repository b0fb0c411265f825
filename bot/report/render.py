"""One entry point for the report's file formats."""

from __future__ import annotations

from bot.domain.report import WindowReport
from bot.i18n import Lang
from bot.report.as_csv import render_csv
from bot.report.as_html import render_html
from bot.report.as_markdown import render_markdown

FORMATS = ("md", "csv", "html")


def render(report: WindowReport, fmt: str, lang: Lang = "sv") -> str:
    if fmt == "md":
        return render_markdown(report, lang)
    if fmt == "csv":
        return render_csv(report, lang)
    if fmt == "html":
        return render_html(report, lang)
    raise ValueError(f"unknown report format: {fmt!r} (use one of {', '.join(FORMATS)})")
