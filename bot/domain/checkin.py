"""Check-in on the day and escalation to substitutes, as a small state machine.

The routine: test resources who do not answer are assumed absent, and their registered
substitute does their tests. So: ask the tester; on "I can't" or silence past the timeout ask
the substitute; if the substitute is silent too, or there is none, the area is uncovered and
the administrator is alerted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CheckinState(StrEnum):
    WAITING = "waiting"  # check-in has not started
    ASKED = "asked"  # the tester has the check-in card
    PRESENT = "present"  # the tester is in place
    SUB_ASKED = "sub_asked"  # the substitute has the check-in card
    SUB_PRESENT = "sub_present"  # the substitute stands in for the day
    UNCOVERED = "uncovered"  # nobody: the admin must act
    ASSIGNED = "assigned"  # the admin gave the areas to someone else

    @property
    def covered(self) -> bool:
        return self in (CheckinState.PRESENT, CheckinState.SUB_PRESENT, CheckinState.ASSIGNED)

    @property
    def settled(self) -> bool:
        return self in (
            CheckinState.PRESENT,
            CheckinState.SUB_PRESENT,
            CheckinState.ASSIGNED,
            CheckinState.UNCOVERED,
        )


class Event(StrEnum):
    START = "start"
    TESTER_HERE = "tester_here"
    TESTER_CANT = "tester_cant"
    TESTER_TIMEOUT = "tester_timeout"
    SUB_HERE = "sub_here"
    SUB_CANT = "sub_cant"
    SUB_TIMEOUT = "sub_timeout"
    SUB_UNREACHABLE = "sub_unreachable"


class Effect(StrEnum):
    ASK_TESTER = "ask_tester"
    ASK_SUBSTITUTE = "ask_substitute"
    CLOSE_TESTER_CARD = "close_tester_card"
    CLOSE_SUBSTITUTE_CARD = "close_substitute_card"
    ALERT_UNCOVERED = "alert_uncovered"
    TELL_LATE = "tell_late"  # the tester answered after someone else took over


@dataclass(frozen=True)
class Decision:
    state: CheckinState
    effects: tuple[Effect, ...]
    # True when the event changed nothing (a repeated click, a timer after an answer).
    ignored: bool = False


def _escalate(has_substitute: bool, *extra: Effect) -> Decision:
    if has_substitute:
        return Decision(CheckinState.SUB_ASKED, (*extra, Effect.ASK_SUBSTITUTE))
    return Decision(CheckinState.UNCOVERED, (*extra, Effect.ALERT_UNCOVERED))


# Someone else was asked to take over (or nobody could): the tester's "here" now comes late.
_TAKEN_OVER = (
    CheckinState.SUB_ASKED,
    CheckinState.SUB_PRESENT,
    CheckinState.UNCOVERED,
    CheckinState.ASSIGNED,
)
_TESTER_EVENTS = (Event.TESTER_HERE, Event.TESTER_CANT, Event.TESTER_TIMEOUT)


def decide(
    state: CheckinState,
    event: Event,
    *,
    has_substitute: bool,
    said_cant_in_advance: bool = False,
    card_closed: bool = False,
) -> Decision:
    """The next state and what to do, for one event. Unexpected events change nothing.

    ``card_closed``: the answer came through the tester's card after the bot had closed it, when
    their time ran out and it turned to the substitute or the admin."""
    same = Decision(state, (), ignored=True)
    if card_closed:
        # Someone else was asked to take over the moment the card closed: "here" through it is
        # late whatever happened since (even a hand-back), and nothing else through it counts.
        return Decision(state, (Effect.TELL_LATE,)) if event is Event.TESTER_HERE else same
    if event is Event.START:
        decision = _start(state, has_substitute, said_cant_in_advance)
    elif event in _TESTER_EVENTS:
        decision = _tester(state, event, has_substitute)
    else:
        decision = _substitute(state, event)
    return decision or same


def _start(state: CheckinState, has_substitute: bool, said_cant_in_advance: bool) -> Decision | None:
    if state is not CheckinState.WAITING:
        return None
    if said_cant_in_advance:
        # They told us during planning: ask the substitute straight away.
        return _escalate(has_substitute)
    return Decision(CheckinState.ASKED, (Effect.ASK_TESTER,))


def _tester(state: CheckinState, event: Event, has_substitute: bool) -> Decision | None:
    if event is Event.TESTER_HERE:
        if state is CheckinState.ASKED:
            return Decision(CheckinState.PRESENT, ())
        return Decision(state, (Effect.TELL_LATE,)) if state in _TAKEN_OVER else None
    if state is not CheckinState.ASKED:
        return None
    if event is Event.TESTER_TIMEOUT:
        return _escalate(has_substitute, Effect.CLOSE_TESTER_CARD)
    return _escalate(has_substitute)


def _substitute(state: CheckinState, event: Event) -> Decision | None:
    if state is not CheckinState.SUB_ASKED:
        return None
    if event is Event.SUB_HERE:
        return Decision(CheckinState.SUB_PRESENT, ())
    extra = (Effect.CLOSE_SUBSTITUTE_CARD,) if event is Event.SUB_TIMEOUT else ()
    return Decision(CheckinState.UNCOVERED, (*extra, Effect.ALERT_UNCOVERED))
