"""Telling the system administrators something, once per subject, in their own language."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from bot.i18n import Lang, lang_for, t
from bot.services.context import Services
from bot.services.messages import message_activity
from bot.store import identities, outbox, people
from bot.store.uow import UnitOfWork


async def lang_of(svc: Services, uow: UnitOfWork, email: str) -> Lang:
    """The language to write to someone in: their last seen Teams locale, else the default."""
    ident = await identities.by_email(uow.conn, email)
    return lang_for(ident.locale if ident else None, default=svc.settings.language)  # type: ignore[arg-type]


async def admin_emails(svc: Services, uow: UnitOfWork) -> list[str]:
    roster = {p.email for p in await people.admins(uow.conn)}
    return sorted(roster | set(svc.settings.admins))


def _digest(value: str) -> str:
    # Keys end up in job rows and may be logged by an operator: no e-mail addresses in them.
    return hashlib.sha256(value.encode()).hexdigest()[:16]


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
    """
    now = svc.clock.now()
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        key = f"alert:{_digest(subject)}:{_digest(email)}"
        if await outbox.get(uow.conn, key) is not None:
            continue
        resolved = {
            k: (t(v[1:], lang) if isinstance(v, str) and v.startswith("@") else v) for k, v in values.items()
        }
        await outbox.put(
            uow.conn,
            key,
            message_activity(card=card_for(t(text_key, lang, **resolved), lang))
            if card_for
            else message_activity(text=t(text_key, lang, **resolved)),
            now,
            purpose="alert",
            recipient_email=email,
            window_id=window_id,
        )
