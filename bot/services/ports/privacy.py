"""The data-protection repository: anonymising old windows and forgetting a person."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.domain.privacy import Counts, Forgotten, Pseudonyms

People = list[tuple[str | None, str | None]]  # (e-mail, name) of everyone the database names


class PrivacyRepository(Protocol):
    """``uow.privacy``"""

    async def known_people(self) -> People: ...

    async def windows_to_anonymise(self, before: dt.date) -> list[int]: ...

    async def anonymise_window(self, window_id: int, pseudonyms: Pseudonyms, everyone: People) -> Counts: ...

    async def retention_due(self, before: dt.date, cutoff: dt.datetime) -> bool: ...

    async def remove_stale(self, cutoff: dt.datetime, pseudonyms: Pseudonyms, everyone: People) -> Counts: ...

    async def forget(self, email: str, pseudonyms: Pseudonyms) -> Forgotten: ...
