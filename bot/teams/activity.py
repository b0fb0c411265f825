"""Turning an inbound Activity into a ``Turn``, and building outbound activities.

The JSON is checked for shape before botbuilder's schema model sees it, so that malformed
input gives a clear 400 instead of an exception deep in msrest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from botbuilder.schema import Activity

from bot.services.turns import Turn, TurnKind


class BadActivity(ValueError):
    """The body is JSON but not an activity we can act on."""


def _opt_str(obj: dict[str, Any], key: str, where: str) -> None:
    if key in obj and obj[key] is not None and not isinstance(obj[key], str):
        raise BadActivity(f"{where}.{key} must be a string")


def _account(obj: dict[str, Any], key: str, required: bool) -> None:
    value = obj.get(key)
    if value is None:
        if required:
            raise BadActivity(f"{key} is required")
        return
    if not isinstance(value, dict):
        raise BadActivity(f"{key} must be an object")
    if not isinstance(value.get("id"), str) or not value["id"]:
        raise BadActivity(f"{key}.id must be a non-empty string")
    for attr in ("name", "aadObjectId", "role", "conversationType", "tenantId"):
        _opt_str(value, attr, key)


def _storable(body: Any) -> bool:
    """No NUL and no lone surrogate (JSON escapes can carry both) in any string: neither can be
    stored (PostgreSQL refuses NUL, UTF-8 encoding refuses surrogates), and Teams sends neither."""
    stack = [body]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value or not _encodable(value):
                return False
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_shape(body: Any) -> dict[str, Any]:
    """Return the body if it has the shape of an activity; raise BadActivity otherwise."""
    if not isinstance(body, dict):
        raise BadActivity("the body must be a JSON object")
    if not _storable(body):
        raise BadActivity("the body contains a NUL character or invalid Unicode")
    for key in ("type", "channelId", "serviceUrl"):
        if not isinstance(body.get(key), str) or not body[key]:
            raise BadActivity(f"{key} must be a non-empty string")
    for key in ("id", "text", "locale", "replyToId", "name", "textFormat", "timestamp", "localTimezone"):
        _opt_str(body, key, "activity")
    url = urlparse(body["serviceUrl"])
    if url.scheme not in ("http", "https") or not url.netloc:
        raise BadActivity("serviceUrl must be an http(s) URL")
    _account(body, "from", True)
    _account(body, "conversation", True)
    _account(body, "recipient", False)
    _check_lists(body)
    _check_channel_data(body.get("channelData"))
    value = body.get("value")
    if body["type"] == "invoke" and value is not None and not isinstance(value, dict):
        raise BadActivity("an invoke's value must be an object")
    return body


def _check_lists(body: dict[str, Any]) -> None:
    for key in ("entities", "membersAdded", "membersRemoved", "attachments"):
        if body.get(key) is not None and (
            not isinstance(body[key], list) or not all(isinstance(x, dict) for x in body[key])
        ):
            raise BadActivity(f"{key} must be a list of objects")
    for member in body.get("membersAdded") or []:
        if not isinstance(member.get("id"), str):
            raise BadActivity("membersAdded[].id must be a string")


def _check_channel_data(channel_data: Any) -> None:
    if channel_data is None:
        return
    if not isinstance(channel_data, dict):
        raise BadActivity("channelData must be an object")
    for key in ("tenant", "team", "channel"):
        part = channel_data.get(key)
        if part is not None and (not isinstance(part, dict) or not isinstance(part.get("id", ""), str)):
            raise BadActivity(f"channelData.{key} must be an object with a string id")


def tenant_of(body: dict[str, Any]) -> str | None:
    # botbuilder drops conversation.tenantId on parsing; channelData.tenant.id is the reliable one.
    tenant = (body.get("channelData") or {}).get("tenant") or {}
    tid = tenant.get("id") if isinstance(tenant, dict) else None
    return tid if isinstance(tid, str) and tid else None


def _timezone(body: dict[str, Any]) -> str | None:
    for entity in body.get("entities") or []:
        if entity.get("type") == "clientInfo" and isinstance(entity.get("timezone"), str):
            return str(entity["timezone"])
    tz = body.get("localTimezone")
    return tz if isinstance(tz, str) else None


def to_turn(body: dict[str, Any]) -> Turn:
    """The Turn for a shape-checked activity body."""
    try:
        activity = Activity().deserialize(body)
    except Exception as exc:
        raise BadActivity("the activity could not be read") from exc
    conversation = activity.conversation
    channel_data = body.get("channelData") or {}
    team = channel_data.get("team") or {}
    conversation_type = conversation.conversation_type or ("channel" if team else "personal")
    what = _what_happened(activity, body)
    sender = activity.from_property
    return Turn(
        kind=what.kind,
        activity_id=activity.id,
        user_id=sender.id,
        user_name=sender.name,
        aad_object_id=getattr(sender, "aad_object_id", None),
        conversation_id=conversation.id,
        conversation_type=conversation_type,
        service_url=activity.service_url,
        tenant_id=tenant_of(body),
        team_id=team.get("id") if isinstance(team.get("id"), str) else None,
        locale=activity.locale,
        timezone=_timezone(body),
        text=activity.text or "",
        verb=what.verb,
        data=what.data,
        invoke=what.invoke,
        reply_to_id=activity.reply_to_id,
        members_added=what.members,
    )


@dataclass(frozen=True)
class _WhatHappened:
    """The part of a Turn that depends on the activity's type."""

    kind: TurnKind = TurnKind.OTHER
    verb: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    invoke: bool = False
    members: tuple[str, ...] = ()


def _what_happened(activity: Activity, body: dict[str, Any]) -> _WhatHappened:
    bot_id = activity.recipient.id if activity.recipient else None
    if activity.type == "message":
        if isinstance(body.get("value"), dict):
            # Action.Submit: the card's data and inputs arrive as the message's value.
            data = dict(body["value"])
            verb = data.get("verb") if isinstance(data.get("verb"), str) else None
            return _WhatHappened(TurnKind.CARD_ACTION, verb, data)
        return _WhatHappened(TurnKind.MESSAGE)
    if activity.type == "invoke" and activity.name == "adaptiveCard/action":
        value: dict[str, Any] = body.get("value") or {}
        action: dict[str, Any] = value["action"] if isinstance(value.get("action"), dict) else {}
        verb = action.get("verb") if isinstance(action.get("verb"), str) else None
        data = dict(action.get("data") or {}) if isinstance(action.get("data"), dict) else {}
        return _WhatHappened(TurnKind.CARD_ACTION, verb, data, invoke=True)
    if activity.type == "conversationUpdate":
        added = tuple(m["id"] for m in body.get("membersAdded") or [])
        if bot_id and bot_id in added:
            return _WhatHappened(TurnKind.BOT_ADDED)
        if added:
            return _WhatHappened(TurnKind.MEMBERS_ADDED, members=added)
        return _WhatHappened()
    if activity.type == "installationUpdate" and str(body.get("action") or "add").startswith("add"):
        return _WhatHappened(TurnKind.BOT_ADDED)
    return _WhatHappened()
