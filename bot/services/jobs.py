"""Job handlers of the features: timers of planning and the day, and e-mail.

A timer's effects and the job's completion commit in one transaction (``Finished``), so a timer
acts exactly once even if the process dies right after.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.services import day, mail, planning, privacy
from bot.services.context import Services
from bot.services.payloads import CheckinBatch, CheckinTimeout, ChecklistReminder, WindowTimer
from bot.services.ports import Finished, Job, JobHandler, JobState, Outcome, UnitOfWork


class LeaseLost(RuntimeError):
    """Another worker took the job over; roll back what this one did."""


def _timer(svc: Services, body: Callable[[UnitOfWork, Job], Awaitable[None]]) -> JobHandler:
    async def handle(job: Job) -> Outcome:
        async with svc.uow() as uow:
            await body(uow, job)
            if not await uow.jobs.finish(job, JobState.DONE, svc.clock.now()):
                raise LeaseLost(job.key)
        return Finished()

    return handle


def handlers(svc: Services) -> dict[str, JobHandler]:
    """Every timer kind and the function that handles it; each reads its typed payload."""

    def window(job: Job) -> WindowTimer:
        return WindowTimer.of(job)

    return {
        planning.NOTICE_JOB: _timer(svc, lambda uow, job: planning.run_notice(svc, uow, window(job).window)),
        planning.REMINDER_JOB: _timer(
            svc, lambda uow, job: planning.run_reminder(svc, uow, window(job).window)
        ),
        planning.START_JOB: _timer(
            svc, lambda uow, job: day.on_window_start(svc, uow, window(job), job.due_at)
        ),
        day.CHECKIN_TIMEOUT: _timer(
            svc, lambda uow, job: day.on_checkin_timeout(svc, uow, CheckinTimeout.of(job))
        ),
        day.CHECKIN_BATCH: _timer(svc, lambda uow, job: _next_batch(svc, uow, CheckinBatch.of(job))),
        day.CHECKLIST_REMINDER: _timer(
            svc, lambda uow, job: day.on_checklist_reminder(svc, uow, ChecklistReminder.of(job))
        ),
        day.REFRESH: _timer(svc, lambda uow, job: day.on_refresh(svc, uow, window(job).window)),
        mail.EMAIL_JOB: mail.email_handler(svc),
        privacy.RETENTION_JOB: _timer(svc, lambda uow, _job: _retention(svc, uow)),
    }


async def _next_batch(svc: Services, uow: UnitOfWork, batch: CheckinBatch) -> None:
    await day.ask_next_batch(svc, uow, batch.window, batch.actor or "bot")


async def _retention(svc: Services, uow: UnitOfWork) -> None:
    await privacy.run_retention(uow, svc.clock.now(), svc.settings.zone, svc.settings.retention_days, "bot")
