"""The announcement of a window and the answers to it: who has been told, what a test resource
answered, and whether their card still takes an answer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from bot.domain.day import Participant, Prompt, PromptState
from bot.domain.people import Substitute, normalise_email
from bot.domain.windows import Window, WindowState

# A card in one of these states has been superseded or withdrawn: an answer to it is too late.
_SETTLED = (PromptState.REPLACED, PromptState.CANCELLED, PromptState.CLOSED)


def told(prompts: Iterable[Prompt]) -> list[Prompt]:
    """The announcement cards that count: a replaced one was followed by a newer card (the
    window moved), which is the one that counts."""
    return [p for p in prompts if p.state != PromptState.REPLACED]


def takes_answer(prompt: Prompt, window: Window | None) -> bool:
    """An answer is only taken while the window is still being planned and the card stands."""
    return window is not None and window.state is WindowState.PLANNED and prompt.state not in _SETTLED


def coming_answer() -> dict[str, Any]:
    return {"answer": "coming"}


def cant_answer(substitute: Substitute) -> dict[str, Any]:
    return {"answer": "cant", "substitute_name": substitute.name, "substitute_email": substitute.email}


def answered_at(prompt: Prompt, answer: dict[str, Any], now: dt.datetime) -> dt.datetime:
    """When the answer was given: pressing the same button again keeps the first time."""
    if prompt.answer == answer and prompt.answered_at:
        return prompt.answered_at
    return now


def substitute_from_card(raw_name: object, raw_email: object) -> Substitute:
    """The substitute as typed into the card's fields, tidied; a missing field is empty (the
    roster's check then says what is missing)."""
    name = re.sub(r"\s+", " ", raw_name).strip() if isinstance(raw_name, str) else ""
    email = normalise_email(raw_email) if isinstance(raw_email, str) else ""
    return Substitute(name, email)


def substitute_shown(participant: Participant) -> tuple[str, str] | None:
    """(name, e-mail) of the substitute the announcement card shows, or None if there is none."""
    if not participant.has_substitute:
        return None
    return (participant.substitute_name or "", participant.substitute_email or "")
