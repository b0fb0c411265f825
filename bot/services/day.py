"""The day of the window (routine steps 6-13): check-in and escalation, test rounds with
checklists, the live status board, summaries for the supplier, re-tests and the all-clear.

Every handler changes state and writes the messages and timers it causes in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.domain.areas import AREAS, area_name, sort_areas
from bot.domain.checkin import CheckinState, Decision, Effect, Event, decide
from bot.domain.people import Client, Person
from bot.domain.rounds import AreaSummary, CaseResult, Outcome, RoundKind, RoundSummary, parse_outcome
from bot.domain.template import Template, parse_template
from bot.domain.windows import Window, WindowState, date_text, hhmm
from bot.i18n import Lang, t
from bot.services import mail
from bot.services.alerts import admin_emails, alert_admins, lang_of
from bot.services.context import Services, Who, reply
from bot.services.messages import message_activity
from bot.services.planning import SUPPLIER, today
from bot.services.templates import current_template, load_default_template
from bot.services.turns import Turn, TurnResult
from bot.store import jobs as jobstore
from bot.store import outbox, people, records
from bot.store import windows as store
from bot.store.uow import UnitOfWork
from cards.day import (
    BoardRow,
    BoardView,
    ChecklistItem,
    all_clear_card,
    assign_card,
    board_card,
    checkin_card,
    checklist_card,
    closed_card,
    handback_card,
    summary_card,
)

CHECKIN_TIMEOUT = "checkin_timeout"
CHECKLIST_REMINDER = "checklist_reminder"


def _h(value: str) -> str:
    # Keys end up in job rows an operator may read; no e-mail addresses in them.
    return hashlib.sha256(value.encode()).hexdigest()[:12]


def _local(svc: Services, when: dt.datetime) -> str:
    return when.astimezone(svc.settings.zone).strftime("%H:%M")


def _actor(who: Who) -> str:
    return who.email or who.user_id


async def _template(uow: UnitOfWork, window: Window) -> Template:
    frozen = await store.window_template(uow.conn, window.id)
    return parse_template(frozen) if frozen else load_default_template()


# --- check-in ---------------------------------------------------------------------------------


def _checkin_key(window_id: int, participant_id: int, stage: str) -> str:
    return f"checkin:{window_id}:{participant_id}:{stage}"


CHECKIN_BATCH = "checkin_batch"
# Participants asked per transaction: two seconds of Teams' 50 sends per second. The first batch is
# written by the command itself; the worker writes the rest, each batch while the one before it is
# being sent. In one transaction, a thousand cards would wait for the last of them to be written.
CHECKIN_BATCH_SIZE = 100


def _start_decision(p: store.Participant) -> Decision:
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
    template = await current_template(uow.conn)
    await store.update_window(
        uow.conn, window.id, now, state=WindowState.CHECKIN, template=template.to_dict()
    )
    window = await store.get_window(uow.conn, window.id) or window
    sent = 0
    for participant in await store.list_participants(uow.conn, window.id):
        if participant.checkin_state is CheckinState.WAITING:
            effects = _start_decision(participant).effects
            sent += Effect.ASK_TESTER in effects or Effect.ASK_SUBSTITUTE in effects
    await records.record(uow.conn, now, actor, "checkin.started", {"cards": sent}, window.id)
    await ask_next_batch(svc, uow, window.id, actor)
    await refresh_board(svc, uow, window.id)
    return sent


async def ask_next_batch(svc: Services, uow: UnitOfWork, window_id: int, actor: str) -> None:
    """Ask the next participants still waiting for their check-in card; leave a job for the rest.

    Exactly once like any timer: the batch and the job's completion commit together, and a batch
    run twice finds its participants no longer waiting."""
    window = await store.get_window(uow.conn, window_id)
    if window is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return  # the day was ended (all-clear) before everyone had their card
    waiting = await store.waiting_participants(uow.conn, window_id, CHECKIN_BATCH_SIZE + 1)
    for participant in waiting[:CHECKIN_BATCH_SIZE]:
        await _apply(svc, uow, window, participant, Event.START, _start_decision(participant), actor)
    if len(waiting) > CHECKIN_BATCH_SIZE:
        now = svc.clock.now()
        await jobstore.enqueue(
            uow.conn,
            f"{CHECKIN_BATCH}:{window_id}",
            CHECKIN_BATCH,
            now,
            now,
            {"window": window_id, "actor": actor},
            window_id,
            rerun=True,
        )


async def _apply(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    p: store.Participant,
    event: Event,
    decision: Decision,
    actor: str,
    prompt_id: str | None = None,
) -> None:
    now = svc.clock.now()
    values: dict[str, Any] = {"checkin_state": decision.state}
    if decision.state is CheckinState.PRESENT:
        values.update(covered_by_email=p.email, covered_by_name=p.name)
    elif decision.state is CheckinState.SUB_PRESENT:
        values.update(covered_by_email=p.substitute_email, covered_by_name=p.substitute_name)
    elif decision.state is CheckinState.UNCOVERED:
        values.update(covered_by_email=None, covered_by_name=None)
    await store.update_participant(uow.conn, p.id, now, **values)
    await records.record(
        uow.conn,
        now,
        actor,
        f"checkin.{event.value}",
        # An answer names the card it came through (the report's "via which card").
        {
            "participant": p.email,
            "state": decision.state.value,
            **({"prompt": prompt_id} if prompt_id else {}),
        },
        window.id,
    )
    timeout = dt.timedelta(seconds=svc.settings.checkin_timeout_seconds)
    for effect in decision.effects:
        if effect is Effect.ASK_TESTER:
            await _ask(svc, uow, window, p, "tester", p.email, now + timeout)
        elif effect is Effect.ASK_SUBSTITUTE:
            assert p.substitute_email is not None
            await _ask(svc, uow, window, p, "sub", p.substitute_email, now + timeout)
        elif effect is Effect.CLOSE_TESTER_CARD:
            await _close_card(svc, uow, window, p, "tester", p.email)
        elif effect is Effect.CLOSE_SUBSTITUTE_CARD:
            await _close_card(svc, uow, window, p, "sub", p.substitute_email or "")
        elif effect is Effect.ALERT_UNCOVERED:
            await _alert_uncovered(svc, uow, window, p)


async def _ask(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    p: store.Participant,
    stage: str,
    email: str,
    deadline: dt.datetime,
) -> None:
    now = svc.clock.now()
    key = _checkin_key(window.id, p.id, stage)
    prompt = await store.create_prompt(
        uow.conn,
        window.id,
        "checkin" if stage == "tester" else "checkin_sub",
        email,
        key,
        now,
        participant_id=p.id,
        areas=p.areas,
    )
    lang = await lang_of(svc, uow, email)
    card = checkin_card(
        date_text(window.day, lang),
        prompt.id,
        sort_areas(p.areas),
        _local(svc, deadline),
        lang,
        for_tester=p.name if stage == "sub" else None,
        has_substitute=p.has_substitute,
    )
    await outbox.put(
        uow.conn,
        key,
        message_activity(card=card),
        now,
        purpose=f"checkin_{stage}",
        recipient_email=email,
        window_id=window.id,
    )
    await jobstore.enqueue(
        uow.conn,
        f"{CHECKIN_TIMEOUT}:{window.id}:{p.id}:{stage}",
        CHECKIN_TIMEOUT,
        deadline,
        now,
        {"window": window.id, "participant": p.id, "stage": stage, "prompt": prompt.id},
        window.id,
    )


async def _close_card(
    svc: Services, uow: UnitOfWork, window: Window, p: store.Participant, stage: str, email: str
) -> None:
    now = svc.clock.now()
    for prompt in await store.find_prompts(
        uow.conn,
        window.id,
        participant_id=p.id,
        kind="checkin" if stage == "tester" else "checkin_sub",
        state="open",
    ):
        await store.close_prompt(uow.conn, prompt.id, "expired")
        lang = await lang_of(svc, uow, email)
        if stage == "tester" and p.has_substitute:
            line = t("checkin.timed_out", lang, time=_local(svc, now), name=p.substitute_name)
        else:
            line = t("checkin.timed_out_admin", lang, time=_local(svc, now))
        card = closed_card(t("checkin.title", lang, date=date_text(window.day, lang)), line, good=False)
        await outbox.put(
            uow.conn,
            prompt.message_key,
            message_activity(card=card),
            now,
            purpose=f"checkin_{stage}",
            recipient_email=email,
            window_id=window.id,
        )


async def _alert_uncovered(svc: Services, uow: UnitOfWork, window: Window, p: store.Participant) -> None:
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    choices = [(x.name, x.email) for x in await people.all_people(uow.conn) if x.email != p.email]

    def card_for(text: str, lang: Lang) -> dict[str, Any]:
        return assign_card(text, window.id, p.id, choices, lang)

    first_area = sort_areas(p.areas)[0] if p.areas else "ifo"
    if p.has_substitute:
        await alert_admins(
            svc,
            uow,
            f"uncovered:{window.id}:{p.id}",
            "checkin.uncovered",
            window.id,
            card_for=card_for,
            areas=areas,
            tester=f"{p.name} ({p.email})",
            substitute=f"{p.substitute_name} ({p.substitute_email})",
            area=first_area,
        )
    else:
        await alert_admins(
            svc,
            uow,
            f"uncovered:{window.id}:{p.id}",
            "checkin.uncovered_no_sub",
            window.id,
            card_for=card_for,
            areas=areas,
            tester=f"{p.name} ({p.email})",
            area=first_area,
        )


async def _checkin_prompt(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who
) -> tuple[store.Prompt, store.Participant, Window] | TurnResult:
    prompt = await store.get_prompt(uow.conn, str(turn.data.get("prompt", "")))
    if prompt is None or prompt.kind not in ("checkin", "checkin_sub"):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    if who.email != prompt.recipient_email:
        await records.record(
            uow.conn,
            svc.clock.now(),
            _actor(who),
            "card.refused",
            {"prompt": prompt.id, "reason": "not_recipient"},
            prompt.window_id,
        )
        return TurnResult(message=t("error.not_yours", who.lang))
    window = await store.get_window(uow.conn, prompt.window_id)
    participant = await store.get_participant(uow.conn, prompt.participant_id or 0)
    if (
        window is None
        or participant is None
        or window.state not in (WindowState.CHECKIN, WindowState.TESTING)
    ):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return prompt, participant, window


async def _answer_checkin(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, here: bool) -> TurnResult:
    found = await _checkin_prompt(svc, uow, turn, who)
    if isinstance(found, TurnResult):
        return found
    prompt, p, window = found
    lang, now = who.lang, svc.clock.now()
    answer = {"answer": "here" if here else "cant"}
    if prompt.state == "answered":
        # A second click (or Teams resending the invoke): same answer, same card, no new effect.
        if prompt.answer == answer:
            return TurnResult(card=await _answered_checkin_card(svc, uow, prompt, p, window, lang))
        return TurnResult(message=t("error.no_longer_open", lang))
    tester_stage = prompt.kind == "checkin"
    if prompt.state == "expired" and tester_stage and here:
        return await _late_answer(svc, uow, prompt, p, window, who)
    if prompt.state != "open":
        return TurnResult(message=t("error.no_longer_open", lang))
    event = (
        (Event.TESTER_HERE if here else Event.TESTER_CANT)
        if tester_stage
        else (Event.SUB_HERE if here else Event.SUB_CANT)
    )
    decision = decide(p.checkin_state, event, has_substitute=p.has_substitute)
    if decision.ignored:
        return TurnResult(message=t("error.no_longer_open", lang))
    await store.answer_prompt(uow.conn, prompt.id, answer, now)
    await jobstore.cancel(
        uow.conn, now, f"{CHECKIN_TIMEOUT}:{window.id}:{p.id}:{'tester' if tester_stage else 'sub'}"
    )
    await _apply(svc, uow, window, p, event, decision, _actor(who), prompt.id)
    # As answer_prompt left it (read back, it would be one more query in every click).
    prompt = replace(prompt, state="answered", answer=answer, answered_at=now)
    card = await _answered_checkin_card(svc, uow, prompt, p, window, lang)
    await _show(svc, uow, turn, prompt, card)
    await refresh_board(svc, uow, window.id)
    return TurnResult(card=card)


async def _answered_checkin_card(
    svc: Services, uow: UnitOfWork, prompt: store.Prompt, p: store.Participant, window: Window, lang: Lang
) -> dict[str, Any]:
    at = _local(svc, prompt.answered_at or svc.clock.now())
    heading = t("checkin.title", lang, date=date_text(window.day, lang))
    if (prompt.answer or {}).get("answer") == "here":
        return closed_card(heading, t("checkin.answered_here", lang, at=at))
    if prompt.kind == "checkin" and p.has_substitute:
        nxt = t("checkin.sub_asked", lang, name=p.substitute_name)
    else:
        nxt = t("checkin.no_sub", lang)
    return closed_card(heading, t("checkin.answered_cant", lang, at=at, next=nxt), good=False)


async def _show(
    svc: Services, uow: UnitOfWork, turn: Turn, prompt: store.Prompt, card: dict[str, Any]
) -> None:
    """Record the card the clicker now sees: in an invoke, Teams shows it from our response;
    for Action.Submit the outbox updates the message."""
    now = svc.clock.now()
    if turn.invoke:
        await outbox.mark_shown(uow.conn, prompt.message_key, message_activity(card=card), now)
    else:
        existing = await outbox.get(uow.conn, prompt.message_key)
        await outbox.put(
            uow.conn,
            prompt.message_key,
            message_activity(card=card),
            now,
            purpose=existing.purpose if existing else "card",
            recipient_email=prompt.recipient_email,
            window_id=prompt.window_id,
        )


async def _late_answer(
    svc: Services, uow: UnitOfWork, prompt: store.Prompt, p: store.Participant, window: Window, who: Who
) -> TurnResult:
    now = svc.clock.now()
    standing_in = p.covered_by_name or p.substitute_name or t("board.nobody", who.lang)
    await records.record(
        uow.conn,
        now,
        _actor(who),
        "checkin.late_answer",
        {"participant": p.email, "prompt": prompt.id},
        window.id,
    )
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        message = t("checkin.late_admin", lang, tester=p.name, name=standing_in, areas=areas)
        await outbox.put(
            uow.conn,
            f"late:{window.id}:{p.id}:{_h(email)}",
            message_activity(card=handback_card(message, p.id, p.name, lang)),
            now,
            purpose="alert",
            recipient_email=email,
            window_id=window.id,
        )
    heading = t("checkin.title", who.lang, date=date_text(window.day, who.lang))
    return TurnResult(card=closed_card(heading, t("checkin.late", who.lang, name=standing_in), good=False))


async def verb_checkin_here(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await _answer_checkin(svc, uow, turn, who, here=True)


async def verb_checkin_cant(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await _answer_checkin(svc, uow, turn, who, here=False)


async def on_checkin_timeout(svc: Services, uow: UnitOfWork, payload: dict[str, Any]) -> None:
    window = await store.get_window(uow.conn, int(payload["window"]))
    p = await store.get_participant(uow.conn, int(payload["participant"]))
    if window is None or p is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return
    event = Event.TESTER_TIMEOUT if payload["stage"] == "tester" else Event.SUB_TIMEOUT
    decision = decide(p.checkin_state, event, has_substitute=p.has_substitute)
    if decision.ignored:
        return
    await _apply(svc, uow, window, p, event, decision, "bot")
    await refresh_board(svc, uow, window.id)


async def on_undeliverable(svc: Services, uow: UnitOfWork, message: outbox.Message) -> None:
    """A card could not be delivered. A substitute's check-in card: the area is uncovered now."""
    parts = message.key.split(":")
    if len(parts) != 4 or parts[0] != "checkin" or parts[3] != "sub":
        return
    window = await store.get_window(uow.conn, int(parts[1]))
    p = await store.get_participant(uow.conn, int(parts[2]))
    if window is None or p is None:
        return
    decision = decide(p.checkin_state, Event.SUB_UNREACHABLE, has_substitute=p.has_substitute)
    if not decision.ignored:
        await jobstore.cancel(uow.conn, svc.clock.now(), f"{CHECKIN_TIMEOUT}:{window.id}:{p.id}:sub")
        await _apply(svc, uow, window, p, Event.SUB_UNREACHABLE, decision, "bot")
        await refresh_board(svc, uow, window.id)


async def cmd_start_checkin(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    window = await store.next_window(uow.conn, today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", lang))
        return
    if window.state is not WindowState.PLANNED:
        await reply(svc, uow, turn, t("checkin.already", lang, date=date_text(window.day, lang)))
        return
    if window.day != today(svc) and args.strip().lower() not in ("bekräfta", "bekrafta", "confirm"):
        await reply(svc, uow, turn, t("checkin.not_today", lang, date=date_text(window.day, lang)))
        return
    await jobstore.cancel(uow.conn, svc.clock.now(), prefix=f"window_start:w{window.id}:")
    count = await start_checkin(svc, uow, window, _actor(who))
    await reply(svc, uow, turn, t("checkin.started", lang, count=count), window_id=window.id)


async def on_window_start(
    svc: Services, uow: UnitOfWork, payload: dict[str, Any], due_at: dt.datetime
) -> None:
    window = await store.get_window(uow.conn, int(payload["window"]))
    if (
        window is None
        or window.state is not WindowState.PLANNED
        or window.day.isoformat() != payload.get("day")
    ):
        return
    now = svc.clock.now()
    if (now - due_at).total_seconds() > svc.settings.overdue_grace_seconds:
        # Hours late (the bot was down): pinging now as if it were 08:30 would mislead people.
        await records.record(
            uow.conn, now, "bot", "checkin.not_started_late", {"due": due_at.isoformat()}, window.id
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


# --- assignment and hand-back -----------------------------------------------------------------


async def assign(
    svc: Services, uow: UnitOfWork, window: Window, areas: Sequence[str], person: Person, actor: str
) -> None:
    """Give areas to someone on the roster for the rest of the day (the admin's decision)."""
    now = svc.clock.now()
    for area in areas:
        await store.assign_area(uow.conn, window.id, area, person.email, person.name, actor, now)
        detail = {"area": area, "to": person.email}
        await records.record(uow.conn, now, actor, "area.assigned", detail, window.id)
    assigned = await store.assignments(uow.conn, window.id)
    for p in await store.list_participants(uow.conn, window.id):
        # A person nobody covers is covered again once every one of their areas has someone.
        if p.checkin_state is CheckinState.UNCOVERED and all(a in assigned for a in p.areas):
            await store.update_participant(
                uow.conn,
                p.id,
                now,
                checkin_state=CheckinState.ASSIGNED,
                covered_by_email=person.email,
                covered_by_name=person.name,
            )
    lang_p = await lang_of(svc, uow, person.email)
    names = ", ".join(area_name(a) for a in sort_areas(list(areas)))
    await outbox.put(
        uow.conn,
        f"assigned:{window.id}:{','.join(sorted(areas))}:{_h(person.email)}",
        message_activity(text=t("assign.told", lang_p, area=names)),
        now,
        purpose="notice",
        recipient_email=person.email,
        window_id=window.id,
    )
    await refresh_board(svc, uow, window.id)


async def cmd_assign(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    parts = args.split()
    areas_list = ", ".join(AREAS)
    if len(parts) != 2:
        await reply(svc, uow, turn, t("assign.usage", lang, areas=areas_list))
        return
    area, email = parts[0].lower(), parts[1].lower().strip("<>")
    if area not in AREAS:
        await reply(svc, uow, turn, t("assign.unknown_area", lang, area=area, areas=areas_list))
        return
    person = await people.get(uow.conn, email)
    if person is None:
        await reply(svc, uow, turn, t("assign.not_on_roster", lang, email=email))
        return
    window = await store.active_window(uow.conn, today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", lang))
        return
    await assign(svc, uow, window, [area], person, _actor(who))
    done = t("assign.done", lang, area=area_name(area), name=person.name)
    await reply(svc, uow, turn, done, window_id=window.id)


async def verb_assign(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    raw_p, email = str(turn.data.get("participant", "")), turn.data.get("person")
    p = await store.get_participant(uow.conn, int(raw_p)) if raw_p.isdigit() else None
    window = await store.get_window(uow.conn, p.window_id) if p else None
    if p is None or window is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    person = await people.get(uow.conn, email) if isinstance(email, str) else None
    if person is None:
        return TurnResult(message=t("error.bad_choice", who.lang))
    await assign(svc, uow, window, sort_areas(p.areas), person, _actor(who))
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    return TurnResult(
        card=closed_card(
            t("assign.button", who.lang), t("assign.done", who.lang, area=areas, name=person.name)
        )
    )


async def verb_handback(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    raw = str(turn.data.get("participant", ""))
    p = await store.get_participant(uow.conn, int(raw)) if raw.isdigit() else None
    window = await store.get_window(uow.conn, p.window_id) if p else None
    if p is None or window is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    now = svc.clock.now()
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    if p.covered_by_email != p.email:
        await store.update_participant(
            uow.conn,
            p.id,
            now,
            checkin_state=CheckinState.PRESENT,
            covered_by_email=p.email,
            covered_by_name=p.name,
        )
        for area in p.areas:
            await store.unassign_area(uow.conn, window.id, area)
        await jobstore.cancel(uow.conn, now, f"{CHECKIN_TIMEOUT}:{window.id}:{p.id}:sub")
        for prompt in await store.find_prompts(
            uow.conn, window.id, participant_id=p.id, kind="checkin_sub", state="open"
        ):
            await store.close_prompt(uow.conn, prompt.id, "expired")
        await records.record(uow.conn, now, _actor(who), "area.handed_back", {"to": p.email}, window.id)
        lang_p = await lang_of(svc, uow, p.email)
        await outbox.put(
            uow.conn,
            f"handback:{window.id}:{p.id}",
            message_activity(text=t("checkin.handed_back_tester", lang_p)),
            now,
            purpose="notice",
            recipient_email=p.email,
            window_id=window.id,
        )
        await refresh_board(svc, uow, window.id)
    return TurnResult(
        card=closed_card(
            t("checkin.handback", who.lang, name=p.name),
            t("checkin.handed_back", who.lang, areas=areas, name=p.name),
        )
    )


# --- rounds -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cover:
    """Who tests which areas of the day, and through which clients."""

    email: str
    name: str
    areas: frozenset[str]
    clients: frozenset[Client]


async def coverage(uow: UnitOfWork, window_id: int) -> list[Cover]:
    assigned = await store.assignments(uow.conn, window_id)
    by_person: dict[str, tuple[str, set[str], set[Client]]] = {}
    for p in await store.list_participants(uow.conn, window_id):
        for area in p.areas:
            if area in assigned:
                email, name = assigned[area]
            elif p.checkin_state.covered and p.covered_by_email:
                email, name = p.covered_by_email, p.covered_by_name or p.covered_by_email
            else:
                continue
            entry = by_person.setdefault(email, (name, set(), set()))
            entry[1].add(area)
            entry[2].update(p.clients)
    return [Cover(e, n, frozenset(a), frozenset(c)) for e, (n, a, c) in by_person.items()]


def round_name(r: store.Round, lang: Lang) -> str:
    client = t(f"round.{r.client}", lang)
    key = "round.retest_name" if r.kind == RoundKind.RETEST.value else "round.name"
    return t(key, lang, seq=r.seq, client=client)


async def _send_checklist(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    r: store.Round,
    email: str,
    areas: frozenset[str],
    case_ids: list[str],
    template: Template,
) -> None:
    now = svc.clock.now()
    key = f"checklist:{r.id}:{_h(email)}"
    prompt = await store.create_prompt(
        uow.conn, window.id, "checklist", email, key, now, round_id=r.id, areas=areas, case_ids=case_ids
    )
    lang = await lang_of(svc, uow, email)
    card = await _checklist_card(svc, uow, prompt, r, template, lang)
    await outbox.put(
        uow.conn,
        key,
        message_activity(card=card),
        now,
        purpose="checklist",
        recipient_email=email,
        window_id=window.id,
    )
    delay = dt.timedelta(seconds=svc.settings.checklist_reminder_seconds)
    await jobstore.enqueue(
        uow.conn,
        f"{CHECKLIST_REMINDER}:{prompt.id}:1",
        CHECKLIST_REMINDER,
        now + delay,
        now,
        {"prompt": prompt.id, "stage": 1},
        window.id,
    )


async def _checklist_card(
    svc: Services,
    uow: UnitOfWork,
    prompt: store.Prompt,
    r: store.Round,
    template: Template,
    lang: Lang,
    *,
    status_line: str | None = None,
) -> dict[str, Any]:
    recorded = {res.case_id: res for res in await store.round_results(uow.conn, r.id)}
    items = []
    for case_id in prompt.case_ids or []:
        area, case = template.case(case_id)
        res = recorded.get(case_id)
        items.append(
            ChecklistItem(
                area,
                case_id,
                case.title,
                case.hint,
                Outcome(res.outcome) if res else None,
                res.comment if res else "",
            )
        )
    return checklist_card(
        t("checklist.title", lang, round=round_name(r, lang)),
        prompt.id,
        items,
        lang,
        retest=r.kind == RoundKind.RETEST.value,
        status_line=status_line,
        closed=r.state != "open",
    )


async def start_round(
    svc: Services, uow: UnitOfWork, window: Window, client: Client, actor: str, lang: Lang
) -> str:
    """Start a round for one client; the reply text."""
    if window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return t("round.not_checked_in", lang)
    for r in await store.list_rounds(uow.conn, window.id):
        if r.client == client.value and r.kind == RoundKind.INITIAL.value:
            return t("round.already", lang, name=round_name(r, lang))
    now = svc.clock.now()
    template = await _template(uow, window)
    covers = [c for c in await coverage(uow, window.id) if client in c.clients]
    if not covers:
        return t("round.nobody", lang, client=t(f"round.{client.value}", lang))
    await store.update_window(uow.conn, window.id, now, state=WindowState.TESTING)
    r = await store.create_round(uow.conn, window.id, client.value, RoundKind.INITIAL.value, actor, now)
    taken: set[str] = set()
    sent = 0
    for cover in covers:
        # One person per area and round, so that two people never answer the same case.
        areas = frozenset(a for a in cover.areas if a not in taken and template.cases_for(a))
        taken |= areas
        case_ids = [c.id for a in sort_areas(areas) for c in template.cases_for(a)]
        if case_ids:
            await _send_checklist(svc, uow, window, r, cover.email, areas, case_ids, template)
            sent += 1
    await records.record(
        uow.conn,
        now,
        actor,
        "round.started",
        {"round": r.seq, "client": client.value, "checklists": sent},
        window.id,
    )
    await refresh_board(svc, uow, window.id)
    return t("round.started", lang, name=round_name(r, lang), count=sent)


async def _round_command(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, client: Client) -> str:
    in_supplier_channel = False
    if not turn.personal:
        channel = await records.get_channel(uow.conn, SUPPLIER)
        in_supplier_channel = channel is not None and channel.conversation_id == turn.channel_conversation_id
    if not (who.is_admin and turn.personal) and not in_supplier_channel:
        await records.record(
            uow.conn, svc.clock.now(), _actor(who), "command.refused", {"command": f"{client}_ready"}
        )
        return t("round.not_supplier", who.lang)
    window = await store.active_window(uow.conn, today(svc))
    if window is None or window.day != today(svc):
        return t("round.no_window", who.lang)
    return await start_round(svc, uow, window, client, _actor(who), who.lang)


async def cmd_local_ready(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await reply(svc, uow, turn, await _round_command(svc, uow, turn, who, Client.LOCAL))


async def cmd_citrix_ready(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await reply(svc, uow, turn, await _round_command(svc, uow, turn, who, Client.CITRIX))


async def verb_round(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, client: Client) -> TurnResult:
    return TurnResult(message=await _round_command(svc, uow, turn, who, client))


async def verb_round_local(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await verb_round(svc, uow, turn, who, Client.LOCAL)


async def verb_round_citrix(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await verb_round(svc, uow, turn, who, Client.CITRIX)


# --- checklist answers ------------------------------------------------------------------------


async def verb_checklist_submit(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    lang = who.lang
    prompt = await store.get_prompt(uow.conn, str(turn.data.get("prompt", "")))
    if prompt is None or prompt.kind != "checklist" or prompt.round_id is None:
        return TurnResult(message=t("error.no_longer_open", lang))
    if who.email != prompt.recipient_email:
        await records.record(
            uow.conn,
            svc.clock.now(),
            _actor(who),
            "card.refused",
            {"prompt": prompt.id, "reason": "not_recipient"},
            prompt.window_id,
        )
        return TurnResult(message=t("error.not_yours", lang))
    r = await store.get_round(uow.conn, prompt.round_id)
    window = await store.get_window(uow.conn, prompt.window_id)
    if r is None or window is None or r.state != "open" or window.state is not WindowState.TESTING:
        return TurnResult(message=t("error.no_longer_open", lang))
    template = await _template(uow, window)
    allowed = set(prompt.case_ids or [])
    answers: dict[str, tuple[Outcome, str]] = {}
    for key, value in turn.data.items():
        if key.startswith("o_"):
            case_id = key[2:]
            try:
                outcome = parse_outcome(value)
            except ValueError:
                return TurnResult(message=t("error.bad_choice", lang))
            if case_id not in allowed:
                return TurnResult(message=t("error.bad_choice", lang))
            if outcome is not None:
                comment = turn.data.get(f"c_{case_id}")
                answers[case_id] = (outcome, comment.strip()[:1000] if isinstance(comment, str) else "")
    missing_comment = [
        template.case(c)[1].title for c, (o, comment) in answers.items() if o is Outcome.FAIL and not comment
    ]
    if missing_comment:
        return TurnResult(message=t("checklist.comment_needed", lang, cases="; ".join(missing_comment)))
    now = svc.clock.now()
    changed = 0
    for case_id, (outcome, comment) in answers.items():
        area, _case = template.case(case_id)
        changed += await store.record_result(
            uow.conn, r.id, window.id, area, case_id, prompt.recipient_email, outcome.value, comment, now
        )
    if changed:
        await records.record(
            uow.conn,
            now,
            _actor(who),
            "checklist.submitted",
            {
                "round": r.seq,
                "prompt": prompt.id,
                "answers": {c: [o.value, cm] for c, (o, cm) in answers.items()},
            },
            window.id,
        )
    recorded = {res.case_id for res in await store.round_results(uow.conn, r.id)}
    done = len([c for c in prompt.case_ids or [] if c in recorded])
    total = len(prompt.case_ids or [])
    status = (
        t("checklist.all_done", lang)
        if done == total
        else t("checklist.recorded", lang, at=_local(svc, now), done=done, total=total)
    )
    if done == total:
        await store.answer_prompt(uow.conn, prompt.id, {"done": total}, now)
        await jobstore.cancel(uow.conn, now, prefix=f"{CHECKLIST_REMINDER}:{prompt.id}:")
    card = await _checklist_card(svc, uow, prompt, r, template, lang, status_line=status)
    await _show(svc, uow, turn, prompt, card)
    if changed:
        await _after_results(svc, uow, window, r)
    return TurnResult(card=card)


async def _after_results(svc: Services, uow: UnitOfWork, window: Window, r: store.Round) -> None:
    """The board and the round's summary follow, in the worker (see ``on_refresh``)."""
    await refresh_board(svc, uow, window.id)


async def summarise(uow: UnitOfWork, window: Window, r: store.Round) -> RoundSummary:
    template = await _template(uow, window)
    recorded = {res.case_id: res for res in await store.round_results(uow.conn, r.id)}
    names = {p.email: p.name for p in await people.all_people(uow.conn)}
    for p in await store.list_participants(uow.conn, window.id):
        if p.substitute_email:
            names.setdefault(p.substitute_email, p.substitute_name or p.substitute_email)
    areas: dict[str, list[CaseResult]] = {}
    testers: dict[str, str] = {}
    for prompt in await store.find_prompts(uow.conn, window.id, kind="checklist", round_id=r.id):
        for case_id in prompt.case_ids or []:
            area, case = template.case(case_id)
            res = recorded.get(case_id)
            tester = names.get(res.tester_email if res else prompt.recipient_email, prompt.recipient_email)
            testers[area] = tester
            areas.setdefault(area, []).append(
                CaseResult(
                    area,
                    case_id,
                    case.title,
                    tester,
                    Outcome(res.outcome) if res else None,
                    res.comment if res else "",
                )
            )
    return RoundSummary(
        r.seq,
        r.client,
        RoundKind(r.kind),
        tuple(
            AreaSummary(a, testers[a], tuple(rs))
            for a, rs in ((a, areas[a]) for a in sort_areas(list(areas)))
        ),
    )


async def _publish(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    key: str,
    purpose: str,
    card_for: Callable[[Lang, bool], Awaitable[dict[str, Any]]],
) -> bool:
    """Put one card in the supplier channel (Swedish) and one in each admin's chat (their language),
    each updated in place under ``key``. card_for(lang, for_admin) builds it. True if any changed."""
    now = svc.clock.now()
    changed = False
    if await records.get_channel(uow.conn, SUPPLIER) is not None:
        changed |= await outbox.put(
            uow.conn,
            f"{key}:channel",
            message_activity(card=await card_for("sv", False)),
            now,
            purpose=purpose,
            channel_purpose=SUPPLIER,
            window_id=window.id,
        )
    for email in await admin_emails(svc, uow):
        lang = await lang_of(svc, uow, email)
        changed |= await outbox.put(
            uow.conn,
            f"{key}:{_h(email)}",
            message_activity(card=await card_for(lang, True)),
            now,
            purpose=purpose,
            recipient_email=email,
            window_id=window.id,
        )
    return changed


async def post_summary(
    svc: Services, uow: UnitOfWork, window: Window, r: store.Round, summary: RoundSummary
) -> None:
    first = await outbox.get(uow.conn, f"summary:{r.id}:channel") is None

    async def card_for(lang: Lang, _for_admin: bool) -> dict[str, Any]:
        return summary_card(
            t("summary.title", lang, round=round_name(r, lang)), summary, window.case_number, lang
        )

    if not await _publish(svc, uow, window, f"summary:{r.id}", "summary", card_for):
        return
    await records.record(
        uow.conn,
        svc.clock.now(),
        "bot",
        "summary.posted" if first else "summary.updated",
        {
            "round": r.seq,
            "verdict": summary.verdict,
            "failures": len(summary.failures),
            "missing": len(summary.missing),
        },
        window.id,
    )


async def _latest_round(uow: UnitOfWork, window: Window) -> store.Round | None:
    rounds = await store.list_rounds(uow.conn, window.id)
    return rounds[-1] if rounds else None


async def cmd_summary(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await reply(svc, uow, turn, await _summary_now(svc, uow, who))


async def _summary_now(svc: Services, uow: UnitOfWork, who: Who) -> str:
    window = await store.active_window(uow.conn, today(svc))
    r = await _latest_round(uow, window) if window else None
    if window is None or r is None:
        return t("summary.no_round", who.lang)
    await post_summary(svc, uow, window, r, await summarise(uow, window, r))
    if await records.get_channel(uow.conn, SUPPLIER) is None:
        return t("channel.missing", who.lang)
    return t("summary.posted", who.lang)


async def verb_summary(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    return TurnResult(message=await _summary_now(svc, uow, who))


async def cmd_retest(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    window = await store.active_window(uow.conn, today(svc))
    if window is None or window.state is not WindowState.TESTING:
        await reply(svc, uow, turn, t("summary.no_round", lang))
        return
    rounds = await store.list_rounds(uow.conn, window.id)
    failed_round: store.Round | None = None
    failures: list[store.Result] = []
    for r in reversed(rounds):
        failures = [
            res for res in await store.round_results(uow.conn, r.id) if res.outcome == Outcome.FAIL.value
        ]
        if failures:
            failed_round = r
            break
    if failed_round is None:
        await reply(svc, uow, turn, t("round.no_failures", lang))
        return
    now = svc.clock.now()
    template = await _template(uow, window)
    await store.close_round(uow.conn, failed_round.id, now)
    r = await store.create_round(
        uow.conn, window.id, failed_round.client, RoundKind.RETEST.value, _actor(who), now
    )
    by_tester: dict[str, list[store.Result]] = {}
    for res in failures:
        by_tester.setdefault(res.tester_email, []).append(res)
    for email, results in by_tester.items():
        await _send_checklist(
            svc,
            uow,
            window,
            r,
            email,
            frozenset(res.area for res in results),
            [res.case_id for res in results],
            template,
        )
    await records.record(
        uow.conn,
        now,
        _actor(who),
        "round.started",
        {
            "round": r.seq,
            "client": r.client,
            "retest_of": failed_round.seq,
            "cases": [res.case_id for res in failures],
        },
        window.id,
    )
    await refresh_board(svc, uow, window.id)
    await reply(
        svc,
        uow,
        turn,
        t("round.started", lang, name=round_name(r, lang), count=len(by_tester)),
        window_id=window.id,
    )


async def on_checklist_reminder(svc: Services, uow: UnitOfWork, payload: dict[str, Any]) -> None:
    prompt = await store.get_prompt(uow.conn, str(payload["prompt"]))
    if prompt is None or prompt.state != "open" or prompt.round_id is None:
        return
    r = await store.get_round(uow.conn, prompt.round_id)
    if r is None or r.state != "open":
        return
    now = svc.clock.now()
    if int(payload.get("stage", 1)) == 1:
        lang = await lang_of(svc, uow, prompt.recipient_email)
        await outbox.put(
            uow.conn,
            f"remind:{prompt.id}",
            message_activity(text=t("checklist.reminder", lang, round=round_name(r, lang))),
            now,
            purpose="reminder",
            recipient_email=prompt.recipient_email,
            window_id=prompt.window_id,
        )
        delay = dt.timedelta(seconds=svc.settings.checklist_reminder_seconds)
        await jobstore.enqueue(
            uow.conn,
            f"{CHECKLIST_REMINDER}:{prompt.id}:2",
            CHECKLIST_REMINDER,
            now + delay,
            now,
            {"prompt": prompt.id, "stage": 2},
            prompt.window_id,
        )
        return
    person = await people.get(uow.conn, prompt.recipient_email)
    name = person.name if person else prompt.recipient_email
    await alert_admins(
        svc,
        uow,
        f"missing:{prompt.id}",
        "checklist.missing_admin",
        prompt.window_id,
        round=round_name(r, "sv"),
        names=name,
    )


# --- the board --------------------------------------------------------------------------------


async def board_view(svc: Services, uow: UnitOfWork, window: Window, lang: Lang) -> BoardView:
    assigned = await store.assignments(uow.conn, window.id)
    rounds = await store.list_rounds(uow.conn, window.id)
    summaries = [await summarise(uow, window, r) for r in rounds]
    rows = []
    participants = await store.list_participants(uow.conn, window.id)
    for p in participants:
        for area in sort_areas(p.areas):
            if area in assigned:
                covered, sub, state = assigned[area][1], False, CheckinState.ASSIGNED.value
            else:
                state = p.checkin_state.value
                if p.checkin_state in (CheckinState.SUB_ASKED, CheckinState.SUB_PRESENT):
                    covered, sub = p.substitute_name or "", True
                elif p.checkin_state is CheckinState.UNCOVERED:
                    covered, sub = t("board.nobody", lang), False
                else:
                    covered, sub = p.covered_by_name or p.name, False
            marks = []
            for s in summaries:
                found = next((a for a in s.areas if a.area == area), None)
                marks.append(found.status if found else "")
            rows.append(BoardRow(area, covered, sub, state, tuple(marks)))
    order = {a: i for i, a in enumerate(sort_areas([r.area for r in rows]))}
    rows.sort(key=lambda r: order[r.area])
    return BoardView(
        date=date_text(window.day, lang),
        phase=t(f"state.{window.state.value}", lang)
        + (f" – {round_name(rounds[-1], lang)}" if rounds else ""),
        updated=_local(svc, svc.clock.now()),
        rows=tuple(rows),
        round_names=tuple(round_name(r, lang) for r in rounds),
        window_id=window.id,
        open=window.state.open,
    )


REFRESH = "refresh"


async def refresh_board(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """Ask the worker to bring the board and the summaries up to date.

    Computing the board reads every participant; doing that on each click would make a burst of
    N answers cost N². One coalescing job instead: however many changes, one refresh at a time.
    """
    now = svc.clock.now()
    await jobstore.enqueue(
        uow.conn, f"{REFRESH}:{window_id}", REFRESH, now, now, {"window": window_id}, window_id, rerun=True
    )


async def on_refresh(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """The board in place; each round's summary once complete, and kept current afterwards."""
    window = await store.get_window(uow.conn, window_id)
    if window is None:
        return
    await _update_board(svc, uow, window)
    for r in await store.list_rounds(uow.conn, window.id):
        posted = await outbox.exists(uow.conn, prefix=f"summary:{r.id}:")
        summary = await summarise(uow, window, r)
        if summary.complete or posted:
            await post_summary(svc, uow, window, r, summary)


async def _update_board(svc: Services, uow: UnitOfWork, window: Window) -> None:
    async def card_for(lang: Lang, for_admin: bool) -> dict[str, Any]:
        view = await board_view(svc, uow, window, lang)
        return board_card(view, lang, for_admin=for_admin, for_channel=not for_admin)

    await _publish(svc, uow, window, f"board:{window.id}", "board", card_for)


async def cmd_status(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    window = await store.active_window(uow.conn, today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", who.lang))
        return
    in_channel = not turn.personal
    view = await board_view(svc, uow, window, who.lang)
    await reply(
        svc,
        uow,
        turn,
        card=board_card(view, who.lang, for_admin=who.is_admin and not in_channel, for_channel=in_channel),
        window_id=window.id,
    )


# --- all clear --------------------------------------------------------------------------------


async def all_clear(svc: Services, uow: UnitOfWork, who: Who) -> str:
    lang = who.lang
    window = await store.active_window(uow.conn, today(svc))
    if window is None:
        return t("window.no_next", lang)
    if not window.state.open:
        return t("allclear.already", lang, date=date_text(window.day, lang))
    now = svc.clock.now()
    await store.update_window(uow.conn, window.id, now, state=WindowState.DONE)
    for r in await store.list_rounds(uow.conn, window.id):
        await store.close_round(uow.conn, r.id, now)
    await jobstore.cancel(uow.conn, now, prefix=f"{CHECKIN_TIMEOUT}:{window.id}:")
    recipients: set[str] = set()
    for p in await store.list_participants(uow.conn, window.id):
        recipients.add(p.email)
        if p.substitute_email and p.checkin_state in (
            CheckinState.SUB_ASKED,
            CheckinState.SUB_PRESENT,
            CheckinState.UNCOVERED,
        ):
            recipients.add(p.substitute_email)
    for prompt in await store.find_prompts(uow.conn, window.id):
        recipients.add(prompt.recipient_email)
        if prompt.state == "open":
            await store.close_prompt(uow.conn, prompt.id, "closed")
    recipients.update(e for e, _n in (await store.assignments(uow.conn, window.id)).values())
    for email in sorted(recipients):
        lang_p = await lang_of(svc, uow, email)
        await outbox.put(
            uow.conn,
            f"allclear:{window.id}:{_h(email)}",
            message_activity(card=all_clear_card(date_text(window.day, lang_p), lang_p)),
            now,
            purpose="all_clear",
            recipient_email=email,
            window_id=window.id,
        )
    managers = await mail.managers(uow)
    if svc.settings.smtp_enabled and managers:
        body = "\n\n".join(
            [
                t("allclear.text", "sv", date=date_text(window.day, "sv")),
                t("allclear.advice_title", "sv"),
                "1. " + t("allclear.advice_1", "sv"),
                "2. " + t("allclear.advice_2", "sv"),
                "3. " + t("allclear.advice_3", "sv"),
            ]
        )
        await mail.queue(
            svc,
            uow,
            f"allclear:{window.id}",
            [m.email for m in managers],
            t("allclear.mail_subject", "sv"),
            body,
            window.id,
        )
    await records.record(uow.conn, now, _actor(who), "window.all_clear", {"told": len(recipients)}, window.id)
    await refresh_board(svc, uow, window.id)
    return t("allclear.done", lang, count=len(recipients))


async def cmd_all_clear(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    await reply(svc, uow, turn, await all_clear(svc, uow, who))


async def verb_all_clear(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    if not who.is_admin:
        return TurnResult(message=t("error.not_admin", who.lang))
    return TurnResult(message=await all_clear(svc, uow, who))
