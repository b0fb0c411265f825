"""How a day can end otherwise than with a clean all-clear, as plain rules.

- The all-clear's gate: it goes out on its own only when the day's verdict passed and the
  supplier's last word on the last client tested is *klartecken*; otherwise the admin sees what
  is open and may send it anyway with a written reason, which then travels with it.
- The admin's words for aborting the day (``avbryt fönster [HH:MM] [orsak]``) and for moving its
  end (``förläng fönster HH:MM``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.domain.day import Round
from bot.domain.decisions import Decision, go_for
from bot.domain.verdict import AreaVerdict, DayVerdict

# Longer than this, a reason is not a reason but a pasted log: the admin is asked to shorten it.
MAX_REASON = 500

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class AllClearGate:
    """What stands between the day and its all-clear."""

    passed: bool  # the day's verdict: every client's every area godkänt
    open: tuple[AreaVerdict, ...]  # every area that is not, client by client
    go_missing: bool  # no klartecken from the supplier for the last client tested

    @property
    def clear(self) -> bool:
        return self.passed and not self.go_missing

    def audit_detail(self, reason: str) -> dict[str, Any]:
        """What an all-clear sent anyway adds to its audit entry (``window.all_clear``):
        ``override`` the admin's reason, ``open`` each open area as {client, area, status}, and
        ``go_missing`` whether the supplier's klartecken was missing."""
        return {
            "override": reason,
            "open": [{"client": a.client.value, "area": a.area, "status": a.status.value} for a in self.open],
            "go_missing": self.go_missing,
        }


def all_clear_gate(
    verdict: DayVerdict, decisions: Sequence[Decision], rounds: Sequence[Round]
) -> AllClearGate:
    """The gate after ``rounds`` (any order): the last round's client needs the supplier's go given
    after that round began. A day without rounds has neither a verdict nor a go."""
    last = max(rounds, key=lambda r: r.seq, default=None)
    go = go_for(decisions, last.client, last.seq) if last is not None else None
    return AllClearGate(verdict.passed, verdict.open_areas(), go is None)


class TimeProblem(StrEnum):
    MISSING = "missing"  # no time given
    INVALID = "invalid"  # written like a time, but there is no such time (25:00)
    NOT_A_TIME = "not_a_time"  # something else where the time should be


@dataclass(frozen=True)
class AbortArgs:
    expected: dt.time | None  # when the system is expected to be up again, if the admin said
    reason: str


def clock_time(word: str) -> dt.time | TimeProblem:
    """``15:00`` or ``15.00`` as a time of day."""
    match = _CLOCK.match(word.strip())
    if not match:
        return TimeProblem.NOT_A_TIME if word.strip() else TimeProblem.MISSING
    try:
        return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        return TimeProblem.INVALID


def abort_args(args: str) -> AbortArgs | TimeProblem:
    """``[HH:MM] [orsak]``: a first word written as a clock time is the expected time, the rest
    the reason. A first word like a time that is none (25:00) is refused, not taken as the reason."""
    first, _, rest = args.strip().partition(" ")
    found = clock_time(first)
    if isinstance(found, dt.time):
        return AbortArgs(found, rest.strip())
    if found is TimeProblem.INVALID:
        return found
    return AbortArgs(None, args.strip())


def end_fits(end: dt.time, start: dt.time, now_local: dt.time) -> bool:
    """Whether ``end`` can be the new end of a window under way today: after its start and after
    the clock (an end already passed would end the day behind everyone's back)."""
    return end > start and end > now_local
