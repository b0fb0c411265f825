"""Repository of prompts: the question on each card, so that the server, not the card, decides
whether an answer is accepted."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.day import Prompt, PromptKind, PromptState
from bot.domain.people import decode_areas, encode_areas
from bot.services.ports.day import PromptRepository
from bot.store.tables import prompts


def _prompt(row: Any) -> Prompt:
    return Prompt(
        id=row.id,
        window_id=row.window_id,
        kind=PromptKind(row.kind),
        recipient_email=row.recipient_email,
        participant_id=row.participant_id,
        round_id=row.round_id,
        areas=decode_areas(row.areas),
        case_ids=row.case_ids,
        state=PromptState(row.state),
        answer=row.answer,
        answered_at=row.answered_at,
        message_key=row.message_key,
    )


class SqlPrompts(PromptRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def create(
        self,
        window_id: int,
        kind: PromptKind,
        recipient_email: str,
        message_key: str,
        now: dt.datetime,
        *,
        participant_id: int | None = None,
        round_id: int | None = None,
        areas: frozenset[str] | None = None,
        case_ids: list[str] | None = None,
    ) -> Prompt:
        prompt_id = uuid.uuid4().hex
        await self._conn.execute(
            prompts.insert().values(
                id=prompt_id,
                window_id=window_id,
                kind=kind.value,
                recipient_email=recipient_email,
                participant_id=participant_id,
                round_id=round_id,
                areas=encode_areas(areas or frozenset()),
                case_ids=case_ids,
                state=PromptState.OPEN.value,
                message_key=message_key,
                created_at=now,
            )
        )
        row = (await self._conn.execute(select(prompts).where(prompts.c.id == prompt_id))).one()
        return _prompt(row)

    async def get(self, prompt_id: str) -> Prompt | None:
        if not isinstance(prompt_id, str) or len(prompt_id) != 32:
            return None
        row = (await self._conn.execute(select(prompts).where(prompts.c.id == prompt_id))).first()
        return None if row is None else _prompt(row)

    async def find(
        self,
        window_id: int,
        *,
        kind: PromptKind | None = None,
        participant_id: int | None = None,
        round_id: int | None = None,
        state: PromptState | None = None,
    ) -> list[Prompt]:
        query = select(prompts).where(prompts.c.window_id == window_id)
        if kind is not None:
            query = query.where(prompts.c.kind == kind.value)
        if participant_id is not None:
            query = query.where(prompts.c.participant_id == participant_id)
        if round_id is not None:
            query = query.where(prompts.c.round_id == round_id)
        if state is not None:
            query = query.where(prompts.c.state == state.value)
        rows = await self._conn.execute(query.order_by(prompts.c.created_at, prompts.c.id))
        return [_prompt(r) for r in rows.all()]

    async def answer(
        self,
        prompt_id: str,
        answer: dict[str, Any],
        now: dt.datetime,
        state: PromptState = PromptState.ANSWERED,
    ) -> None:
        await self._conn.execute(
            update(prompts)
            .where(prompts.c.id == prompt_id)
            .values(state=state.value, answer=answer, answered_at=now)
        )

    async def close(
        self, prompt_id: str, state: PromptState = PromptState.CLOSED, *, answered_too: bool = False
    ) -> None:
        states = (
            [PromptState.OPEN.value, PromptState.ANSWERED.value] if answered_too else [PromptState.OPEN.value]
        )
        await self._conn.execute(
            update(prompts)
            .where(prompts.c.id == prompt_id, prompts.c.state.in_(states))
            .values(state=state.value)
        )
