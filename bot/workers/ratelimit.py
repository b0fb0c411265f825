"""Sliding-window rate limits matching Teams' published ones.

Teams counts sends per bot per conversation (7 per second, 8 per 2 s, 60 per 30 s, 1800 per
hour) and for the whole bot (50 per second per tenant). A sliding log of send times is exact
where a token bucket would allow bursts over a window's edge.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

PER_CONVERSATION: tuple[tuple[int, float], ...] = ((7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0))


class SlidingWindow:
    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self.times: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.times and now - self.times[0] >= self.seconds:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[0] + self.seconds - now


class RateLimiter:
    """``await limiter.acquire(conversation_id)`` before each call to Teams."""

    def __init__(
        self,
        global_per_second: float = 50,
        per_conversation: tuple[tuple[int, float], ...] = PER_CONVERSATION,
        margin: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # The margin keeps us under the limit when requests arrive a little bunched up.
        self._global = SlidingWindow(max(1, int(global_per_second)), 1.0 + margin)
        self._per_conversation = per_conversation
        self._conversations: dict[str, list[SlidingWindow]] = {}
        self._margin = margin
        self._lock = asyncio.Lock()
        self._clock = clock
        self._paused_until = 0.0

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

    async def acquire(self, conversation_id: str | None) -> None:
        while True:
            # Check and record under the lock, but sleep outside it: a send waiting for one busy
            # conversation must not hold up sends to the others.
            async with self._lock:
                now = self._clock()
                windows = self._windows(conversation_id)
                wait = max([self._paused_until - now] + [w.wait_needed(now) for w in windows])
                if wait <= 0:
                    for w in windows:
                        w.times.append(now)
                    return
            await asyncio.sleep(wait)
