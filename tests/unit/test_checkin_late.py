"""A tester's answer through the card the bot closed when their time ran out
(bot.domain.checkin.decide with ``card_closed``): "here" is late, whatever happened since, and
changes nothing; anything else through it is ignored."""

from __future__ import annotations

import pytest

from bot.domain.checkin import CheckinState, Decision, Effect, Event, decide

S = CheckinState
E = Event


@pytest.mark.parametrize("has_sub", [True, False])
@pytest.mark.parametrize("state", list(S))
def test_here_through_a_closed_card_is_late_and_changes_nothing(state: CheckinState, has_sub: bool) -> None:
    # Even PRESENT (the admin handed the areas back meanwhile) or ASKED: the card closed, so late.
    decision = decide(state, E.TESTER_HERE, has_substitute=has_sub, card_closed=True)
    assert decision == Decision(state, (Effect.TELL_LATE,))


@pytest.mark.parametrize("event", [e for e in E if e is not E.TESTER_HERE])
@pytest.mark.parametrize("state", list(S))
def test_nothing_else_counts_through_a_closed_card(state: CheckinState, event: Event) -> None:
    assert decide(state, event, has_substitute=True, card_closed=True) == Decision(state, (), ignored=True)


@pytest.mark.parametrize("state", [S.SUB_ASKED, S.SUB_PRESENT, S.UNCOVERED, S.ASSIGNED])
def test_here_after_someone_else_took_over_is_late_on_an_open_card_too(state: CheckinState) -> None:
    assert decide(state, E.TESTER_HERE, has_substitute=True) == Decision(state, (Effect.TELL_LATE,))


def test_an_open_card_in_time_is_not_late() -> None:
    assert decide(S.ASKED, E.TESTER_HERE, has_substitute=True) == Decision(S.PRESENT, ())
    assert decide(S.PRESENT, E.TESTER_HERE, has_substitute=True).ignored
