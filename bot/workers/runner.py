"""The job runner: claims due jobs from the database under a lease and runs their handlers.

One runner per bot process; two replicas on one PostgreSQL share the table safely. It wakes on
a signal after a local commit that enqueued work, and otherwise polls.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.services.ports import Clock, Dead, Done, JobHandler, Outcome, Retry, backoff
from bot.store import jobs as jobstore
from bot.store.jobs import Job, JobState
from bot.store.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
WAKE_GATHER_SECONDS = 0.02


@dataclass(frozen=True)
class Throttled(Retry):
    """Retry because the far end asked us to slow down (429): not a failed try, so it neither
    uses up the job's attempts nor makes it give up."""


class JobRunner:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        handlers: dict[str, JobHandler],
        *,
        poll_seconds: float = 0.5,
        lease_seconds: int = 60,
        concurrency: int = 64,
        worker_id: str | None = None,
        daily: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self.handlers = handlers
        self._poll = poll_seconds
        self._lease = lease_seconds
        self._slots = asyncio.Semaphore(concurrency)
        self._concurrency = concurrency
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._lanes: dict[str, asyncio.Lock] = {}
        self._lane_users: dict[str, int] = {}
        # Called before each claim; it enqueues the day's housekeeping jobs (it checks the date itself).
        self._daily = daily

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._loop(), name="job-runner")

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._running:
            await asyncio.wait(self._running, timeout=10)

    async def _loop(self) -> None:
        while not self._stopping:
            # Cleared before the claim, not after it found nothing: a commit that enqueues work
            # while the claim runs (its snapshot, or its time, from before that commit) must still
            # wake the loop, or its jobs wait for the next poll.
            self._wake.clear()
            try:
                claimed = await self.run_due(wait=False)
            except Exception:
                log.exception("job claim failed")
                claimed = 0
            if claimed == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
                if self._wake.is_set():
                    # Every commit wakes the worker: in a burst of answers, a hundred a second.
                    # Gather them, one claim (a transaction) per WAKE_GATHER_SECONDS, not per commit.
                    await asyncio.sleep(WAKE_GATHER_SECONDS)

    async def run_due(self, *, wait: bool = True) -> int:
        """Claim what is due now (as many as there are free slots) and start it.

        With ``wait`` the call returns when those jobs are done (used by tests with a fake clock).
        """
        if self._daily is not None:
            try:
                await self._daily()
            except Exception:
                log.exception("daily check failed")
        free = self._concurrency - len(self._running)
        if free <= 0:
            await asyncio.wait(self._running, return_when=asyncio.FIRST_COMPLETED)
            return 1
        now = self._clock.now()
        async with self._uow() as uow:
            claimed = await jobstore.claim(uow.conn, now, self.worker_id, free, self._lease)
        tasks = [asyncio.create_task(self._run(job)) for job in claimed]
        for task in tasks:
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        if wait and tasks:
            await asyncio.gather(*tasks)
        return len(claimed)

    async def drain(self, max_rounds: int = 1000) -> int:
        """Run due jobs until none is due (tests). Returns how many ran."""
        total = 0
        for _ in range(max_rounds):
            n = await self.run_due(wait=True)
            if n == 0:
                if self._running:
                    await asyncio.wait(self._running)
                    continue
                return total
            total += n
        return total

    async def _run(self, job: Job) -> None:
        lane = job.payload.get("lane")
        if not isinstance(lane, str):
            await self._run_now(job)
            return
        # Jobs of one lane run one at a time in claim order (asyncio.Lock is first come, first
        # served), so that two replies to one person arrive in the order they were written.
        lock = self._lanes.setdefault(lane, asyncio.Lock())
        self._lane_users[lane] = self._lane_users.get(lane, 0) + 1
        try:
            async with lock:
                await self._run_now(job)
        finally:
            self._lane_users[lane] -= 1
            if self._lane_users[lane] == 0:  # nobody else waits: forget the lane
                del self._lane_users[lane], self._lanes[lane]

    async def _run_now(self, job: Job) -> None:
        handler = self.handlers.get(job.kind)
        try:
            outcome: Outcome = Dead(f"no handler for {job.kind}") if handler is None else await handler(job)
        except Exception as exc:
            log.exception("job %s (%s) failed", job.id, job.kind)
            outcome = Retry(backoff(job.attempts), f"{type(exc).__name__}")
        now = self._clock.now()
        throttled = isinstance(outcome, Throttled)
        async with self._uow() as uow:
            if isinstance(outcome, Retry) and not throttled and job.attempts >= MAX_ATTEMPTS:
                log.warning("job %s (%s) gave up after %d attempts", job.id, job.kind, job.attempts)
                await jobstore.finish(uow.conn, job, JobState.FAILED, now, outcome.error)
            elif isinstance(outcome, Retry):
                await jobstore.retry_later(
                    uow.conn,
                    job,
                    now + dt.timedelta(seconds=outcome.after_seconds),
                    now,
                    outcome.error,
                    counted=not throttled,
                )
            elif isinstance(outcome, Dead):
                await jobstore.finish(uow.conn, job, JobState.DEAD, now, outcome.error)
            elif isinstance(outcome, Done):
                await jobstore.finish(uow.conn, job, JobState.DONE, now)
        if isinstance(outcome, Retry):
            self.wake()
