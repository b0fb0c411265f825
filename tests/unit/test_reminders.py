"""A window's timers (bot.domain.reminders): the days the notice and the reminder go out, the
local nine o'clock they are due at, and who the reminder is for."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, PlanAnswer
from bot.domain.reminders import TimerDates, due_at, reminder_applies, silent, timer_dates
from bot.domain.windows import Window, WindowState

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _participant(pid: int, answer: PlanAnswer | None) -> Participant:
    return Participant(
        pid, 1, f"t{pid}@kommun.example.se", f"Tester {pid}", frozenset({"ifo"}), frozenset(),
        None, None, answer, CheckinState.WAITING, None, None,
    )  # fmt: skip


def _window(state: WindowState = WindowState.PLANNED, announced: bool = True) -> Window:
    return Window(
        1, dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "Europe/Stockholm", None, state, announced
    )


def test_timers_go_out_the_given_days_before_the_window() -> None:
    dates = timer_dates(dt.date(2026, 12, 9), dt.date(2026, 11, 1), notice_days=10, reminder_days=3)
    assert dates == TimerDates(notice_on=dt.date(2026, 11, 29), reminder_on=dt.date(2026, 12, 6))


def test_a_window_at_short_notice_gets_its_timers_today() -> None:
    dates = timer_dates(dt.date(2026, 12, 9), dt.date(2026, 12, 5), notice_days=10, reminder_days=3)
    assert dates == TimerDates(notice_on=dt.date(2026, 12, 5), reminder_on=dt.date(2026, 12, 6))


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(dt.date(2026, 11, 29), 8), (dt.date(2026, 6, 1), 7)],  # winter time, then summer time
)
def test_timers_are_due_at_nine_local_time(day: dt.date, utc_hour: int) -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert due_at(day, STOCKHOLM, now) == dt.datetime(day.year, day.month, day.day, utc_hour, tzinfo=dt.UTC)


def test_a_timer_whose_hour_has_passed_is_due_now() -> None:
    now = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
    assert due_at(dt.date(2026, 11, 29), STOCKHOLM, now) == now


def test_only_those_who_have_not_answered_are_silent() -> None:
    people = [
        _participant(1, None),
        _participant(2, PlanAnswer.COMING),
        _participant(3, PlanAnswer.CANT),
        _participant(4, None),
    ]
    assert [p.id for p in silent(people)] == [1, 4]
    assert silent([]) == []


@pytest.mark.parametrize(
    ("window", "applies"),
    [
        (_window(), True),
        (_window(announced=False), False),
        (_window(WindowState.CANCELLED), False),
        (_window(WindowState.CHECKIN), False),
    ],
)
def test_a_reminder_is_for_an_announced_window_still_being_planned(window: Window, applies: bool) -> None:
    assert reminder_applies(window) is applies
