"""Repositories of who is who and what happened: the roster, Teams identities, the audit trail,
inbound de-duplication, channels, editable texts, the managers' list and the record's reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.domain.audit import AuditKind
from bot.domain.people import Manager, Person, Substitute


@dataclass(frozen=True)
class Identity:
    user_id: str
    aad_object_id: str | None
    email: str | None
    name: str | None
    tenant_id: str | None
    service_url: str | None
    conversation_id: str | None
    locale: str | None
    timezone: str | None
    reachable: bool


@dataclass(frozen=True)
class Channel:
    """A Teams channel the bot posts to for a purpose (the supplier's)."""

    purpose: str
    conversation_id: str
    service_url: str
    tenant_id: str | None
    team_id: str | None


class PeopleRepository(Protocol):
    """``uow.people``: the roster."""

    async def all(self) -> list[Person]: ...

    async def get(self, email: str) -> Person | None: ...

    async def admins(self) -> list[Person]: ...

    async def replace_all(self, roster: Iterable[Person], now: dt.datetime) -> tuple[int, int, int]:
        """Make the roster equal to ``roster``; (added, changed, removed)."""
        ...

    async def set_substitute(self, email: str, substitute: Substitute, now: dt.datetime) -> None: ...


class IdentityRepository(Protocol):
    """``uow.identities``: who a Teams user is and where the bot can write to them."""

    async def by_user_id(self, user_id: str) -> Identity | None: ...

    async def by_email(self, email: str) -> Identity | None: ...

    async def upsert(
        self,
        user_id: str,
        now: dt.datetime,
        *,
        aad_object_id: str | None = None,
        email: str | None = None,
        name: str | None = None,
        tenant_id: str | None = None,
        service_url: str | None = None,
        conversation_id: str | None = None,
        locale: str | None = None,
        timezone: str | None = None,
    ) -> None:
        """Create or update; ``None`` leaves what is known untouched."""
        ...


class AuditRepository(Protocol):
    """``uow.audit``: the append-only audit trail."""

    async def record(
        self,
        now: dt.datetime,
        actor: str,
        kind: AuditKind,
        detail: dict[str, Any] | None = None,
        window_id: int | None = None,
    ) -> None: ...


class InboundRepository(Protocol):
    """``uow.inbound``: activities already acted on (Teams resends)."""

    async def first_time(self, key: str, now: dt.datetime) -> bool: ...


class ChannelRepository(Protocol):
    """``uow.channels``"""

    async def get(self, purpose: str) -> Channel | None: ...

    async def set(
        self,
        purpose: str,
        conversation_id: str,
        service_url: str,
        tenant_id: str | None,
        team_id: str | None,
        set_by: str,
        now: dt.datetime,
    ) -> None: ...


class TextRepository(Protocol):
    """``uow.texts``: texts the admin can edit (the user notice)."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, by: str, now: dt.datetime) -> None: ...


class ManagerRepository(Protocol):
    """``uow.managers``: the operations managers' e-mail list."""

    async def all(self) -> list[Manager]: ...

    async def replace_all(self, managers: list[Manager], now: dt.datetime) -> None: ...


class RecordReads(Protocol):
    """``uow.reports``: the rows the report and the history are assembled from, as read."""

    async def window_row(self, window_id: int) -> Any | None: ...

    async def window_rows(self) -> list[Any]: ...

    async def participant_rows(self, window_id: int) -> list[Any]: ...

    async def round_rows(self, window_id: int) -> list[Any]: ...

    async def result_rows(self, window_id: int) -> list[Any]: ...

    async def prompt_rows(self, window_id: int) -> list[Any]: ...

    async def message_rows(self, window_id: int) -> list[Any]: ...

    async def email_job_rows(self, window_id: int) -> list[Any]: ...

    async def audit_rows(self, window_id: int) -> list[Any]: ...

    async def assignment_rows(self, window_id: int) -> list[Any]: ...

    async def known_names(self) -> dict[str, str]: ...
