"""What the admin writes after ``flytta fönster``, ``avboka fönster`` and the confirm button of
``nytt fönster`` (bot.domain.windows), and the example window of the notice text."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.windows import (
    DEFAULT_END,
    DEFAULT_START,
    MoveArgs,
    WindowState,
    example_window,
    parse_window_request,
    split_move_args,
    window_number,
    with_confirmation,
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("3 2026-12-16", MoveArgs("3", "2026-12-16")),
        ("  3   2026-12-16 ", MoveArgs("3", "2026-12-16")),
        # Checked later, in order: first the window, then the date.
        ("x 16/12", MoveArgs("x", "16/12")),
        ("", None),
        ("3", None),
        ("3 2026-12-16 08:30", None),
    ],
)
def test_move_takes_exactly_a_window_and_a_date(args: str, expected: MoveArgs | None) -> None:
    assert split_move_args(args) == expected


@pytest.mark.parametrize(("text", "number"), [("3", 3), ("012", 12), ("", None), ("tre", None), ("-1", None)])
def test_a_window_number_is_digits(text: str, number: int | None) -> None:
    assert window_number(text) == number


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("2026-12-24", "2026-12-24 bekräfta"),
        ("2026-12-24 bekräfta", "2026-12-24 bekräfta"),
        ("2026-12-24 Confirm", "2026-12-24 Confirm"),
        ("", " bekräfta"),
    ],
)
def test_the_confirm_button_adds_the_confirmation_once(args: str, expected: str) -> None:
    assert with_confirmation(args) == expected


def test_a_confirmed_request_parses_as_confirmed() -> None:
    request = parse_window_request(with_confirmation("2026-12-24 08:30-12:00 ärende SD-1"))
    assert request.confirmed
    assert request.case_number == "SD-1"


def test_the_example_window_is_two_weeks_ahead_with_the_usual_times() -> None:
    window = example_window(dt.date(2026, 11, 20), "Europe/Stockholm")
    assert (window.id, window.day, window.start, window.end) == (
        0,
        dt.date(2026, 12, 4),
        DEFAULT_START,
        DEFAULT_END,
    )
    assert (window.timezone, window.case_number, window.state) == (
        "Europe/Stockholm",
        None,
        WindowState.PLANNED,
    )
