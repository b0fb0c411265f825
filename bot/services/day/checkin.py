"""Check-in (routine steps 6-8): starting it, by command or at the window's start, in batches;
the timers that escalate a silent tester or substitute; a substitute's card that could not be
delivered. The answers to the cards are in ``checkin_answer``."""

from __future__ import annotations

import datetime as dt

from bot.domain.audit import AuditKind
from bot.domain.checkin import CheckinState, Decision, Effect, Event, decide
from bot.domain.day import Participant
from bot.domain.windows import Window, WindowState, date_text, hhmm
from bot.i18n import t
from bot.services.alerts import alert_admins
from bot.services.context import Services, Who, reply
from bot.services.day.common import actor_of
from bot.services.day.escalation import CheckinCardKey, Stage, apply_decision, timeout_job
from bot.services.day.refresh import refresh_board
from bot.services.payloads import CheckinBatch, CheckinTimeout, WindowTimer
from bot.services.planning import today
from bot.services.ports import Message, UnitOfWork
from bot.services.templates import current_template
from bot.services.turns import Turn

CHECKIN_BATCH = "checkin_batch"
# Participants asked per transaction: two seconds of Teams' 50 sends per second. The first batch is
# written by the command itself; the worker writes the rest, each batch while the one before it is
# being sent. In one transaction, a thousand cards would wait for the last of them to be written.
CHECKIN_BATCH_SIZE = 100
# What the admin adds to start check-in on another day than the window's.
_CONFIRM = ("bekräfta", "bekrafta", "confirm")


def _start_decision(p: Participant) -> Decision:
    return decide(
        CheckinState.WAITING,
        Event.START,
        has_substitute=p.has_substitute,
        said_cant_in_advance=p.plan_answer == "cant",
    )


async def start_checkin(svc: Services, uow: UnitOfWork, window: Window, actor: str) -> int:
    """Start check-in: the window freezes its template; every test resource (or, for those who
    said in advance they can't, their substitute) gets a check-in card. Returns cards sent.

    The first ``CHECKIN_BATCH_SIZE`` participants are asked in this transaction, the others by
    ``checkin_batch`` jobs it leaves (see ``ask_next_batch``)."""
    now = svc.clock.now()
    template = await current_template(uow)
    await uow.windows.start_checkin(window.id, template.to_dict(), now)
    window = await uow.windows.get(window.id) or window
    sent = 0
    for participant in await uow.participants.of_window(window.id):
        if participant.checkin_state is CheckinState.WAITING:
            effects = _start_decision(participant).effects
            sent += Effect.ASK_TESTER in effects or Effect.ASK_SUBSTITUTE in effects
    await uow.audit.record(now, actor, AuditKind.CHECKIN_STARTED, {"cards": sent}, window.id)
    await ask_next_batch(svc, uow, window.id, actor)
    await refresh_board(svc, uow, window.id)
    return sent


async def ask_next_batch(svc: Services, uow: UnitOfWork, window_id: int, actor: str) -> None:
    """Ask the next participants still waiting for their check-in card; leave a job for the rest.

    Exactly once like any timer: the batch and the job's completion commit together, and a batch
    run twice finds its participants no longer waiting."""
    window = await uow.windows.get(window_id)
    if window is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return  # the day was ended (all-clear) before everyone had their card
    waiting = await uow.participants.waiting(window_id, CHECKIN_BATCH_SIZE + 1)
    for participant in waiting[:CHECKIN_BATCH_SIZE]:
        decision = _start_decision(participant)
        await apply_decision(svc, uow, window, participant, Event.START, decision, actor)
    if len(waiting) > CHECKIN_BATCH_SIZE:
        now = svc.clock.now()
        await uow.jobs.enqueue(
            f"{CHECKIN_BATCH}:{window_id}",
            CHECKIN_BATCH,
            now,
            now,
            CheckinBatch(window_id, actor).to_dict(),
            window_id,
            rerun=True,
        )


async def on_checkin_timeout(svc: Services, uow: UnitOfWork, payload: CheckinTimeout) -> None:
    """A check-in card's time ran out: escalate, unless it was answered meanwhile."""
    window = await uow.windows.get(payload.window)
    p = await uow.participants.get(payload.participant)
    if window is None or p is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return
    event = Event.TESTER_TIMEOUT if payload.stage == Stage.TESTER.value else Event.SUB_TIMEOUT
    decision = decide(p.checkin_state, event, has_substitute=p.has_substitute)
    if decision.ignored:
        return
    await apply_decision(svc, uow, window, p, event, decision, "bot")
    await refresh_board(svc, uow, window.id)


async def on_undeliverable(svc: Services, uow: UnitOfWork, message: Message) -> None:
    """A card could not be delivered. A substitute's check-in card: the area is uncovered now."""
    key = CheckinCardKey.parse(message.key)
    if key is None or key.stage is not Stage.SUB:
        return
    window = await uow.windows.get(key.window_id)
    p = await uow.participants.get(key.participant_id)
    if window is None or p is None:
        return
    decision = decide(p.checkin_state, Event.SUB_UNREACHABLE, has_substitute=p.has_substitute)
    if not decision.ignored:
        await uow.jobs.cancel(svc.clock.now(), timeout_job(window.id, p.id, Stage.SUB))
        await apply_decision(svc, uow, window, p, Event.SUB_UNREACHABLE, decision, "bot")
        await refresh_board(svc, uow, window.id)


async def cmd_start_checkin(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    window = await uow.windows.next_window(today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", lang))
        return
    if window.state is not WindowState.PLANNED:
        await reply(svc, uow, turn, t("checkin.already", lang, date=date_text(window.day, lang)))
        return
    if window.day != today(svc) and args.strip().lower() not in _CONFIRM:
        await reply(svc, uow, turn, t("checkin.not_today", lang, date=date_text(window.day, lang)))
        return
    # Started by hand: the automatic start at the window's time must not start it again.
    await uow.jobs.cancel(svc.clock.now(), prefix=f"window_start:w{window.id}:")
    count = await start_checkin(svc, uow, window, actor_of(who))
    await reply(svc, uow, turn, t("checkin.started", lang, count=count), window_id=window.id)


async def on_window_start(
    svc: Services, uow: UnitOfWork, payload: WindowTimer, due_at: dt.datetime
) -> None:
    """The window's start time: check-in begins, unless the window changed meanwhile."""
    window = await uow.windows.get(payload.window)
    if (
        window is None
        or window.state is not WindowState.PLANNED
        or window.day.isoformat() != payload.day
    ):
        return
    now = svc.clock.now()
    if (now - due_at).total_seconds() > svc.settings.overdue_grace_seconds:
        # Hours late (the bot was down): pinging now as if it were 08:30 would mislead people.
        await uow.audit.record(
            now, "bot", AuditKind.CHECKIN_NOT_STARTED_LATE, {"due": due_at.isoformat()}, window.id
        )
        await alert_admins(
            svc,
            uow,
            f"late_start:{window.id}",
            "checkin.late_start",
            window.id,
            date=date_text(window.day, "sv"),
            time=hhmm(window.start),
        )
        return
    await start_checkin(svc, uow, window, "bot")
