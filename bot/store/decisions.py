"""Repository of the supplier's decisions on a window's day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client
from bot.services.ports.day import DecisionRepository
from bot.store.tables import decisions


def _decision(row: Any) -> Decision:
    return Decision(
        row.window_id,
        DecisionKind(row.kind),
        row.round_seq,
        Client(row.client) if row.client else None,
        row.comment,
        row.actor,
        row.actor_name,
        row.at,
    )


class SqlDecisions(DecisionRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

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
    ) -> Decision:
        values = {
            "window_id": window_id,
            "kind": kind.value,
            "round_seq": round_seq,
            "client": client.value if client else None,
            "comment": comment,
            "actor": actor,
            "actor_name": actor_name,
            "at": now,
        }
        await self._conn.execute(decisions.insert().values(**values))
        return Decision(window_id, kind, round_seq, client, comment, actor, actor_name, now)

    async def of_window(self, window_id: int) -> list[Decision]:
        rows = await self._conn.execute(
            select(decisions).where(decisions.c.window_id == window_id).order_by(decisions.c.id)
        )
        return [_decision(r) for r in rows.all()]
