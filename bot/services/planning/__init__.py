"""Planning a service window, before the day: create, list, move and cancel windows; announce
them and take the answers; the notice and reminder timers; the supplier's list and channel.

The router, the job handlers and the day use the names re-exported here, so the split into
modules stays invisible to them."""

from bot.services.planning.announce import announce, cmd_announce, send_announcement, verb_announce
from bot.services.planning.answers import on_substitute_changed, verb_cant, verb_change, verb_coming
from bot.services.planning.notices import (
    cancel_jobs,
    cmd_notice_text,
    notice_template,
    run_notice,
    run_reminder,
    schedule_jobs,
    schedule_of,
)
from bot.services.planning.shared import (
    NOTICE_JOB,
    NOTICE_TEMPLATE_KEY,
    REMINDER_JOB,
    START_JOB,
    SUPPLIER,
    today,
)
from bot.services.planning.supplier import (
    cmd_supplier_channel,
    cmd_supplier_list,
    list_rows,
    post_supplier_list,
    verb_supplier_channel_confirm,
    verb_supplier_list,
)
from bot.services.planning.windows import (
    cmd_cancel_window,
    cmd_move_window,
    cmd_new_window,
    cmd_windows,
    create_window,
    next_window_line,
    verb_confirm,
)

__all__ = [
    "NOTICE_JOB",
    "NOTICE_TEMPLATE_KEY",
    "REMINDER_JOB",
    "START_JOB",
    "SUPPLIER",
    "announce",
    "cancel_jobs",
    "cmd_announce",
    "cmd_cancel_window",
    "cmd_move_window",
    "cmd_new_window",
    "cmd_notice_text",
    "cmd_supplier_channel",
    "cmd_supplier_list",
    "cmd_windows",
    "create_window",
    "list_rows",
    "next_window_line",
    "notice_template",
    "on_substitute_changed",
    "post_supplier_list",
    "run_notice",
    "run_reminder",
    "schedule_jobs",
    "schedule_of",
    "send_announcement",
    "today",
    "verb_announce",
    "verb_cant",
    "verb_change",
    "verb_coming",
    "verb_confirm",
    "verb_supplier_channel_confirm",
    "verb_supplier_list",
]
