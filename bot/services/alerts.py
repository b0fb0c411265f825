"""Telling the system administrators something, once per subject, in their own language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.domain.keys import short_hash
from bot.i18n import Lang, lang_for, t
from bot.services.context import Services
from bot.services.messages import message_activity
from bot.services.ports import UnitOfWork


async def lang_of(svc: Services, uow: UnitOfWork, email: str) -> Lang:
    """The language to write to someone in: their last seen Teams locale, else the default."""
    ident = await uow.identities.by_email(email)
    return lang_for(ident.locale if ident else None, default=svc.settings.language)


async def admin_emails(svc: Services, uow: UnitOfWork) -> list[str]:
    roster = {p.email for p in await uow.people.admins()}
    return sorted(roster | set(svc.settings.admins))


async def alert_admins(
    svc: Services,
    uow: UnitOfWork,
    subject: str,
    text_key: str,
    window_id: int | None = None,
    card_for: Callable[[str, Lang], dict[str, Any]] | None = None,
    **values: object,
) -> None:
    """Send every admin ``text_key`` once for ``subject`` (a stable key: repeating it does nothing).

    With ``card_for`` the text goes out as a card that card_for(text, lang) builds (e.g. with a button).
    A value that is itself a catalogue text is passed as a ``Phrase``, so each admin reads it in
    their own language.
    """
    now = svc.clock.now()
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        key = f"alert:{short_hash(subject)}:{short_hash(email)}"
        if await uow.outbox.get(key) is not None:
            continue
        await uow.outbox.put(
            key,
            message_activity(card=card_for(t(text_key, lang, **values), lang))
            if card_for
            else message_activity(text=t(text_key, lang, **values)),
            now,
            purpose="alert",
            recipient_email=email,
            window_id=window_id,
        )
