"""The send rate limiter: first come, first served for the bot-wide window, and a busy conversation
holding up only its own sends (real time, windows shortened to keep the tests quick)."""

from __future__ import annotations

import asyncio
import time

from bot.workers.ratelimit import RateLimiter

SHORT = ((2, 0.3),)  # per conversation: 2 sends per 0.3 s


async def _take(limiter: RateLimiter, conversation: str, order: list[str], name: str) -> None:
    answered = await limiter.acquire(conversation)
    order.append(name)
    answered()


async def test_sends_waiting_for_the_bot_wide_window_go_in_the_order_they_asked() -> None:
    limiter = RateLimiter(global_per_second=3, per_conversation=SHORT, margin=0.0)
    for i in range(3):  # the window is full
        (await limiter.acquire(f"c{i}"))()
    order: list[str] = []
    tasks = []
    for name in ("a", "b", "c", "d"):
        tasks.append(asyncio.create_task(_take(limiter, f"conv-{name}", order, name)))
        await asyncio.sleep(0.01)  # they ask in this order
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert order == ["a", "b", "c", "d"]


async def test_a_busy_conversation_does_not_hold_up_the_others() -> None:
    limiter = RateLimiter(global_per_second=50, per_conversation=SHORT, margin=0.0)
    for _ in range(2):  # conversation "busy" is at its limit for 0.3 s
        (await limiter.acquire("busy"))()
    order: list[str] = []
    waiting = asyncio.create_task(_take(limiter, "busy", order, "busy"))
    await asyncio.sleep(0.01)
    started = time.monotonic()
    await asyncio.wait_for(_take(limiter, "other", order, "other"), 1)
    assert time.monotonic() - started < 0.1  # not behind the busy conversation's send
    await asyncio.wait_for(waiting, 2)
    assert order == ["other", "busy"]


async def test_a_cancelled_send_gives_its_place_to_the_next() -> None:
    limiter = RateLimiter(global_per_second=1, per_conversation=SHORT, margin=0.0)
    (await limiter.acquire("x"))()  # full for a second
    order: list[str] = []
    first = asyncio.create_task(_take(limiter, "a", order, "a"))
    await asyncio.sleep(0.01)
    second = asyncio.create_task(_take(limiter, "b", order, "b"))
    await asyncio.sleep(0.01)
    first.cancel()
    await asyncio.wait_for(second, 3)
    assert order == ["b"]
    assert not limiter._queue  # nobody left behind in the queue


async def test_no_window_ever_holds_more_than_the_limit() -> None:
    limiter = RateLimiter(global_per_second=5, per_conversation=((100, 1.0),), margin=0.0)
    answered_at: list[float] = []

    async def send(i: int) -> None:
        answered = await limiter.acquire(f"c{i % 3}")
        await asyncio.sleep(0.005)  # the call to Teams
        answered_at.append(time.monotonic())
        answered()

    started: list[float] = []
    real_acquire = limiter.acquire

    async def recording_acquire(conversation_id: str | None) -> object:
        answered = await real_acquire(conversation_id)
        started.append(time.monotonic())
        return answered

    limiter.acquire = recording_acquire  # type: ignore[method-assign]
    await asyncio.wait_for(asyncio.gather(*(send(i) for i in range(12))), 5)
    # A call counts from its start until a second after its answer: the sixth start after any
    # call's answer is at least a second later.
    starts = sorted(started)
    answers = sorted(answered_at)
    for k in range(len(starts) - 5):
        assert starts[k + 5] >= answers[k] + 1.0 - 1e-3


async def test_sends_started_earlier_go_first_even_if_they_ask_later() -> None:
    # The delivery takes its ticket when it starts, before reading the database: a send whose
    # read was slower still goes before the sends started after it.
    limiter = RateLimiter(global_per_second=2, per_conversation=SHORT, margin=0.0)
    for i in range(2):
        (await limiter.acquire(f"c{i}"))()
    early, late = limiter.ticket(), limiter.ticket()
    order: list[str] = []

    async def take(name: str, ticket: int) -> None:
        answered = await limiter.acquire(f"conv-{name}", ticket)
        order.append(name)
        answered()

    second = asyncio.create_task(take("late", late))
    await asyncio.sleep(0.01)
    first = asyncio.create_task(take("early", early))
    await asyncio.wait_for(asyncio.gather(first, second), 5)
    assert order == ["early", "late"]
