"""The one guard every answer to a personal card goes through: the card carries only a prompt id,
and the server decides whether the one who clicked may answer it."""

from __future__ import annotations

from collections.abc import Collection

from bot.domain.audit import AuditKind
from bot.domain.day import Prompt, PromptKind
from bot.i18n import t
from bot.services.context import Services, Who
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult


async def own_prompt(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, kinds: Collection[PromptKind]
) -> Prompt | TurnResult:
    """The prompt the clicked card refers to, if it is of one of ``kinds`` and was sent to the one
    who clicked; else what to tell them. Someone else's card is refused and the attempt recorded."""
    prompt = await uow.prompts.get(str(turn.data.get("prompt", "")))
    if prompt is None or prompt.kind not in kinds:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    if who.email != prompt.recipient_email:
        await uow.audit.record(
            svc.clock.now(),
            who.email or who.user_id,
            AuditKind.CARD_REFUSED,
            {"prompt": prompt.id, "reason": "not_recipient"},
            prompt.window_id,
        )
        return TurnResult(message=t("error.not_yours", who.lang))
    return prompt
