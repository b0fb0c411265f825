"""The hardened Bot Framework endpoint: ``POST /api/messages``.

Order of checks: Content-Type and size (400/413), JSON and activity shape (400), token (401),
channel and tenant (403); only then does the turn run. Malformed input never reaches code
that could turn it into a 500.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.config import Settings
from bot.services.turns import Turn, TurnResult
from bot.teams.activity import BadActivity, check_shape, tenant_of, to_turn
from bot.teams.auth import AuthError, TokenValidator

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024
LOCAL_CHANNELS = {"msteams", "emulator", "webchat", "test"}
CARD_TYPE = "application/vnd.microsoft.card.adaptive"

TurnProcessor = Callable[[Turn], Awaitable[TurnResult | None]]


def _problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def make_messages_handler(
    settings: Settings, validator: TokenValidator | None, process: TurnProcessor
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def messages(request: web.Request) -> web.StreamResponse:
        raw = await _read_body(request)
        if isinstance(raw, web.Response):
            return raw
        try:
            body: Any = json.loads(raw)
            activity = check_shape(body)
        except (ValueError, RecursionError) as exc:
            message = str(exc) if isinstance(exc, BadActivity) else "body is not valid JSON"
            return _problem(400, message)
        refused = await _refusal(request, activity, settings, validator)
        if refused is not None:
            return refused
        try:
            turn = to_turn(activity)
        except BadActivity as exc:
            return _problem(400, str(exc))
        result = await process(turn)
        if activity["type"] == "invoke":
            return web.json_response(invoke_body(result), status=200)
        return web.Response(status=200)

    return messages


async def _read_body(request: web.Request) -> bytes | web.Response:
    """The raw body, or the 400/413 response for a wrong Content-Type or a body too large."""
    if request.content_type != "application/json":
        return _problem(400, "Content-Type must be application/json")
    if request.content_length is not None and request.content_length > MAX_BODY:
        return _problem(413, "body too large")
    # read(n) returns what has arrived so far, not n bytes: read until EOF or over the limit,
    # or a body that comes in several TCP segments (or chunked) would be cut short.
    raw = b""
    try:
        while len(raw) <= MAX_BODY:
            chunk = await request.content.read(MAX_BODY + 1 - len(raw))
            if not chunk:
                break
            raw += chunk
    except (ConnectionError, ValueError):
        return _problem(400, "could not read body")
    if len(raw) > MAX_BODY:
        return _problem(413, "body too large")
    return raw


async def _refusal(
    request: web.Request, activity: dict[str, Any], settings: Settings, validator: TokenValidator | None
) -> web.Response | None:
    """The 401/403 response for a request without a valid token or from the wrong place, else None."""
    if validator is not None:
        try:
            await validator.validate(
                request.headers.get("Authorization"), activity["channelId"], activity["serviceUrl"]
            )
        except AuthError as exc:
            log.info("rejected request: %s", exc)
            return _problem(401, "unauthorized")
    channel = activity["channelId"]
    if channel != "msteams" and not (settings.local and channel in LOCAL_CHANNELS):
        return _problem(403, "only Microsoft Teams may call this bot")
    if (
        settings.tenant_id
        and settings.app_type == "SingleTenant"
        and tenant_of(activity) != settings.tenant_id
    ):
        return _problem(403, "wrong tenant")
    return None


def invoke_body(result: TurnResult | None) -> dict[str, Any]:
    """The adaptiveCard/action response: the replacement card, or a message for the clicker."""
    if result is not None and result.card is not None:
        return {"statusCode": 200, "type": CARD_TYPE, "value": result.card}
    message = result.message if result is not None and result.message else ""
    return {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": message}
