"""``förläng fönster HH:MM``: the update takes longer than planned. The end of today's window
moves, and everyone the day involved, the supplier channel and the managers hear the new time."""

from __future__ import annotations

from bot.domain.audit import AuditKind
from bot.domain.day_end import TimeProblem, clock_time, end_fits
from bot.domain.windows import Window, date_text, hhmm
from bot.i18n import Lang, t
from bot.services.alerts import lang_of
from bot.services.context import Services, Who, reply
from bot.services.day.common import actor_of, digest
from bot.services.day.day_end import day_people, mail_managers, post_to_supplier
from bot.services.messages import message_activity
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn


async def _window_to_extend(svc: Services, uow: UnitOfWork, lang: Lang) -> Window | str:
    """Today's window under way, or why there is none to extend."""
    window = await uow.windows.active(today(svc))
    if window is None or not window.state.under_way:
        return t("extend.none", lang)
    if window.day != today(svc):
        return t("extend.not_today", lang, date=date_text(window.day, lang))
    return window


async def cmd_extend_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    """``förläng fönster HH:MM``"""
    lang = who.lang
    words = args.split()
    end = clock_time(words[0] if len(words) == 1 else args)
    if isinstance(end, TimeProblem):
        key = "extend.usage" if end is TimeProblem.MISSING else "extend.bad_time"
        await reply(svc, uow, turn, t(key, lang, text=args.strip()))
        return
    window = await _window_to_extend(svc, uow, lang)
    if isinstance(window, str):
        await reply(svc, uow, turn, window)
        return
    now = svc.clock.now()
    clock = now.astimezone(svc.settings.zone).time()
    if not end_fits(end, window.start, clock):
        await reply(
            svc, uow, turn, t("extend.too_early", lang, start=hhmm(window.start), now=clock.strftime("%H:%M"))
        )
        return
    if end == window.end:
        await reply(svc, uow, turn, t("extend.same", lang, time=hhmm(end)))
        return
    old = window.end
    window = await uow.windows.set_end(window, end, now)
    told = await _tell(svc, uow, window, hhmm(old))
    detail = {"from": hhmm(old), "to": hhmm(end), "told": told}
    await uow.audit.record(now, actor_of(who), AuditKind.WINDOW_EXTENDED, detail, window.id)
    await reply(
        svc,
        uow,
        turn,
        t("extend.done", lang, date=date_text(window.day, lang), time=hhmm(end), count=told),
        window_id=window.id,
    )


async def _tell(svc: Services, uow: UnitOfWork, window: Window, old: str) -> int:
    """The new end to everyone the day involved, the supplier channel and the managers; keyed by
    the new time, so a second extension is news and the same one again is not."""
    now, new = svc.clock.now(), hhmm(window.end)
    key = f"extend:{window.id}:{new}"
    recipients = await day_people(uow, window)
    for email in sorted(recipients):
        lang = await lang_of(svc, uow, email)
        await uow.outbox.put(
            f"{key}:{digest(email)}",
            message_activity(
                text=t("extend.text", lang, date=date_text(window.day, lang), time=new, old=old)
            ),
            now,
            purpose="notice",
            recipient_email=email,
            window_id=window.id,
        )
    text_sv = t("extend.text", "sv", date=date_text(window.day, "sv"), time=new, old=old)
    await post_to_supplier(svc, uow, window, key, text=text_sv)
    await mail_managers(svc, uow, window, key, t("extend.mail_subject", "sv", time=new), text_sv)
    return len(recipients)
