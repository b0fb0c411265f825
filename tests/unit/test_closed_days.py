"""Days Swedish offices are closed (bot.domain.closed_days): the public holidays, and the eves
that are not holidays in law but on which nobody is at work."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.closed_days import holiday_name
from bot.domain.windows import date_problems


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2026, 12, 25), "Juldagen"),
        (dt.date(2026, 1, 6), "Trettondedag jul"),
        (dt.date(2026, 6, 20), "Midsommardagen"),
        # The eves: not in the law's table, named by the module.
        (dt.date(2026, 12, 24), "julafton"),
        (dt.date(2026, 12, 31), "nyårsafton"),
        (dt.date(2026, 6, 19), "midsommarafton"),
        (dt.date(2027, 6, 25), "midsommarafton"),
    ],
)
def test_holidays_and_eves_are_named_in_swedish(day: dt.date, name: str) -> None:
    assert holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [dt.date(2026, 12, 9), dt.date(2026, 6, 18), dt.date(2026, 12, 23), dt.date(2026, 12, 13)],
)
def test_ordinary_days_have_no_name(day: dt.date) -> None:
    # 2026-12-13 is a Sunday: a weekend is date_problems' business, not a holiday.
    assert holiday_name(day) is None


def test_a_window_on_christmas_eve_needs_confirming() -> None:
    error, warnings = date_problems(dt.date(2026, 12, 24), dt.date(2026, 11, 20), holiday_name)
    assert error is None
    assert warnings == ["2026-12-24 är en helgdag (julafton)."]


def test_a_weekend_holiday_gives_both_warnings() -> None:
    error, warnings = date_problems(dt.date(2026, 6, 20), dt.date(2026, 6, 1), holiday_name)
    assert error is None
    assert warnings == ["2026-06-20 är en lördag.", "2026-06-20 är en helgdag (Midsommardagen)."]
