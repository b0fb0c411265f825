"""Carrying out the check-in's decisions (``bot.domain.checkin``): the new state and its audit
record, check-in cards with their timeout timers, closing a card whose time ran out, and
alerting the admins about an area nobody covers. Also the keys those cards and timers are
written under, so that whoever reads a key back parses it here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.domain.areas import area_name, sort_areas
from bot.domain.audit import checkin_kind
from bot.domain.checkin import CheckinState, Decision, Effect, Event
from bot.domain.day import Participant, PromptKind, PromptState
from bot.domain.people import Role
from bot.domain.windows import Window, date_text
from bot.i18n import Lang, t
from bot.services.alerts import alert_admins, lang_of
from bot.services.context import Services
from bot.services.day.common import local_time
from bot.services.messages import message_activity
from bot.services.payloads import CheckinTimeout
from bot.services.ports import UnitOfWork
from cards.day import assign_card, checkin_card, closed_card

CHECKIN_TIMEOUT = "checkin_timeout"


class Stage(StrEnum):
    """Whose check-in card: the tester's own, or their substitute's."""

    TESTER = "tester"
    SUB = "sub"

    @property
    def prompt_kind(self) -> PromptKind:
        return PromptKind.CHECKIN if self is Stage.TESTER else PromptKind.CHECKIN_SUB


@dataclass(frozen=True)
class CheckinCardKey:
    """The outbox key of a check-in card: ``checkin:<window>:<participant>:<stage>``."""

    window_id: int
    participant_id: int
    stage: Stage

    def __str__(self) -> str:
        return f"checkin:{self.window_id}:{self.participant_id}:{self.stage.value}"

    @classmethod
    def parse(cls, key: str) -> CheckinCardKey | None:
        """The check-in card a message key names; None for any other message."""
        parts = key.split(":")
        if len(parts) != 4 or parts[0] != "checkin":
            return None
        try:
            return cls(int(parts[1]), int(parts[2]), Stage(parts[3]))
        except ValueError:
            return None


def timeout_job(window_id: int, participant_id: int, stage: Stage) -> str:
    """The key of the timer that gives up on one check-in card."""
    return f"{timeout_jobs(window_id)}{participant_id}:{stage.value}"


def timeout_jobs(window_id: int) -> str:
    """The key prefix of every check-in timer of a window."""
    return f"{CHECKIN_TIMEOUT}:{window_id}:"


async def apply_decision(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    p: Participant,
    event: Event,
    decision: Decision,
    actor: str,
    prompt_id: str | None = None,
) -> None:
    """Store the decision's state and who covers now, record the event, carry out its effects.

    ``Effect.TELL_LATE`` is not one of them: it answers a click, so the check-in answer handles it
    before coming here."""
    now = svc.clock.now()
    if decision.state is CheckinState.PRESENT:
        await uow.participants.set_cover(p.id, decision.state, p.email, p.name, now)
    elif decision.state is CheckinState.SUB_PRESENT:
        await uow.participants.set_cover(p.id, decision.state, p.substitute_email, p.substitute_name, now)
    elif decision.state is CheckinState.UNCOVERED:
        await uow.participants.set_cover(p.id, decision.state, None, None, now)
    else:
        await uow.participants.set_checkin(p.id, decision.state, now)
    await uow.audit.record(
        now,
        actor,
        checkin_kind(event),
        # An answer names the card it came through (the report's "via which card").
        {
            "participant": p.email,
            "state": decision.state.value,
            **({"prompt": prompt_id} if prompt_id else {}),
        },
        window.id,
    )
    deadline = now + dt.timedelta(seconds=svc.settings.checkin_timeout_seconds)
    for effect in decision.effects:
        if effect is Effect.ASK_TESTER:
            await _ask(svc, uow, window, p, Stage.TESTER, p.email, deadline)
        elif effect is Effect.ASK_SUBSTITUTE:
            assert p.substitute_email is not None
            await _ask(svc, uow, window, p, Stage.SUB, p.substitute_email, deadline)
        elif effect is Effect.CLOSE_TESTER_CARD:
            await _close_card(svc, uow, window, p, Stage.TESTER, p.email)
        elif effect is Effect.CLOSE_SUBSTITUTE_CARD:
            await _close_card(svc, uow, window, p, Stage.SUB, p.substitute_email or "")
        elif effect is Effect.ALERT_UNCOVERED:
            await _alert_uncovered(svc, uow, window, p)


async def _ask(
    svc: Services,
    uow: UnitOfWork,
    window: Window,
    p: Participant,
    stage: Stage,
    email: str,
    deadline: dt.datetime,
) -> None:
    """Send one check-in card, and the timer that gives up on it at ``deadline``."""
    now = svc.clock.now()
    key = str(CheckinCardKey(window.id, p.id, stage))
    prompt = await uow.prompts.create(
        window.id, stage.prompt_kind, email, key, now, participant_id=p.id, areas=p.areas
    )
    lang = await lang_of(svc, uow, email)
    card = checkin_card(
        date_text(window.day, lang),
        prompt.id,
        sort_areas(p.areas),
        local_time(svc, deadline),
        lang,
        for_tester=p.name if stage is Stage.SUB else None,
        has_substitute=p.has_substitute,
    )
    await uow.outbox.put(
        key,
        message_activity(card=card),
        now,
        purpose=f"checkin_{stage.value}",
        recipient_email=email,
        window_id=window.id,
    )
    await uow.jobs.enqueue(
        timeout_job(window.id, p.id, stage),
        CHECKIN_TIMEOUT,
        deadline,
        now,
        CheckinTimeout(window.id, p.id, stage.value, prompt.id).to_dict(),
        window.id,
    )


async def _close_card(
    svc: Services, uow: UnitOfWork, window: Window, p: Participant, stage: Stage, email: str
) -> None:
    """The time ran out: the open card says so and who was asked next."""
    now = svc.clock.now()
    for prompt in await uow.prompts.find(
        window.id, participant_id=p.id, kind=stage.prompt_kind, state=PromptState.OPEN
    ):
        await uow.prompts.close(prompt.id, PromptState.EXPIRED)
        lang = await lang_of(svc, uow, email)
        if stage is Stage.TESTER and p.has_substitute:
            line = t("checkin.timed_out", lang, time=local_time(svc, now), name=p.substitute_name)
        else:
            line = t("checkin.timed_out_admin", lang, time=local_time(svc, now))
        card = closed_card(t("checkin.title", lang, date=date_text(window.day, lang)), line, good=False)
        await uow.outbox.put(
            prompt.message_key,
            message_activity(card=card),
            now,
            purpose=f"checkin_{stage.value}",
            recipient_email=email,
            window_id=window.id,
        )


async def _alert_uncovered(svc: Services, uow: UnitOfWork, window: Window, p: Participant) -> None:
    """Nobody covers the participant's areas: the admins pick someone from the roster."""
    areas = ", ".join(area_name(a) for a in sort_areas(p.areas))
    # Anyone on the municipality's roster may take an area; the supplier's contacts may not.
    people = await uow.people.all()
    choices = [(x.name, x.email) for x in people if x.email != p.email and x.role is not Role.SUPPLIER]

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
