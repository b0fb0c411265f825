"""When the update fails: the day is aborted (the supplier rolls back, or the admin writes
``avbryt fönster [HH:MM] [orsak]``). The system stays closed or is restored to the previous
version; everyone the day involved, the supplier channel and the managers hear it, with the new
expected time when there is one; nothing of the day runs on, and the window ends *avbrutet*."""

from __future__ import annotations

from bot.domain.audit import AuditKind
from bot.domain.day_end import MAX_REASON, TimeProblem, abort_args
from bot.domain.windows import Window, WindowState, date_text, hhmm
from bot.i18n import Lang, t
from bot.services.alerts import admin_emails, lang_of
from bot.services.context import Services, Who, reply
from bot.services.day.common import actor_of, digest
from bot.services.day.day_end import close_day, day_people, mail_managers, post_to_supplier
from bot.services.day.refresh import refresh_board
from bot.services.messages import message_activity
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn
from cards.allclear import aborted_card


async def abort_window(
    svc: Services, uow: UnitOfWork, window: Window, *, actor: str, reason: str, expected: str | None
) -> int:
    """Abort ``window``'s day; how many people were told. ``expected`` is the local time (HH:MM)
    the system is expected back, if known; ``actor`` who decided (e-mail, else Teams id).

    Only a day under way (check-in or testing) is aborted: for any other window (already aborted,
    done, not started) nothing changes and 0 is returned. The admins hear it, all but the actor,
    whose own answer says so."""
    current = await uow.windows.get(window.id)
    if current is None or not current.state.under_way:
        return 0
    now = svc.clock.now()
    await uow.windows.set_state(current.id, WindowState.ABORTED, now)
    await close_day(uow, current, now)
    recipients = await day_people(uow, current)
    for email in sorted(recipients):
        lang = await lang_of(svc, uow, email)
        await uow.outbox.put(
            f"abort:{current.id}:{digest(email)}",
            message_activity(card=aborted_card(date_text(current.day, lang), expected, reason, lang)),
            now,
            purpose="notice",
            recipient_email=email,
            window_id=current.id,
        )
    sv_card = aborted_card(date_text(current.day, "sv"), expected, reason, "sv")
    await post_to_supplier(svc, uow, current, f"abort:{current.id}", card=sv_card)
    await mail_managers(
        svc,
        uow,
        current,
        f"abort:{current.id}",
        t("abort.mail_subject", "sv"),
        _mail_body(current, expected, reason),
    )
    await _tell_admins(svc, uow, current, actor, len(recipients))
    detail = {"reason": reason, "expected": expected, "told": len(recipients)}
    await uow.audit.record(now, actor, AuditKind.WINDOW_ABORTED, detail, current.id)
    await refresh_board(svc, uow, current.id)
    return len(recipients)


def _mail_body(window: Window, expected: str | None, reason: str) -> str:
    parts = [t("abort.text", "sv", date=date_text(window.day, "sv"))]
    if expected:
        parts.append(t("abort.expected", "sv", time=expected))
    if reason:
        parts.append(t("abort.reason", "sv", reason=reason))
    return "\n\n".join(parts)


async def _tell_admins(svc: Services, uow: UnitOfWork, window: Window, actor: str, told: int) -> None:
    person = await uow.people.get(actor)
    name = person.name if person else actor
    for email in await admin_emails(svc, uow):
        if email == actor:
            continue
        lang = await lang_of(svc, uow, email)
        await uow.outbox.put(
            f"abort:{window.id}:admin:{digest(email)}",
            message_activity(
                text=t("abort.admin", lang, actor=name, date=date_text(window.day, lang), count=told)
            ),
            svc.clock.now(),
            purpose="notice",
            recipient_email=email,
            window_id=window.id,
        )


async def _window_to_abort(svc: Services, uow: UnitOfWork, lang: Lang) -> Window | str:
    """The window under way, or why there is none to abort."""
    window = await uow.windows.active(today(svc))
    if window is not None and window.state.under_way:
        return window
    aborted = [w for w in await uow.windows.all() if w.state is WindowState.ABORTED and w.day == today(svc)]
    if aborted:
        return t("abort.already", lang, date=date_text(aborted[0].day, lang))
    if window is not None and window.state is WindowState.PLANNED:
        return t("abort.not_started", lang, date=date_text(window.day, lang), id=window.id)
    return t("abort.none", lang)


async def cmd_abort_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    """``avbryt fönster [HH:MM] [orsak]``"""
    lang = who.lang
    parsed = abort_args(args)
    if isinstance(parsed, TimeProblem):
        await reply(svc, uow, turn, t("abort.bad_time", lang, text=args.split()[0]))
        return
    if len(parsed.reason) > MAX_REASON:
        await reply(svc, uow, turn, t("abort.reason_too_long", lang, max=MAX_REASON))
        return
    window = await _window_to_abort(svc, uow, lang)
    if isinstance(window, str):
        await reply(svc, uow, turn, window)
        return
    expected = hhmm(parsed.expected) if parsed.expected else None
    count = await abort_window(svc, uow, window, actor=actor_of(who), reason=parsed.reason, expected=expected)
    await reply(
        svc,
        uow,
        turn,
        t("abort.done", lang, date=date_text(window.day, lang), count=count),
        window_id=window.id,
    )
