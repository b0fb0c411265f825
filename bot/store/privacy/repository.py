"""The data-protection repository: binds ``bot.store.privacy``'s functions to a transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.privacy import Counts, Forgotten, Pseudonyms
from bot.services.ports.privacy import People, PrivacyRepository
from bot.store import privacy


class SqlPrivacy(PrivacyRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def known_people(self) -> People:
        return await privacy.known_people(self._conn)

    async def windows_to_anonymise(self, before: dt.date) -> list[int]:
        return await privacy.windows_to_anonymise(self._conn, before)

    async def anonymise_window(self, window_id: int, pseudonyms: Pseudonyms, everyone: People) -> Counts:
        return await privacy.anonymise_window(self._conn, window_id, pseudonyms, everyone)

    async def retention_due(self, before: dt.date, cutoff: dt.datetime) -> bool:
        return await privacy.retention_due(self._conn, before, cutoff)

    async def remove_stale(self, cutoff: dt.datetime, pseudonyms: Pseudonyms, everyone: People) -> Counts:
        return await privacy.remove_stale(self._conn, cutoff, pseudonyms, everyone)

    async def forget(self, email: str, pseudonyms: Pseudonyms) -> Forgotten:
        return await privacy.forget(self._conn, email, pseudonyms)
