"""Job handlers of the features: timers of planning and the day, and e-mail.

A timer's effects and the job's completion commit in one transaction (``Finished``), so a timer
acts exactly once even if the process dies right after.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.services import day, mail, planning, privacy
from bot.services.context import Services
from bot.services.ports import Finished, JobHandler, Outcome
from bot.store import jobs as jobstore
from bot.store.jobs import Job, JobState
from bot.store.uow import UnitOfWork


class LeaseLost(RuntimeError):
    """Another worker took the job over; roll back what this one did."""


def _timer(svc: Services, body: Callable[[UnitOfWork, Job], Awaitable[None]]) -> JobHandler:
    async def handle(job: Job) -> Outcome:
        async with svc.uow() as uow:
            await body(uow, job)
            if not await jobstore.finish(uow.conn, job, JobState.DONE, svc.clock.now()):
                raise LeaseLost(job.key)
        return Finished()

    return handle


def handlers(svc: Services) -> dict[str, JobHandler]:
    return {
        planning.NOTICE_JOB: _timer(
            svc, lambda uow, job: planning.run_notice(svc, uow, int(job.payload["window"]))
        ),
        planning.REMINDER_JOB: _timer(
            svc, lambda uow, job: planning.run_reminder(svc, uow, int(job.payload["window"]))
        ),
        planning.START_JOB: _timer(
            svc, lambda uow, job: day.on_window_start(svc, uow, job.payload, job.due_at)
        ),
        day.CHECKIN_TIMEOUT: _timer(svc, lambda uow, job: day.on_checkin_timeout(svc, uow, job.payload)),
        day.CHECKIN_BATCH: _timer(
            svc,
            lambda uow, job: day.ask_next_batch(
                svc, uow, int(job.payload["window"]), str(job.payload.get("actor") or "bot")
            ),
        ),
        day.CHECKLIST_REMINDER: _timer(
            svc, lambda uow, job: day.on_checklist_reminder(svc, uow, job.payload)
        ),
        day.REFRESH: _timer(svc, lambda uow, job: day.on_refresh(svc, uow, int(job.payload["window"]))),
        mail.EMAIL_JOB: mail.email_handler(svc),
        privacy.RETENTION_JOB: _timer(svc, lambda uow, job: _retention(svc, uow)),
    }


async def _retention(svc: Services, uow: UnitOfWork) -> None:
    await privacy.run_retention(uow, svc.clock.now(), svc.settings.zone, svc.settings.retention_days, "bot")
