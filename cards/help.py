"""The help card: the commands this user may use, in their language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.commands import Command, display_word
from bot.i18n import Lang, t
from cards.common import build, container, text, title


def _rows(commands: Sequence[Command], lang: Lang) -> list[Any]:
    english = lang == "en"
    return [
        text(f"**{display_word(c, english)}**: {t('cmd.' + c.value, lang)}", spacing="small")
        for c in commands
    ]


def help_card(
    everyone: Sequence[Command], admin: Sequence[Command], channel: Sequence[Command], lang: Lang
) -> dict[str, Any]:
    body: list[Any] = [title(t("help.title", lang)), *_rows(everyone, lang)]
    if admin:
        body.append(
            container([text(t("help.admin_title", lang), bold=True), *_rows(admin, lang)], separator=True)
        )
    if channel:
        body.append(
            container([text(t("help.channel_title", lang), bold=True), *_rows(channel, lang)], separator=True)
        )
    body.append(text(t("help.footer", lang), subtle=True, size="small", separator=True))
    return build(body)
