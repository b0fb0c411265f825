"""The send rate limiter: first come, first served for the bot-wide window, a busy conversation
holding up only its own sends, and no window ever holding more calls than its limit.

The limiter runs on ``FakeTime``: its waits move a fake clock instead of sleeping, so nothing here
waits for real or depends on how fast the machine is, and the times asserted are exact.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
from collections.abc import Sequence

import pytest

from bot.workers.ratelimit import RateLimiter, rate_window

T0 = 1000.0  # the fake clock's start; monotonic clocks do not start at zero
SETTLE_TURNS = 3  # event-loop turns the fake time lets pass before it jumps to the next wake-up
HANG_GUARD = 5.0  # real seconds; only a limiter that never lets a send go reaches it


class FakeTime:
    """A monotonic clock and a sleep for ``RateLimiter(clock=..., sleep=...)`` that never wait.

    A sleeper is woken when the fake time reaches its wake-up time. The time moves once the tasks
    that can run have run (they may go to sleep too), straight to the earliest wake-up: sleeps
    overlap as they would in real time, nobody wakes early, and the time only goes forward.
    """

    def __init__(self, start: float = T0) -> None:
        self.now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()  # among equal wake-up times: first asleep, first woken
        self._advancing = False

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        # At least the next float: a wait rounded down to nothing must not wake at the same time.
        at = max(self.now + seconds, math.nextafter(self.now, math.inf))
        heapq.heappush(self._sleepers, (at, next(self._order), woken))
        if not self._advancing:
            self._advancing = True
            loop.call_soon(self._advance, loop, SETTLE_TURNS)
        await woken

    def _advance(self, loop: asyncio.AbstractEventLoop, turns: int) -> None:
        if turns > 0:  # the tasks that can run go first: one of them may sleep for less
            loop.call_soon(self._advance, loop, turns - 1)
            return
        while self._sleepers and self._sleepers[0][2].done():  # its sleeper was cancelled
            heapq.heappop(self._sleepers)
        if self._sleepers:
            self.now = max(self.now, self._sleepers[0][0])
            while self._sleepers and self._sleepers[0][0] <= self.now:
                woken = heapq.heappop(self._sleepers)[2]
                if not woken.done():
                    woken.set_result(None)
        if self._sleepers:
            loop.call_soon(self._advance, loop, SETTLE_TURNS)
        else:
            self._advancing = False


def most_in_any_window(calls: Sequence[tuple[float, float]], seconds: float) -> int:
    """The most calls (start, answer) a window of ``seconds`` ever holds, counting a call from its
    start until ``seconds`` after its answer, as the limiter does (Teams counts it once, at some
    moment in between). The count only grows at a start, so looking at the starts is enough."""
    return max((sum(1 for s, a in calls if s <= start < a + seconds) for start, _ in calls), default=0)


def limiter_on(
    fake: FakeTime, global_per_second: float = 50, per_conversation_per_second: float | None = None
) -> RateLimiter:
    """A limiter on the fake time, without margin so that the times asserted are round; with the
    default rate per conversation unless given one."""
    if per_conversation_per_second is None:
        return RateLimiter(global_per_second, margin=0.0, clock=fake.monotonic, sleep=fake.sleep)
    return RateLimiter(
        global_per_second, per_conversation_per_second, margin=0.0, clock=fake.monotonic, sleep=fake.sleep
    )


async def _take(
    limiter: RateLimiter, fake: FakeTime, conversation: str, order: list[tuple[str, float]], name: str
) -> None:
    answered = await limiter.acquire(conversation)
    order.append((name, fake.now - T0))
    answered()


async def _fill(limiter: RateLimiter, conversations: Sequence[str]) -> None:
    """One answered call to each of ``conversations`` now."""
    for conversation in conversations:
        (await limiter.acquire(conversation))()


def test_a_rate_becomes_a_window_of_whole_calls() -> None:
    assert rate_window(7) == (7, 1.0)
    assert rate_window(2.5) == (2, 0.8)
    assert rate_window(0.5) == (1, 2.0)
    with pytest.raises(ValueError, match="positive"):
        rate_window(0)


async def test_sends_waiting_for_the_bot_wide_window_go_in_the_order_they_asked() -> None:
    fake = FakeTime()
    limiter = limiter_on(fake, global_per_second=3)
    await _fill(limiter, ["c0", "c1", "c2"])  # the bot-wide window is full for a second
    order: list[tuple[str, float]] = []
    tasks = []
    for name in ("a", "b", "c", "d"):
        tasks.append(asyncio.create_task(_take(limiter, fake, f"conv-{name}", order, name)))
        await asyncio.sleep(0)  # they ask in this order
    await asyncio.wait_for(asyncio.gather(*tasks), HANG_GUARD)
    assert order == [("a", 1.0), ("b", 1.0), ("c", 1.0), ("d", 2.0)]


async def test_a_busy_conversation_does_not_hold_up_the_others() -> None:
    fake = FakeTime()
    limiter = limiter_on(fake)  # Teams' 7 per second per conversation
    await _fill(limiter, ["busy"] * 7)  # conversation "busy" is at its limit for a second
    order: list[tuple[str, float]] = []
    waiting = asyncio.create_task(_take(limiter, fake, "busy", order, "busy"))
    await asyncio.sleep(0)  # "busy" asks first
    await asyncio.wait_for(_take(limiter, fake, "other", order, "other"), HANG_GUARD)
    await asyncio.wait_for(waiting, HANG_GUARD)
    assert order == [("other", 0.0), ("busy", 1.0)]  # "other" did not wait at all


async def test_a_cancelled_send_gives_its_place_to_the_next() -> None:
    fake = FakeTime()
    limiter = limiter_on(fake, global_per_second=1)
    await _fill(limiter, ["x"])  # full for a second
    order: list[tuple[str, float]] = []
    first = asyncio.create_task(_take(limiter, fake, "a", order, "a"))
    await asyncio.sleep(0)
    second = asyncio.create_task(_take(limiter, fake, "b", order, "b"))
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.wait_for(second, HANG_GUARD)
    # Nobody is left behind in the line: a later send is not stuck behind the cancelled one.
    await asyncio.wait_for(_take(limiter, fake, "c", order, "c"), HANG_GUARD)
    assert first.cancelled()
    assert order == [("b", 1.0), ("c", 2.0)]


async def test_sends_started_earlier_go_first_even_if_they_ask_later() -> None:
    # The delivery takes its ticket when it starts, before reading the database: a send whose
    # read was slower still goes before the sends started after it.
    fake = FakeTime()
    limiter = limiter_on(fake, global_per_second=2)
    await _fill(limiter, ["c0", "c1"])
    early, late = limiter.ticket(), limiter.ticket()
    order: list[str] = []

    async def take(name: str, ticket: int) -> None:
        answered = await limiter.acquire(f"conv-{name}", ticket)
        order.append(name)
        answered()

    second = asyncio.create_task(take("late", late))
    await asyncio.sleep(0)
    first = asyncio.create_task(take("early", early))
    await asyncio.wait_for(asyncio.gather(first, second), HANG_GUARD)
    assert order == ["early", "late"]


async def test_a_call_counts_until_a_window_after_its_answer() -> None:
    fake = FakeTime()
    limiter = limiter_on(fake, global_per_second=1)
    answered = await limiter.acquire("a")
    await fake.sleep(3.0)  # a slow call to Teams
    answered()
    order: list[tuple[str, float]] = []
    await asyncio.wait_for(_take(limiter, fake, "b", order, "b"), HANG_GUARD)
    assert order == [("b", 4.0)]  # a second after the answer, not after the start


async def test_a_pause_holds_every_send() -> None:
    fake = FakeTime()
    limiter = limiter_on(fake)
    limiter.pause(5.0)  # Teams said 429
    order: list[tuple[str, float]] = []
    await asyncio.wait_for(
        asyncio.gather(*(_take(limiter, fake, c, order, c) for c in ("a", "b", "a"))), HANG_GUARD
    )
    assert order == [("a", 5.0), ("b", 5.0), ("a", 5.0)]


@pytest.mark.parametrize(
    ("rate", "sends", "expected"),
    [
        # The default is Teams' 7 per second, and Teams' 8 per 2 s applies too: the most Teams allows.
        (None, 30, [0.0] * 7 + [1.0] + [2.0] * 7 + [3.0] + [4.0] * 7 + [5.0] + [6.0] * 6),
        (3, 10, [0.0] * 3 + [1.0] * 3 + [2.0] * 3 + [3.0]),  # SEND_RATE_PER_CONVERSATION=3
        (0.5, 3, [0.0, 2.0, 4.0]),
    ],
)
async def test_one_conversation_is_paced_at_its_rate_and_teams_longer_windows(
    rate: float | None, sends: int, expected: list[float]
) -> None:
    fake = FakeTime()
    limiter = limiter_on(fake, per_conversation_per_second=rate)
    order: list[tuple[str, float]] = []
    for i in range(sends):
        await asyncio.wait_for(_take(limiter, fake, "conv", order, str(i)), HANG_GUARD)
    assert [at for _, at in order] == expected


async def test_no_window_ever_holds_more_than_the_limit() -> None:
    fake = FakeTime()
    limiter = limiter_on(fake, global_per_second=5, per_conversation_per_second=3)
    # Calls that take from no time to longer than a window, so that they are answered out of
    # order and windows fill up with calls still in flight.
    durations = [0.0, 0.05, 0.7, 2.5, 0.01, 1.3]
    calls: dict[str, list[tuple[float, float]]] = {f"c{i}": [] for i in range(4)}

    async def send(i: int) -> None:
        conversation = f"c{i % 4}"
        answered = await limiter.acquire(conversation)
        started = fake.now
        await fake.sleep(durations[i % len(durations)])  # the call to Teams
        answered()
        calls[conversation].append((started, fake.now))

    await asyncio.wait_for(asyncio.gather(*(send(i) for i in range(60))), HANG_GUARD)
    everything = [call for per_conversation in calls.values() for call in per_conversation]
    assert len(everything) == 60
    assert most_in_any_window(everything, 1.0) == 5  # the bot-wide window: full, never over
    for conversation, its_calls in calls.items():
        assert most_in_any_window(its_calls, 1.0) <= 3, conversation
        assert most_in_any_window(its_calls, 2.0) <= 8, conversation


@pytest.mark.parametrize("rate", [7, 3, 2.5])
async def test_a_send_woken_just_as_a_window_ends_does_not_overfill_it(rate: float) -> None:
    # The fake time wakes a send exactly when its wait is over: where rounding decides whether
    # the oldest call still counts. With the default margin, 1000.0 + 1.02 is such a moment.
    fake = FakeTime()
    limiter = RateLimiter(per_conversation_per_second=rate, clock=fake.monotonic, sleep=fake.sleep)
    calls: list[tuple[float, float]] = []
    for _ in range(30):
        answered = await asyncio.wait_for(limiter.acquire("conv"), HANG_GUARD)
        calls.append((fake.now, fake.now))
        answered()
    limit, seconds = rate_window(rate)
    assert most_in_any_window(calls, seconds) == limit  # full, never over
    assert most_in_any_window(calls, 2.0) <= 8
