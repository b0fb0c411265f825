"""What the planning modules share: the names of the timers and the supplier channel, the local
date, and the small look-ups and sends every part of planning needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.domain.announcement import told
from bot.domain.day import Prompt, PromptKind
from bot.domain.people import Person, Role
from bot.domain.windows import Window, window_number
from bot.i18n import Lang, t
from bot.services.alerts import lang_of
from bot.services.context import Services, Who, reply
from bot.services.messages import message_activity
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn

# Job kinds of a window's timers. Stored in the jobs table: renaming one orphans pending jobs.
NOTICE_JOB = "notice"
REMINDER_JOB = "plan_reminder"
START_JOB = "window_start"
NOTICE_TEMPLATE_KEY = "notice_template"
# The channel purpose of the supplier's channel (uow.channels), also used by the day.
SUPPLIER = "supplier"


def today(svc: Services) -> dt.date:
    return svc.clock.now().astimezone(svc.settings.zone).date()


async def testers(uow: UnitOfWork) -> list[Person]:
    return [p for p in await uow.people.all() if p.role is Role.TESTER]


async def told_of(uow: UnitOfWork, window: Window) -> list[Prompt]:
    """The announcement cards that count for ``window``."""
    return told(await uow.prompts.find(window.id, kind=PromptKind.ANNOUNCE))


async def window_by_arg(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, arg: str, example: str
) -> Window | None:
    """The window the admin named, or None after telling them why not."""
    number = window_number(arg)
    if number is None:
        await reply(svc, uow, turn, t("window.id_usage", who.lang, example=example))
        return None
    window = await uow.windows.get(number)
    if window is None:
        await reply(svc, uow, turn, t("window.unknown", who.lang, id=arg))
    return window


async def notify(
    svc: Services, uow: UnitOfWork, email: str, key: str, text_for: Callable[[Lang], str], window_id: int
) -> None:
    """A plain message to one person, in their language; ``key`` makes it once only."""
    lang = await lang_of(svc, uow, email)
    await uow.outbox.put(
        f"note:{key}:{email}",
        message_activity(text=text_for(lang)),
        svc.clock.now(),
        purpose="notice",
        recipient_email=email,
        window_id=window_id,
    )
