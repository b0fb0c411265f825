"""Repository of a window's participants: the roster's testers as the day knows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, PlanAnswer
from bot.domain.people import Person, decode_areas, decode_clients, encode_areas, encode_clients
from bot.services.ports.day import ParticipantRepository
from bot.store.tables import participants


def _participant(row: Any) -> Participant:
    return Participant(
        id=row.id,
        window_id=row.window_id,
        email=row.email,
        name=row.name,
        areas=decode_areas(row.areas),
        clients=decode_clients(row.clients),
        substitute_name=row.substitute_name,
        substitute_email=row.substitute_email,
        plan_answer=PlanAnswer(row.plan_answer) if row.plan_answer else None,
        checkin_state=CheckinState(row.checkin_state),
        covered_by_email=row.covered_by_email,
        covered_by_name=row.covered_by_name,
    )


class SqlParticipants(ParticipantRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def sync(self, window_id: int, testers: list[Person], now: dt.datetime) -> None:
        """Make the window's participants match the roster's testers (new ones added, areas and
        substitutes refreshed). Only while planning: on the day the list is what it is."""
        existing = {p.email: p for p in await self.of_window(window_id)}
        for person in testers:
            values = {
                "name": person.name,
                "areas": encode_areas(person.areas),
                "clients": encode_clients(person.clients),
                "substitute_name": person.substitute.name if person.substitute else None,
                "substitute_email": person.substitute.email if person.substitute else None,
                "updated_at": now,
            }
            if person.email in existing:
                await self._conn.execute(
                    update(participants)
                    .where(participants.c.id == existing[person.email].id)
                    .values(**values)
                )
            else:
                await self._conn.execute(
                    participants.insert().values(
                        window_id=window_id,
                        email=person.email,
                        checkin_state=CheckinState.WAITING.value,
                        **values,
                    )
                )

    async def of_window(self, window_id: int) -> list[Participant]:
        rows = await self._conn.execute(
            select(participants).where(participants.c.window_id == window_id).order_by(participants.c.id)
        )
        return [_participant(r) for r in rows.all()]

    async def waiting(self, window_id: int, limit: int) -> list[Participant]:
        rows = await self._conn.execute(
            select(participants)
            .where(
                participants.c.window_id == window_id,
                participants.c.checkin_state == CheckinState.WAITING.value,
            )
            .order_by(participants.c.id)
            .limit(limit)
        )
        return [_participant(r) for r in rows.all()]

    async def get(self, participant_id: int) -> Participant | None:
        row = (
            await self._conn.execute(select(participants).where(participants.c.id == participant_id))
        ).first()
        return None if row is None else _participant(row)

    async def _update(self, participant_id: int, now: dt.datetime, values: dict[str, Any]) -> None:
        await self._conn.execute(
            update(participants).where(participants.c.id == participant_id).values(updated_at=now, **values)
        )

    async def set_checkin(self, participant_id: int, state: CheckinState, now: dt.datetime) -> None:
        await self._update(participant_id, now, {"checkin_state": state.value})

    async def set_cover(
        self,
        participant_id: int,
        state: CheckinState,
        email: str | None,
        name: str | None,
        now: dt.datetime,
    ) -> None:
        values = {"checkin_state": state.value, "covered_by_email": email, "covered_by_name": name}
        await self._update(participant_id, now, values)

    async def set_plan_answer(self, participant_id: int, answer: PlanAnswer | None, now: dt.datetime) -> None:
        values = {
            "plan_answer": answer.value if answer else None,
            "plan_answered_at": now if answer else None,
        }
        await self._update(participant_id, now, values)

    async def set_substitute(
        self, participant_id: int, name: str | None, email: str | None, now: dt.datetime
    ) -> None:
        await self._update(participant_id, now, {"substitute_name": name, "substitute_email": email})


async def sync_participants(
    conn: AsyncConnection, window_id: int, testers: list[Person], now: dt.datetime
) -> None:
    await SqlParticipants(conn).sync(window_id, testers, now)
