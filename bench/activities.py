"""Teams activity JSON as Teams posts it (the same shape as tests/fakes/teams.py builds), and a
client that posts it to /api/messages with a valid token."""

from __future__ import annotations

import itertools
import json
from typing import Any

import aiohttp

from bench.common import TENANT_ID
from bench.prepare import Person

BOT_ID = "28:servicewindow-bot"
_ids = itertools.count(1)


def _base(service_url: str, user: Person, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": f"bench-{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2026-12-01T07:00:00.000Z",
        "from": {"id": user.user_id, "name": user.name, "aadObjectId": f"aad-{user.user_id}"},
        "recipient": {"id": BOT_ID, "name": "Servicefönster"},
        "conversation": {"id": user.conversation_id, "conversationType": "personal", "tenantId": TENANT_ID},
        "locale": "sv-SE",
        "channelData": {"tenant": {"id": TENANT_ID}},
        "entities": [{"type": "clientInfo", "locale": "sv-SE", "timezone": "Europe/Stockholm"}],
    }
    body.update(extra)
    return body


def message(service_url: str, user: Person, text: str) -> dict[str, Any]:
    return _base(service_url, user, type="message", text=text, textFormat="plain")


def invoke(
    service_url: str, user: Person, action: dict[str, Any], inputs: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A click on an Action.Execute of a card (``action`` as found in the card JSON)."""
    data = {**(action.get("data") or {}), **(inputs or {})}
    value = {"action": {"type": "Action.Execute", "verb": action.get("verb"), "data": data}}
    return _base(service_url, user, type="invoke", name="adaptiveCard/action", value=value)


class Poster:
    """Posts activities to one bot endpoint, each with the same (valid) Bot Framework token, as
    Teams does: the channel's token is reused for its lifetime."""

    def __init__(self, port: int, token: str) -> None:
        self.url = f"http://127.0.0.1:{port}/api/messages"
        self.headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Poster:
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.session is not None:
            await self.session.close()

    async def post(self, body: dict[str, Any]) -> tuple[int, Any]:
        assert self.session is not None
        async with self.session.post(self.url, data=json.dumps(body), headers=self.headers) as resp:
            raw = await resp.read()
            parsed: Any = json.loads(raw) if raw and resp.content_type == "application/json" else None
            return resp.status, parsed
