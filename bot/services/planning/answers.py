"""The answers to the announcement: "I'm coming", "I can't" (with a substitute), and "change my
answer". Also keeps planned windows' substitutes in step with the roster."""

from __future__ import annotations

import datetime as dt

from bot.domain.announcement import (
    answered_at,
    cant_answer,
    coming_answer,
    substitute_from_card,
    takes_answer,
)
from bot.domain.audit import AuditKind
from bot.domain.day import PlanAnswer, Prompt, PromptKind
from bot.domain.people import Substitute
from bot.domain.windows import Window, WindowState
from bot.i18n import Lang, t
from bot.services import roster
from bot.services.context import Services, Who
from bot.services.messages import message_activity
from bot.services.planning.announce import announcement_card
from bot.services.ports import UnitOfWork
from bot.services.prompts import own_prompt
from bot.services.turns import Turn, TurnResult
from cards.windows import answered_card


async def _own_open_prompt(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, kind: PromptKind
) -> tuple[Prompt, Window] | TurnResult:
    """The card's prompt and window if the sender may answer it now, else what to tell them."""
    prompt = await own_prompt(svc, uow, turn, who, (kind,))
    if isinstance(prompt, TurnResult):
        return prompt
    window = await uow.windows.get(prompt.window_id)
    if window is None or not takes_answer(prompt, window):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return prompt, window


def _at(svc: Services, when: dt.datetime) -> str:
    return when.astimezone(svc.settings.zone).strftime("%Y-%m-%d %H:%M")


async def _answered(
    svc: Services, uow: UnitOfWork, prompt: Prompt, window: Window, line: str, lang: Lang, turn: Turn
) -> TurnResult:
    """Replace the question with the answer on the card."""
    card = answered_card(window, line, lang, change_prompt=prompt.id)
    now = svc.clock.now()
    if turn.invoke:
        # Action.Execute: Teams shows the card returned in the invoke response, so only record
        # that the message now shows it.
        await uow.outbox.mark_shown(prompt.message_key, message_activity(card=card), now)
    else:
        await uow.outbox.put(
            prompt.message_key,
            message_activity(card=card),
            now,
            purpose="announce",
            recipient_email=prompt.recipient_email,
            window_id=window.id,
        )
    return TurnResult(card=card)


async def verb_coming(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    found = await _own_open_prompt(svc, uow, turn, who, PromptKind.ANNOUNCE)
    if isinstance(found, TurnResult):
        return found
    prompt, window = found
    now = svc.clock.now()
    answer = coming_answer()
    when = answered_at(prompt, answer, now)
    if prompt.answer != answer:
        await uow.prompts.answer(prompt.id, answer, now)
        await uow.participants.set_plan_answer(prompt.participant_id or 0, PlanAnswer.COMING, now)
        await uow.audit.record(
            now,
            prompt.recipient_email,
            AuditKind.PLAN_ANSWERED,
            {"answer": "coming", "prompt": prompt.id},
            window.id,
        )
    return await _answered(
        svc, uow, prompt, window, t("announce.answered_coming", who.lang, at=_at(svc, when)), who.lang, turn
    )


async def verb_cant(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    found = await _own_open_prompt(svc, uow, turn, who, PromptKind.ANNOUNCE)
    if isinstance(found, TurnResult):
        return found
    prompt, window = found
    sub = substitute_from_card(turn.data.get("sub_name"), turn.data.get("sub_email"))
    error = roster.validate_substitute(prompt.recipient_email, sub.name, sub.email, who.lang)
    if error:
        # The card stays as it is, so the tester can correct the fields.
        return TurnResult(message=error)
    now = svc.clock.now()
    answer = cant_answer(sub)
    when = answered_at(prompt, answer, now)
    if prompt.answer != answer:
        await uow.prompts.answer(prompt.id, answer, now)
        await uow.participants.set_plan_answer(prompt.participant_id or 0, PlanAnswer.CANT, now)
        await uow.audit.record(
            now,
            prompt.recipient_email,
            AuditKind.PLAN_ANSWERED,
            {"answer": "cant", "substitute": sub.email, "prompt": prompt.id},
            window.id,
        )
        # Registers (or changes) the tester's substitute, as the routine asks.
        await roster.save_substitute(svc, uow, prompt.recipient_email, sub)
    line = t("announce.answered_cant", who.lang, at=_at(svc, when), name=sub.name, email=sub.email)
    return await _answered(svc, uow, prompt, window, line, who.lang, turn)


async def verb_change(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """Show the question again (the answer stands until a new one is given)."""
    found = await _own_open_prompt(svc, uow, turn, who, PromptKind.ANNOUNCE)
    if isinstance(found, TurnResult):
        return found
    prompt, window = found
    participant = await uow.participants.get(prompt.participant_id or 0)
    if participant is None:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return TurnResult(card=announcement_card(window, participant, prompt.id, who.lang))


async def on_substitute_changed(
    svc: Services, uow: UnitOfWork, tester_email: str, substitute: Substitute
) -> None:
    """Keep planned windows' participants in step with the roster's substitute."""
    now = svc.clock.now()
    for window in await uow.windows.all():
        if window.state is not WindowState.PLANNED:
            continue
        for participant in await uow.participants.of_window(window.id):
            if participant.email == tester_email:
                await uow.participants.set_substitute(participant.id, substitute.name, substitute.email, now)
