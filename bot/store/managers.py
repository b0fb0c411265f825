"""Repository of the operations managers' e-mail list (told of notices, moves and cancellations)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.people import Manager
from bot.services.ports.records import ManagerRepository
from bot.store.tables import managers


class SqlManagers(ManagerRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def all(self) -> list[Manager]:
        rows = await self._conn.execute(select(managers).order_by(managers.c.name))
        return [Manager(r.email, r.name, r.organisation) for r in rows.all()]

    async def replace_all(self, wanted: list[Manager], now: dt.datetime) -> None:
        await self._conn.execute(delete(managers))
        for m in wanted:
            await self._conn.execute(
                managers.insert().values(
                    email=m.email, name=m.name, organisation=m.organisation, created_at=now
                )
            )
