"""Sliding-window rate limits matching Teams' published ones.

Teams counts sends per bot per conversation (7 per second, 8 per 2 s, 60 per 30 s, 1800 per
hour) and for the whole bot (50 per second per tenant). A sliding log of send times is exact
where a token bucket would allow bursts over a window's edge.

Teams counts a call when it arrives, which is somewhere between our sending it and its answer,
and network jitter reorders arrivals. So a call is logged at the time its answer came back, and
counts as "now" while it is in flight: then no window can hold more calls at Teams than here.

Room in the bot-wide window is given in the order the sends were started (``ticket``, taken by
the delivery before it reads the database, so in the order the worker claimed the jobs): a
fan-out's cards are not overtaken by messages written after them. A send whose own conversation
is full waits outside that line, so that it holds up only its own conversation.

The rates come from the settings ``SEND_RATE_GLOBAL`` and ``SEND_RATE_PER_CONVERSATION``; Teams'
longer per-conversation windows always apply. The clock and the sleep can be replaced (tests run
the limiter on a fake time); by default they are ``time.monotonic`` and ``asyncio.sleep``.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

Windows = tuple[tuple[int, float], ...]  # (calls, per seconds)

TEAMS_PER_SECOND = 7  # per conversation; the default of SEND_RATE_PER_CONVERSATION
TEAMS_LONGER_WINDOWS: Windows = ((8, 2.0), (60, 30.0), (1800, 3600.0))  # per conversation
IN_FLIGHT_POLL = 0.01  # a window full of calls still in flight: look again this soon


class Call:
    """One call to Teams as the windows see it: when it was answered (or started, until then)."""

    __slots__ = ("at", "done")

    def __init__(self, at: float) -> None:
        self.at = at
        self.done = False


class SlidingWindow:
    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self.calls: deque[Call] = deque()

    def _expired(self, call: Call, now: float) -> bool:
        # The same sum as the wait in ``wait_needed``, so that a call that has not expired always
        # leaves a wait above zero. (``now - call.at >= self.seconds`` can round the other way right
        # at a window's end; the full window then asked for a wait of 0.0, which reads as room.)
        return call.done and call.at + self.seconds <= now

    def wait_needed(self, now: float) -> float:
        while self.calls and self._expired(self.calls[0], now):
            self.calls.popleft()
        if len(self.calls) < self.limit:
            return 0.0
        # Calls are answered out of order: drop every expired one, not only the oldest.
        self.calls = deque(c for c in self.calls if not self._expired(c, now))
        if len(self.calls) < self.limit:
            return 0.0
        answered = [c.at for c in self.calls if c.done]
        return min(answered) + self.seconds - now if answered else IN_FLIGHT_POLL


class _Turn:
    """A send's place in line for the bot-wide window."""

    __slots__ = ("event", "ticket")

    def __init__(self, ticket: int) -> None:
        self.ticket = ticket
        self.event = asyncio.Event()  # set when it reaches the head of the line


def rate_window(per_second: float) -> tuple[int, float]:
    """``per_second`` as a window of whole calls: 7 -> 7 per 1 s, 2.5 -> 2 per 0.8 s, 0.5 -> 1 per 2 s."""
    if per_second <= 0:
        raise ValueError(f"a send rate must be positive, got {per_second}")
    calls = max(1, int(per_second))
    return calls, calls / per_second


class RateLimiter:
    """``async with limiter.slot(conversation_id): <one call to Teams>``.

    ``global_per_second`` (SEND_RATE_GLOBAL) counts every send of this process;
    ``per_conversation_per_second`` (SEND_RATE_PER_CONVERSATION, Teams: 7) those to one
    conversation, which must also stay within ``longer_windows`` (Teams': 8 per 2 s, 60 per 30 s,
    1800 per hour).
    """

    def __init__(
        self,
        global_per_second: float = 50,
        per_conversation_per_second: float = TEAMS_PER_SECOND,
        *,
        longer_windows: Windows = TEAMS_LONGER_WINDOWS,
        margin: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        # The margin keeps us under the limit when requests arrive a little bunched up.
        self._global = SlidingWindow(max(1, int(global_per_second)), 1.0 + margin)
        self._per_conversation = (rate_window(per_conversation_per_second), *longer_windows)
        self._conversations: dict[str, list[SlidingWindow]] = {}
        self._margin = margin
        self._lock = asyncio.Lock()
        self._clock = clock
        self._sleep = sleep
        self._paused_until = 0.0
        # Sends whose conversation has room, waiting for the bot-wide window, by ticket.
        self._queue: list[_Turn] = []
        self._tickets = 0

    def _windows(self, conversation_id: str | None) -> list[SlidingWindow]:
        windows = [self._global]
        if conversation_id is not None:
            if conversation_id not in self._conversations:
                if len(self._conversations) > 50_000:
                    self._conversations.clear()  # bounded memory; old logs are long expired
                self._conversations[conversation_id] = [
                    SlidingWindow(limit, seconds + self._margin) for limit, seconds in self._per_conversation
                ]
            windows.extend(self._conversations[conversation_id])
        return windows

    def pause(self, seconds: float) -> None:
        """Hold every send for a while (Teams said 429 without saying for how long)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def ticket(self) -> int:
        """A place in line for a send about to start (``acquire`` takes one if not given one)."""
        self._tickets += 1
        return self._tickets

    async def acquire(self, conversation_id: str | None, ticket: int | None = None) -> Callable[[], None]:
        """Wait for room in every window and take it. Call the returned function when the call to
        Teams has returned (also when it failed): the call counts from then on."""
        turn: _Turn | None = None  # this send's place in line for the bot-wide window
        try:
            while True:
                # Check and record under the lock, but sleep outside it: a send waiting for one busy
                # conversation must not hold up sends to the others.
                wait: float | None
                async with self._lock:
                    now = self._clock()
                    windows = self._windows(conversation_id)
                    own = max([0.0] + [w.wait_needed(now) for w in windows[1:]])
                    if own > 0:
                        if turn is not None:  # its conversation filled up while it queued
                            self._leave(turn)
                            turn = None
                        wait = own
                    else:
                        if turn is None:
                            turn = _Turn(ticket if ticket is not None else self.ticket())
                            bisect.insort(self._queue, turn, key=lambda t: t.ticket)
                        wait = None
                        if self._queue[0] is turn:
                            wait = max(self._paused_until - now, windows[0].wait_needed(now))
                            if wait <= 0:
                                call = Call(now)
                                for w in windows:
                                    w.calls.append(call)
                                self._leave(turn)
                                turn = None
                                return lambda: self._answered(call)
                if wait is not None:
                    await self._sleep(wait)
                else:
                    assert turn is not None
                    await turn.event.wait()
                    turn.event.clear()
        finally:
            if turn is not None:  # cancelled while queued
                self._leave(turn)

    def _leave(self, turn: _Turn) -> None:
        """Take a send out of the line; a new head looks for room at once."""
        head = self._queue[0] is turn
        self._queue.remove(turn)
        if head and self._queue:
            self._queue[0].event.set()

    def _answered(self, call: Call) -> None:
        if not call.done:
            call.at = max(call.at, self._clock())
            call.done = True

    @contextlib.asynccontextmanager
    async def slot(self, conversation_id: str | None, ticket: int | None = None) -> AsyncIterator[None]:
        """Room for one call to Teams, counted until the call has returned."""
        answered = await self.acquire(conversation_id, ticket)
        try:
            yield
        finally:
            answered()
