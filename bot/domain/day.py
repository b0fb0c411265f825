"""The day's model: who takes part in a window, the questions the bot asks them, the test rounds
and their results. Plain dataclasses with enum states; the store reads and writes them, the
services decide with them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.domain.checkin import CheckinState
from bot.domain.people import Client
from bot.domain.rounds import Outcome, RoundKind


class PlanAnswer(StrEnum):
    """A test resource's answer to the announcement card."""

    COMING = "coming"
    CANT = "cant"


class PromptKind(StrEnum):
    """What a card asks its recipient."""

    ANNOUNCE = "announce"  # will you test on the day?
    CHECKIN = "checkin"  # the tester: are you in place?
    CHECKIN_SUB = "checkin_sub"  # the substitute: will you stand in?
    CHECKLIST = "checklist"  # the test cases of a round


class PromptState(StrEnum):
    """Where a card's question stands. Only an open prompt accepts an answer."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"  # the day moved on (all-clear)
    EXPIRED = "expired"  # someone else settled it (escalation, hand-back)
    REPLACED = "replaced"  # a newer card asks the same (window moved)
    CANCELLED = "cancelled"  # the window was cancelled


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Participant:
    """A test resource as the window knows them: frozen from the roster when the day starts."""

    id: int
    window_id: int
    email: str
    name: str
    areas: frozenset[str]
    clients: frozenset[Client]
    substitute_name: str | None
    substitute_email: str | None
    plan_answer: PlanAnswer | None
    checkin_state: CheckinState
    covered_by_email: str | None
    covered_by_name: str | None

    @property
    def has_substitute(self) -> bool:
        return bool(self.substitute_email)


@dataclass(frozen=True)
class Prompt:
    """One question on one card to one person; the card carries only its id."""

    id: str
    window_id: int
    kind: PromptKind
    recipient_email: str
    participant_id: int | None
    round_id: int | None
    areas: frozenset[str]
    case_ids: list[str] | None
    state: PromptState
    answer: dict[str, Any] | None
    answered_at: dt.datetime | None
    message_key: str


@dataclass(frozen=True)
class Round:
    """A test round: the local or the Citrix client, first time or a retest."""

    id: int
    window_id: int
    seq: int
    client: Client
    kind: RoundKind
    state: RoundState
    started_at: dt.datetime
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class Result:
    """One test case's outcome in one round."""

    round_id: int
    area: str
    case_id: str
    tester_email: str
    outcome: Outcome
    comment: str
    recorded_at: dt.datetime
