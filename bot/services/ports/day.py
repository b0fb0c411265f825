"""Repositories of the day: windows, their participants, the questions on cards, test rounds and
their results, and the areas the admin gave to someone for the day."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, PlanAnswer, Prompt, PromptKind, PromptState, Result, Round
from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client, Person
from bot.domain.rounds import Outcome, RoundKind
from bot.domain.windows import Window, WindowState


class WindowRepository(Protocol):
    """``uow.windows``"""

    async def create(
        self,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        timezone: str,
        case_number: str | None,
        created_by: str,
        now: dt.datetime,
    ) -> Window: ...

    async def get(self, window_id: int) -> Window | None: ...

    async def all(self) -> list[Window]: ...

    async def next_window(self, today: dt.date) -> Window | None:
        """The first planned or running window on ``today`` or later."""
        ...

    async def active(self, today: dt.date) -> Window | None:
        """The window whose day is under way (check-in or testing)."""
        ...

    async def set_state(self, window_id: int, state: WindowState, now: dt.datetime) -> None: ...

    async def start_checkin(self, window_id: int, template: dict[str, Any], now: dt.datetime) -> None:
        """The day begins: the window is in check-in and keeps the test template it started with."""
        ...

    async def mark_announced(self, window_id: int, now: dt.datetime) -> None: ...

    async def move(self, window: Window, day: dt.date, now: dt.datetime) -> Window: ...

    async def set_end(self, window: Window, end: dt.time, now: dt.datetime) -> Window:
        """A new local end time on the window's day (``end_local`` and ``ends_at``); the window
        as it is now."""
        ...

    async def template(self, window_id: int) -> dict[str, Any] | None: ...


class ParticipantRepository(Protocol):
    """``uow.participants``"""

    async def sync(self, window_id: int, testers: list[Person], now: dt.datetime) -> None:
        """Make the window's participants match the roster's testers (only while planning)."""
        ...

    async def of_window(self, window_id: int) -> list[Participant]: ...

    async def waiting(self, window_id: int, limit: int) -> list[Participant]:
        """Up to ``limit`` participants whose check-in has not started, in roster order."""
        ...

    async def get(self, participant_id: int) -> Participant | None: ...

    async def set_checkin(self, participant_id: int, state: CheckinState, now: dt.datetime) -> None: ...

    async def set_cover(
        self,
        participant_id: int,
        state: CheckinState,
        email: str | None,
        name: str | None,
        now: dt.datetime,
    ) -> None:
        """A new check-in state and who covers the participant's areas (None: nobody)."""
        ...

    async def set_plan_answer(
        self, participant_id: int, answer: PlanAnswer | None, now: dt.datetime
    ) -> None: ...

    async def set_substitute(
        self, participant_id: int, name: str | None, email: str | None, now: dt.datetime
    ) -> None: ...


class PromptRepository(Protocol):
    """``uow.prompts``"""

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
    ) -> Prompt: ...

    async def get(self, prompt_id: str) -> Prompt | None: ...

    async def find(
        self,
        window_id: int,
        *,
        kind: PromptKind | None = None,
        participant_id: int | None = None,
        round_id: int | None = None,
        state: PromptState | None = None,
    ) -> list[Prompt]: ...

    async def answer(
        self,
        prompt_id: str,
        answer: dict[str, Any],
        now: dt.datetime,
        state: PromptState = PromptState.ANSWERED,
    ) -> None: ...

    async def close(
        self, prompt_id: str, state: PromptState = PromptState.CLOSED, *, answered_too: bool = False
    ) -> None:
        """Close an open prompt (or, with ``answered_too``, an answered one whose question was
        withdrawn)."""
        ...


class RoundRepository(Protocol):
    """``uow.rounds``: test rounds and their results."""

    async def create(
        self, window_id: int, client: Client, kind: RoundKind, started_by: str, now: dt.datetime
    ) -> Round: ...

    async def of_window(self, window_id: int) -> list[Round]: ...

    async def get(self, round_id: int) -> Round | None: ...

    async def close(self, round_id: int, now: dt.datetime) -> None: ...

    async def record_result(
        self,
        round_id: int,
        window_id: int,
        area: str,
        case_id: str,
        tester_email: str,
        outcome: Outcome,
        comment: str,
        now: dt.datetime,
    ) -> bool:
        """Insert or change one case's result. False if it was already exactly so."""
        ...

    async def results(self, round_id: int) -> list[Result]: ...


class AssignmentRepository(Protocol):
    """``uow.assignments``: areas the admin gave to someone for the rest of the day."""

    async def assign(
        self, window_id: int, area: str, email: str, name: str, by: str, now: dt.datetime
    ) -> None: ...

    async def unassign(self, window_id: int, area: str) -> None: ...

    async def of_window(self, window_id: int) -> dict[str, tuple[str, str]]:
        """Area -> (e-mail, name) of whoever the admin gave it to."""
        ...


class DecisionRepository(Protocol):
    """``uow.decisions``: the supplier's decisions on a window's day, in the order given."""

    async def record(
        self,
        window_id: int,
        kind: DecisionKind,
        round_seq: int | None,
        client: Client | None,
        comment: str,
        actor: str,
        actor_name: str,
        now: dt.datetime,
    ) -> Decision: ...

    async def of_window(self, window_id: int) -> list[Decision]: ...
