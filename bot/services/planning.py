"""Planning a service window (routine steps 1-5): create, list, move, cancel, announce, the
answers to the announcement, reminders, the supplier's list and the user notice."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import holidays

from bot.domain.areas import sort_areas
from bot.domain.people import Role, Substitute, normalise_email
from bot.domain.windows import (
    DEFAULT_NOTICE_TEMPLATE,
    Window,
    WindowInputError,
    WindowState,
    date_problems,
    date_text,
    hhmm,
    notice_text,
    parse_date,
    parse_window_request,
)
from bot.i18n import Lang, t
from bot.services import roster
from bot.services.alerts import admin_emails, lang_of
from bot.services.context import Services, Who, reply
from bot.services.messages import message_activity
from bot.services.turns import Turn, TurnResult
from bot.store import jobs as jobstore
from bot.store import outbox, people, records
from bot.store import windows as store
from bot.store.uow import UnitOfWork
from cards.windows import (
    ListRow,
    Schedule,
    announce_card,
    answered_card,
    confirm_card,
    notice_card,
    notice_state_card,
    supplier_list_card,
    window_card,
    windows_list_card,
)

NOTICE_JOB = "notice"
REMINDER_JOB = "plan_reminder"
START_JOB = "window_start"
NOTICE_TEMPLATE_KEY = "notice_template"
SUPPLIER = "supplier"


def _holiday_name(day: dt.date) -> str | None:
    table = holidays.country_holidays("SE", years=[day.year], language="sv")
    name = table.get(day)
    if name:
        return str(name)
    # Days that are not public holidays in law but when Swedish offices are closed.
    if (day.month, day.day) in ((12, 24), (12, 31)):
        return "julafton" if day.month == 12 and day.day == 24 else "nyårsafton"
    midsummer = next((d for d, n in table.items() if str(n).lower().startswith("midsommardagen")), None)
    if midsummer and day == midsummer - dt.timedelta(days=1):
        return "midsommarafton"
    return None


def schedule_of(svc: Services, window: Window) -> Schedule:
    """When the notice and the reminder go out; a day already past means today (they run now)."""
    first = today(svc)
    return Schedule(
        notice_on=max(first, window.day - dt.timedelta(days=svc.settings.user_notice_days)),
        reminder_on=max(first, window.day - dt.timedelta(days=svc.settings.announce_reminder_days)),
    )


def _at_local(svc: Services, day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=svc.settings.zone).astimezone(dt.UTC)


def today(svc: Services) -> dt.date:
    return svc.clock.now().astimezone(svc.settings.zone).date()


async def schedule_jobs(svc: Services, uow: UnitOfWork, window: Window) -> None:
    """The window's timers. Keys carry the date, so moving a window schedules new ones."""
    now = svc.clock.now()
    sched = schedule_of(svc, window)
    tag = f"w{window.id}:{window.day.isoformat()}"
    # A notice or reminder whose day has passed (window planned at short notice) runs now.
    await jobstore.enqueue(
        uow.conn,
        f"{NOTICE_JOB}:{tag}",
        NOTICE_JOB,
        max(now, _at_local(svc, sched.notice_on)),
        now,
        {"window": window.id, "day": window.day.isoformat()},
        window.id,
    )
    await jobstore.enqueue(
        uow.conn,
        f"{REMINDER_JOB}:{tag}",
        REMINDER_JOB,
        max(now, _at_local(svc, sched.reminder_on)),
        now,
        {"window": window.id, "day": window.day.isoformat()},
        window.id,
    )
    await jobstore.enqueue(
        uow.conn,
        f"{START_JOB}:{tag}",
        START_JOB,
        window.starts_at,
        now,
        {"window": window.id, "day": window.day.isoformat()},
        window.id,
    )


async def _testers(uow: UnitOfWork) -> list[Any]:
    return [p for p in await people.all_people(uow.conn) if p.role is Role.TESTER]


async def _window_reply(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, window: Window, created: bool
) -> None:
    count = len(await store.list_participants(uow.conn, window.id))
    await reply(
        svc,
        uow,
        turn,
        card=window_card(window, count, schedule_of(svc, window), who.lang, created=created),
        window_id=window.id,
    )


async def create_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    try:
        request = parse_window_request(args)
    except WindowInputError as exc:
        await reply(svc, uow, turn, str(exc))
        return
    error, warnings = date_problems(request.day, today(svc), _holiday_name)
    if error:
        await reply(svc, uow, turn, error)
        return
    for existing in await store.list_windows(uow.conn):
        if existing.day == request.day and existing.state.open:
            await reply(
                svc, uow, turn, t("window.exists", lang, date=request.day.isoformat(), id=existing.id)
            )
            return
    if warnings and not request.confirmed:
        message = t("window.confirm_needed", lang, warnings=" ".join(warnings))
        await reply(svc, uow, turn, card=confirm_card(message, args, lang))
        return
    now = svc.clock.now()
    window = await store.create_window(
        uow.conn,
        request.day,
        request.start,
        request.end,
        svc.settings.timezone,
        request.case_number,
        who.email or who.user_id,
        now,
    )
    await store.sync_participants(uow.conn, window.id, await _testers(uow), now)
    await schedule_jobs(svc, uow, window)
    await records.record(
        uow.conn,
        now,
        who.email or who.user_id,
        "window.created",
        {
            "day": window.day.isoformat(),
            "start": hhmm(window.start),
            "end": hhmm(window.end),
            "case": window.case_number,
            "warnings": warnings,
        },
        window.id,
    )
    await _window_reply(svc, uow, turn, who, window, created=True)


async def cmd_new_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await create_window(svc, uow, turn, who, args)


async def verb_confirm(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    args = str(turn.data.get("args", ""))
    if not args.lower().endswith(("bekräfta", "confirm")):
        args += " bekräfta"
    await create_window(svc, uow, turn, who, args)
    return TurnResult(message=t("window.created", who.lang))


async def cmd_windows(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    windows = await store.list_windows(uow.conn)
    if not windows:
        await reply(svc, uow, turn, t("window.none", who.lang))
        return
    rows = [(w, len(await store.list_participants(uow.conn, w.id))) for w in windows[:20]]
    await reply(svc, uow, turn, card=windows_list_card(rows, who.lang))


async def _window_by_arg(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, arg: str, example: str
) -> Window | None:
    if not arg.isdigit():
        await reply(svc, uow, turn, t("window.id_usage", who.lang, example=example))
        return None
    window = await store.get_window(uow.conn, int(arg))
    if window is None:
        await reply(svc, uow, turn, t("window.unknown", who.lang, id=arg))
    return window


async def _told(uow: UnitOfWork, window: Window) -> list[store.Prompt]:
    return [
        p for p in await store.find_prompts(uow.conn, window.id, kind="announce") if p.state != "replaced"
    ]


async def cmd_move_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    parts = args.split()
    if len(parts) != 2:
        await reply(svc, uow, turn, t("window.id_usage", lang, example="flytta fönster 3 2026-12-16"))
        return
    window = await _window_by_arg(svc, uow, turn, who, parts[0], "flytta fönster 3 2026-12-16")
    if window is None:
        return
    if window.state is not WindowState.PLANNED:
        await reply(
            svc,
            uow,
            turn,
            t("window.not_planned", lang, id=window.id, state=t(f"state.{window.state}", lang)),
        )
        return
    try:
        day = parse_date(parts[1])
    except WindowInputError as exc:
        await reply(svc, uow, turn, str(exc))
        return
    error, _warnings = date_problems(day, today(svc), _holiday_name)
    if error:
        await reply(svc, uow, turn, error)
        return
    now = svc.clock.now()
    await jobstore.cancel(uow.conn, now, prefix=f"{NOTICE_JOB}:w{window.id}:")
    await jobstore.cancel(uow.conn, now, prefix=f"{REMINDER_JOB}:w{window.id}:")
    await jobstore.cancel(uow.conn, now, prefix=f"{START_JOB}:w{window.id}:")
    old_day = window.day
    window = await store.move_window(uow.conn, window, day, now)
    await schedule_jobs(svc, uow, window)
    told = await _told(uow, window)
    for prompt in told:
        # Everyone told is told again: their answer no longer holds for the new date.
        await store.close_prompt(uow.conn, prompt.id, "replaced", answered_too=True)
        participant = await store.get_participant(uow.conn, prompt.participant_id or 0)
        if participant is not None:
            await store.update_participant(
                uow.conn, participant.id, now, plan_answer=None, plan_answered_at=None
            )
            await _send_announcement(svc, uow, window, participant, message_key=prompt.message_key)
            await _notify(
                svc,
                uow,
                participant.email,
                f"moved:{window.id}:{day.isoformat()}",
                lambda lang: t(
                    "window.moved_notice", lang, date=date_text(window.day, lang), time=hhmm(window.start)
                ),
                window.id,
            )
    await records.record(
        uow.conn,
        now,
        who.email or who.user_id,
        "window.moved",
        {"from": old_day.isoformat(), "to": day.isoformat(), "told": len(told)},
        window.id,
    )
    await reply(
        svc, uow, turn, t("window.moved", lang, id=window.id, date=date_text(day, lang), told=len(told))
    )


async def cmd_cancel_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    window = await _window_by_arg(svc, uow, turn, who, args.strip(), "avboka fönster 3")
    if window is None:
        return
    if not window.state.open:
        await reply(
            svc,
            uow,
            turn,
            t("window.not_planned", lang, id=window.id, state=t(f"state.{window.state}", lang)),
        )
        return
    now = svc.clock.now()
    await store.update_window(uow.conn, window.id, now, state=WindowState.CANCELLED)
    await jobstore.cancel(uow.conn, now, prefix=f"{NOTICE_JOB}:w{window.id}:")
    await jobstore.cancel(uow.conn, now, prefix=f"{REMINDER_JOB}:w{window.id}:")
    await jobstore.cancel(uow.conn, now, prefix=f"{START_JOB}:w{window.id}:")
    told = await _told(uow, window)
    for prompt in told:
        await store.close_prompt(uow.conn, prompt.id, "cancelled", answered_too=True)
        lang_p = await lang_of(svc, uow, prompt.recipient_email)
        await outbox.put(
            uow.conn,
            prompt.message_key,
            message_activity(
                card=notice_state_card(
                    window, t("window.cancelled_notice", lang_p, date=date_text(window.day, lang_p)), lang_p
                )
            ),
            now,
            purpose="announce",
            recipient_email=prompt.recipient_email,
            window_id=window.id,
        )
    await records.record(
        uow.conn, now, who.email or who.user_id, "window.cancelled", {"told": len(told)}, window.id
    )
    await reply(
        svc,
        uow,
        turn,
        t("window.cancelled", lang, id=window.id, date=date_text(window.day, lang), told=len(told)),
    )


async def _notify(
    svc: Services, uow: UnitOfWork, email: str, key: str, text_for: Any, window_id: int
) -> None:
    lang = await lang_of(svc, uow, email)
    await outbox.put(
        uow.conn,
        f"note:{key}:{email}",
        message_activity(text=text_for(lang)),
        svc.clock.now(),
        purpose="notice",
        recipient_email=email,
        window_id=window_id,
    )


async def _send_announcement(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    participant: store.Participant,
    message_key: str | None = None,
) -> None:
    now = svc.clock.now()
    key = message_key or f"announce:{window.id}:{participant.id}"
    prompt = await store.create_prompt(
        uow.conn,
        window.id,
        "announce",
        participant.email,
        key,
        now,
        participant_id=participant.id,
        areas=participant.areas,
    )
    lang = await lang_of(svc, uow, participant.email)
    substitute = (
        (participant.substitute_name or "", participant.substitute_email or "")
        if participant.has_substitute
        else None
    )
    card = announce_card(
        window,
        sort_areas(participant.areas),
        sorted(c.value for c in participant.clients),
        prompt.id,
        substitute,
        lang,
    )
    await outbox.put(
        uow.conn,
        key,
        message_activity(card=card),
        now,
        purpose="announce",
        recipient_email=participant.email,
        window_id=window.id,
    )


async def announce(svc: Services, uow: UnitOfWork, who: Who, window: Window) -> int:
    """Send the announcement card to every test resource not yet told. Idempotent."""
    now = svc.clock.now()
    await store.sync_participants(uow.conn, window.id, await _testers(uow), now)
    told = {p.participant_id for p in await _told(uow, window)}
    count = 0
    for participant in await store.list_participants(uow.conn, window.id):
        if participant.id in told:
            continue
        await _send_announcement(svc, uow, window, participant)
        count += 1
    if not window.announced:
        await store.update_window(uow.conn, window.id, now, announced_at=now)
    await records.record(
        uow.conn, now, who.email or who.user_id, "window.announced", {"new": count}, window.id
    )
    return count


async def cmd_announce(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    window = await (
        store.get_window(uow.conn, int(args))
        if args.strip().isdigit()
        else store.next_window(uow.conn, today(svc))
    )
    if window is None or not window.state.open:
        await reply(svc, uow, turn, t("window.no_next", who.lang))
        return
    if not await _testers(uow):
        await reply(svc, uow, turn, t("window.no_testers", who.lang))
        return
    count = await announce(svc, uow, who, window)
    total = len(await _told(uow, window))
    await reply(
        svc,
        uow,
        turn,
        t(
            "announce.done",
            who.lang,
            count=total if count == 0 else count,
            date=date_text(window.day, who.lang),
        ),
        window_id=window.id,
    )


async def verb_announce(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    window = (
        await store.get_window(uow.conn, int(turn.data.get("window") or 0))
        if str(turn.data.get("window", "")).isdigit()
        else None
    )
    if window is None or not window.state.open:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    count = await announce(svc, uow, who, window)
    total = len(await _told(uow, window))
    return TurnResult(
        message=t(
            "announce.done",
            who.lang,
            count=total if count == 0 else count,
            date=date_text(window.day, who.lang),
        )
    )


# --- answers to the announcement ---------------------------------------------------------------


async def _own_open_prompt(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, kind: str
) -> tuple[store.Prompt, Window] | TurnResult:
    prompt = await store.get_prompt(uow.conn, str(turn.data.get("prompt", "")))
    if prompt is None or prompt.kind != kind:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    if who.email != prompt.recipient_email:
        await records.record(
            uow.conn,
            svc.clock.now(),
            who.email or who.user_id,
            "card.refused",
            {"prompt": prompt.id, "reason": "not_recipient"},
            prompt.window_id,
        )
        return TurnResult(message=t("error.not_yours", who.lang))
    window = await store.get_window(uow.conn, prompt.window_id)
    if (
        window is None
        or window.state is not WindowState.PLANNED
        or prompt.state in ("replaced", "cancelled", "closed")
    ):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return prompt, window


def _at(svc: Services, when: dt.datetime) -> str:
    return when.astimezone(svc.settings.zone).strftime("%Y-%m-%d %H:%M")


async def _answered(
    svc: Services, uow: UnitOfWork, prompt: store.Prompt, window: Window, line: str, lang: Lang, turn: Turn
) -> TurnResult:
    card = answered_card(window, line, lang, change_prompt=prompt.id)
    now = svc.clock.now()
    if turn.invoke:
        await outbox.mark_shown(uow.conn, prompt.message_key, message_activity(card=card), now)
    else:
        await outbox.put(
            uow.conn,
            prompt.message_key,
            message_activity(card=card),
            now,
            purpose="announce",
            recipient_email=prompt.recipient_email,
            window_id=window.id,
        )
    return TurnResult(card=card)


async def verb_coming(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    found = await _own_open_prompt(svc, uow, turn, who, "announce")
    if isinstance(found, TurnResult):
        return found
    prompt, window = found
    now = svc.clock.now()
    when = prompt.answered_at if prompt.answer == {"answer": "coming"} and prompt.answered_at else now
    if prompt.answer != {"answer": "coming"}:
        await store.answer_prompt(uow.conn, prompt.id, {"answer": "coming"}, now)
        await store.update_participant(
            uow.conn, prompt.participant_id or 0, now, plan_answer="coming", plan_answered_at=now
        )
        await records.record(
            uow.conn,
            now,
            prompt.recipient_email,
            "plan.answered",
            {"answer": "coming", "prompt": prompt.id},
            window.id,
        )
    return await _answered(
        svc, uow, prompt, window, t("announce.answered_coming", who.lang, at=_at(svc, when)), who.lang, turn
    )


async def verb_cant(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    found = await _own_open_prompt(svc, uow, turn, who, "announce")
    if isinstance(found, TurnResult):
        return found
    prompt, window = found
    raw_name, raw_email = turn.data.get("sub_name"), turn.data.get("sub_email")
    name = re.sub(r"\s+", " ", raw_name).strip() if isinstance(raw_name, str) else ""
    email = normalise_email(raw_email) if isinstance(raw_email, str) else ""
    error = roster.validate_substitute(prompt.recipient_email, name, email, who.lang)
    if error:
        # The card stays as it is, so the tester can correct the fields.
        return TurnResult(message=error)
    now = svc.clock.now()
    answer = {"answer": "cant", "substitute_name": name, "substitute_email": email}
    when = prompt.answered_at if prompt.answer == answer and prompt.answered_at else now
    if prompt.answer != answer:
        await store.answer_prompt(uow.conn, prompt.id, answer, now)
        await store.update_participant(
            uow.conn, prompt.participant_id or 0, now, plan_answer="cant", plan_answered_at=now
        )
        await records.record(
            uow.conn,
            now,
            prompt.recipient_email,
            "plan.answered",
            {"answer": "cant", "substitute": email, "prompt": prompt.id},
            window.id,
        )
        # Registers (or changes) the tester's substitute, as the routine asks.
        await roster.save_substitute(svc, uow, prompt.recipient_email, Substitute(name, email))
    line = t("announce.answered_cant", who.lang, at=_at(svc, when), name=name, email=email)
    return await _answered(svc, uow, prompt, window, line, who.lang, turn)


async def verb_change(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """Show the question again (the answer stands until a new one is given)."""
    found = await _own_open_prompt(svc, uow, turn, who, "announce")
    if isinstance(found, TurnResult):
        return found
    prompt, window = found
    participant = await store.get_participant(uow.conn, prompt.participant_id or 0)
    if participant is None:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    substitute = (
        (participant.substitute_name or "", participant.substitute_email or "")
        if participant.has_substitute
        else None
    )
    card = announce_card(
        window,
        sort_areas(participant.areas),
        sorted(c.value for c in participant.clients),
        prompt.id,
        substitute,
        who.lang,
    )
    return TurnResult(card=card)


async def on_substitute_changed(
    svc: Services, uow: UnitOfWork, tester_email: str, substitute: Substitute
) -> None:
    """Keep planned windows' participants in step with the roster's substitute."""
    now = svc.clock.now()
    for window in await store.list_windows(uow.conn):
        if window.state is not WindowState.PLANNED:
            continue
        for participant in await store.list_participants(uow.conn, window.id):
            if participant.email == tester_email:
                await store.update_participant(
                    uow.conn,
                    participant.id,
                    now,
                    substitute_name=substitute.name,
                    substitute_email=substitute.email,
                )


# --- reminders and the notice ----------------------------------------------------------------


async def run_reminder(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    window = await store.get_window(uow.conn, window_id)
    if window is None or window.state is not WindowState.PLANNED or not window.announced:
        return
    now = svc.clock.now()
    silent = [p for p in await store.list_participants(uow.conn, window.id) if p.plan_answer is None]
    for participant in silent:
        await _notify(
            svc,
            uow,
            participant.email,
            f"remind:{window.id}:{window.day.isoformat()}",
            lambda lang: t(
                "announce.reminder", lang, date=date_text(window.day, lang), time=hhmm(window.start)
            ),
            window.id,
        )
    await records.record(
        uow.conn, now, "bot", "plan.reminded", {"silent": [p.email for p in silent]}, window.id
    )
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        text = (
            t(
                "announce.silent_admin",
                lang,
                count=len(silent),
                date=date_text(window.day, lang),
                names=", ".join(p.name for p in silent),
            )
            if silent
            else t("announce.all_answered", lang, date=date_text(window.day, lang))
        )
        await outbox.put(
            uow.conn,
            f"silent:{window.id}:{window.day.isoformat()}:{email}",
            message_activity(text=text),
            now,
            purpose="notice",
            recipient_email=email,
            window_id=window.id,
        )


async def notice_template(uow: UnitOfWork) -> str:
    return await records.get_text(uow.conn, NOTICE_TEMPLATE_KEY) or DEFAULT_NOTICE_TEMPLATE


async def cmd_notice_text(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    """Show the user-notice template, or replace it (the routine's example is the default)."""
    from bot.domain.windows import check_notice_template

    window = await store.next_window(uow.conn, today(svc)) or Window(
        0,
        today(svc) + dt.timedelta(days=14),
        dt.time(8, 30),
        dt.time(16, 30),
        svc.settings.timezone,
        None,
        WindowState.PLANNED,
    )
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
    await records.set_text(
        uow.conn, NOTICE_TEMPLATE_KEY, args.strip(), who.email or who.user_id, svc.clock.now()
    )
    await records.record(
        uow.conn,
        svc.clock.now(),
        who.email or who.user_id,
        "notice_template.changed",
        {"template": args.strip()},
    )
    await reply(
        svc, uow, turn, t("notice.template_saved", who.lang, example=notice_text(window, args.strip()))
    )


async def run_notice(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """Remind the admins to publish the system message, with its text; e-mail the managers."""
    from bot.services import mail

    window = await store.get_window(uow.conn, window_id)
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
        if not managers:
            footer = t("notice.no_managers", lang)
        elif mailed:
            footer = t("notice.mailed", lang, count=mailed)
        else:
            footer = t("notice.manual", lang, emails=", ".join(m.email for m in managers))
        await outbox.put(
            uow.conn,
            f"notice:{window.id}:{window.day.isoformat()}:{email}",
            message_activity(card=notice_card(window, text, footer, lang)),
            now,
            purpose="notice",
            recipient_email=email,
            window_id=window.id,
        )
    await records.record(uow.conn, now, "bot", "notice.reminded", {"text": text, "mailed": mailed}, window.id)


# --- the supplier's list and channel ---------------------------------------------------------


async def list_rows(uow: UnitOfWork, window: Window) -> list[ListRow]:
    assigned = await store.assignments(uow.conn, window.id)
    rows: list[ListRow] = []
    for participant in await store.list_participants(uow.conn, window.id):
        for area in participant.areas:
            if area in assigned:
                rows.append(ListRow(area, assigned[area][1], assigned[area][0], None))
            elif participant.covered_by_email and participant.covered_by_email != participant.email:
                rows.append(
                    ListRow(area, participant.covered_by_name, participant.covered_by_email, participant.name)
                )
            elif participant.plan_answer == "cant" and participant.has_substitute:
                rows.append(
                    ListRow(area, participant.substitute_name, participant.substitute_email, participant.name)
                )
            else:
                rows.append(ListRow(area, participant.name, participant.email, None))
    order = {a: i for i, a in enumerate(sort_areas([r.area for r in rows]))}
    return sorted(rows, key=lambda r: (order[r.area], r.name or ""))


async def post_supplier_list(svc: Services, uow: UnitOfWork, who: Who, window: Window) -> str:
    """Post (or update in place) the day's testers in the supplier channel; the reply text."""
    if await records.get_channel(uow.conn, SUPPLIER) is None:
        return t("channel.missing", who.lang)
    now = svc.clock.now()
    key = f"supplierlist:{window.id}"
    existed = await outbox.get(uow.conn, key) is not None
    card = supplier_list_card(window, await list_rows(uow, window), "sv")
    await outbox.put(
        uow.conn,
        key,
        message_activity(card=card),
        now,
        purpose="supplier_list",
        channel_purpose=SUPPLIER,
        window_id=window.id,
    )
    await records.record(
        uow.conn, now, who.email or who.user_id, "supplier_list.posted", {"update": existed}, window.id
    )
    return t("list.updated" if existed else "list.posted", who.lang)


async def cmd_supplier_list(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    window = await store.active_window(uow.conn, today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", who.lang))
        return
    await reply(svc, uow, turn, await post_supplier_list(svc, uow, who, window), window_id=window.id)


async def verb_supplier_list(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    raw = str(turn.data.get("window", ""))
    window = await store.get_window(uow.conn, int(raw)) if raw.isdigit() else None
    if window is None or not window.state.open:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return TurnResult(message=await post_supplier_list(svc, uow, who, window))


async def cmd_supplier_channel(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    if not who.is_admin:
        await records.record(
            uow.conn,
            svc.clock.now(),
            who.email or who.user_id,
            "command.refused",
            {"command": "supplier_channel"},
        )
        await reply(svc, uow, turn, t("channel.only_admin", who.lang))
        return
    now = svc.clock.now()
    await records.set_channel(
        uow.conn,
        SUPPLIER,
        turn.channel_conversation_id,
        turn.service_url,
        turn.tenant_id,
        turn.team_id,
        who.email or who.user_id,
        now,
    )
    await records.record(
        uow.conn, now, who.email or who.user_id, "supplier_channel.set", {"team": turn.team_id}
    )
    await reply(svc, uow, turn, t("channel.set", who.lang))


async def next_window_line(svc: Services, uow: UnitOfWork, who: Who) -> str | None:
    window = await store.next_window(uow.conn, today(svc))
    if window is None:
        return None
    state = t(f"state.{window.state}", who.lang)
    return f"{date_text(window.day, who.lang)} {hhmm(window.start)}–{hhmm(window.end)} ({state})"
