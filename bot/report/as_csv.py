"""The report of a window as one CSV table, for Excel and for machines.

Every row has the same columns; ``section`` says what the row is: ``window`` (header facts),
``round`` (verdict per round), ``area`` (the day's result per area and client, every area in
scope), ``result`` (one test case in one round), ``checkin`` (one test resource), ``timeline``,
``message``, ``answer`` and ``audit`` (the full trail). Times are local
(the window's time zone) in ISO 8601 with offset, so that they sort and parse. Which field of a row
goes in which column is said by each table of ``bot.report.window_tables``.
"""

from __future__ import annotations

import csv
import io

from bot.domain.report import WindowReport
from bot.i18n import Lang
from bot.report.tables import CSV_COLUMNS, Ctx
from bot.report.window_tables import WINDOW_TABLES

COLUMNS = CSV_COLUMNS


def render_csv(report: WindowReport, lang: Lang = "sv") -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(COLUMNS)
    ctx = Ctx.of(report, lang)
    for spec in WINDOW_TABLES:
        out.writerows(spec.bind(ctx).csv_rows())
    return buffer.getvalue()
