"""Who covers the areas (routine step 8): the day's coverage, the admin giving areas to someone on
the roster (by command or from the uncovered-area alert), and handing them back to a tester who
turned up late."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.areas import AREAS, area_name, sort_areas
from bot.domain.audit import AuditKind
from bot.domain.checkin import CheckinState
from bot.domain.cover import Cover, covered_again, covers
from bot.domain.day import PromptKind, PromptState
from bot.domain.people import Person
from bot.domain.windows import Window, WindowState
from bot.i18n import t
from bot.services.alerts import lang_of
from bot.services.context import Services, Who, reply
from bot.services.day.common import actor_of, digest
from bot.services.day.escalation import Stage, timeout_job
from bot.services.day.refresh import refresh_board
from bot.services.messages import message_activity
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.day import closed_card


async def coverage(uow: UnitOfWork, window_id: int) -> list[Cover]:
    """Who covers which areas of the window now (see ``bot.domain.cover.covers``)."""
    assigned = await uow.assignments.of_window(window_id)
    return covers(await uow.participants.of_window(window_id), assigned)


async def assign(
    svc: Services, uow: UnitOfWork, window: Window, areas: Sequence[str], person: Person, actor: str
) -> None:
    """Give areas to someone on the roster for the rest of the day (the admin's decision)."""
    now = svc.clock.now()
    for area in areas:
        await uow.assignments.assign(window.id, area, person.email, person.name, actor, now)
        detail = {"area": area, "to": person.email}
        await uow.audit.record(now, actor, AuditKind.AREA_ASSIGNED, detail, window.id)
    assigned = await uow.assignments.of_window(window.id)
    for p in covered_again(await uow.participants.of_window(window.id), assigned):
        await uow.participants.set_cover(p.id, CheckinState.ASSIGNED, person.email, person.name, now)
    lang_p = await lang_of(svc, uow, person.email)
    names = ", ".join(area_name(a) for a in sort_areas(list(areas)))
    await uow.outbox.put(
        f"assigned:{window.id}:{','.join(sorted(areas))}:{digest(person.email)}",
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
    person = await uow.people.get(email)
    if person is None:
        await reply(svc, uow, turn, t("assign.not_on_roster", lang, email=email))
        return
    window = await uow.windows.active(today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", lang))
        return
    await assign(svc, uow, window, [area], person, actor_of(who))
    done = t("assign.done", lang, area=area_name(area), name=person.name)
    await reply(svc, uow, turn, done, window_id=window.id)


async def verb_assign(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    raw_p, email = str(turn.data.get("participant", "")), turn.data.get("person")
    p = await uow.participants.get(int(raw_p)) if raw_p.isdigit() else None
    window = await uow.windows.get(p.window_id) if p else None
    if p is None or window is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    person = await uow.people.get(email) if isinstance(email, str) else None
    if person is None:
        return TurnResult(message=t("error.bad_choice", who.lang))
    await assign(svc, uow, window, sort_areas(p.areas), person, actor_of(who))
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    return TurnResult(
        card=closed_card(
            t("assign.button", who.lang), t("assign.done", who.lang, area=areas, name=person.name)
        )
    )


async def verb_handback(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    """The tester turned up after all: their areas are theirs again (a second click does nothing)."""
    raw = str(turn.data.get("participant", ""))
    p = await uow.participants.get(int(raw)) if raw.isdigit() else None
    window = await uow.windows.get(p.window_id) if p else None
    if p is None or window is None or window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return TurnResult(message=t("error.no_longer_open", who.lang))
    now = svc.clock.now()
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    if p.covered_by_email != p.email:
        await uow.participants.set_cover(p.id, CheckinState.PRESENT, p.email, p.name, now)
        for area in p.areas:
            await uow.assignments.unassign(window.id, area)
        # The substitute is no longer needed: their timer and open card go.
        await uow.jobs.cancel(now, timeout_job(window.id, p.id, Stage.SUB))
        for prompt in await uow.prompts.find(
            window.id, participant_id=p.id, kind=PromptKind.CHECKIN_SUB, state=PromptState.OPEN
        ):
            await uow.prompts.close(prompt.id, PromptState.EXPIRED)
        await uow.audit.record(now, actor_of(who), AuditKind.AREA_HANDED_BACK, {"to": p.email}, window.id)
        lang_p = await lang_of(svc, uow, p.email)
        await uow.outbox.put(
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
