"""Routes a turn to its handler: command words for messages, verbs for card actions.

The tables (``Routes``) are built at start-up in ``bot.bootstrap`` and reach the router through
``Services.routes``. Every permission is decided here, from each route's ``requires``, before any
handler runs; a refused command is recorded in the audit trail.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.domain import commands as cmds
from bot.domain.audit import AuditKind
from bot.domain.commands import Command
from bot.domain.verbs import Verb
from bot.i18n import t
from bot.services import identity
from bot.services.context import Member, Services, Who, reply
from bot.services.planning import SUPPLIER
from bot.services.ports import JobState, UnitOfWork
from bot.services.routes import CommandRoute, Permission, Routes
from bot.services.turns import Turn, TurnKind, TurnResult
from cards.help import help_card

log = logging.getLogger(__name__)


async def cmd_help(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    routes = svc.routes
    everyone = routes.for_everyone()
    admin = [c for c in Command if c in routes.commands and c not in everyone] if who.is_admin else []
    channel = routes.channel_commands() if who.is_admin else []
    if who.is_supplier and not who.is_admin:
        channel = _supplier_commands(routes)
    await reply(svc, uow, turn, card=help_card(everyone, admin, channel, who.lang))


def _supplier_commands(routes: Routes) -> list[Command]:
    """What a leverantör may write in the supplier channel (all but the admin's own setting)."""
    return [c for c in routes.channel_commands() if routes.commands[c].in_channel is not Permission.ADMIN]


async def cmd_jobs(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    """Pending, failed and dead jobs, for the admin who wonders whether a message went out."""
    states = (JobState.PENDING, JobState.RUNNING, JobState.FAILED, JobState.DEAD)
    rows = await uow.jobs.list(states, 30)
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


async def _admin_names(uow: UnitOfWork) -> str:
    admins = await uow.people.admins()
    return f" ({', '.join(a.name for a in admins[:2])})" if admins else ""


def _actor(who: Who) -> str:
    return who.email or who.user_id


async def _refuse(
    svc: Services, uow: UnitOfWork, who: Who, command: Command, reason: str | None = None
) -> None:
    detail = {"command": command.value} | ({"reason": reason} if reason else {})
    await uow.audit.record(svc.clock.now(), _actor(who), AuditKind.COMMAND_REFUSED, detail)


# The command a card button stands for, for the audit trail of a refused click.
_VERB_COMMANDS = {
    Verb.ROUND_LOCAL: Command.LOCAL_READY,
    Verb.ROUND_CITRIX: Command.CITRIX_READY,
    Verb.SUPPLIER_GO: Command.SUPPLIER_GO,
    Verb.SUPPLIER_FIXING: Command.SUPPLIER_FIXING,
    Verb.SUPPLIER_FIXED: Command.SUPPLIER_FIXED,
    Verb.SUPPLIER_ROLLBACK: Command.SUPPLIER_ROLLBACK,
}


async def _in_supplier_channel(uow: UnitOfWork, turn: Turn) -> bool:
    if turn.personal:
        return False
    channel = await uow.channels.get(SUPPLIER)
    return channel is not None and channel.conversation_id == turn.channel_conversation_id


async def _unknown(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> None:
    if who.is_supplier and not who.is_admin:
        # The supplier's contact acts in the channel: tell them what they can do there.
        await reply(svc, uow, turn, t("supplier.welcome", who.lang, name=who.name.split(" ")[0]))
    elif who.person is None and not who.is_admin:
        await reply(svc, uow, turn, t("error.not_on_roster", who.lang, admins=await _admin_names(uow)))
    else:
        await reply(svc, uow, turn, t("error.unknown_command", who.lang, text=turn.text.strip()[:80]))


async def _on_message(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> None:
    parsed = cmds.parse(turn.text)
    if parsed is not None and parsed.english:
        who = replace(who, lang="en")
    if not turn.personal:
        await _on_channel_message(svc, uow, turn, who, parsed)
        return
    route = svc.routes.commands.get(parsed.command) if parsed else None
    if parsed is None or route is None:
        await _unknown(svc, uow, turn, who)
        return
    if route.requires is not Permission.EVERYONE and not who.is_admin:
        await _refuse(svc, uow, who, parsed.command)
        await reply(svc, uow, turn, await _personal_refusal(uow, who, parsed.command, route))
        return
    await route.handler(svc, uow, turn, who, parsed.args)


async def _personal_refusal(uow: UnitOfWork, who: Who, command: Command, route: CommandRoute) -> str:
    """Why someone who is not an admin may not give ``command`` in a personal chat."""
    if who.is_supplier and route.in_channel is Permission.SUPPLIER:
        return t("supplier.use_channel", who.lang, command=cmds.display_word(command, who.lang == "en"))
    if who.person is None:
        return t("error.not_on_roster", who.lang, admins=await _admin_names(uow))
    return t("error.not_admin", who.lang)


async def _channel_refusal(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, command: Command, route: CommandRoute
) -> str | None:
    """The answer to a channel command its sender may not give here, or None if they may."""
    if route.in_channel is Permission.ADMIN and not who.is_admin:
        await _refuse(svc, uow, who, command)
        return t("channel.only_admin", who.lang)
    if route.in_channel is Permission.SUPPLIER:
        return await _supplier_refusal(svc, uow, turn, who, command)
    return None


async def _supplier_refusal(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, command: Command
) -> str | None:
    """The supplier's say, given in a channel: only in the supplier channel, and there only by
    someone on the roster as leverantör or an admin. A refusal is recorded in the audit trail."""
    if not await _in_supplier_channel(uow, turn):
        await _refuse(svc, uow, who, command)
        return t("round.not_supplier", who.lang)
    if not (who.is_supplier or who.is_admin):
        await _refuse(svc, uow, who, command, reason="not_supplier")
        return t("supplier.not_supplier", who.lang, admins=await _admin_names(uow))
    return None


async def _on_channel_message(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, parsed: cmds.Parsed | None
) -> None:
    # The channel's own command first: it is what an admin new to the channel needs.
    allowed = sorted(svc.routes.channel_commands(), key=lambda c: c is not Command.SUPPLIER_CHANNEL)
    if parsed is None or parsed.command not in allowed:
        words = ", ".join(f"**{cmds.display_word(c, who.lang == 'en')}**" for c in allowed)
        await reply(svc, uow, turn, t("error.channel_command", who.lang, commands=words))
        return
    route = svc.routes.commands[parsed.command]
    refusal = await _channel_refusal(svc, uow, turn, who, parsed.command, route)
    if refusal is not None:
        await reply(svc, uow, turn, refusal)
        return
    await route.handler(svc, uow, turn, who, parsed.args)


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
        if turn.activity_id and not turn.invoke and not await uow.inbound.first_time(seen_key, now):
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


async def _verb_refusal(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, requires: Permission
) -> str | None:
    if requires is Permission.ADMIN and not who.is_admin:
        return t("error.not_admin", who.lang)
    if requires is Permission.SUPPLIER:
        # A round or decision button: an admin in a personal chat, or in the supplier channel.
        if who.is_admin and turn.personal:
            return None
        verb = Verb.parse(turn.verb) or Verb.ROUND_LOCAL
        return await _supplier_refusal(svc, uow, turn, who, _VERB_COMMANDS.get(verb, Command.LOCAL_READY))
    return None


async def _on_card_action(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    verb = Verb.parse(turn.verb)
    route = svc.routes.verbs.get(verb) if verb else None
    if route is None:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    refusal = await _verb_refusal(svc, uow, turn, who, route.requires)
    result = TurnResult(message=refusal) if refusal else await route.handler(svc, uow, turn, who)
    if not turn.invoke and result.message:
        # Action.Submit has no invoke response to carry the message: send it instead.
        await reply(svc, uow, turn, result.message, suffix="card")
    return result


__all__ = ["Routes", "cmd_help", "cmd_jobs", "handle_turn"]
