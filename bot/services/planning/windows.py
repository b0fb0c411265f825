"""Service windows: ``nytt fönster`` with its confirmation, ``fönster``,
``flytta fönster`` and ``avboka fönster``, and the next window's line on the me card."""

from __future__ import annotations

import datetime as dt

from bot.domain.audit import AuditKind
from bot.domain.closed_days import holiday_name
from bot.domain.day import Prompt, PromptState
from bot.domain.windows import (
    Window,
    WindowInputError,
    WindowState,
    date_problems,
    date_text,
    hhmm,
    parse_date,
    parse_window_request,
    split_move_args,
    with_confirmation,
)
from bot.i18n import Lang, t
from bot.services.alerts import lang_of
from bot.services.context import Services, Who, reply
from bot.services.messages import message_activity
from bot.services.planning.announce import send_announcement
from bot.services.planning.notices import cancel_jobs, schedule_jobs, schedule_of
from bot.services.planning.shared import notify, testers, today, told_of, window_by_arg
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.windows import confirm_card, notice_state_card, window_card, windows_list_card

MOVE_EXAMPLE = "flytta fönster 3 2026-12-16"
CANCEL_EXAMPLE = "avboka fönster 3"


async def _window_reply(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who, window: Window, created: bool
) -> None:
    count = len(await uow.participants.of_window(window.id))
    await reply(
        svc,
        uow,
        turn,
        card=window_card(window, count, schedule_of(svc, window), who.lang, created=created),
        window_id=window.id,
    )


async def _day_taken(svc: Services, uow: UnitOfWork, turn: Turn, lang: Lang, day: dt.date) -> bool:
    """Whether an open window already has ``day`` (then the admin has been told)."""
    for existing in await uow.windows.all():
        if existing.day == day and existing.state.open:
            await reply(svc, uow, turn, t("window.exists", lang, date=day.isoformat(), id=existing.id))
            return True
    return False


async def create_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    """Create the window the admin wrote, after the checks; a weekend or holiday needs confirming."""
    lang = who.lang
    try:
        request = parse_window_request(args)
    except WindowInputError as exc:
        await reply(svc, uow, turn, str(exc))
        return
    error, warnings = date_problems(request.day, today(svc), holiday_name)
    if error:
        await reply(svc, uow, turn, error)
        return
    if await _day_taken(svc, uow, turn, lang, request.day):
        return
    if warnings and not request.confirmed:
        message = t("window.confirm_needed", lang, warnings=" ".join(warnings))
        await reply(svc, uow, turn, card=confirm_card(message, args, lang))
        return
    now = svc.clock.now()
    actor = who.email or who.user_id
    window = await uow.windows.create(
        request.day, request.start, request.end, svc.settings.timezone, request.case_number, actor, now
    )
    await uow.participants.sync(window.id, await testers(uow), now)
    await schedule_jobs(svc, uow, window)
    detail = {
        "day": window.day.isoformat(),
        "start": hhmm(window.start),
        "end": hhmm(window.end),
        "case": window.case_number,
        "warnings": warnings,
    }
    await uow.audit.record(now, actor, AuditKind.WINDOW_CREATED, detail, window.id)
    await _window_reply(svc, uow, turn, who, window, created=True)


async def cmd_new_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await create_window(svc, uow, turn, who, args)


async def verb_confirm(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    await create_window(svc, uow, turn, who, with_confirmation(str(turn.data.get("args", ""))))
    return TurnResult(message=t("window.created", who.lang))


async def cmd_windows(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    windows = await uow.windows.all()
    if not windows:
        await reply(svc, uow, turn, t("window.none", who.lang))
        return
    rows = [(w, len(await uow.participants.of_window(w.id))) for w in windows[:20]]
    await reply(svc, uow, turn, card=windows_list_card(rows, who.lang))


async def _not_open(svc: Services, uow: UnitOfWork, turn: Turn, lang: Lang, window: Window) -> None:
    await reply(
        svc, uow, turn, t("window.not_planned", lang, id=window.id, state=t(f"state.{window.state}", lang))
    )


async def _new_day(svc: Services, uow: UnitOfWork, turn: Turn, text: str) -> dt.date | None:
    """The date a window is moved to, or None after telling the admin what is wrong with it."""
    try:
        day = parse_date(text)
    except WindowInputError as exc:
        await reply(svc, uow, turn, str(exc))
        return None
    # Unlike a new window, a move is not held for confirmation on a weekend or holiday: only the
    # error (a past date) stops it.
    error, _warnings = date_problems(day, today(svc), holiday_name)
    if error:
        await reply(svc, uow, turn, error)
        return None
    return day


async def cmd_move_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    move = split_move_args(args)
    if move is None:
        await reply(svc, uow, turn, t("window.id_usage", lang, example=MOVE_EXAMPLE))
        return
    window = await window_by_arg(svc, uow, turn, who, move.window, MOVE_EXAMPLE)
    if window is None:
        return
    if window.state is not WindowState.PLANNED:
        await _not_open(svc, uow, turn, lang, window)
        return
    day = await _new_day(svc, uow, turn, move.day)
    if day is None:
        return
    now = svc.clock.now()
    await cancel_jobs(uow, window, now)
    old_day = window.day
    window = await uow.windows.move(window, day, now)
    await schedule_jobs(svc, uow, window)
    told = await told_of(uow, window)
    for prompt in told:
        await _tell_moved(svc, uow, window, prompt, now)
    await uow.audit.record(
        now,
        who.email or who.user_id,
        AuditKind.WINDOW_MOVED,
        {"from": old_day.isoformat(), "to": day.isoformat(), "told": len(told)},
        window.id,
    )
    await reply(
        svc, uow, turn, t("window.moved", lang, id=window.id, date=date_text(day, lang), told=len(told))
    )


async def _tell_moved(
    svc: Services, uow: UnitOfWork, window: Window, prompt: Prompt, now: dt.datetime
) -> None:
    # Everyone told is told again: their answer no longer holds for the new date.
    await uow.prompts.close(prompt.id, PromptState.REPLACED, answered_too=True)
    participant = await uow.participants.get(prompt.participant_id or 0)
    if participant is None:
        return
    await uow.participants.set_plan_answer(participant.id, None, now)
    await send_announcement(svc, uow, window, participant, message_key=prompt.message_key)
    await notify(
        svc,
        uow,
        participant.email,
        f"moved:{window.id}:{window.day.isoformat()}",
        lambda lang: t(
            "window.moved_notice", lang, date=date_text(window.day, lang), time=hhmm(window.start)
        ),
        window.id,
    )


async def cmd_cancel_window(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    window = await window_by_arg(svc, uow, turn, who, args.strip(), CANCEL_EXAMPLE)
    if window is None:
        return
    if not window.state.open:
        await _not_open(svc, uow, turn, lang, window)
        return
    now = svc.clock.now()
    await uow.windows.set_state(window.id, WindowState.CANCELLED, now)
    await cancel_jobs(uow, window, now)
    told = await told_of(uow, window)
    for prompt in told:
        await _tell_cancelled(svc, uow, window, prompt, now)
    await uow.audit.record(
        now, who.email or who.user_id, AuditKind.WINDOW_CANCELLED, {"told": len(told)}, window.id
    )
    await reply(
        svc,
        uow,
        turn,
        t("window.cancelled", lang, id=window.id, date=date_text(window.day, lang), told=len(told)),
    )


async def _tell_cancelled(
    svc: Services, uow: UnitOfWork, window: Window, prompt: Prompt, now: dt.datetime
) -> None:
    # The announcement card itself says so, in place of the question.
    await uow.prompts.close(prompt.id, PromptState.CANCELLED, answered_too=True)
    lang = await lang_of(svc, uow, prompt.recipient_email)
    line = t("window.cancelled_notice", lang, date=date_text(window.day, lang))
    await uow.outbox.put(
        prompt.message_key,
        message_activity(card=notice_state_card(window, line, lang)),
        now,
        purpose="announce",
        recipient_email=prompt.recipient_email,
        window_id=window.id,
    )


async def next_window_line(svc: Services, uow: UnitOfWork, who: Who) -> str | None:
    """The next window in one line, for the me card."""
    window = await uow.windows.next_window(today(svc))
    if window is None:
        return None
    state = t(f"state.{window.state}", who.lang)
    return f"{date_text(window.day, who.lang)} {hhmm(window.start)}–{hhmm(window.end)} ({state})"
