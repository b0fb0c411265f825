"""What the all-clear, the abort and the extension of a day share: who the day involved, closing
its rounds, open cards and timers, a post in the supplier channel, and the managers' e-mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.domain.all_clear import all_clear_recipients
from bot.domain.day import PromptKind, PromptState
from bot.domain.windows import Window
from bot.services import mail
from bot.services.context import Services
from bot.services.day.checkin import CHECKIN_BATCH
from bot.services.day.checklist import reminder_jobs
from bot.services.day.escalation import timeout_jobs
from bot.services.messages import message_activity
from bot.services.planning import SUPPLIER, cancel_jobs
from bot.services.ports import UnitOfWork


async def day_people(uow: UnitOfWork, window: Window) -> set[str]:
    """Every test resource of the day, every substitute asked or standing in, everyone the bot sent
    a card that day and everyone the admin gave areas to (``bot.domain.all_clear``)."""
    return all_clear_recipients(
        await uow.participants.of_window(window.id),
        await uow.prompts.find(window.id),
        await uow.assignments.of_window(window.id),
    )


async def close_day(uow: UnitOfWork, window: Window, now: dt.datetime) -> None:
    """Nothing of the day runs on: its rounds close, its open cards stop taking answers, and no
    timer of it (check-in deadlines and batches, checklist reminders, planning timers) fires."""
    for r in await uow.rounds.of_window(window.id):
        await uow.rounds.close(r.id, now)
    await uow.jobs.cancel(now, f"{CHECKIN_BATCH}:{window.id}", prefix=timeout_jobs(window.id))
    await cancel_jobs(uow, window, now)
    for prompt in await uow.prompts.find(window.id, state=PromptState.OPEN):
        # Only an open checklist still has reminders: answering it in full cancelled them.
        if prompt.kind is PromptKind.CHECKLIST:
            await uow.jobs.cancel(now, prefix=reminder_jobs(prompt.id))
        await uow.prompts.close(prompt.id, PromptState.CLOSED)


async def post_to_supplier(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    key: str,
    *,
    text: str | None = None,
    card: dict[str, Any] | None = None,
) -> bool:
    """One message in the supplier channel (Swedish), if the channel is set; True if it was."""
    if await uow.channels.get(SUPPLIER) is None:
        return False
    await uow.outbox.put(
        f"{key}:channel",
        message_activity(text=text, card=card),
        svc.clock.now(),
        purpose="notice",
        channel_purpose=SUPPLIER,
        window_id=window.id,
    )
    return True


async def mail_managers(
    svc: Services, uow: UnitOfWork, window: Window, key: str, subject: str, body: str
) -> int:
    """The external operations managers by e-mail (Swedish, case number first in the subject),
    when mail is set up; how many were mailed."""
    managers = await mail.managers(uow)
    if not (svc.settings.smtp_enabled and managers):
        return 0
    return await mail.queue(
        svc,
        uow,
        key,
        [m.email for m in managers],
        mail.case_subject(window.case_number, subject),
        body,
        window.id,
    )
