"""The supplier's decision card and what other steps of the day read of the decisions: the card is
put under each round's summary in the supplier channel (once, when the summary is first out) and
updated in place as the supplier decides; the Citrix round asks whether the local round has its
go, a retest's checklist whether the supplier said "rättat", the board what the supplier said last.

The rules are in ``bot.domain.supplier_decisions``; the handlers that record a decision in
``bot.services.day.decisions``.
"""

from __future__ import annotations

from typing import Any

from bot.domain.day import Round
from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client
from bot.domain.supplier_decisions import (
    citrix_go_missing,
    is_last_client,
    last_word,
    of_round,
    open_choices,
    supplier_fixed,
)
from bot.domain.verdict import scope
from bot.domain.windows import Window
from bot.i18n import Lang, t
from bot.services.context import Services
from bot.services.day.common import local_time, round_name
from bot.services.messages import message_activity
from bot.services.planning import SUPPLIER
from bot.services.ports import UnitOfWork
from cards.supplier import DecisionLine, DecisionView, decision_card


def decision_key(r: Round) -> str:
    return f"decision:{r.id}:channel"


async def last_client(uow: UnitOfWork, window: Window, r: Round) -> bool:
    """True if a go on round ``r``'s client ends the testing (see ``is_last_client``)."""
    participants = await uow.participants.of_window(window.id)
    return is_last_client(Client(r.client), scope(participants), await uow.rounds.of_window(window.id))


async def draw_decision_card(svc: Services, uow: UnitOfWork, window: Window, r: Round) -> dict[str, Any]:
    """The decision card of round ``r`` as it stands, in Swedish (the channel is shared). Once the
    day is no longer under way (all-clear, abort) it takes nothing more."""
    decisions = await uow.decisions.of_window(window.id)
    current = await uow.windows.get(window.id)
    view = DecisionView(
        round_name(r, "sv"),
        window.id,
        r.seq,
        await last_client(uow, window, r),
        tuple(
            DecisionLine(d.kind, d.actor_name, local_time(svc, d.at), d.comment)
            for d in of_round(decisions, r.seq)
        ),
        open_choices(decisions, r.seq) if current is not None and current.state.under_way else (),
    )
    return decision_card(view, "sv")


async def put_decision_card(svc: Services, uow: UnitOfWork, window: Window, r: Round) -> dict[str, Any]:
    """Post or update round ``r``'s decision card in the supplier channel; the card."""
    card = await draw_decision_card(svc, uow, window, r)
    if await uow.channels.get(SUPPLIER) is not None:
        await uow.outbox.put(
            decision_key(r),
            message_activity(card=card),
            svc.clock.now(),
            purpose="decision",
            channel_purpose=SUPPLIER,
            window_id=window.id,
        )
    return card


async def offer_decision(svc: Services, uow: UnitOfWork, window: Window, r: Round) -> None:
    """The decision card under round ``r``'s summary, the first time the summary is out. Only for
    the latest round of a day under way: a late summary of an earlier round asks nothing."""
    if not window.state.under_way or await uow.outbox.get(decision_key(r)) is not None:
        return
    rounds = await uow.rounds.of_window(window.id)
    if rounds and rounds[-1].id == r.id:
        await put_decision_card(svc, uow, window, r)


async def citrix_blocked(uow: UnitOfWork, window: Window, lang: Lang) -> str | None:
    """Why the Citrix round cannot start yet (the local round's go is missing), or None."""
    participants = await uow.participants.of_window(window.id)
    rounds = await uow.rounds.of_window(window.id)
    if citrix_go_missing(scope(participants), rounds, await uow.decisions.of_window(window.id)):
        return t("round.citrix_needs_go", lang)
    return None


async def fixed_by_supplier(uow: UnitOfWork, r: Round) -> bool:
    """True if retest ``r`` follows the supplier's "rättat"."""
    return supplier_fixed(await uow.decisions.of_window(r.window_id), r)


async def supplier_line(svc: Services, uow: UnitOfWork, window: Window, lang: Lang) -> str | None:
    """The supplier's latest word for the board (``rättar felen efter Omgång 1 (sedan 10:42)``)."""
    last: Decision | None = last_word(await uow.decisions.of_window(window.id))
    if last is None:
        return None
    time = local_time(svc, last.at)
    if last.kind is DecisionKind.ROLLBACK:
        return t("board.supplier.rollback", lang, time=time)
    rounds = {r.seq: r for r in await uow.rounds.of_window(window.id)}
    r = rounds.get(last.round_seq or 0)
    name = round_name(r, lang) if r else ""
    return t(f"board.supplier.{last.kind.value}", lang, round=name, time=time)
