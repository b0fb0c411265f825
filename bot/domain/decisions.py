"""The IT supplier's decisions on the day, and what each one opens.

After each round's summary the supplier decides: *klartecken* (go: start Citrix after the local
round, or allow the all-clear after the Citrix round), *vi rättar felen* (we fix the faults; a
retest follows once they say *rättat*), or *vi rullar tillbaka* (the update failed: the system
stays closed or is restored). The routine makes the go the gate for the Citrix round and for the
all-clear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.people import Client


class DecisionKind(StrEnum):
    GO = "go"  # klartecken
    FIXING = "fixing"  # vi rättar felen
    FIXED = "fixed"  # rättat – testa om
    ROLLBACK = "rollback"  # vi rullar tillbaka


@dataclass(frozen=True)
class Decision:
    window_id: int
    kind: DecisionKind
    round_seq: int | None  # the round it answers (None: given with no round, e.g. a rollback)
    client: Client | None
    comment: str
    actor: str  # e-mail (or Teams id) of who decided
    actor_name: str
    at: dt.datetime


def latest(decisions: Sequence[Decision]) -> Decision | None:
    return max(decisions, key=lambda d: d.at, default=None)


def go_for(decisions: Sequence[Decision], client: Client, after_seq: int) -> Decision | None:
    """The supplier's go for ``client`` given after round ``after_seq`` began, if it is their last
    word on it (a later "we fix it" withdraws it)."""
    mine = [d for d in decisions if d.client is client and (d.round_seq or 0) >= after_seq]
    last = latest(mine)
    return last if last is not None and last.kind is DecisionKind.GO else None


def fixing(decisions: Sequence[Decision]) -> bool:
    """True while the supplier is fixing faults (said "vi rättar" and not yet "rättat")."""
    last = latest(
        [d for d in decisions if d.kind in (DecisionKind.FIXING, DecisionKind.FIXED, DecisionKind.GO)]
    )
    return last is not None and last.kind is DecisionKind.FIXING


def fixed(decisions: Sequence[Decision]) -> bool:
    """True when the supplier's last word was "rättat": the faults are fixed, a retest is due."""
    last = latest(
        [d for d in decisions if d.kind in (DecisionKind.FIXING, DecisionKind.FIXED, DecisionKind.GO)]
    )
    return last is not None and last.kind is DecisionKind.FIXED
