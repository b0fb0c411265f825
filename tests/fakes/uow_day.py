"""Fake repositories of the day (``bot.services.ports.day``), with the SQL store's semantics:
``bot/store/windows.py``, ``participants.py`` and ``prompts.py`` (rounds: ``uow_rounds``)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from bot.domain.checkin import CheckinState
from bot.domain.day import (
    Participant,
    PlanAnswer,
    Prompt,
    PromptKind,
    PromptState,
)
from bot.domain.people import Person, decode_areas, decode_clients, encode_areas, encode_clients
from bot.domain.windows import Window, WindowState, hhmm
from bot.services.ports.day import (
    AssignmentRepository,
    ParticipantRepository,
    PromptRepository,
    WindowRepository,
)
from tests.fakes.uow_db import FakeRepository, Row


def _time(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def to_window(row: Row) -> Window:
    return Window(
        id=row.id,
        day=row.day,
        start=_time(row.start_local),
        end=_time(row.end_local),
        timezone=row.timezone,
        case_number=row.case_number,
        state=WindowState(row.state),
        announced=row.announced_at is not None,
    )


class FakeWindows(FakeRepository, WindowRepository):
    async def create(
        self,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        timezone: str,
        case_number: str | None,
        created_by: str,
        now: dt.datetime,
    ) -> Window:
        draft = Window(0, day, start, end, timezone, case_number, WindowState.PLANNED)
        row = self.db.insert(
            "windows",
            day=day,
            start_local=hhmm(start),
            end_local=hhmm(end),
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
            timezone=timezone,
            case_number=case_number,
            state=WindowState.PLANNED.value,
            created_by=created_by,
            created_at=now,
            updated_at=now,
        )
        return Window(row.id, day, start, end, timezone, case_number, WindowState.PLANNED)

    async def get(self, window_id: int) -> Window | None:
        row = self.db.get("windows", window_id)
        return None if row is None else to_window(row)

    async def all(self) -> list[Window]:
        rows = self.db.select("windows", order=lambda r: (-r.day.toordinal(), -r.id))
        return [to_window(r) for r in rows]

    async def next_window(self, today: dt.date) -> Window | None:
        row = self.db.first(
            "windows",
            lambda r: r.day >= today and WindowState(r.state).open,
            order=lambda r: (r.day, r.id),
        )
        return None if row is None else to_window(row)

    async def active(self, today: dt.date) -> Window | None:
        # ORDER BY day DESC LIMIT 1: among windows of one day the database may return any; this
        # returns the first inserted.
        row = self.db.first(
            "windows",
            lambda r: r.state in (WindowState.CHECKIN, WindowState.TESTING),
            order=lambda r: -r.day.toordinal(),
        )
        return to_window(row) if row is not None else await self.next_window(today)

    def _update(self, window_id: int, now: dt.datetime, **values: Any) -> None:
        if self.db.get("windows", window_id) is not None:
            self.db.update("windows", window_id, updated_at=now, **values)

    async def set_state(self, window_id: int, state: WindowState, now: dt.datetime) -> None:
        self._update(window_id, now, state=state.value)

    async def start_checkin(self, window_id: int, template: dict[str, Any], now: dt.datetime) -> None:
        self._update(window_id, now, state=WindowState.CHECKIN.value, template=template)

    async def mark_announced(self, window_id: int, now: dt.datetime) -> None:
        self._update(window_id, now, announced_at=now)

    async def move(self, window: Window, day: dt.date, now: dt.datetime) -> Window:
        moved = Window(
            window.id,
            day,
            window.start,
            window.end,
            window.timezone,
            window.case_number,
            window.state,
            window.announced,
        )
        self._update(window.id, now, day=day, starts_at=moved.starts_at, ends_at=moved.ends_at)
        return moved

    async def set_end(self, window: Window, end: dt.time, now: dt.datetime) -> Window:
        moved = replace(window, end=end)
        self._update(window.id, now, end_local=hhmm(end), ends_at=moved.ends_at)
        return moved

    async def template(self, window_id: int) -> dict[str, Any] | None:
        row = self.db.get("windows", window_id)
        value = row.template if row is not None else None
        return value if isinstance(value, dict) else None


class FakeAssignments(FakeRepository, AssignmentRepository):
    def _row(self, window_id: int, area: str) -> Row | None:
        return self.db.first("area_assignments", lambda r: r.window_id == window_id and r.area == area)

    async def assign(
        self, window_id: int, area: str, email: str, name: str, by: str, now: dt.datetime
    ) -> None:
        values = {"email": email, "name": name, "assigned_by": by, "assigned_at": now}
        existing = self._row(window_id, area)
        if existing is None:
            self.db.insert("area_assignments", window_id=window_id, area=area, **values)
        else:
            self.db.update("area_assignments", existing.id, **values)

    async def unassign(self, window_id: int, area: str) -> None:
        existing = self._row(window_id, area)
        if existing is not None:
            self.db.delete("area_assignments", existing.id)

    async def of_window(self, window_id: int) -> dict[str, tuple[str, str]]:
        rows = self.db.select("area_assignments", lambda r: r.window_id == window_id)
        return {r.area: (r.email, r.name) for r in rows}


def to_participant(row: Row) -> Participant:
    return Participant(
        id=row.id,
        window_id=row.window_id,
        email=row.email,
        name=row.name,
        areas=decode_areas(row.areas),
        clients=decode_clients(row.clients),
        substitute_name=row.substitute_name,
        substitute_email=row.substitute_email,
        plan_answer=PlanAnswer(row.plan_answer) if row.plan_answer else None,
        checkin_state=CheckinState(row.checkin_state),
        covered_by_email=row.covered_by_email,
        covered_by_name=row.covered_by_name,
    )


class FakeParticipants(FakeRepository, ParticipantRepository):
    async def sync(self, window_id: int, testers: list[Person], now: dt.datetime) -> None:
        existing = {p.email: p for p in await self.of_window(window_id)}
        for person in testers:
            values = {
                "name": person.name,
                "areas": encode_areas(person.areas),
                "clients": encode_clients(person.clients),
                "substitute_name": person.substitute.name if person.substitute else None,
                "substitute_email": person.substitute.email if person.substitute else None,
                "updated_at": now,
            }
            if person.email in existing:
                self.db.update("participants", existing[person.email].id, **values)
            else:
                self.db.insert(
                    "participants",
                    window_id=window_id,
                    email=person.email,
                    checkin_state=CheckinState.WAITING.value,
                    **values,
                )

    async def of_window(self, window_id: int) -> list[Participant]:
        rows = self.db.select("participants", lambda r: r.window_id == window_id, order=lambda r: r.id)
        return [to_participant(r) for r in rows]

    async def waiting(self, window_id: int, limit: int) -> list[Participant]:
        rows = self.db.select(
            "participants",
            lambda r: r.window_id == window_id and r.checkin_state == CheckinState.WAITING,
            order=lambda r: r.id,
        )
        return [to_participant(r) for r in rows[: max(limit, 0)]]

    async def get(self, participant_id: int) -> Participant | None:
        row = self.db.get("participants", participant_id)
        return None if row is None else to_participant(row)

    def _update(self, participant_id: int, now: dt.datetime, **values: Any) -> None:
        if self.db.get("participants", participant_id) is not None:
            self.db.update("participants", participant_id, updated_at=now, **values)

    async def set_checkin(self, participant_id: int, state: CheckinState, now: dt.datetime) -> None:
        self._update(participant_id, now, checkin_state=state.value)

    async def set_cover(
        self,
        participant_id: int,
        state: CheckinState,
        email: str | None,
        name: str | None,
        now: dt.datetime,
    ) -> None:
        self._update(
            participant_id, now, checkin_state=state.value, covered_by_email=email, covered_by_name=name
        )

    async def set_plan_answer(self, participant_id: int, answer: PlanAnswer | None, now: dt.datetime) -> None:
        self._update(
            participant_id,
            now,
            plan_answer=answer.value if answer else None,
            plan_answered_at=now if answer else None,
        )

    async def set_substitute(
        self, participant_id: int, name: str | None, email: str | None, now: dt.datetime
    ) -> None:
        self._update(participant_id, now, substitute_name=name, substitute_email=email)


def to_prompt(row: Row) -> Prompt:
    return Prompt(
        id=row.id,
        window_id=row.window_id,
        kind=PromptKind(row.kind),
        recipient_email=row.recipient_email,
        participant_id=row.participant_id,
        round_id=row.round_id,
        areas=decode_areas(row.areas),
        case_ids=row.case_ids,
        state=PromptState(row.state),
        answer=row.answer,
        answered_at=row.answered_at,
        message_key=row.message_key,
    )


class FakePrompts(FakeRepository, PromptRepository):
    async def create(
        self,
        window_id: int,
        kind: PromptKind,
        recipient_email: str,
        message_key: str,
        now: dt.datetime,
        *,
        participant_id: int | None = None,
        round_id: int | None = None,
        areas: frozenset[str] | None = None,
        case_ids: list[str] | None = None,
    ) -> Prompt:
        row = self.db.insert(
            "prompts",
            id=uuid.uuid4().hex,
            window_id=window_id,
            kind=kind.value,
            recipient_email=recipient_email,
            participant_id=participant_id,
            round_id=round_id,
            areas=encode_areas(areas or frozenset()),
            case_ids=case_ids,
            state=PromptState.OPEN.value,
            message_key=message_key,
            created_at=now,
        )
        return to_prompt(row)

    async def get(self, prompt_id: str) -> Prompt | None:
        if not isinstance(prompt_id, str) or len(prompt_id) != 32:
            return None
        row = self.db.get("prompts", prompt_id)
        return None if row is None else to_prompt(row)

    async def find(
        self,
        window_id: int,
        *,
        kind: PromptKind | None = None,
        participant_id: int | None = None,
        round_id: int | None = None,
        state: PromptState | None = None,
    ) -> list[Prompt]:
        def wanted(r: Row) -> bool:
            return (
                r.window_id == window_id
                and (kind is None or r.kind == kind.value)
                and (participant_id is None or r.participant_id == participant_id)
                and (round_id is None or r.round_id == round_id)
                and (state is None or r.state == state.value)
            )

        # ORDER BY created_at, id: within one instant the order is the random ids'.
        return [to_prompt(r) for r in self.db.select("prompts", wanted, order=lambda r: (r.created_at, r.id))]

    async def answer(
        self,
        prompt_id: str,
        answer: dict[str, Any],
        now: dt.datetime,
        state: PromptState = PromptState.ANSWERED,
    ) -> None:
        if self.db.get("prompts", prompt_id) is not None:
            self.db.update("prompts", prompt_id, state=state.value, answer=answer, answered_at=now)

    async def close(
        self, prompt_id: str, state: PromptState = PromptState.CLOSED, *, answered_too: bool = False
    ) -> None:
        states = (PromptState.OPEN, PromptState.ANSWERED) if answered_too else (PromptState.OPEN,)
        row = self.db.get("prompts", prompt_id)
        if row is not None and row.state in states:
            self.db.update("prompts", prompt_id, state=state.value)
