"""The announcement: the card asking each test resource whether they will test
on the day, sent to everyone on the roster not yet told. Idempotent, so it can be sent again
after the roster grew."""

from __future__ import annotations

from typing import Any

from bot.domain.announcement import substitute_shown
from bot.domain.areas import sort_areas
from bot.domain.audit import AuditKind
from bot.domain.day import Participant, PromptKind
from bot.domain.windows import Window, date_text
from bot.i18n import Lang, t
from bot.services.alerts import lang_of
from bot.services.context import Services, Who, reply
from bot.services.messages import message_activity
from bot.services.planning.shared import testers, today, told_of
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.windows import announce_card


def announcement_card(window: Window, participant: Participant, prompt_id: str, lang: Lang) -> dict[str, Any]:
    return announce_card(
        window,
        sort_areas(participant.areas),
        sorted(c.value for c in participant.clients),
        prompt_id,
        substitute_shown(participant),
        lang,
    )


async def send_announcement(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    participant: Participant,
    message_key: str | None = None,
) -> None:
    """Ask one participant. ``message_key`` replaces an earlier card in place (window moved)."""
    now = svc.clock.now()
    key = message_key or f"announce:{window.id}:{participant.id}"
    prompt = await uow.prompts.create(
        window.id,
        PromptKind.ANNOUNCE,
        participant.email,
        key,
        now,
        participant_id=participant.id,
        areas=participant.areas,
    )
    lang = await lang_of(svc, uow, participant.email)
    await uow.outbox.put(
        key,
        message_activity(card=announcement_card(window, participant, prompt.id, lang)),
        now,
        purpose="announce",
        recipient_email=participant.email,
        window_id=window.id,
    )


async def announce(svc: Services, uow: UnitOfWork, who: Who, window: Window) -> int:
    """Send the announcement card to every test resource not yet told. Idempotent."""
    now = svc.clock.now()
    await uow.participants.sync(window.id, await testers(uow), now)
    already = {p.participant_id for p in await told_of(uow, window)}
    count = 0
    for participant in await uow.participants.of_window(window.id):
        if participant.id in already:
            continue
        await send_announcement(svc, uow, window, participant)
        count += 1
    if not window.announced:
        await uow.windows.mark_announced(window.id, now)
    await uow.audit.record(
        now, who.email or who.user_id, AuditKind.WINDOW_ANNOUNCED, {"new": count}, window.id
    )
    return count


async def _done_text(uow: UnitOfWork, who: Who, window: Window, count: int) -> str:
    # Sent again with nobody new: say how many have been told in all.
    total = len(await told_of(uow, window))
    return t(
        "announce.done",
        who.lang,
        count=total if count == 0 else count,
        date=date_text(window.day, who.lang),
    )


async def cmd_announce(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    window = await (
        uow.windows.get(int(args)) if args.strip().isdigit() else uow.windows.next_window(today(svc))
    )
    if window is None or not window.state.open:
        await reply(svc, uow, turn, t("window.no_next", who.lang))
        return
    if not await testers(uow):
        await reply(svc, uow, turn, t("window.no_testers", who.lang))
        return
    count = await announce(svc, uow, who, window)
    await reply(svc, uow, turn, await _done_text(uow, who, window, count), window_id=window.id)


async def verb_announce(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    window = (
        await uow.windows.get(int(turn.data.get("window") or 0))
        if str(turn.data.get("window", "")).isdigit()
        else None
    )
    if window is None or not window.state.open:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    count = await announce(svc, uow, who, window)
    return TurnResult(message=await _done_text(uow, who, window, count))
