"""The wiring of the services, built at start-up by ``bot.bootstrap``: every command word and card
verb with its handler and who may use it (the one place that decides permissions; the router
enforces them before any handler runs), and the hooks the roster offers planning.

Plain Python over the services, so the handlers' unit tests use the real tables with an in-memory
unit of work.
"""

from __future__ import annotations

from bot.domain.commands import Command
from bot.domain.verbs import Verb
from bot.services import day, planning, report, roster, router
from bot.services.routes import CommandRoute, Handler, Permission, RosterHooks, Routes, VerbRoute


def build_routes() -> Routes:
    """Every command word and card verb, its handler, and who may use it: the one place that
    decides permissions (the router enforces them before any handler runs)."""
    everyone, admin, supplier = Permission.EVERYONE, Permission.ADMIN, Permission.SUPPLIER

    def command(handler: Handler, requires: Permission, in_channel: Permission | None = None) -> CommandRoute:
        return CommandRoute(handler, requires, in_channel)

    commands = {
        Command.HELP: command(router.cmd_help, everyone, in_channel=everyone),
        Command.ME: command(roster.cmd_me, everyone),
        Command.SUBSTITUTE: command(roster.cmd_substitute, everyone),
        Command.NEW_WINDOW: command(planning.cmd_new_window, admin),
        Command.WINDOWS: command(planning.cmd_windows, admin),
        Command.MOVE_WINDOW: command(planning.cmd_move_window, admin),
        Command.CANCEL_WINDOW: command(planning.cmd_cancel_window, admin),
        Command.ANNOUNCE: command(planning.cmd_announce, admin),
        Command.SUPPLIER_LIST: command(planning.cmd_supplier_list, admin),
        # Given in the channel that is to become the supplier's, by an admin.
        Command.SUPPLIER_CHANNEL: command(planning.cmd_supplier_channel, admin, in_channel=admin),
        Command.START_CHECKIN: command(day.cmd_start_checkin, admin),
        # The supplier says the update is in: from the supplier channel, or an admin in a chat.
        Command.LOCAL_READY: command(day.cmd_local_ready, supplier, in_channel=supplier),
        Command.CITRIX_READY: command(day.cmd_citrix_ready, supplier, in_channel=supplier),
        Command.SUMMARY: command(day.cmd_summary, admin),
        Command.RETEST: command(day.cmd_retest, admin),
        Command.ALL_CLEAR: command(day.cmd_all_clear, admin),
        Command.ABORT_WINDOW: command(day.cmd_abort_window, admin),
        Command.EXTEND_WINDOW: command(day.cmd_extend_window, admin),
        Command.STATUS: command(day.cmd_status, admin, in_channel=everyone),
        Command.ASSIGN: command(day.cmd_assign, admin),
        Command.REPORT: command(report.cmd_report, admin),
        Command.HISTORY: command(report.cmd_history, admin),
        Command.NOTICE_TEXT: command(planning.cmd_notice_text, admin),
        Command.JOBS: command(router.cmd_jobs, admin),
    }
    # Answers to a card meant for one person (check-in, checklist, announcement) are open to
    # everyone here; the handler checks that the card was sent to the one who answers.
    verbs = {
        Verb.WINDOW_CONFIRM: VerbRoute(planning.verb_confirm, admin),
        Verb.WINDOW_ANNOUNCE: VerbRoute(planning.verb_announce, admin),
        Verb.WINDOW_SUPPLIER_LIST: VerbRoute(planning.verb_supplier_list, admin),
        Verb.PLAN_COMING: VerbRoute(planning.verb_coming, everyone),
        Verb.PLAN_CANT: VerbRoute(planning.verb_cant, everyone),
        Verb.PLAN_CHANGE: VerbRoute(planning.verb_change, everyone),
        Verb.CHECKIN_HERE: VerbRoute(day.verb_checkin_here, everyone),
        Verb.CHECKIN_CANT: VerbRoute(day.verb_checkin_cant, everyone),
        Verb.ADMIN_HANDBACK: VerbRoute(day.verb_handback, admin),
        Verb.ADMIN_ASSIGN: VerbRoute(day.verb_assign, admin),
        Verb.ROUND_LOCAL: VerbRoute(day.verb_round_local, supplier),
        Verb.ROUND_CITRIX: VerbRoute(day.verb_round_citrix, supplier),
        Verb.ROUND_SUMMARY: VerbRoute(day.verb_summary, admin),
        Verb.WINDOW_ALL_CLEAR: VerbRoute(day.verb_all_clear, admin),
        Verb.WINDOW_ALL_CLEAR_OVERRIDE: VerbRoute(day.verb_all_clear_override, admin),
        Verb.CHECKLIST_SUBMIT: VerbRoute(day.verb_checklist_submit, everyone),
    }
    decision_commands, decision_verbs = _decision_routes()
    return Routes(commands | decision_commands, verbs | decision_verbs)


def _decision_routes() -> tuple[dict[Command, CommandRoute], dict[Verb, VerbRoute]]:
    """The supplier's decision after a round's summary, written or from the decision card, under
    the round commands' rule (a leverantör or an admin in the supplier channel, an admin in a
    chat); the admin's button that "rättat" opens; confirming a move of the supplier channel."""
    supplier, admin = Permission.SUPPLIER, Permission.ADMIN
    commands = {
        Command.SUPPLIER_GO: CommandRoute(day.cmd_supplier_go, supplier, supplier),
        Command.SUPPLIER_FIXING: CommandRoute(day.cmd_supplier_fixing, supplier, supplier),
        Command.SUPPLIER_FIXED: CommandRoute(day.cmd_supplier_fixed, supplier, supplier),
        Command.SUPPLIER_ROLLBACK: CommandRoute(day.cmd_supplier_rollback, supplier, supplier),
    }
    verbs = {
        Verb.SUPPLIER_GO: VerbRoute(day.verb_decision, supplier),
        Verb.SUPPLIER_FIXING: VerbRoute(day.verb_decision, supplier),
        Verb.SUPPLIER_FIXED: VerbRoute(day.verb_decision, supplier),
        Verb.SUPPLIER_ROLLBACK: VerbRoute(day.verb_decision, supplier),
        Verb.ADMIN_RETEST: VerbRoute(day.verb_admin_retest, admin),
        Verb.SUPPLIER_CHANNEL_CONFIRM: VerbRoute(planning.verb_supplier_channel_confirm, admin),
    }
    return commands, verbs


def build_hooks() -> RosterHooks:
    return RosterHooks(
        next_window_text=planning.next_window_line,
        substitute_changed=(planning.on_substitute_changed,),
    )
