"""A window's timers and what they send: the user notice (routine step 5) to the admins and the
managers, the reminder to test resources who have not answered, and the ``meddelandetext`` command
that shows or replaces the notice's template."""

from __future__ import annotations

import datetime as dt

from bot.domain.audit import AuditKind
from bot.domain.day import Participant
from bot.domain.people import Manager
from bot.domain.reminders import due_at, reminder_applies, silent, timer_dates
from bot.domain.windows import (
    DEFAULT_NOTICE_TEMPLATE,
    Window,
    WindowState,
    check_notice_template,
    date_text,
    example_window,
    hhmm,
    notice_text,
)
from bot.i18n import Lang, t
from bot.services import mail
from bot.services.alerts import admin_emails, lang_of
from bot.services.context import Services, Who, reply
from bot.services.messages import message_activity
from bot.services.payloads import WindowTimer
from bot.services.planning.shared import (
    NOTICE_JOB,
    NOTICE_TEMPLATE_KEY,
    REMINDER_JOB,
    START_JOB,
    notify,
    today,
)
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn
from cards.windows import Schedule, notice_card

_TIMERS = (NOTICE_JOB, REMINDER_JOB, START_JOB)


def schedule_of(svc: Services, window: Window) -> Schedule:
    """When the notice and the reminder go out; a day already past means today (they run now)."""
    dates = timer_dates(
        window.day, today(svc), svc.settings.user_notice_days, svc.settings.announce_reminder_days
    )
    return Schedule(notice_on=dates.notice_on, reminder_on=dates.reminder_on)


async def schedule_jobs(svc: Services, uow: UnitOfWork, window: Window) -> None:
    """The window's timers. Keys carry the date, so moving a window schedules new ones."""
    now = svc.clock.now()
    sched = schedule_of(svc, window)
    tag = f"w{window.id}:{window.day.isoformat()}"
    payload = WindowTimer(window.id, window.day.isoformat()).to_dict()
    # A notice or reminder whose day has passed (window planned at short notice) runs now.
    due = {
        NOTICE_JOB: due_at(sched.notice_on, svc.settings.zone, now),
        REMINDER_JOB: due_at(sched.reminder_on, svc.settings.zone, now),
        START_JOB: window.starts_at,
    }
    for kind in _TIMERS:
        await uow.jobs.enqueue(f"{kind}:{tag}", kind, due[kind], now, dict(payload), window.id)


async def cancel_jobs(uow: UnitOfWork, window: Window, now: dt.datetime) -> None:
    """Cancel the window's pending timers, whatever date they were set for."""
    for kind in _TIMERS:
        await uow.jobs.cancel(now, prefix=f"{kind}:w{window.id}:")


# --- the reminder --------------------------------------------------------------------------------


async def run_reminder(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """Remind the silent test resources, and tell the admins who is still silent."""
    window = await uow.windows.get(window_id)
    if window is None or not reminder_applies(window):
        return
    now = svc.clock.now()
    quiet = silent(await uow.participants.of_window(window.id))
    for participant in quiet:
        await notify(
            svc,
            uow,
            participant.email,
            f"remind:{window.id}:{window.day.isoformat()}",
            lambda lang: t(
                "announce.reminder", lang, date=date_text(window.day, lang), time=hhmm(window.start)
            ),
            window.id,
        )
    await uow.audit.record(
        now, "bot", AuditKind.PLAN_REMINDED, {"silent": [p.email for p in quiet]}, window.id
    )
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        await uow.outbox.put(
            f"silent:{window.id}:{window.day.isoformat()}:{email}",
            message_activity(text=_silent_text(window, quiet, lang)),
            now,
            purpose="notice",
            recipient_email=email,
            window_id=window.id,
        )


def _silent_text(window: Window, quiet: list[Participant], lang: Lang) -> str:
    if not quiet:
        return t("announce.all_answered", lang, date=date_text(window.day, lang))
    return t(
        "announce.silent_admin",
        lang,
        count=len(quiet),
        date=date_text(window.day, lang),
        names=", ".join(p.name for p in quiet),
    )


# --- the user notice -----------------------------------------------------------------------------


async def notice_template(uow: UnitOfWork) -> str:
    return await uow.texts.get(NOTICE_TEMPLATE_KEY) or DEFAULT_NOTICE_TEMPLATE


async def cmd_notice_text(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    """Show the user-notice template, or replace it (the routine's example is the default)."""
    first = today(svc)
    window = await uow.windows.next_window(first) or example_window(first, svc.settings.timezone)
    if not args.strip():
        template = await notice_template(uow)
        await reply(
            svc,
            uow,
            turn,
            t("notice.template_current", who.lang, template=template, example=notice_text(window, template)),
        )
        return
    error = check_notice_template(args)
    if error:
        await reply(svc, uow, turn, error)
        return
    await uow.texts.set(NOTICE_TEMPLATE_KEY, args.strip(), who.email or who.user_id, svc.clock.now())
    await uow.audit.record(
        svc.clock.now(),
        who.email or who.user_id,
        AuditKind.NOTICE_TEMPLATE_CHANGED,
        {"template": args.strip()},
    )
    await reply(
        svc, uow, turn, t("notice.template_saved", who.lang, example=notice_text(window, args.strip()))
    )


async def run_notice(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """Remind the admins to publish the system message, with its text; e-mail the managers."""
    window = await uow.windows.get(window_id)
    if window is None or window.state is not WindowState.PLANNED:
        return
    now = svc.clock.now()
    text = notice_text(window, await notice_template(uow))
    managers = await mail.managers(uow)
    mailed = 0
    if svc.settings.smtp_enabled and managers:
        mailed = await mail.queue(
            svc,
            uow,
            f"notice:{window.id}:{window.day.isoformat()}",
            [m.email for m in managers],
            t("notice.subject", "sv", date=date_text(window.day, "sv")),
            text,
            window.id,
        )
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        footer = _notice_footer(managers, mailed, lang)
        await uow.outbox.put(
            f"notice:{window.id}:{window.day.isoformat()}:{email}",
            message_activity(card=notice_card(window, text, footer, lang)),
            now,
            purpose="notice",
            recipient_email=email,
            window_id=window.id,
        )
    await uow.audit.record(now, "bot", AuditKind.NOTICE_REMINDED, {"text": text, "mailed": mailed}, window.id)


def _notice_footer(managers: list[Manager], mailed: int, lang: Lang) -> str:
    """What the admin is told about the managers' copy of the notice."""
    if not managers:
        return t("notice.no_managers", lang)
    if mailed:
        return t("notice.mailed", lang, count=mailed)
    return t("notice.manual", lang, emails=", ".join(m.email for m in managers))
