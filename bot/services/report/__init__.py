"""The record of a window: the report (``rapport``) and the history across windows (``historik``).

``build`` reads a window's record through ``uow.reports``; ``bot.domain.record`` assembles it into
``bot.domain.report``'s plain dataclasses; the renderers in ``bot.report`` (Markdown, CSV, HTML) and
``cards.report`` (Teams) only format it. ``commands`` has the two commands.

app.py, the wiring and the tests use the names re-exported here, so the split stays invisible to
them.
"""

from bot.domain.record_messages import ANSWER_KINDS, card_title
from bot.domain.record_timeline import TIMELINE_KINDS
from bot.services.report.build import (
    build_history,
    build_report,
    full_report,
    read_record,
    reportable_window,
)
from bot.services.report.commands import cmd_history, cmd_report

__all__ = [
    "ANSWER_KINDS",
    "TIMELINE_KINDS",
    "build_history",
    "build_report",
    "card_title",
    "cmd_history",
    "cmd_report",
    "full_report",
    "read_record",
    "reportable_window",
]
