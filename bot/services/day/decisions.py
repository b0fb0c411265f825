"""The supplier's decision after a round's summary (routine steps 10-13): *klartecken*, *vi rättar
felen*, *rättat* or *vi rullar tillbaka*, from the decision card or written in the supplier channel
(an admin may also give them in a personal chat, on the supplier's word).

Each decision is recorded (``uow.decisions``, and the audit trail with who, when and the comment),
the decision card is updated in place, the admins are told, and it opens what follows: the go after
the local round lets the Citrix round start; the go on the last client puts the all-clear button
in front of the admins; "rättat" gives them the "Testa om" button; the roll-back aborts the day.
Everything a decision causes commits with it; a decision that is refused changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.day import Round
from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client
from bot.domain.rounds import RoundKind
from bot.domain.supplier_decisions import MAX_COMMENT, Refusal, last_of_round, refusal
from bot.domain.verbs import Verb
from bot.domain.windows import Window
from bot.i18n import Lang, Phrase, t
from bot.services.alerts import alert_admins
from bot.services.context import Services, Who, reply
from bot.services.day.abort import abort_window
from bot.services.day.common import actor_of, local_time, round_name
from bot.services.day.decision_card import last_client, put_decision_card
from bot.services.day.refresh import refresh_board
from bot.services.day.rounds import retest
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.supplier import decision_alert_card, decision_label, next_step

VERB_KINDS = {
    Verb.SUPPLIER_GO: DecisionKind.GO,
    Verb.SUPPLIER_FIXING: DecisionKind.FIXING,
    Verb.SUPPLIER_FIXED: DecisionKind.FIXED,
    Verb.SUPPLIER_ROLLBACK: DecisionKind.ROLLBACK,
}


@dataclass(frozen=True)
class Answer:
    """What the one deciding is told, and the decision card as it now stands (if there is one)."""

    text: str
    card: dict[str, Any] | None = None
    window_id: int | None = None


@dataclass(frozen=True)
class Asked:
    """A decision as given: its kind, the comment, and (from a card) the window and round it answers."""

    kind: DecisionKind
    comment: str
    window_id: int | None = None
    round_seq: int | None = None

    @property
    def from_card(self) -> bool:
        return self.window_id is not None


def round_phrase(r: Round) -> Phrase:
    """A round's name, said in each reader's language."""
    key = "round.retest_name" if r.kind == RoundKind.RETEST.value else "round.name"
    return Phrase(key, {"seq": r.seq, "client": Phrase(f"round.{r.client}")})


async def decide(svc: Services, uow: UnitOfWork, who: Who, asked: Asked) -> Answer:
    """Record one decision and everything it opens, or say why it changes nothing."""
    lang = who.lang
    if len(asked.comment) > MAX_COMMENT:
        return Answer(t("decision.comment_too_long", lang, max=MAX_COMMENT))
    window = await uow.windows.active(today(svc))
    if window is None or not window.state.under_way:
        return Answer(t("decision.no_window", lang))
    if asked.from_card and asked.window_id != window.id:
        return Answer(t("error.no_longer_open", lang))
    rounds = await uow.rounds.of_window(window.id)
    latest = rounds[-1] if rounds else None
    decisions = await uow.decisions.of_window(window.id)
    seq = asked.round_seq if asked.from_card else (latest.seq if latest else None)
    summary_out = latest is not None and await uow.outbox.exists(prefix=f"summary:{latest.id}:")
    why = refusal(asked.kind, decisions, seq, latest.seq if latest else None, summary_out=summary_out)
    if why is not None:
        return Answer(await _refusal_text(svc, uow, who, window, why, seq, decisions))
    decision = await _record(svc, uow, who, window, latest, asked)
    last = latest is not None and await last_client(uow, window, latest)
    await _open_what_follows(svc, uow, who, window, latest, decision, last=last)
    card = await put_decision_card(svc, uow, window, latest) if latest else None
    await refresh_board(svc, uow, window.id)
    what = decision_label(asked.kind, last, lang)
    said = (
        t("decision.recorded", lang, round=round_name(latest, lang), what=what)
        if latest
        else t("decision.recorded_no_round", lang, what=what)
    )
    return Answer(f"{said} {next_step(asked.kind, last, lang)}", card, window.id)


async def _record(
    svc: Services, uow: UnitOfWork, who: Who, window: Window, r: Round | None, asked: Asked
) -> Decision:
    now = svc.clock.now()
    decision = await uow.decisions.record(
        window.id,
        asked.kind,
        r.seq if r else None,
        Client(r.client) if r else None,
        asked.comment,
        actor_of(who),
        who.name,
        now,
    )
    detail = {
        "kind": asked.kind.value,
        "round": r.seq if r else None,
        "client": r.client if r else None,
        "comment": asked.comment,
        "name": who.name,
    }
    await uow.audit.record(now, actor_of(who), AuditKind.SUPPLIER_DECISION, detail, window.id)
    return decision


async def _open_what_follows(
    svc: Services,
    uow: UnitOfWork,
    who: Who,
    window: Window,
    r: Round | None,
    decision: Decision,
    *,
    last: bool,
) -> None:
    """The admins told (with the button the decision puts in front of them), or the day aborted."""
    if decision.kind is DecisionKind.ROLLBACK or r is None:
        # The abort tells everyone, the supplier channel, the managers and the admins.
        await abort_window(svc, uow, window, actor=actor_of(who), reason=decision.comment, expected=None)
        return
    key = {DecisionKind.GO: "go_done" if last else "go_citrix"}.get(decision.kind, decision.kind.value)
    button: tuple[str, Verb, dict[str, Any]] | None = None
    if decision.kind is DecisionKind.FIXED:
        button = ("decision.retest_button", Verb.ADMIN_RETEST, {"window": window.id, "round": r.seq})
    elif decision.kind is DecisionKind.GO and last:
        button = ("board.button_all_clear", Verb.WINDOW_ALL_CLEAR, {"window": window.id})

    def card_for(message: str, lang: Lang) -> dict[str, Any]:
        if button is None:
            return decision_alert_card(message)
        label, verb, data = button
        return decision_alert_card(message, (t(label, lang), verb, data))

    comment = Phrase("decision.admin.comment", {"comment": decision.comment}) if decision.comment else ""
    await alert_admins(
        svc,
        uow,
        f"decision:{window.id}:{r.seq}:{decision.kind.value}",
        f"decision.admin.{key}",
        window.id,
        card_for,
        name=who.name,
        round=round_phrase(r),
        comment=comment,
    )


async def _refusal_text(
    svc: Services,
    uow: UnitOfWork,
    who: Who,
    window: Window,
    why: Refusal,
    seq: int | None,
    decisions: list[Decision],
) -> str:
    lang = who.lang
    rounds = {r.seq: r for r in await uow.rounds.of_window(window.id)}
    r = rounds.get(seq or 0)
    name = round_name(r, lang) if r else ""
    if why in (Refusal.NO_ROUND, Refusal.NOT_FIXING, Refusal.NO_SUMMARY, Refusal.NOT_LATEST) or r is None:
        return t(f"decision.{why.value}", lang, round=name)
    last = last_of_round(decisions, r.seq)
    assert last is not None  # ALREADY and SETTLED are about what was said
    what = decision_label(last.kind, await last_client(uow, window, r), lang)
    by = t("decision.by", lang, name=last.actor_name, time=local_time(svc, last.at))
    return t(f"decision.{why.value}", lang, round=name, what=what, by=by)


# --- the ways in: written in the channel, and the decision card's buttons ------------------------


async def _written(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, kind: DecisionKind, args: str
) -> None:
    answer = await decide(svc, uow, who, Asked(kind, args.strip()))
    await reply(svc, uow, turn, answer.text, window_id=answer.window_id)


async def cmd_supplier_go(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await _written(svc, uow, turn, who, DecisionKind.GO, args)


async def cmd_supplier_fixing(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await _written(svc, uow, turn, who, DecisionKind.FIXING, args)


async def cmd_supplier_fixed(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await _written(svc, uow, turn, who, DecisionKind.FIXED, args)


async def cmd_supplier_rollback(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await _written(svc, uow, turn, who, DecisionKind.ROLLBACK, args)


async def verb_decision(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """A button of the decision card: its verb is the decision, its data the window and round it
    answers, its input the comment. Clicked, the card shows the decision in place."""
    verb = Verb.parse(turn.verb) or Verb.parse(str(turn.data.get("verb", "")))
    window_id, seq, comment = turn.data.get("window"), turn.data.get("round"), turn.data.get("comment")
    if verb not in VERB_KINDS or not isinstance(window_id, int) or not isinstance(seq, int):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    text = comment.strip() if isinstance(comment, str) else ""
    answer = await decide(svc, uow, who, Asked(VERB_KINDS[verb], text, window_id, seq))
    if answer.card is not None and turn.invoke:
        return TurnResult(card=answer.card)
    return TurnResult(message=answer.text)


async def verb_admin_retest(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """The admin's "Testa om" after the supplier's "rättat": the retest of the round it names, once."""
    window = await uow.windows.active(today(svc))
    rounds = await uow.rounds.of_window(window.id) if window else []
    asked = (turn.data.get("window"), turn.data.get("round"))
    if window is None or not rounds or asked != (window.id, rounds[-1].seq):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    text, _ = await retest(svc, uow, who)
    return TurnResult(message=text)
