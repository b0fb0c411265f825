"""The all-clear (routine step 12): the day is over, rounds and open cards close, everyone the day
involved hears it (``bot.domain.all_clear``), and the managers get an e-mail if mail is set up.

A wrong "all passed" is worse than none, so it goes out on its own only when the day's verdict
passed and the supplier gave its klartecken for the last client tested (``bot.domain.day_end``).
Otherwise nothing is sent: the admin gets the list of what is open, and a button that sends it
anyway with a written reason. Sent so, it says what is known to be wrong, and the audit entry
keeps the reason and the list (``AllClearGate.audit_detail``)."""

from __future__ import annotations

from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.day_end import MAX_REASON, AllClearGate, all_clear_gate
from bot.domain.windows import Window, WindowState, date_text
from bot.i18n import Lang, t
from bot.services.alerts import lang_of
from bot.services.context import Services, Who, reply
from bot.services.day.common import actor_of, digest
from bot.services.day.day_end import close_day, day_people, mail_managers
from bot.services.day.refresh import refresh_board
from bot.services.day.verdict import read_day_verdict
from bot.services.messages import message_activity
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.allclear import all_clear_known_faults_card, all_clear_refused_card, known_faults
from cards.day import all_clear_card, closed_card

# The all-clear sent anyway: what was open, and the admin's reason for it.
Override = tuple[AllClearGate, str]


async def read_gate(uow: UnitOfWork, window: Window) -> AllClearGate:
    """What stands between ``window``'s day and its all-clear now."""
    return all_clear_gate(
        await read_day_verdict(uow, window),
        await uow.decisions.of_window(window.id),
        await uow.rounds.of_window(window.id),
    )


async def _window_to_end(svc: Services, uow: UnitOfWork, lang: Lang) -> Window | str:
    """The window under way, or why there is none to give the all-clear for."""
    window = await uow.windows.active(today(svc))
    if window is None:
        return t("window.no_next", lang)
    if window.state is WindowState.PLANNED:
        return t("allclear.not_started", lang, date=date_text(window.day, lang))
    if not window.state.under_way:
        return t("allclear.already", lang, date=date_text(window.day, lang))
    return window


async def all_clear(svc: Services, uow: UnitOfWork, who: Who, reason: str | None = None) -> TurnResult:
    """End the day if nothing stands in the way, or (``reason`` given) anyway. The admin's answer:
    a message, or the card that lists what is open when nothing was sent."""
    lang = who.lang
    window = await _window_to_end(svc, uow, lang)
    if isinstance(window, str):
        return TurnResult(message=window)
    gate = await read_gate(uow, window)
    if gate.clear:
        count = await _end_day(svc, uow, who, window, None)
        return TurnResult(message=t("allclear.done", lang, count=count))
    if reason is None:
        return TurnResult(card=all_clear_refused_card(gate, window.id, lang))
    if not reason:
        return TurnResult(message=t("allclear.reason_needed", lang))
    if len(reason) > MAX_REASON:
        return TurnResult(message=t("allclear.reason_too_long", lang, max=MAX_REASON))
    count = await _end_day(svc, uow, who, window, (gate, reason))
    done = t("allclear.done_override", lang, count=count)
    # The card in place of the one with the button (it cannot be pressed a second time); the
    # message where Teams sends the click as Action.Submit and shows no card in answer.
    return TurnResult(card=closed_card(t("allclear.title", lang), done), message=done)


async def _end_day(
    svc: Services, uow: UnitOfWork, who: Who, window: Window, override: Override | None
) -> int:
    """The day is done: close it, tell everyone and the managers, record it. How many were told."""
    now = svc.clock.now()
    await uow.windows.set_state(window.id, WindowState.DONE, now)
    await close_day(uow, window, now)
    recipients = await day_people(uow, window)
    for email in sorted(recipients):
        lang = await lang_of(svc, uow, email)
        await uow.outbox.put(
            f"allclear:{window.id}:{digest(email)}",
            message_activity(card=_card(window, override, lang)),
            now,
            purpose="all_clear",
            recipient_email=email,
            window_id=window.id,
        )
    await mail_managers(
        svc,
        uow,
        window,
        f"allclear:{window.id}",
        t("allclear.mail_subject", "sv"),
        _mail_body(window, override),
    )
    detail: dict[str, Any] = {"told": len(recipients)}
    if override is not None:
        gate, reason = override
        detail.update(gate.audit_detail(reason))
    await uow.audit.record(now, actor_of(who), AuditKind.WINDOW_ALL_CLEAR, detail, window.id)
    await refresh_board(svc, uow, window.id)
    return len(recipients)


def _card(window: Window, override: Override | None, lang: Lang) -> dict[str, Any]:
    date = date_text(window.day, lang)
    if override is None:
        return all_clear_card(date, lang)
    gate, reason = override
    return all_clear_known_faults_card(date, gate, reason, lang)


def _mail_body(window: Window, override: Override | None) -> str:
    """The all-clear for the managers (in Swedish), with the known faults when there are any and
    the first-login advice."""
    parts = [t("allclear.text", "sv", date=date_text(window.day, "sv"))]
    if override is not None:
        gate, reason = override
        parts += [
            t("allclear.known_intro", "sv"),
            known_faults(gate, "sv"),
            t("allclear.reason", "sv", reason=reason),
        ]
    parts += [
        t("allclear.advice_title", "sv"),
        "1. " + t("allclear.advice_1", "sv"),
        "2. " + t("allclear.advice_2", "sv"),
        "3. " + t("allclear.advice_3", "sv"),
    ]
    return "\n\n".join(parts)


async def cmd_all_clear(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    result = await all_clear(svc, uow, who)
    await reply(svc, uow, turn, result.message, result.card)


async def verb_all_clear(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """The board's button. Refused, the list of what is open comes as a card of its own in the
    chat: answered in place, it would replace the board."""
    result = await all_clear(svc, uow, who)
    if result.card is None:
        return result
    await reply(svc, uow, turn, card=result.card)
    return TurnResult(message=t("allclear.refused_short", who.lang))


async def verb_all_clear_override(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """ "Skicka klartecken ändå" with the reason written on the card."""
    window = await uow.windows.active(today(svc))
    if window is None or turn.data.get("window") != window.id:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    reason = turn.data.get("reason")
    return await all_clear(svc, uow, who, reason.strip() if isinstance(reason, str) else "")
