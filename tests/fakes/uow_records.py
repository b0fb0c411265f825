"""Fake repositories of who is who and what happened (``bot.services.ports.records`` and
``.privacy``), with the SQL store's semantics: ``bot/store/records.py``, ``people.py``,
``identities.py``, ``managers.py`` and ``reports.py``.

``FakePrivacy`` is not implemented: anonymising and forgetting rewrite names and e-mail addresses in
every table and inside JSON and free text (``bot/store/privacy/``); a copy of that here would be a
second implementation to keep in step, so its methods raise ``NotImplementedError``. Test data
protection against the database (tests/e2e/test_privacy.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.people import (
    Manager,
    Person,
    Role,
    Substitute,
    decode_areas,
    decode_clients,
    encode_areas,
    encode_clients,
)
from bot.domain.privacy import Counts, Forgotten, Pseudonyms
from bot.services.ports.privacy import People, PrivacyRepository
from bot.services.ports.records import (
    AuditRepository,
    Channel,
    ChannelRepository,
    Identity,
    IdentityRepository,
    InboundRepository,
    ManagerRepository,
    PeopleRepository,
    RecordReads,
    TextRepository,
)
from tests.fakes.uow_db import FakeRepository, Row


class FakeAudit(FakeRepository, AuditRepository):
    async def record(
        self,
        now: dt.datetime,
        actor: str,
        kind: AuditKind,
        detail: dict[str, Any] | None = None,
        window_id: int | None = None,
    ) -> None:
        self.db.insert("audit", window_id=window_id, at=now, actor=actor, kind=str(kind), detail=detail or {})


class FakeInbound(FakeRepository, InboundRepository):
    async def first_time(self, key: str, now: dt.datetime) -> bool:
        if self.db.get("inbound", key[:300]) is not None:
            return False
        self.db.insert("inbound", key=key[:300], at=now)
        return True


class FakeChannels(FakeRepository, ChannelRepository):
    async def get(self, purpose: str) -> Channel | None:
        row = self.db.first("channels", lambda r: r.purpose == purpose)
        if row is None:
            return None
        return Channel(row.purpose, row.conversation_id, row.service_url, row.tenant_id, row.team_id)

    async def set(
        self,
        purpose: str,
        conversation_id: str,
        service_url: str,
        tenant_id: str | None,
        team_id: str | None,
        set_by: str,
        now: dt.datetime,
    ) -> None:
        values = {
            "conversation_id": conversation_id,
            "service_url": service_url,
            "tenant_id": tenant_id,
            "team_id": team_id,
            "set_by": set_by,
            "set_at": now,
        }
        row = self.db.first("channels", lambda r: r.purpose == purpose)
        if row is None:
            self.db.insert("channels", purpose=purpose, **values)
        else:
            self.db.update("channels", row.id, **values)


class FakeTexts(FakeRepository, TextRepository):
    async def get(self, key: str) -> str | None:
        row = self.db.get("texts", key)
        return None if row is None else str(row.value)

    async def set(self, key: str, value: str, by: str, now: dt.datetime) -> None:
        if self.db.get("texts", key) is None:
            self.db.insert("texts", key=key, value=value, updated_by=by, updated_at=now)
        else:
            self.db.update("texts", key, value=value, updated_by=by, updated_at=now)


def to_person(row: Row) -> Person:
    sub = Substitute(row.substitute_name, row.substitute_email) if row.substitute_email else None
    return Person(
        email=row.email,
        name=row.name,
        role=Role(row.role),
        areas=decode_areas(row.areas),
        clients=decode_clients(row.clients),
        substitute=sub,
    )


def _person_values(p: Person) -> dict[str, Any]:
    return {
        "name": p.name,
        "role": p.role.value,
        "areas": encode_areas(p.areas),
        "clients": encode_clients(p.clients),
        "substitute_name": p.substitute.name if p.substitute else None,
        "substitute_email": p.substitute.email if p.substitute else None,
    }


class FakePeople(FakeRepository, PeopleRepository):
    def _exactly(self, email: str) -> Row | None:
        return self.db.first("people", lambda r: r.email == email)

    async def all(self) -> list[Person]:
        return [to_person(r) for r in self.db.select("people", order=lambda r: (r.role, r.name))]

    async def get(self, email: str) -> Person | None:
        row = self.db.first("people", lambda r: r.email == email.lower())
        return None if row is None else to_person(row)

    async def admins(self) -> list[Person]:
        return [to_person(r) for r in self.db.select("people", lambda r: r.role == Role.ADMIN)]

    async def replace_all(self, roster: Iterable[Person], now: dt.datetime) -> tuple[int, int, int]:
        current = {p.email: p for p in await self.all()}
        wanted = {p.email: p for p in roster}
        added = changed = 0
        for email, person in wanted.items():
            old = current.get(email)
            if old is None:
                self.db.insert(
                    "people", email=email, created_at=now, updated_at=now, **_person_values(person)
                )
                added += 1
            elif old != person:
                row = self._exactly(email)
                assert row is not None
                self.db.update("people", row.id, updated_at=now, **_person_values(person))
                changed += 1
        removed = [e for e in current if e not in wanted]
        for row in self.db.select("people", lambda r: r.email in removed):
            self.db.delete("people", row.id)
        return added, changed, len(removed)

    async def set_substitute(self, email: str, substitute: Substitute, now: dt.datetime) -> None:
        for row in self.db.select("people", lambda r: r.email == email):
            self.db.update(
                "people",
                row.id,
                substitute_name=substitute.name,
                substitute_email=substitute.email,
                updated_at=now,
            )


def to_identity(row: Row) -> Identity:
    return Identity(
        user_id=row.user_id,
        aad_object_id=row.aad_object_id,
        email=row.email,
        name=row.name,
        tenant_id=row.tenant_id,
        service_url=row.service_url,
        conversation_id=row.conversation_id,
        locale=row.locale,
        timezone=row.timezone,
        reachable=row.reachable,
    )


class FakeIdentities(FakeRepository, IdentityRepository):
    async def by_user_id(self, user_id: str) -> Identity | None:
        row = self.db.first("identities", lambda r: r.user_id == user_id)
        return None if row is None else to_identity(row)

    async def by_email(self, email: str) -> Identity | None:
        """The most recently seen Teams identity with this e-mail address."""
        rows = self.db.select("identities", lambda r: r.email == email.lower())
        rows.sort(key=lambda r: (r.updated_at, r.id), reverse=True)
        return to_identity(rows[0]) if rows else None

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
        fields = {
            "aad_object_id": aad_object_id,
            "email": email.lower() if email is not None else None,
            "name": name,
            "tenant_id": tenant_id,
            "service_url": service_url,
            "conversation_id": conversation_id,
            "locale": locale,
            "timezone": timezone,
        }
        values = {k: v for k, v in fields.items() if v is not None}
        row = self.db.first("identities", lambda r: r.user_id == user_id)
        if row is None:
            self.db.insert("identities", user_id=user_id, reachable=True, updated_at=now, **values)
        else:
            # ON CONFLICT DO UPDATE sets updated_at and the fields given, not ``reachable``.
            self.db.update("identities", row.id, updated_at=now, **values)


class FakeManagers(FakeRepository, ManagerRepository):
    async def all(self) -> list[Manager]:
        rows = self.db.select("managers", order=lambda r: r.name)
        return [Manager(r.email, r.name, r.organisation) for r in rows]

    async def replace_all(self, managers: list[Manager], now: dt.datetime) -> None:
        for row in self.db.select("managers"):
            self.db.delete("managers", row.id)
        for m in managers:
            self.db.insert(
                "managers", email=m.email, name=m.name, organisation=m.organisation, created_at=now
            )


class FakeRecordReads(FakeRepository, RecordReads):
    """The rows as the store reads them: every column, JSON decoded, timestamps in UTC."""

    def _of_window(self, table: str, window_id: int, order: Any = None) -> list[Any]:
        return list(self.db.select(table, lambda r: r.window_id == window_id, order=order))

    async def window_row(self, window_id: int) -> Any | None:
        return self.db.get("windows", window_id)

    async def window_rows(self) -> list[Any]:
        return list(self.db.select("windows", order=lambda r: (r.day, r.id)))

    async def participant_rows(self, window_id: int) -> list[Any]:
        return self._of_window("participants", window_id, lambda r: r.id)

    async def round_rows(self, window_id: int) -> list[Any]:
        return self._of_window("rounds", window_id, lambda r: r.seq)

    async def result_rows(self, window_id: int) -> list[Any]:
        return self._of_window("results", window_id, lambda r: r.id)

    async def prompt_rows(self, window_id: int) -> list[Any]:
        return self._of_window("prompts", window_id, lambda r: (r.created_at, r.id))

    async def message_rows(self, window_id: int) -> list[Any]:
        return self._of_window("messages", window_id, lambda r: (r.created_at, r.id))

    async def email_job_rows(self, window_id: int) -> list[Any]:
        rows = self.db.select("jobs", lambda r: r.window_id == window_id and r.kind == "email")
        return sorted(rows, key=lambda r: r.id)

    async def audit_rows(self, window_id: int) -> list[Any]:
        return self._of_window("audit", window_id, lambda r: r.id)

    async def assignment_rows(self, window_id: int) -> list[Any]:
        return self._of_window("area_assignments", window_id)

    async def known_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for ident in self.db.select("identities"):
            if ident.email and ident.name:
                names[ident.email.lower()] = ident.name
        for person in self.db.select("people"):
            if person.substitute_email and person.substitute_name:
                names.setdefault(person.substitute_email.lower(), person.substitute_name)
            names[person.email.lower()] = person.name
        return names


_NO_PRIVACY = (
    "FakePrivacy does not anonymise or forget in memory (bot/store/privacy rewrites every table); "
    "test data protection against a database"
)


class FakePrivacy(FakeRepository, PrivacyRepository):
    async def known_people(self) -> People:
        raise NotImplementedError(_NO_PRIVACY)

    async def windows_to_anonymise(self, before: dt.date) -> list[int]:
        raise NotImplementedError(_NO_PRIVACY)

    async def anonymise_window(self, window_id: int, pseudonyms: Pseudonyms, everyone: People) -> Counts:
        raise NotImplementedError(_NO_PRIVACY)

    async def retention_due(self, before: dt.date, cutoff: dt.datetime) -> bool:
        raise NotImplementedError(_NO_PRIVACY)

    async def remove_stale(self, cutoff: dt.datetime, pseudonyms: Pseudonyms, everyone: People) -> Counts:
        raise NotImplementedError(_NO_PRIVACY)

    async def forget(self, email: str, pseudonyms: Pseudonyms) -> Forgotten:
        raise NotImplementedError(_NO_PRIVACY)
