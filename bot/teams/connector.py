"""Outbound calls to the Bot Connector REST API (create conversation, send, update, members).

Our own small aiohttp client rather than botbuilder's ConnectorClient: the SDK's client fetches
a token for every send on the event-loop thread, never retries, and queues badly under load.
Errors come back as ``ConnectorError`` with the status and ``Retry-After``; retrying is the
delivery worker's decision.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any
from urllib.parse import quote

import aiohttp

CALL_TIMEOUT = aiohttp.ClientTimeout(total=15)
TOKEN_SCOPE = "https://api.botframework.com/.default"


class ConnectorError(Exception):
    def __init__(self, status: int, retry_after: float | None = None, code: str = "") -> None:
        super().__init__(f"connector answered {status} {code}".strip())
        self.status = status
        self.retry_after = retry_after
        self.code = code


class TokenProvider:
    """Client-credentials token for outbound calls, cached until shortly before it expires."""

    def __init__(self, session: aiohttp.ClientSession, endpoint: str, app_id: str, password: str) -> None:
        self._session = session
        self._endpoint = endpoint
        self._app_id = app_id
        self._password = password
        self._token: str | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def token(self) -> str:
        if self._token and time.monotonic() < self._expires:
            return self._token
        async with self._lock:
            if self._token and time.monotonic() < self._expires:
                return self._token
            form = {
                "grant_type": "client_credentials",
                "client_id": self._app_id,
                "client_secret": self._password,
                "scope": TOKEN_SCOPE,
            }
            async with self._session.post(self._endpoint, data=form, timeout=CALL_TIMEOUT) as resp:
                if resp.status != 200:
                    raise ConnectorError(resp.status, None, "token")
                body = json.loads(await resp.text())
            self._token = str(body["access_token"])
            self._expires = time.monotonic() + max(60, int(body.get("expires_in", 3600)) - 300)
            return self._token


def _retry_after(resp: aiohttp.ClientResponse) -> float | None:
    value = resp.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class Connector:
    def __init__(
        self, session: aiohttp.ClientSession, bot_id: str, tokens: TokenProvider | None, tenant_id: str = ""
    ) -> None:
        self._session = session
        self.bot_id = bot_id
        self._tokens = tokens
        self.tenant_id = tenant_id

    async def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self._tokens is not None:
            headers["Authorization"] = f"Bearer {await self._tokens.token()}"
        return headers

    async def _call(self, method: str, url: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            async with self._session.request(
                method,
                url,
                data=None if body is None else json.dumps(body, ensure_ascii=False).encode(),
                headers=await self._headers(),
                timeout=CALL_TIMEOUT,
            ) as resp:
                text = await resp.text()
                if resp.status >= 300:
                    code = ""
                    with contextlib.suppress(ValueError, AttributeError):
                        code = str(json.loads(text).get("error", {}).get("code", ""))
                    raise ConnectorError(resp.status, _retry_after(resp), code)
                if not text:
                    return {}
                parsed = json.loads(text)
                return parsed if isinstance(parsed, dict) else {}
        except (aiohttp.ClientError, TimeoutError) as exc:
            # Network trouble: treat like a 503 so the worker backs off and retries.
            raise ConnectorError(503, None, type(exc).__name__) from exc

    @staticmethod
    def _base(service_url: str) -> str:
        return service_url.rstrip("/")

    async def create_conversation(self, service_url: str, user_id: str, tenant_id: str | None) -> str:
        tenant = tenant_id or self.tenant_id
        body = {
            "bot": {"id": self.bot_id},
            "members": [{"id": user_id}],
            "isGroup": False,
            "tenantId": tenant,
            "channelData": {"tenant": {"id": tenant}},
        }
        result = await self._call("POST", f"{self._base(service_url)}/v3/conversations", body)
        conversation_id = result.get("id")
        if not isinstance(conversation_id, str):
            raise ConnectorError(502, None, "no conversation id")
        return conversation_id

    async def send(self, service_url: str, conversation_id: str, activity: dict[str, Any]) -> str | None:
        url = f"{self._base(service_url)}/v3/conversations/{quote(conversation_id, safe='')}/activities"
        body = {**activity, "from": {"id": self.bot_id}, "conversation": {"id": conversation_id}}
        result = await self._call("POST", url, body)
        activity_id = result.get("id")
        return activity_id if isinstance(activity_id, str) else None

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> None:
        url = (
            f"{self._base(service_url)}/v3/conversations/{quote(conversation_id, safe='')}"
            f"/activities/{quote(activity_id, safe='')}"
        )
        body = {
            **activity,
            "id": activity_id,
            "from": {"id": self.bot_id},
            "conversation": {"id": conversation_id},
        }
        await self._call("PUT", url, body)

    async def member(self, service_url: str, conversation_id: str, user_id: str) -> dict[str, Any]:
        url = (
            f"{self._base(service_url)}/v3/conversations/{quote(conversation_id, safe='')}"
            f"/members/{quote(user_id, safe='')}"
        )
        return await self._call("GET", url)

    async def team_members(self, service_url: str, team_id: str) -> list[dict[str, Any]]:
        members: list[dict[str, Any]] = []
        token: str | None = None
        base = (
            f"{self._base(service_url)}/v3/conversations/{quote(team_id, safe='')}/pagedmembers?pageSize=500"
        )
        for _ in range(100):  # bounded: 50,000 members
            url = base + (f"&continuationToken={quote(token)}" if token else "")
            page = await self._call("GET", url)
            members.extend(m for m in page.get("members", []) if isinstance(m, dict))
            token = page.get("continuationToken")
            if not token:
                break
        return members
