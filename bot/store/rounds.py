"""Repository of test rounds and the result of each test case in them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.day import Result, Round, RoundState
from bot.domain.people import Client
from bot.domain.rounds import Outcome, RoundKind
from bot.services.ports.day import RoundRepository
from bot.store.tables import results, rounds


def _round(row: Any) -> Round:
    return Round(
        row.id,
        row.window_id,
        row.seq,
        Client(row.client),
        RoundKind(row.kind),
        RoundState(row.state),
        row.started_at,
        row.closed_at,
    )


class SqlRounds(RoundRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def create(
        self, window_id: int, client: Client, kind: RoundKind, started_by: str, now: dt.datetime
    ) -> Round:
        seq = (
            await self._conn.execute(
                select(func.coalesce(func.max(rounds.c.seq), 0)).where(rounds.c.window_id == window_id)
            )
        ).scalar()
        result = await self._conn.execute(
            rounds.insert().values(
                window_id=window_id,
                seq=int(seq or 0) + 1,
                client=Client(client).value,
                kind=RoundKind(kind).value,
                state=RoundState.OPEN.value,
                started_by=started_by,
                started_at=now,
            )
        )
        round_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        row = (await self._conn.execute(select(rounds).where(rounds.c.id == round_id))).one()
        return _round(row)

    async def of_window(self, window_id: int) -> list[Round]:
        rows = await self._conn.execute(
            select(rounds).where(rounds.c.window_id == window_id).order_by(rounds.c.seq)
        )
        return [_round(r) for r in rows.all()]

    async def get(self, round_id: int) -> Round | None:
        row = (await self._conn.execute(select(rounds).where(rounds.c.id == round_id))).first()
        return None if row is None else _round(row)

    async def close(self, round_id: int, now: dt.datetime) -> None:
        await self._conn.execute(
            update(rounds)
            .where(rounds.c.id == round_id, rounds.c.state == RoundState.OPEN.value)
            .values(state=RoundState.CLOSED.value, closed_at=now)
        )

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
        """Insert or change one case's result in a round. Returns False if it was already exactly so."""
        outcome_value = Outcome(outcome).value
        row = (
            await self._conn.execute(
                select(results).where(results.c.round_id == round_id, results.c.case_id == case_id)
            )
        ).first()
        if row is None:
            await self._conn.execute(
                results.insert().values(
                    round_id=round_id,
                    window_id=window_id,
                    area=area,
                    case_id=case_id,
                    tester_email=tester_email,
                    outcome=outcome_value,
                    comment=comment,
                    recorded_at=now,
                )
            )
            return True
        if (row.outcome, row.comment, row.tester_email) == (outcome_value, comment, tester_email):
            return False
        await self._conn.execute(
            update(results)
            .where(results.c.id == row.id)
            .values(outcome=outcome_value, comment=comment, tester_email=tester_email, recorded_at=now)
        )
        return True

    async def results(self, round_id: int) -> list[Result]:
        rows = await self._conn.execute(
            select(results).where(results.c.round_id == round_id).order_by(results.c.id)
        )
        return [
            Result(
                r.round_id, r.area, r.case_id, r.tester_email, Outcome(r.outcome), r.comment, r.recorded_at
            )
            for r in rows.all()
        ]


async def create_round(
    conn: AsyncConnection, window_id: int, client: str, kind: str, started_by: str, now: dt.datetime
) -> Round:
    return await SqlRounds(conn).create(window_id, Client(client), RoundKind(kind), started_by, now)


async def record_result(
    conn: AsyncConnection,
    round_id: int,
    window_id: int,
    area: str,
    case_id: str,
    tester_email: str,
    outcome: str,
    comment: str,
    now: dt.datetime,
) -> bool:
    return await SqlRounds(conn).record_result(
        round_id, window_id, area, case_id, tester_email, Outcome(outcome), comment, now
    )
