"""A fake Bot Connector: a real HTTP server speaking the Bot Framework REST protocol.

The bot's outbound calls (create conversation, send, update, member look-up) land here. It
records everything, enforces Teams' rate limits (answering 429 like Teams, and counting any
send over a limit as a violation), and can inject 429/503 faults and latency on demand.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

PER_CONVERSATION = ((7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0))
GLOBAL = (50, 1.0)


@dataclass
class Sent:
    conversation_id: str
    activity_id: str
    activity: dict[str, Any]
    at: float

    @property
    def text(self) -> str:
        return str(self.activity.get("text") or "")

    @property
    def card(self) -> dict[str, Any] | None:
        for a in self.activity.get("attachments") or []:
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] | None = a.get("content")
                return content
        return None


@dataclass
class Faults:
    """Probabilities of answering a send with 429 (with or without Retry-After) or 503."""

    p429: float = 0.0
    p429_no_header: float = 0.0
    p503: float = 0.0
    retry_after: float = 0.2
    seed: int = 7
    latency: tuple[float, float] = (0.0, 0.0)
    # Status codes to answer for sends to given conversations (e.g. 403 for a blocked user).
    fail_conversations: dict[str, tuple[int, str]] = field(default_factory=dict)


class FakeConnector:
    def __init__(self, faults: Faults | None = None, enforce_limits: bool = True) -> None:
        self.faults = faults or Faults()
        self._rng = random.Random(self.faults.seed)
        self.enforce_limits = enforce_limits
        self.members: dict[str, dict[str, Any]] = {}  # user id -> member JSON
        self.conversations: dict[str, str] = {}  # conversation id -> user id (1:1)
        self.sent: list[Sent] = []
        self.updates: list[Sent] = []
        self.created: list[dict[str, Any]] = []
        self.faults_injected = 0
        self.limit_rejections = 0
        self.violations = 0
        self.calls = 0
        self._ids = itertools.count(1)
        self._global_log: deque[float] = deque()
        self._conv_log: dict[str, deque[float]] = defaultdict(deque)
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.changed = asyncio.Event()

    # --- directory --------------------------------------------------------------------------
    def add_member(self, user_id: str, name: str, email: str, aad: str | None = None) -> None:
        self.members[user_id] = {
            "id": user_id,
            "name": name,
            "email": email,
            "userPrincipalName": email,
            "aadObjectId": aad or f"aad-{user_id}",
            "tenantId": "tenant-1",
        }

    # --- server -----------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{cid}/activities", self._send)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._send)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._update)
        app.router.add_get("/v3/conversations/{cid}/members/{uid}", self._member)
        app.router.add_get("/v3/conversations/{cid}/pagedmembers", self._paged)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- limits and faults ------------------------------------------------------------------
    def _over_limit(self, conversation_id: str | None, now: float) -> bool:
        def over(log: deque[float], limit: int, seconds: float) -> bool:
            return sum(1 for t in log if now - t < seconds) >= limit

        while self._global_log and now - self._global_log[0] >= 1.0:
            self._global_log.popleft()
        if len(self._global_log) >= GLOBAL[0]:
            return True
        if conversation_id is not None:
            log = self._conv_log[conversation_id]
            while log and now - log[0] >= 3600:
                log.popleft()
            if any(over(log, limit, seconds) for limit, seconds in PER_CONVERSATION):
                return True
        return False

    async def _gate(self, conversation_id: str | None) -> web.Response | None:
        self.calls += 1
        low, high = self.faults.latency
        if high > 0:
            await asyncio.sleep(self._rng.uniform(low, high))
        now = time.monotonic()
        if self._over_limit(conversation_id, now):
            self.violations += 1
            if self.enforce_limits:
                self.limit_rejections += 1
                return web.json_response(
                    {"error": {"code": "Throttled"}}, status=429, headers={"Retry-After": "1"}
                )
        roll = self._rng.random()
        f = self.faults
        if roll < f.p429:
            self.faults_injected += 1
            return web.json_response(
                {"error": {"code": "Throttled"}}, status=429, headers={"Retry-After": str(f.retry_after)}
            )
        if roll < f.p429 + f.p429_no_header:
            self.faults_injected += 1
            return web.json_response({"error": {"code": "Throttled"}}, status=429)
        if roll < f.p429 + f.p429_no_header + f.p503:
            self.faults_injected += 1
            return web.json_response({"error": {"code": "ServiceUnavailable"}}, status=503)
        self._global_log.append(now)
        if conversation_id is not None:
            self._conv_log[conversation_id].append(now)
        return None

    # --- handlers ---------------------------------------------------------------------------
    async def _create(self, request: web.Request) -> web.Response:
        rejected = await self._gate(None)
        if rejected is not None:
            return rejected
        body = await request.json()
        members = body.get("members") or []
        if not members or not isinstance(members[0].get("id"), str):
            return web.json_response({"error": {"code": "BadArgument"}}, status=400)
        user_id = members[0]["id"]
        if user_id not in self.members:
            return web.json_response({"error": {"code": "BotNotInConversationRoster"}}, status=403)
        conversation_id = f"a:1on1-{user_id}"
        self.conversations[conversation_id] = user_id
        self.created.append(body)
        return web.json_response({"id": conversation_id}, status=201)

    async def _send(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        if cid in self.faults.fail_conversations:
            status, code = self.faults.fail_conversations[cid]
            return web.json_response({"error": {"code": code}}, status=status)
        rejected = await self._gate(cid)
        if rejected is not None:
            return rejected
        body = await request.json()
        activity_id = f"act-{next(self._ids)}"
        self.sent.append(Sent(cid, activity_id, body, time.monotonic()))
        self.changed.set()
        return web.json_response({"id": activity_id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        rejected = await self._gate(cid)
        if rejected is not None:
            return rejected
        body = await request.json()
        self.updates.append(Sent(cid, request.match_info["aid"], body, time.monotonic()))
        self.changed.set()
        return web.json_response({"id": request.match_info["aid"]})

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["uid"])
        if member is None:
            return web.json_response({"error": {"code": "MemberNotFoundInConversation"}}, status=404)
        return web.json_response(member)

    async def _paged(self, _request: web.Request) -> web.Response:
        return web.json_response({"members": list(self.members.values())})

    # --- queries for tests ------------------------------------------------------------------
    def to_conversation(self, conversation_id: str) -> list[Sent]:
        return [s for s in self.sent if s.conversation_id == conversation_id]

    def to_user(self, user_id: str) -> list[Sent]:
        return [
            s
            for s in self.sent
            if self.conversations.get(s.conversation_id) == user_id
            or s.conversation_id == f"personal-{user_id}"
        ]

    def latest(self, conversation_id: str, activity_id: str) -> dict[str, Any]:
        """What a message shows now: its last update, or what was sent."""
        for u in reversed(self.updates):
            if u.conversation_id == conversation_id and u.activity_id == activity_id:
                return u.activity
        for s in self.sent:
            if s.activity_id == activity_id:
                return s.activity
        raise KeyError(activity_id)
