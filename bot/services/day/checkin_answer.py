"""Answers to the check-in cards: "I'm here" and "I can't", from the tester or their substitute.

The domain decides (``bot.domain.checkin.decide``); this module checks the card may be answered
by the clicker, carries the decision out and shows the answered card. A tester's "here" after
their card closed is late (``Effect.TELL_LATE``): they are told who stands in, and the admins get
a button to hand the areas back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.domain.areas import area_name, sort_areas
from bot.domain.audit import AuditKind
from bot.domain.checkin import Decision, Effect, Event, decide
from bot.domain.day import Participant, Prompt, PromptKind, PromptState
from bot.domain.windows import Window, WindowState, date_text
from bot.i18n import Lang, t
from bot.services.alerts import admin_emails, lang_of
from bot.services.context import Services, Who
from bot.services.day.common import actor_of, digest, local_time, show
from bot.services.day.escalation import Stage, apply_decision, timeout_job
from bot.services.day.refresh import refresh_board
from bot.services.messages import message_activity
from bot.services.ports import UnitOfWork
from bot.services.prompts import own_prompt
from bot.services.turns import Turn, TurnResult
from cards.day import closed_card, handback_card

_EVENTS = {
    (Stage.TESTER, True): Event.TESTER_HERE,
    (Stage.TESTER, False): Event.TESTER_CANT,
    (Stage.SUB, True): Event.SUB_HERE,
    (Stage.SUB, False): Event.SUB_CANT,
}


async def verb_checkin_here(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await _answer_checkin(svc, uow, turn, who, here=True)


async def verb_checkin_cant(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await _answer_checkin(svc, uow, turn, who, here=False)


async def _checkin_prompt(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who
) -> tuple[Prompt, Participant, Window] | TurnResult:
    """The clicked card's question, its participant and window; or the reason it takes no answer."""
    prompt = await own_prompt(svc, uow, turn, who, (PromptKind.CHECKIN, PromptKind.CHECKIN_SUB))
    if isinstance(prompt, TurnResult):
        return prompt
    window = await uow.windows.get(prompt.window_id)
    participant = await uow.participants.get(prompt.participant_id or 0)
    if (
        window is None
        or participant is None
        or window.state not in (WindowState.CHECKIN, WindowState.TESTING)
    ):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return prompt, participant, window


async def _answer_checkin(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, here: bool) -> TurnResult:
    found = await _checkin_prompt(svc, uow, turn, who)
    if isinstance(found, TurnResult):
        return found
    prompt, p, window = found
    answer = {"answer": "here" if here else "cant"}
    no_longer_open = TurnResult(message=t("error.no_longer_open", who.lang))
    if prompt.state == PromptState.ANSWERED:
        # A second click (or Teams resending the invoke): same answer, same card, no new effect.
        if prompt.answer == answer:
            return TurnResult(card=_answered_card(svc, prompt, p, window, who.lang))
        return no_longer_open
    stage = Stage.TESTER if prompt.kind == PromptKind.CHECKIN else Stage.SUB
    # The bot closes (expires) the tester's card when their time runs out; a click on it still
    # means something to the domain. Any other card that is not open takes no answer.
    card_closed = stage is Stage.TESTER and prompt.state == PromptState.EXPIRED
    if prompt.state != PromptState.OPEN and not card_closed:
        return no_longer_open
    event = _EVENTS[stage, here]
    decision = decide(p.checkin_state, event, has_substitute=p.has_substitute, card_closed=card_closed)
    if decision.ignored:
        return no_longer_open
    if Effect.TELL_LATE in decision.effects:
        return await _tell_late(svc, uow, prompt, p, window, who)
    return await _record_answer(svc, uow, turn, who, (prompt, p, window), event, decision, answer)


async def _record_answer(
    svc: Services,
    uow: UnitOfWork,
    turn: Turn,
    who: Who,
    found: tuple[Prompt, Participant, Window],
    event: Event,
    decision: Decision,
    answer: dict[str, Any],
) -> TurnResult:
    """The answer counts: the card is answered, its timer stops, the decision is carried out."""
    prompt, p, window = found
    now = svc.clock.now()
    stage = Stage.TESTER if prompt.kind == PromptKind.CHECKIN else Stage.SUB
    await uow.prompts.answer(prompt.id, answer, now)
    await uow.jobs.cancel(now, timeout_job(window.id, p.id, stage))
    await apply_decision(svc, uow, window, p, event, decision, actor_of(who), prompt.id)
    # As answer_prompt left it (read back, it would be one more query in every click).
    prompt = replace(prompt, state=PromptState.ANSWERED, answer=answer, answered_at=now)
    card = _answered_card(svc, prompt, p, window, who.lang)
    await show(svc, uow, turn, prompt, card)
    await refresh_board(svc, uow, window.id)
    return TurnResult(card=card)


def _answered_card(
    svc: Services, prompt: Prompt, p: Participant, window: Window, lang: Lang
) -> dict[str, Any]:
    at = local_time(svc, prompt.answered_at or svc.clock.now())
    heading = t("checkin.title", lang, date=date_text(window.day, lang))
    if (prompt.answer or {}).get("answer") == "here":
        return closed_card(heading, t("checkin.answered_here", lang, at=at))
    if prompt.kind == PromptKind.CHECKIN and p.has_substitute:
        nxt = t("checkin.sub_asked", lang, name=p.substitute_name)
    else:
        nxt = t("checkin.no_sub", lang)
    return closed_card(heading, t("checkin.answered_cant", lang, at=at, next=nxt), good=False)


async def _tell_late(
    svc: Services, uow: UnitOfWork, prompt: Prompt, p: Participant, window: Window, who: Who
) -> TurnResult:
    """``Effect.TELL_LATE``: nothing changes; the tester hears who stands in, and every admin gets
    a button to hand the areas back to them."""
    now = svc.clock.now()
    standing_in = p.covered_by_name or p.substitute_name or t("board.nobody", who.lang)
    await uow.audit.record(
        now,
        actor_of(who),
        AuditKind.CHECKIN_LATE_ANSWER,
        {"participant": p.email, "prompt": prompt.id},
        window.id,
    )
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        message = t("checkin.late_admin", lang, tester=p.name, name=standing_in, areas=areas)
        await uow.outbox.put(
            f"late:{window.id}:{p.id}:{digest(email)}",
            message_activity(card=handback_card(message, p.id, p.name, lang)),
            now,
            purpose="alert",
            recipient_email=email,
            window_id=window.id,
        )
    heading = t("checkin.title", who.lang, date=date_text(window.day, who.lang))
    return TurnResult(card=closed_card(heading, t("checkin.late", who.lang, name=standing_in), good=False))
