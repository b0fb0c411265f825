"""The announcement and its answers (bot.domain.announcement): which cards count, whether a card
still takes an answer, the time an answer was given and the substitute typed into the card."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.domain.announcement import (
    answered_at,
    cant_answer,
    coming_answer,
    substitute_from_card,
    substitute_shown,
    takes_answer,
    told,
)
from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, Prompt, PromptKind, PromptState
from bot.domain.people import Substitute
from bot.domain.windows import Window, WindowState

EARLIER = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)


def _prompt(
    state: PromptState = PromptState.OPEN,
    answer: dict[str, Any] | None = None,
    answered: dt.datetime | None = None,
    pid: str = "p1",
) -> Prompt:
    return Prompt(
        pid, 1, PromptKind.ANNOUNCE, "karin@kommun.example.se", 1, None, frozenset({"ifo"}), None,
        state, answer, answered, f"announce:1:{pid}",
    )  # fmt: skip


def _window(state: WindowState = WindowState.PLANNED) -> Window:
    return Window(1, dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "Europe/Stockholm", None, state)


def _participant(substitute: tuple[str | None, str | None]) -> Participant:
    return Participant(
        1, 1, "karin@kommun.example.se", "Karin", frozenset({"ifo"}), frozenset(), substitute[0],
        substitute[1], None, CheckinState.WAITING, None, None,
    )  # fmt: skip


def test_a_replaced_card_no_longer_counts_as_told() -> None:
    prompts = [
        _prompt(PromptState.REPLACED, pid="old"),
        _prompt(PromptState.OPEN, pid="new"),
        _prompt(PromptState.ANSWERED, pid="answered"),
        _prompt(PromptState.CANCELLED, pid="cancelled"),
    ]
    assert [p.id for p in told(prompts)] == ["new", "answered", "cancelled"]


@pytest.mark.parametrize(
    ("prompt_state", "window_state", "takes"),
    [
        (PromptState.OPEN, WindowState.PLANNED, True),
        (PromptState.ANSWERED, WindowState.PLANNED, True),  # the answer may be changed
        (PromptState.REPLACED, WindowState.PLANNED, False),
        (PromptState.CANCELLED, WindowState.PLANNED, False),
        (PromptState.CLOSED, WindowState.PLANNED, False),
        (PromptState.OPEN, WindowState.CHECKIN, False),
        (PromptState.OPEN, WindowState.CANCELLED, False),
    ],
)
def test_a_card_takes_an_answer_only_while_planning(
    prompt_state: PromptState, window_state: WindowState, takes: bool
) -> None:
    assert takes_answer(_prompt(prompt_state), _window(window_state)) is takes


def test_no_window_takes_no_answer() -> None:
    assert takes_answer(_prompt(), None) is False


def test_the_answers_as_stored() -> None:
    assert coming_answer() == {"answer": "coming"}
    assert cant_answer(Substitute("Johan Berg", "johan@kommun.example.se")) == {
        "answer": "cant",
        "substitute_name": "Johan Berg",
        "substitute_email": "johan@kommun.example.se",
    }


def test_the_same_answer_again_keeps_its_first_time() -> None:
    prompt = _prompt(PromptState.ANSWERED, coming_answer(), EARLIER)
    assert answered_at(prompt, coming_answer(), NOW) == EARLIER


def test_a_new_answer_is_given_now() -> None:
    prompt = _prompt(PromptState.ANSWERED, coming_answer(), EARLIER)
    assert answered_at(prompt, cant_answer(Substitute("Johan", "j@x.se")), NOW) == NOW
    assert answered_at(_prompt(), coming_answer(), NOW) == NOW


def test_the_substitute_typed_into_the_card_is_tidied() -> None:
    typed = substitute_from_card("  Johan \t  Berg ", " Johan.Berg@Kommun.Example.SE ")
    assert typed == Substitute("Johan Berg", "johan.berg@kommun.example.se")


def test_a_missing_field_is_empty() -> None:
    assert substitute_from_card(None, 42) == Substitute("", "")


def test_the_card_shows_a_substitute_only_with_an_email() -> None:
    assert substitute_shown(_participant(("Johan", "johan@kommun.example.se"))) == (
        "Johan",
        "johan@kommun.example.se",
    )
    assert substitute_shown(_participant((None, "johan@kommun.example.se"))) == (
        "",
        "johan@kommun.example.se",
    )
    assert substitute_shown(_participant(("Johan", None))) is None
