"""Building blocks shared by the cards, on top of adaptive-cards-py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from adaptive_cards import card as ac
from adaptive_cards import types as act

from bot.domain.verbs import Verb

VERSION: Literal["1.5"] = "1.5"


def text(
    value: str,
    *,
    bold: bool = False,
    size: str | None = None,
    subtle: bool = False,
    color: str | None = None,
    separator: bool = False,
    spacing: str | None = None,
) -> ac.TextBlock:
    return ac.TextBlock(
        text=value,
        wrap=True,
        weight=act.FontWeight.BOLDER if bold else None,
        size={"large": act.FontSize.LARGE, "medium": act.FontSize.MEDIUM, "small": act.FontSize.SMALL}.get(
            size or ""
        ),
        is_subtle=True if subtle else None,
        color={
            "good": act.Colors.GOOD,
            "attention": act.Colors.ATTENTION,
            "warning": act.Colors.WARNING,
            "accent": act.Colors.ACCENT,
        }.get(color or ""),
        separator=True if separator else None,
        spacing={
            "small": act.Spacing.SMALL,
            "medium": act.Spacing.MEDIUM,
            "large": act.Spacing.LARGE,
            "none": act.Spacing.NONE,
        }.get(spacing or ""),
    )


def title(value: str) -> ac.TextBlock:
    return text(value, bold=True, size="medium")


def facts(pairs: Sequence[tuple[str, str]]) -> ac.FactSet:
    return ac.FactSet(facts=[ac.Fact(title=k, value=v) for k, v in pairs])


def container(items: Sequence[Any], *, style: str | None = None, separator: bool = False) -> ac.Container:
    styles = {
        "good": act.ContainerStyle.GOOD,
        "attention": act.ContainerStyle.ATTENTION,
        "warning": act.ContainerStyle.WARNING,
        "emphasis": act.ContainerStyle.EMPHASIS,
        "accent": act.ContainerStyle.ACCENT,
    }
    return ac.Container(
        items=list(items), style=styles.get(style or ""), separator=True if separator else None
    )


def execute(
    label: str, verb: Verb, data: dict[str, Any], *, positive: bool = False, destructive: bool = False
) -> ac.ActionExecute:
    """Action.Execute carrying a reference; ``verb`` is duplicated into data so that the same
    card also works as Action.Submit on clients where Execute is unreliable."""
    style = act.ActionStyle.POSITIVE if positive else act.ActionStyle.DESTRUCTIVE if destructive else None
    return ac.ActionExecute(title=label, verb=verb.value, data={**data, "verb": verb.value}, style=style)


def build(body: Sequence[Any], actions: Sequence[Any] = (), *, full_width: bool = False) -> dict[str, Any]:
    builder = ac.AdaptiveCard.new().version(VERSION).add_items(list(body))
    if actions:
        builder = builder.add_actions(list(actions))
    card = builder.create()
    result = card.to_dict()
    result["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json"
    if full_width:
        result["msteams"] = {"width": "Full"}
    return result
