"""Routes a turn to its handler: command words for messages, verbs for card actions.

Handlers are registered in two tables (``COMMANDS`` and ``VERBS``) by the feature modules;
the router enforces who may run what before any handler runs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.domain import commands as cmds
from bot.domain.commands import Command
from bot.i18n import t
from bot.services import day, identity, planning, report, roster
from bot.services.context import Handler, Member, Services, Who, reply
from bot.services.turns import Turn, TurnKind, TurnResult
from bot.store import people, records
from bot.store.jobs import JobState
from bot.store.uow import UnitOfWork
from cards.help import help_card

log = logging.getLogger(__name__)

VerbHandler = Callable[[Services, UnitOfWork, Turn, Who], Awaitable[TurnResult]]

COMMANDS: dict[Command, Handler] = {}
VERBS: dict[str, VerbHandler] = {}
# Channel commands handled in a team channel (the supplier's), keyed like COMMANDS.
CHANNEL_COMMANDS: dict[Command, Handler] = {}


async def cmd_help(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    everyone, admin = identity.commands_for(who)
    channel = (
        sorted(cmds.FOR_SUPPLIER_CHANNEL | {Command.SUPPLIER_CHANNEL}, key=list(Command).index)
        if who.is_admin
        else []
    )
    await reply(svc, uow, turn, card=help_card(everyone, admin, channel, who.lang))


async def cmd_jobs(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    """Pending, failed and dead jobs, for the admin who wonders whether a message went out."""
    from bot.store import jobs as jobstore

    states = (JobState.PENDING, JobState.RUNNING, JobState.FAILED, JobState.DEAD)
    rows = await jobstore.list_jobs(uow.conn, states, 30)
    if not rows:
        await reply(svc, uow, turn, t("jobs.none", who.lang))
        return
    zone = svc.settings.zone
    lines = [f"**{t('jobs.title', who.lang)}**"] + [
        f"- {r.state} · {r.kind} · {r.due_at.astimezone(zone).strftime('%Y-%m-%d %H:%M')}"
        + (f" · {r.last_error}" if r.last_error else "")
        for r in rows
    ]
    await reply(svc, uow, turn, "\n".join(lines))


COMMANDS.update(
    {
        Command.HELP: cmd_help,
        Command.ME: roster.cmd_me,
        Command.SUBSTITUTE: roster.cmd_substitute,
        Command.NEW_WINDOW: planning.cmd_new_window,
        Command.WINDOWS: planning.cmd_windows,
        Command.MOVE_WINDOW: planning.cmd_move_window,
        Command.CANCEL_WINDOW: planning.cmd_cancel_window,
        Command.ANNOUNCE: planning.cmd_announce,
        Command.SUPPLIER_LIST: planning.cmd_supplier_list,
        Command.START_CHECKIN: day.cmd_start_checkin,
        Command.LOCAL_READY: day.cmd_local_ready,
        Command.CITRIX_READY: day.cmd_citrix_ready,
        Command.SUMMARY: day.cmd_summary,
        Command.RETEST: day.cmd_retest,
        Command.ALL_CLEAR: day.cmd_all_clear,
        Command.STATUS: day.cmd_status,
        Command.ASSIGN: day.cmd_assign,
        Command.REPORT: report.cmd_report,
        Command.HISTORY: report.cmd_history,
        Command.NOTICE_TEXT: planning.cmd_notice_text,
        Command.JOBS: cmd_jobs,
    }
)
CHANNEL_COMMANDS.update(
    {
        Command.HELP: cmd_help,
        Command.SUPPLIER_CHANNEL: planning.cmd_supplier_channel,
        Command.LOCAL_READY: day.cmd_local_ready,
        Command.CITRIX_READY: day.cmd_citrix_ready,
        Command.STATUS: day.cmd_status,
    }
)
VERBS.update(
    {
        "window.confirm": planning.verb_confirm,
        "window.announce": planning.verb_announce,
        "window.supplier_list": planning.verb_supplier_list,
        "plan.coming": planning.verb_coming,
        "plan.cant": planning.verb_cant,
        "plan.change": planning.verb_change,
        "checkin.here": day.verb_checkin_here,
        "checkin.cant": day.verb_checkin_cant,
        "admin.handback": day.verb_handback,
        "admin.assign": day.verb_assign,
        "round.local": day.verb_round_local,
        "round.citrix": day.verb_round_citrix,
        "round.summary": day.verb_summary,
        "window.all_clear": day.verb_all_clear,
        "checklist.submit": day.verb_checklist_submit,
    }
)
roster.next_window_text = planning.next_window_line
roster.substitute_changed.append(planning.on_substitute_changed)


async def _admin_names(uow: UnitOfWork) -> str:
    admins = await people.admins(uow.conn)
    return f" ({', '.join(a.name for a in admins[:2])})" if admins else ""


async def _on_message(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> None:
    parsed = cmds.parse(turn.text)
    if parsed is not None and parsed.english:
        who = Who(who.user_id, who.email, who.name, who.person, who.is_admin, "en")
    now = svc.clock.now()
    if not turn.personal:
        await _on_channel_message(svc, uow, turn, who, parsed)
        return
    if parsed is None:
        if who.person is None and not who.is_admin:
            await reply(svc, uow, turn, t("error.not_on_roster", who.lang, admins=await _admin_names(uow)))
        else:
            await reply(svc, uow, turn, t("error.unknown_command", who.lang, text=turn.text.strip()[:80]))
        return
    handler = COMMANDS.get(parsed.command)
    if parsed.command not in cmds.FOR_EVERYONE and not who.is_admin:
        await records.record(
            uow.conn, now, who.email or who.user_id, "command.refused", {"command": parsed.command.value}
        )
        if who.person is None:
            await reply(svc, uow, turn, t("error.not_on_roster", who.lang, admins=await _admin_names(uow)))
        else:
            await reply(svc, uow, turn, t("error.not_admin", who.lang))
        return
    if handler is None:
        await reply(svc, uow, turn, t("error.unknown_command", who.lang, text=turn.text.strip()[:80]))
        return
    await handler(svc, uow, turn, who, parsed.args)


async def _on_channel_message(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, parsed: cmds.Parsed | None
) -> None:
    allowed = [Command.SUPPLIER_CHANNEL, *sorted(cmds.FOR_SUPPLIER_CHANNEL, key=list(Command).index)]
    if parsed is None or parsed.command not in allowed:
        words = ", ".join(f"**{cmds.display_word(c, who.lang == 'en')}**" for c in allowed)
        await reply(svc, uow, turn, t("error.channel_command", who.lang, commands=words))
        return
    handler = CHANNEL_COMMANDS.get(parsed.command)
    if handler is None:
        await reply(svc, uow, turn, t("error.unknown_command", who.lang, text=turn.text.strip()[:80]))
        return
    await handler(svc, uow, turn, who, parsed.args)


async def handle_turn(svc: Services, turn: Turn) -> TurnResult | None:
    """Act on one inbound turn; everything it causes commits in one transaction."""
    if turn.kind is TurnKind.OTHER:
        return None
    try:
        return await _handle_turn(svc, turn, None, first_try=True)
    except identity.UnknownSender:
        # The first turn of someone we do not know yet: ask Teams who it is, then run it again.
        member = await identity.lookup(svc, turn)
        return await _handle_turn(svc, turn, member, first_try=False)


async def _handle_turn(
    svc: Services, turn: Turn, member: Member | None, *, first_try: bool
) -> TurnResult | None:
    now = svc.clock.now()
    async with svc.uow() as uow:
        if first_try:
            await identity.check_known(uow, turn)
        # Teams resends activities when the bot is slow; act on each activity id once. Card
        # actions are also idempotent in their handlers, since Teams may resend them with a new id.
        seen_key = f"activity:{turn.conversation_id}:{turn.activity_id}"
        if turn.activity_id and not turn.invoke and not await records.first_time(uow.conn, seen_key, now):
            return None
        who = await identity.remember(svc, uow, turn, member)
        if turn.kind is TurnKind.BOT_ADDED:
            await identity.welcome(svc, uow, turn, who)
            return None
        if turn.kind is TurnKind.MEMBERS_ADDED:
            return None
        if turn.kind is TurnKind.MESSAGE:
            await _on_message(svc, uow, turn, who)
            return None
        return await _on_card_action(svc, uow, turn, who)


async def _on_card_action(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    handler = VERBS.get(turn.verb or "")
    if handler is None:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    result = await handler(svc, uow, turn, who)
    if not turn.invoke and result.message:
        # Action.Submit has no invoke response to carry the message: send it instead.
        await reply(svc, uow, turn, result.message, suffix="card")
    return result
