"""The "my details" card: areas, client, substitute and the next window."""

from __future__ import annotations

from typing import Any

from bot.domain.areas import area_name
from bot.domain.people import Person
from bot.i18n import Lang, t
from cards.common import build, facts, title


def me_card(person: Person, next_window: str | None, lang: Lang) -> dict[str, Any]:
    pairs = [(t("me.role", lang), t("role." + person.role.value, lang))]
    if person.areas:
        pairs.append((t("me.areas", lang), ", ".join(area_name(a) for a in person.sorted_areas)))
    if person.clients:
        pairs.append(
            (t("me.client", lang), ", ".join(t("client." + c.value, lang) for c in sorted(person.clients)))
        )
        sub = (
            f"{person.substitute.name} ({person.substitute.email})"
            if person.substitute
            else t("me.no_substitute", lang)
        )
        pairs.append((t("me.substitute", lang), sub))
    pairs.append((t("me.next_window", lang), next_window or t("me.no_window", lang)))
    return build([title(f"{t('me.title', lang)}: {person.name}"), facts(pairs)])
