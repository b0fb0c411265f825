"""The supplier's channel and the list posted there: who tests which area on the
day, posted or updated in place by ``skicka lista`` or the button on the window card. The channel
is set with ``leverantörskanal`` in a team channel; moving it to another channel is confirmed first,
and the old channel is told."""

from __future__ import annotations

from bot.domain.audit import AuditKind
from bot.domain.keys import short_hash
from bot.domain.supplier_list import supplier_rows
from bot.domain.windows import Window
from bot.i18n import t
from bot.services.context import Services, Who, reply, reply_key
from bot.services.messages import message_activity
from bot.services.planning.shared import SUPPLIER, today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.supplier import channel_move_card
from cards.windows import ListRow, supplier_list_card


async def list_rows(uow: UnitOfWork, window: Window) -> list[ListRow]:
    participants = await uow.participants.of_window(window.id)
    rows = supplier_rows(participants, await uow.assignments.of_window(window.id))
    return [ListRow(r.area, r.name, r.email, r.substitute_for) for r in rows]


async def post_supplier_list(svc: Services, uow: UnitOfWork, who: Who, window: Window) -> str:
    """Post (or update in place) the day's testers in the supplier channel; the reply text."""
    if await uow.channels.get(SUPPLIER) is None:
        return t("channel.missing", who.lang)
    now = svc.clock.now()
    key = f"supplierlist:{window.id}"
    existed = await uow.outbox.get(key) is not None
    # The channel is shared, so the list is in Swedish whoever posts it.
    card = supplier_list_card(window, await list_rows(uow, window), "sv")
    await uow.outbox.put(
        key,
        message_activity(card=card),
        now,
        purpose="supplier_list",
        channel_purpose=SUPPLIER,
        window_id=window.id,
    )
    await uow.audit.record(
        now, who.email or who.user_id, AuditKind.SUPPLIER_LIST_POSTED, {"update": existed}, window.id
    )
    return t("list.updated" if existed else "list.posted", who.lang)


async def cmd_supplier_list(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    window = await uow.windows.active(today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", who.lang))
        return
    await reply(svc, uow, turn, await post_supplier_list(svc, uow, who, window), window_id=window.id)


async def verb_supplier_list(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    raw = str(turn.data.get("window", ""))
    window = await uow.windows.get(int(raw)) if raw.isdigit() else None
    if window is None or not window.state.open:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return TurnResult(message=await post_supplier_list(svc, uow, who, window))


def _in_team_channel(turn: Turn) -> bool:
    # A group chat or a personal chat has no team: the supplier channel must be shared with them.
    return bool(turn.team_id) and turn.conversation_type == "channel"


async def cmd_supplier_channel(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    """Make the channel this is written in the supplier's channel (the router lets admins only).
    Written in a chat, it says where to write it; when another channel has the role, it asks first."""
    if not _in_team_channel(turn):
        await reply(svc, uow, turn, t("channel.not_a_channel", who.lang))
        return
    current = await uow.channels.get(SUPPLIER)
    if current is not None and current.conversation_id == turn.channel_conversation_id:
        await reply(svc, uow, turn, t("channel.already", who.lang))
        return
    if current is not None:
        await reply(svc, uow, turn, card=channel_move_card(short_hash(current.conversation_id), who.lang))
        return
    await _set_channel(svc, uow, turn, who)
    await reply(svc, uow, turn, t("channel.set", who.lang))


async def verb_supplier_channel_confirm(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """ "Ja, gör den här kanalen till leverantörskanal": the move, and the old channel told. Only while
    the channel it was asked about still has the role: a second click or a stale card changes nothing."""
    current = await uow.channels.get(SUPPLIER)
    if not _in_team_channel(turn):
        return TurnResult(message=t("channel.not_a_channel", who.lang))
    if current is not None and current.conversation_id == turn.channel_conversation_id:
        return TurnResult(message=t("channel.already", who.lang))
    if current is None or turn.data.get("was") != short_hash(current.conversation_id):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    await _set_channel(svc, uow, turn, who, moved_from=current.conversation_id)
    # The old channel hears it in Swedish, as everything posted there.
    await uow.outbox.put(
        f"channel_moved:{short_hash(current.conversation_id)}:{reply_key(turn)}",
        message_activity(text=t("channel.moved_old", "sv", name=who.name)),
        svc.clock.now(),
        purpose="notice",
        conversation=(current.service_url, current.conversation_id),
    )
    return TurnResult(message=t("channel.set", who.lang))


async def _set_channel(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, moved_from: str | None = None
) -> None:
    now = svc.clock.now()
    actor = who.email or who.user_id
    await uow.channels.set(
        SUPPLIER,
        turn.channel_conversation_id,
        turn.service_url,
        turn.tenant_id,
        turn.team_id,
        actor,
        now,
    )
    await uow.audit.record(now, actor, AuditKind.SUPPLIER_CHANNEL_SET, {"team": turn.team_id})
    if moved_from is not None:
        await uow.audit.record(
            now,
            actor,
            AuditKind.SUPPLIER_CHANNEL_MOVED,
            {"team": turn.team_id, "from": short_hash(moved_from)},
        )
