"""What the supplier may decide, when, and what it opens: the rules behind the decision card in the
supplier channel and the written ``klartecken`` / ``vi rättar`` / ``rättat`` / ``rullar tillbaka``.

Each decision answers one round (its number): the latest one, once its summary is out. A round takes
*klartecken*, *vi rättar felen* or *vi rullar tillbaka*; after *vi rättar* it takes *rättat* (or a
roll-back); after anything else it is settled. Answering an earlier round, or repeating what was
said, changes nothing: Teams resends, people click twice, and an old card may still be on screen.

The local round's *klartecken* is the gate for the Citrix round; the *klartecken* on the last client
(Citrix, or the local installation when nobody tests with Citrix) lets the admin send the all-clear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from bot.domain.day import Round
from bot.domain.decisions import Decision, DecisionKind, go_for
from bot.domain.people import Client
from bot.domain.rounds import RoundKind

# What a round still takes, by the last thing said about it (None: nothing yet).
_OPEN: dict[DecisionKind | None, tuple[DecisionKind, ...]] = {
    None: (DecisionKind.GO, DecisionKind.FIXING, DecisionKind.ROLLBACK),
    DecisionKind.FIXING: (DecisionKind.FIXED, DecisionKind.ROLLBACK),
}
# Longer than this, a comment is not a comment (the column holds 1000).
MAX_COMMENT = 1000


class Refusal(StrEnum):
    """Why a decision changes nothing."""

    NO_ROUND = "no_round"  # no round has run: nothing to answer yet
    NO_SUMMARY = "no_summary"  # the latest round's summary is not out yet
    NOT_LATEST = "not_latest"  # it answers a round that is no longer the latest
    ALREADY = "already"  # the same decision again
    SETTLED = "settled"  # the round already has its decision
    NOT_FIXING = "not_fixing"  # "rättat" without "vi rättar" first


def of_round(decisions: Sequence[Decision], seq: int) -> list[Decision]:
    """The decisions answering round ``seq``, in the order given (by time; as recorded on a tie)."""
    return sorted((d for d in decisions if d.round_seq == seq), key=lambda d: d.at)


def last_of_round(decisions: Sequence[Decision], seq: int) -> Decision | None:
    mine = of_round(decisions, seq)
    return mine[-1] if mine else None


def open_choices(decisions: Sequence[Decision], seq: int) -> tuple[DecisionKind, ...]:
    """What round ``seq`` still takes: all three at first, "rättat" (or a roll-back) while the
    supplier fixes, nothing once settled."""
    last = last_of_round(decisions, seq)
    return _OPEN.get(last.kind if last else None, ())


def refusal(
    kind: DecisionKind,
    decisions: Sequence[Decision],
    seq: int | None,
    latest_seq: int | None,
    *,
    summary_out: bool,
) -> Refusal | None:
    """Why ``kind`` for round ``seq`` (the latest round is ``latest_seq``) changes nothing, or None
    if it is taken. A roll-back is taken whenever the day is under way (the caller checks that):
    the update may fail before any test, or be found wanting after a go."""
    if kind is DecisionKind.ROLLBACK and latest_seq is None:
        return None
    if latest_seq is None or seq is None:
        return Refusal.NO_ROUND
    if seq != latest_seq:
        return Refusal.NOT_LATEST
    if kind is DecisionKind.ROLLBACK:
        return None
    if kind in open_choices(decisions, seq):
        return None if summary_out else Refusal.NO_SUMMARY
    last = last_of_round(decisions, seq)
    if last is not None and last.kind is kind:
        return Refusal.ALREADY
    return Refusal.NOT_FIXING if kind is DecisionKind.FIXED else Refusal.SETTLED


def is_last_client(
    client: Client, scopes: Mapping[Client, frozenset[str]], rounds: Sequence[Round] = ()
) -> bool:
    """True if a go on ``client`` ends the testing: Citrix; or the local installation when nobody
    tests with Citrix, or when the Citrix round has already run (a late retest of the local
    installation). ``scopes`` as ``bot.domain.verdict.scope`` gives them."""
    if client is Client.CITRIX or Client.CITRIX not in scopes:
        return True
    return any(Client(r.client) is Client.CITRIX for r in rounds)


def citrix_go_missing(
    scopes: Mapping[Client, frozenset[str]], rounds: Sequence[Round], decisions: Sequence[Decision]
) -> bool:
    """True if the Citrix round must wait: someone tests locally and the supplier has not given its
    go on the latest local round (or no local round has run)."""
    if Client.LOCAL not in scopes:
        return False
    local = [r.seq for r in rounds if Client(r.client) is Client.LOCAL]
    return not local or go_for(decisions, Client.LOCAL, max(local)) is None


def supplier_fixed(decisions: Sequence[Decision], r: Round) -> bool:
    """True if retest ``r`` follows the supplier's "rättat" on the round before it: only then may
    its checklist say the faults are fixed."""
    if RoundKind(r.kind) is not RoundKind.RETEST:
        return False
    return any(d.kind is DecisionKind.FIXED and d.round_seq == r.seq - 1 for d in decisions)


def last_word(decisions: Sequence[Decision]) -> Decision | None:
    """The supplier's latest decision, as the board shows it (None: nothing said yet)."""
    ordered = sorted(decisions, key=lambda d: d.at)
    return ordered[-1] if ordered else None
