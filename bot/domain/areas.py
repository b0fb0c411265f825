"""The areas (modules) of Procapita omsorg that are tested after an update, as in the routine."""

from __future__ import annotations

# key -> name as written in the routine (Swedish). Order is the routine's order.
AREAS: dict[str, str] = {
    "ifo": "IFO Lagrum SoL/LVU/LVM/FB",
    "voo-sol-lss": "VoO lagrum SoL/LSS/Färdtjänst/Riksfärdtjänst",
    "voo-avgifter": "VoO avgifter",
    "voo-hsl": "VoO lagrum HSL",
    "kir": "KIR",
    "lc-handlaggare": "LifeCare Handläggare",
    "lc-utforare": "LifeCare Utförare",
    "lc-boende": "LifeCare Boende",
    "lc-meddelande": "LifeCare Meddelande",
    "lc-avvikelser": "LifeCare Avvikelser SoL/LSS och HSL",
}


def area_name(key: str) -> str:
    """The routine's name of an area, or the key itself when unknown."""
    return AREAS.get(key, key)


def sort_areas(keys: list[str] | set[str] | frozenset[str] | tuple[str, ...]) -> list[str]:
    """Areas in the routine's order; unknown keys last, alphabetically."""
    order = {k: i for i, k in enumerate(AREAS)}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))
