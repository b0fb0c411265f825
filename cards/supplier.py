"""Cards of the supplier's part: the decision card under each round's summary in the supplier
channel, the card that tells the admins of a decision (with the button it opens, if any), and the
question before the supplier channel moves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adaptive_cards import card as ac

from bot.domain.decisions import DecisionKind
from bot.domain.supplier_decisions import MAX_COMMENT
from bot.domain.verbs import Verb
from bot.i18n import Lang, t
from cards.common import build, execute, text, title

_VERBS = {
    DecisionKind.GO: Verb.SUPPLIER_GO,
    DecisionKind.FIXING: Verb.SUPPLIER_FIXING,
    DecisionKind.FIXED: Verb.SUPPLIER_FIXED,
    DecisionKind.ROLLBACK: Verb.SUPPLIER_ROLLBACK,
}
_ICONS = {
    DecisionKind.GO: "✅",
    DecisionKind.FIXING: "🔧",
    DecisionKind.FIXED: "🛠️",
    DecisionKind.ROLLBACK: "↩️",
}


def decision_label(kind: DecisionKind, last_client: bool, lang: Lang) -> str:
    """A decision in words, as its button says it (the go names what it opens)."""
    if kind is DecisionKind.GO:
        return t("decision.go_done" if last_client else "decision.go_citrix", lang)
    return t(f"decision.{kind.value}", lang)


def next_step(kind: DecisionKind, last_client: bool, lang: Lang) -> str:
    """What happens after a decision, and who does it."""
    if kind is DecisionKind.GO:
        return t("decision.next.go_done" if last_client else "decision.next.go_citrix", lang)
    return t(f"decision.next.{kind.value}", lang)


@dataclass(frozen=True)
class DecisionLine:
    kind: DecisionKind
    name: str
    time: str  # HH:MM, local
    comment: str


@dataclass(frozen=True)
class DecisionView:
    round_name: str
    window_id: int
    round_seq: int
    last_client: bool  # a go ends the testing (Citrix, or no Citrix testers)
    history: tuple[DecisionLine, ...]  # what was decided on this round, in order
    choices: tuple[DecisionKind, ...]  # what the round still takes (buttons)


def decision_card(view: DecisionView, lang: Lang) -> dict[str, Any]:
    """The question under a summary; once answered, who decided what and when, and what follows.
    While the supplier fixes, "Rättat – testa om" (and the roll-back) stay."""
    body: list[Any] = [title(t("decision.title", lang, round=view.round_name))]
    if not view.history:
        body.append(text(t("decision.intro", lang)))
    for line in view.history:
        said = decision_label(line.kind, view.last_client, lang)
        by = t("decision.by", lang, name=line.name, time=line.time)
        body.append(text(f"{_ICONS[line.kind]} **{said}** · {by}", spacing="small"))
        if line.comment:
            body.append(text(f"“{line.comment}”", subtle=True, spacing="none"))
    if view.history:
        body.append(text(next_step(view.history[-1].kind, view.last_client, lang), separator=True))
    actions: list[Any] = []
    if view.choices:
        body.append(
            ac.InputText(
                id="comment",
                placeholder=t("decision.comment", lang),
                max_length=MAX_COMMENT,
                is_multiline=True,
            )
        )
        data = {"window": view.window_id, "round": view.round_seq}
        actions = [
            execute(
                decision_label(kind, view.last_client, lang),
                _VERBS[kind],
                data,
                positive=kind in (DecisionKind.GO, DecisionKind.FIXED),
                destructive=kind is DecisionKind.ROLLBACK,
            )
            for kind in view.choices
        ]
        if not view.history:
            body.append(text(t("decision.written", lang), subtle=True, size="small"))
    return build(body, actions)


def decision_alert_card(
    message: str, button: tuple[str, Verb, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """What the supplier decided, for an admin; with the button it puts in front of them, if any."""
    actions: Sequence[Any] = ()
    if button is not None:
        label, verb, data = button
        actions = [execute(label, verb, data, positive=True)]
    return build([text(message)], actions)


def channel_move_card(was: str, lang: Lang) -> dict[str, Any]:
    """Asked in the channel that is to become the supplier's when another one is: ``was`` names the
    channel it replaces, so that a stale answer changes nothing."""
    return build(
        [title(t("channel.confirm_title", lang)), text(t("channel.confirm_text", lang))],
        [
            execute(
                t("channel.confirm_button", lang), Verb.SUPPLIER_CHANNEL_CONFIRM, {"was": was}, positive=True
            )
        ],
    )
