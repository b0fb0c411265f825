"""The day of the window (routine steps 6-13), one module per step: check-in and escalation
(``checkin``, ``escalation``, ``checkin_answer``), who covers the areas (``cover``), test rounds
and their checklists (``rounds``, ``checklist``), the summaries for the supplier (``summary``),
the supplier's decision after each summary (``decisions``, its card in ``decision_card``),
the live status board (``board``, kept current by ``refresh``), the all-clear (``allclear``, held
back while anything is open), and a day that ends otherwise: aborted when the update fails
(``abort``) or running longer (``extend``), with what they share in ``day_end``.

Every handler changes state and writes the messages and timers it causes in one transaction.
The rules themselves are in ``bot.domain`` (checkin, cover, checklist, round_summary, board,
all_clear); these modules read, ask the domain, and write. The names the router, the job
handlers and the bootstrap use are all importable from here.
"""

from bot.domain.cover import Cover
from bot.services.day.abort import abort_window, cmd_abort_window
from bot.services.day.allclear import all_clear, cmd_all_clear, verb_all_clear, verb_all_clear_override
from bot.services.day.board import board_view, cmd_status
from bot.services.day.checkin import (
    CHECKIN_BATCH,
    CHECKIN_BATCH_SIZE,
    ask_next_batch,
    cmd_start_checkin,
    on_checkin_timeout,
    on_undeliverable,
    on_window_start,
    start_checkin,
)
from bot.services.day.checkin_answer import verb_checkin_cant, verb_checkin_here
from bot.services.day.checklist import CHECKLIST_REMINDER, on_checklist_reminder, verb_checklist_submit
from bot.services.day.common import round_name
from bot.services.day.cover import assign, cmd_assign, coverage, verb_assign, verb_handback
from bot.services.day.decisions import (
    cmd_supplier_fixed,
    cmd_supplier_fixing,
    cmd_supplier_go,
    cmd_supplier_rollback,
    verb_admin_retest,
    verb_decision,
)
from bot.services.day.escalation import CHECKIN_TIMEOUT
from bot.services.day.extend import cmd_extend_window
from bot.services.day.refresh import REFRESH, on_refresh, refresh_board
from bot.services.day.rounds import (
    cmd_citrix_ready,
    cmd_local_ready,
    cmd_retest,
    start_round,
    verb_round,
    verb_round_citrix,
    verb_round_local,
)
from bot.services.day.summary import cmd_summary, post_summary, summarise, verb_summary

__all__ = [
    "CHECKIN_BATCH",
    "CHECKIN_BATCH_SIZE",
    "CHECKIN_TIMEOUT",
    "CHECKLIST_REMINDER",
    "REFRESH",
    "Cover",
    "abort_window",
    "all_clear",
    "ask_next_batch",
    "assign",
    "board_view",
    "cmd_abort_window",
    "cmd_all_clear",
    "cmd_assign",
    "cmd_citrix_ready",
    "cmd_extend_window",
    "cmd_local_ready",
    "cmd_retest",
    "cmd_start_checkin",
    "cmd_status",
    "cmd_summary",
    "cmd_supplier_fixed",
    "cmd_supplier_fixing",
    "cmd_supplier_go",
    "cmd_supplier_rollback",
    "coverage",
    "on_checkin_timeout",
    "on_checklist_reminder",
    "on_refresh",
    "on_undeliverable",
    "on_window_start",
    "post_summary",
    "refresh_board",
    "round_name",
    "start_checkin",
    "start_round",
    "summarise",
    "verb_admin_retest",
    "verb_all_clear",
    "verb_all_clear_override",
    "verb_assign",
    "verb_checkin_cant",
    "verb_checkin_here",
    "verb_checklist_submit",
    "verb_decision",
    "verb_handback",
    "verb_round",
    "verb_round_citrix",
    "verb_round_local",
    "verb_summary",
]
