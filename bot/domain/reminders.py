"""When a window's timers are due, and who the announcement reminder is for.

Before a window the bot sends two things on its own: the user notice (the admins publish the
system message, the managers get it by e-mail) and the reminder to test resources who have not
answered the announcement. Both go out at nine in the morning, local time, a set number of days
before the window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.day import Participant
from bot.domain.windows import Window, WindowState

# Office hours have started, so the admin who gets the notice is at their desk to publish it.
TIMER_HOUR = 9


@dataclass(frozen=True)
class TimerDates:
    """The local days the notice and the reminder go out."""

    notice_on: dt.date
    reminder_on: dt.date


def timer_dates(window_day: dt.date, today: dt.date, notice_days: int, reminder_days: int) -> TimerDates:
    """A day already past means today: a window planned at short notice still gets both."""
    return TimerDates(
        notice_on=max(today, window_day - dt.timedelta(days=notice_days)),
        reminder_on=max(today, window_day - dt.timedelta(days=reminder_days)),
    )


def due_at(day: dt.date, zone: dt.tzinfo, now: dt.datetime) -> dt.datetime:
    """The instant (UTC) a timer for the local ``day`` is due; one already past is due now."""
    local = dt.datetime.combine(day, dt.time(TIMER_HOUR, 0), tzinfo=zone)
    return max(now, local.astimezone(dt.UTC))


def reminder_applies(window: Window) -> bool:
    """A reminder only makes sense for an announced window that is still being planned (it may
    have been cancelled, or started, since the timer was set)."""
    return window.state is WindowState.PLANNED and window.announced


def silent(participants: Iterable[Participant]) -> list[Participant]:
    """Those who have not answered the announcement yet, in the order given."""
    return [p for p in participants if p.plan_answer is None]
