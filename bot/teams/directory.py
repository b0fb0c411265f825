"""The Directory port over the Bot Connector: member look-ups for identity matching."""

from __future__ import annotations

from typing import Any

from bot.services.context import Member
from bot.teams.connector import Connector, ConnectorError


def _member(raw: dict[str, Any]) -> Member | None:
    user_id = raw.get("id")
    if not isinstance(user_id, str):
        return None
    email = raw.get("email") or raw.get("userPrincipalName")
    return Member(
        user_id=user_id,
        email=str(email).lower() if isinstance(email, str) and "@" in email else None,
        name=raw.get("name") if isinstance(raw.get("name"), str) else None,
        aad_object_id=raw.get("aadObjectId") if isinstance(raw.get("aadObjectId"), str) else None,
    )


class ConnectorDirectory:
    def __init__(self, connector: Connector) -> None:
        self._connector = connector

    async def member(self, service_url: str, conversation_id: str, user_id: str) -> Member | None:
        try:
            return _member(await self._connector.member(service_url, conversation_id, user_id))
        except ConnectorError:
            return None

    async def team_members(self, service_url: str, team_id: str) -> list[Member]:
        raw = await self._connector.team_members(service_url, team_id)
        return [m for m in (_member(r) for r in raw) if m is not None]
