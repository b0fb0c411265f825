"""Drives the bot the way Teams does: real Activity JSON posted to its HTTP endpoint."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient
from aiohttp.web import Application, Request

from tests.fakes.connector import FakeConnector

TENANT = "tenant-1"
BOT_ID = "28:servicewindow-bot"


@dataclass(frozen=True)
class User:
    user_id: str
    name: str
    email: str
    locale: str = "sv-SE"

    @property
    def conversation_id(self) -> str:
        return f"a:1on1-{self.user_id}"


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


class TeamsDriver:
    def __init__(
        self,
        client: TestClient[Request, Application],
        connector: FakeConnector,
        token: Callable[[], str] | None = None,
        tenant: str = TENANT,
    ) -> None:
        self.client = client
        self.connector = connector
        self.token = token
        self.tenant = tenant
        self._ids = itertools.count(1)

    def user(self, name: str, email: str, locale: str = "sv-SE", *, in_directory: bool = True) -> User:
        user = User(f"29:{slug(name)}", name, email, locale)
        if in_directory:
            self.connector.add_member(user.user_id, name, email)
        self.connector.conversations[user.conversation_id] = user.user_id
        return user

    def activity(self, user: User, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """The body of an activity ``user`` sends in ``conversation``, with ``extra`` fields."""
        body: dict[str, Any] = {
            "id": f"in-{next(self._ids)}",
            "channelId": "msteams",
            "serviceUrl": self.connector.url,
            "timestamp": "2026-12-01T07:00:00.000Z",
            "from": {"id": user.user_id, "name": user.name, "aadObjectId": f"aad-{user.user_id}"},
            "recipient": {"id": BOT_ID, "name": "Servicefönster"},
            "conversation": conversation,
            "locale": user.locale,
            "channelData": {"tenant": {"id": self.tenant}},
            "entities": [{"type": "clientInfo", "locale": user.locale, "timezone": "Europe/Stockholm"}],
        }
        body.update(extra)
        return body

    def personal(self, user: User) -> dict[str, Any]:
        return {"id": user.conversation_id, "conversationType": "personal", "tenantId": self.tenant}

    async def post(self, body: Any, *, headers: dict[str, str] | None = None) -> ClientResponse:
        hdrs = {"Content-Type": "application/json"}
        if self.token is not None:
            hdrs["Authorization"] = f"Bearer {self.token()}"
        hdrs.update(headers or {})
        return await self.client.post("/api/messages", data=json.dumps(body), headers=hdrs)

    async def say(self, user: User, text: str, *, activity_id: str | None = None) -> ClientResponse:
        body = self.activity(user, self.personal(user), type="message", text=text, textFormat="plain")
        if activity_id:
            body["id"] = activity_id
        resp = await self.post(body)
        assert resp.status == 200, await resp.text()
        return resp

    async def install(self, user: User) -> ClientResponse:
        body = self.activity(
            user,
            self.personal(user),
            type="conversationUpdate",
            membersAdded=[{"id": BOT_ID}, {"id": user.user_id}],
        )
        resp = await self.post(body)
        assert resp.status == 200, await resp.text()
        return resp

    def channel(self, _team_id: str, channel_id: str) -> dict[str, Any]:
        return {"id": channel_id, "conversationType": "channel", "isGroup": True, "tenantId": self.tenant}

    async def channel_say(self, user: User, text: str, team_id: str, channel_id: str) -> ClientResponse:
        body = self.activity(
            user,
            self.channel(team_id, channel_id),
            type="message",
            text=f"<at>Servicefönster</at> {text}",
            entities=[
                {
                    "type": "mention",
                    "mentioned": {"id": BOT_ID, "name": "Servicefönster"},
                    "text": "<at>Servicefönster</at>",
                }
            ],
        )
        body["channelData"] = {
            "tenant": {"id": self.tenant},
            "team": {"id": team_id},
            "channel": {"id": channel_id},
        }
        resp = await self.post(body)
        assert resp.status == 200, await resp.text()
        return resp

    async def add_to_team(self, user: User, team_id: str, channel_id: str) -> ClientResponse:
        body = self.activity(
            user, self.channel(team_id, channel_id), type="conversationUpdate", membersAdded=[{"id": BOT_ID}]
        )
        body["channelData"] = {
            "tenant": {"id": self.tenant},
            "team": {"id": team_id},
            "channel": {"id": channel_id},
        }
        resp = await self.post(body)
        assert resp.status == 200, await resp.text()
        return resp

    async def click(
        self,
        user: User,
        action: dict[str, Any],
        inputs: dict[str, Any] | None = None,
        *,
        invoke: bool = True,
        reply_to_id: str | None = None,
        conversation: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Click an Action.Execute from a card (``action`` as found in the card JSON)."""
        data = {**(action.get("data") or {}), **(inputs or {})}
        conv = conversation or self.personal(user)
        if invoke:
            body = self.activity(
                user,
                conv,
                type="invoke",
                name="adaptiveCard/action",
                value={"action": {"type": "Action.Execute", "verb": action.get("verb"), "data": data}},
            )
        else:
            body = self.activity(user, conv, type="message", value=data)
        if reply_to_id:
            body["replyToId"] = reply_to_id
        resp = await self.post(body)
        assert resp.status == 200, await resp.text()
        if invoke:
            result: dict[str, Any] = await resp.json()
            return result
        return {}


def find_actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Action.Execute/Submit in a card, in document order (including inside ShowCards)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("Action.Execute", "Action.Submit"):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def action(card: dict[str, Any], verb: str) -> dict[str, Any]:
    for a in find_actions(card):
        if a.get("verb") == verb or (a.get("data") or {}).get("verb") == verb:
            return a
    raise AssertionError(f"no action {verb!r} in card")


def card_text(card: dict[str, Any] | None) -> str:
    """All visible text of a card, for assertions."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            parts.extend(node[k] for k in ("text", "title", "value", "label") if isinstance(node.get(k), str))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card or {})
    return "\n".join(parts)


def card_title(card: dict[str, Any] | None) -> str:
    """The first text of a card's body (its heading)."""
    for element in (card or {}).get("body") or []:
        if isinstance(element, dict) and element.get("type") == "TextBlock":
            return str(element.get("text", ""))
    return ""
