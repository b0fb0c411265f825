"""The rows of a window's record, as the report reads them, and the names people go by in it.

``bot.domain.record`` assembles the report from these. The store's rows fit them as they are (so do
the test fakes' rows, or plain dataclasses): the assembling only reads attributes, so each Protocol
lists read-only properties, and only the columns the report uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class WindowRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def day(self) -> dt.date: ...
    @property
    def start_local(self) -> str: ...  # "HH:MM"
    @property
    def end_local(self) -> str: ...
    @property
    def starts_at(self) -> dt.datetime: ...
    @property
    def timezone(self) -> str: ...
    @property
    def case_number(self) -> str | None: ...
    @property
    def state(self) -> str: ...


class ParticipantRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def areas(self) -> str: ...  # encoded: "ifo,kir"
    @property
    def clients(self) -> str: ...  # encoded: "citrix,local"
    @property
    def substitute_name(self) -> str | None: ...
    @property
    def substitute_email(self) -> str | None: ...
    @property
    def plan_answer(self) -> str | None: ...
    @property
    def checkin_state(self) -> str: ...
    @property
    def covered_by_email(self) -> str | None: ...
    @property
    def covered_by_name(self) -> str | None: ...


class AssignmentRow(Protocol):
    """An area the admin gave to someone else on the day."""

    @property
    def area(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...


class AuditRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor(self) -> str: ...  # an e-mail address, or "bot"
    @property
    def kind(self) -> str: ...  # an ``AuditKind`` value, as stored
    @property
    def detail(self) -> Any: ...  # decoded JSON: a dict (or None in old rows)


class PromptRow(Protocol):
    """A card that asked someone something (``PromptKind``)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def recipient_email(self) -> str: ...
    @property
    def participant_id(self) -> int | None: ...
    @property
    def round_id(self) -> int | None: ...
    @property
    def case_ids(self) -> Sequence[str] | None: ...
    @property
    def message_key(self) -> str: ...
    @property
    def created_at(self) -> dt.datetime: ...


class RoundRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def seq(self) -> int: ...
    @property
    def client(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def started_by(self) -> str: ...
    @property
    def started_at(self) -> dt.datetime: ...
    @property
    def closed_at(self) -> dt.datetime | None: ...


class ResultRow(Protocol):
    """One answer to one test case in one round."""

    @property
    def round_id(self) -> int: ...
    @property
    def area(self) -> str: ...
    @property
    def case_id(self) -> str: ...
    @property
    def tester_email(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def comment(self) -> str: ...
    @property
    def recorded_at(self) -> dt.datetime: ...


class MessageRow(Protocol):
    """A message in the outbox: a card or a text the bot owns."""

    @property
    def key(self) -> str: ...
    @property
    def recipient_email(self) -> str | None: ...
    @property
    def channel_purpose(self) -> str | None: ...
    @property
    def purpose(self) -> str: ...
    @property
    def content(self) -> Mapping[str, Any] | None: ...
    @property
    def version(self) -> int: ...
    @property
    def sent_version(self) -> int: ...
    @property
    def state(self) -> str: ...
    @property
    def error(self) -> str | None: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def delivered_at(self) -> dt.datetime | None: ...


class EmailJobRow(Protocol):
    """A job that sends one e-mail."""

    @property
    def key(self) -> str: ...
    @property
    def payload(self) -> Mapping[str, Any] | None: ...
    @property
    def state(self) -> str: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def finished_at(self) -> dt.datetime | None: ...


class Names:
    """E-mail -> display name, as the window knew people (participants first, then the roster)."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self._names = dict(known)

    def learn(self, email: str | None, name: str | None) -> None:
        if email and name:
            self._names[email.lower()] = name

    def of(self, email: str | None) -> str:
        """The name, or the address itself when nobody by it is known."""
        if not email:
            return ""
        return self._names.get(email.lower(), email)

    def actor(self, actor: str) -> str:
        return "bot" if actor in ("bot", "") else self.of(actor)


def participant_by_email(parts: Sequence[ParticipantRow], email: Any) -> ParticipantRow | None:
    """The test resource an audit entry names (``detail["participant"]``), if it names one."""
    if not isinstance(email, str):
        return None
    return next((p for p in parts if p.email.lower() == email.lower()), None)
