"""What several steps of the day share: keys without addresses in them, local clock times, who
acted, the window's frozen template, a round's name, refusing a click on someone else's card,
recording the card a click produced, and publishing one card to the supplier channel and the
admins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.day import Prompt, Round
from bot.domain.keys import short_hash
from bot.domain.rounds import RoundKind
from bot.domain.template import Template, parse_template
from bot.domain.windows import Window
from bot.i18n import Lang, t
from bot.services.alerts import admin_emails, lang_of
from bot.services.context import Services, Who
from bot.services.messages import message_activity
from bot.services.planning import SUPPLIER
from bot.services.ports import UnitOfWork
from bot.services.templates import load_default_template
from bot.services.turns import Turn

# card_for(lang, for_admin): the card to publish, in that language, for an admin or the channel.
CardFor = Callable[[Lang, bool], Awaitable[dict[str, Any]]]


def digest(value: str) -> str:
    # Keys end up in job rows an operator may read; no e-mail addresses in them.
    return short_hash(value, 12)


def local_time(svc: Services, when: dt.datetime) -> str:
    """HH:MM in the bot's time zone, as people read the clock that day."""
    return when.astimezone(svc.settings.zone).strftime("%H:%M")


def actor_of(who: Who) -> str:
    """Who did it, for the audit trail: the e-mail, else the Teams user id."""
    return who.email or who.user_id


async def frozen_template(uow: UnitOfWork, window: Window) -> Template:
    """The test template the window froze at check-in (the default before that)."""
    frozen = await uow.windows.template(window.id)
    return parse_template(frozen) if frozen else load_default_template()


def round_name(r: Round, lang: Lang) -> str:
    client = t(f"round.{r.client}", lang)
    key = "round.retest_name" if r.kind == RoundKind.RETEST.value else "round.name"
    return t(key, lang, seq=r.seq, client=client)


async def show(svc: Services, uow: UnitOfWork, turn: Turn, prompt: Prompt, card: dict[str, Any]) -> None:
    """Record the card the clicker now sees: in an invoke, Teams shows it from our response;
    for Action.Submit the outbox updates the message."""
    now = svc.clock.now()
    if turn.invoke:
        await uow.outbox.mark_shown(prompt.message_key, message_activity(card=card), now)
    else:
        existing = await uow.outbox.get(prompt.message_key)
        await uow.outbox.put(
            prompt.message_key,
            message_activity(card=card),
            now,
            purpose=existing.purpose if existing else "card",
            recipient_email=prompt.recipient_email,
            window_id=prompt.window_id,
        )


async def publish(
    svc: Services, uow: UnitOfWork, window: Window, key: str, purpose: str, card_for: CardFor
) -> bool:
    """Put one card in the supplier channel (Swedish) and one in each admin's chat (their language),
    each updated in place under ``key``. card_for(lang, for_admin) builds it. True if any changed."""
    now = svc.clock.now()
    changed = False
    if await uow.channels.get(SUPPLIER) is not None:
        changed |= await uow.outbox.put(
            f"{key}:channel",
            message_activity(card=await card_for("sv", False)),
            now,
            purpose=purpose,
            channel_purpose=SUPPLIER,
            window_id=window.id,
        )
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        changed |= await uow.outbox.put(
            f"{key}:{digest(email)}",
            message_activity(card=await card_for(lang, True)),
            now,
            purpose=purpose,
            recipient_email=email,
            window_id=window.id,
        )
    return changed
