"""The check-in state machine in bot.domain.checkin: every documented path, table-driven.

The routine: a tester who does not answer is assumed absent and their registered substitute does
their tests; if the substitute is silent too, or there is none, the administrator is alerted.
"""

from __future__ import annotations

import itertools

import pytest

from bot.domain.checkin import CheckinState, Decision, Effect, Event, decide

S = CheckinState
E = Event
F = Effect

# (state, event, has_substitute, said_cant_in_advance, expected state, expected effects)
PATHS = [
    # Start: the tester gets the check-in card.
    (S.WAITING, E.START, True, False, S.ASKED, (F.ASK_TESTER,)),
    (S.WAITING, E.START, False, False, S.ASKED, (F.ASK_TESTER,)),
    # Start when the tester said during planning that they can't: straight to the substitute.
    (S.WAITING, E.START, True, True, S.SUB_ASKED, (F.ASK_SUBSTITUTE,)),
    # ... and with no substitute the area is uncovered at once.
    (S.WAITING, E.START, False, True, S.UNCOVERED, (F.ALERT_UNCOVERED,)),
    # The tester answers.
    (S.ASKED, E.TESTER_HERE, True, False, S.PRESENT, ()),
    (S.ASKED, E.TESTER_HERE, False, False, S.PRESENT, ()),
    (S.ASKED, E.TESTER_CANT, True, False, S.SUB_ASKED, (F.ASK_SUBSTITUTE,)),
    (S.ASKED, E.TESTER_CANT, False, False, S.UNCOVERED, (F.ALERT_UNCOVERED,)),
    # The tester is silent: their card is closed, then escalate.
    (S.ASKED, E.TESTER_TIMEOUT, True, False, S.SUB_ASKED, (F.CLOSE_TESTER_CARD, F.ASK_SUBSTITUTE)),
    (S.ASKED, E.TESTER_TIMEOUT, False, False, S.UNCOVERED, (F.CLOSE_TESTER_CARD, F.ALERT_UNCOVERED)),
    # The substitute answers, is silent, or cannot be reached.
    (S.SUB_ASKED, E.SUB_HERE, True, False, S.SUB_PRESENT, ()),
    (S.SUB_ASKED, E.SUB_CANT, True, False, S.UNCOVERED, (F.ALERT_UNCOVERED,)),
    (S.SUB_ASKED, E.SUB_TIMEOUT, True, False, S.UNCOVERED, (F.CLOSE_SUBSTITUTE_CARD, F.ALERT_UNCOVERED)),
    (S.SUB_ASKED, E.SUB_UNREACHABLE, True, False, S.UNCOVERED, (F.ALERT_UNCOVERED,)),
    # The tester answers "here" after someone else took over (or nobody could): tell them, change nothing.
    (S.SUB_ASKED, E.TESTER_HERE, True, False, S.SUB_ASKED, (F.TELL_LATE,)),
    (S.SUB_PRESENT, E.TESTER_HERE, True, False, S.SUB_PRESENT, (F.TELL_LATE,)),
    (S.UNCOVERED, E.TESTER_HERE, True, False, S.UNCOVERED, (F.TELL_LATE,)),
    (S.UNCOVERED, E.TESTER_HERE, False, False, S.UNCOVERED, (F.TELL_LATE,)),
    (S.ASSIGNED, E.TESTER_HERE, True, False, S.ASSIGNED, (F.TELL_LATE,)),
]


@pytest.mark.parametrize(
    ("state", "event", "has_sub", "said_cant", "new_state", "effects"),
    PATHS,
    ids=[f"{p[0]}-{p[1]}-{'sub' if p[2] else 'nosub'}{'-cant_in_advance' if p[3] else ''}" for p in PATHS],
)
def test_documented_paths(
    state: CheckinState,
    event: Event,
    has_sub: bool,
    said_cant: bool,
    new_state: CheckinState,
    effects: tuple[Effect, ...],
) -> None:
    decision = decide(state, event, has_substitute=has_sub, said_cant_in_advance=said_cant)
    assert decision == Decision(new_state, effects, ignored=False)


# Repeated clicks, timers firing after an answer, and events of the other stage: nothing changes.
IGNORED = [
    # START only acts on WAITING (e.g. a check-in started twice).
    *[(s, E.START) for s in S if s is not S.WAITING],
    # The tester clicks "here" twice, or before check-in started.
    (S.PRESENT, E.TESTER_HERE),
    (S.WAITING, E.TESTER_HERE),
    # "Can't" and the tester's timer only act while the tester is asked.
    *[(s, ev) for s in S if s is not S.ASKED for ev in (E.TESTER_CANT, E.TESTER_TIMEOUT)],
    # The substitute's answers and timers only act while the substitute is asked.
    *[
        (s, ev)
        for s in S
        if s is not S.SUB_ASKED
        for ev in (E.SUB_HERE, E.SUB_CANT, E.SUB_TIMEOUT, E.SUB_UNREACHABLE)
    ],
]


@pytest.mark.parametrize("has_sub", [True, False], ids=["sub", "nosub"])
@pytest.mark.parametrize(("state", "event"), IGNORED, ids=[f"{s}-{e}" for s, e in IGNORED])
def test_unexpected_or_repeated_events_change_nothing(
    state: CheckinState, event: Event, has_sub: bool
) -> None:
    for said_cant in (False, True):
        decision = decide(state, event, has_substitute=has_sub, said_cant_in_advance=said_cant)
        assert decision == Decision(state, (), ignored=True)


def test_every_state_and_event_is_either_a_documented_path_or_ignored() -> None:
    """The two tables above cover the whole state x event space (no untested combination)."""
    documented = {(p[0], p[1]) for p in PATHS}
    ignored = set(IGNORED)
    assert not documented & ignored
    assert documented | ignored == set(itertools.product(S, E))


@pytest.mark.parametrize("has_sub", [True, False])
def test_same_event_twice_acts_once(has_sub: bool) -> None:
    """A resent click or a duplicated timer: the second one is ignored."""
    for start, event in [
        (S.ASKED, E.TESTER_HERE),
        (S.ASKED, E.TESTER_CANT),
        (S.ASKED, E.TESTER_TIMEOUT),
        (S.SUB_ASKED, E.SUB_HERE),
        (S.SUB_ASKED, E.SUB_CANT),
        (S.SUB_ASKED, E.SUB_TIMEOUT),
        (S.SUB_ASKED, E.SUB_UNREACHABLE),
    ]:
        first = decide(start, event, has_substitute=has_sub)
        assert not first.ignored
        second = decide(first.state, event, has_substitute=has_sub)
        assert second == Decision(first.state, (), ignored=True), (start, event)


@pytest.mark.parametrize(
    ("events", "has_sub", "said_cant", "final", "all_effects"),
    [
        ([E.START, E.TESTER_HERE], True, False, S.PRESENT, [F.ASK_TESTER]),
        (
            [E.START, E.TESTER_TIMEOUT, E.SUB_HERE, E.TESTER_HERE],
            True,
            False,
            S.SUB_PRESENT,
            [F.ASK_TESTER, F.CLOSE_TESTER_CARD, F.ASK_SUBSTITUTE, F.TELL_LATE],
        ),
        (
            [E.START, E.TESTER_CANT, E.SUB_TIMEOUT],
            True,
            False,
            S.UNCOVERED,
            [F.ASK_TESTER, F.ASK_SUBSTITUTE, F.CLOSE_SUBSTITUTE_CARD, F.ALERT_UNCOVERED],
        ),
        (
            [E.START, E.TESTER_TIMEOUT, E.TESTER_TIMEOUT],
            False,
            False,
            S.UNCOVERED,
            [F.ASK_TESTER, F.CLOSE_TESTER_CARD, F.ALERT_UNCOVERED],
        ),
        ([E.START, E.SUB_UNREACHABLE], True, True, S.UNCOVERED, [F.ASK_SUBSTITUTE, F.ALERT_UNCOVERED]),
        ([E.START, E.START, E.SUB_HERE, E.SUB_HERE], True, True, S.SUB_PRESENT, [F.ASK_SUBSTITUTE]),
    ],
)
def test_whole_days(
    events: list[Event], has_sub: bool, said_cant: bool, final: CheckinState, all_effects: list[Effect]
) -> None:
    state = S.WAITING
    effects: list[Effect] = []
    for event in events:
        decision = decide(state, event, has_substitute=has_sub, said_cant_in_advance=said_cant)
        state = decision.state
        effects.extend(decision.effects)
    assert state is final
    assert effects == all_effects


@pytest.mark.parametrize(
    ("state", "covered", "settled"),
    [
        (S.WAITING, False, False),
        (S.ASKED, False, False),
        (S.PRESENT, True, True),
        (S.SUB_ASKED, False, False),
        (S.SUB_PRESENT, True, True),
        (S.UNCOVERED, False, True),
        (S.ASSIGNED, True, True),
    ],
)
def test_covered_and_settled(state: CheckinState, covered: bool, settled: bool) -> None:
    assert state.covered is covered
    assert state.settled is settled
