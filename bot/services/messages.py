"""The JSON of an outbound message: text and/or one Adaptive Card (Bot Framework activity shape)."""

from __future__ import annotations

from typing import Any

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"


def message_activity(text: str | None = None, card: dict[str, Any] | None = None) -> dict[str, Any]:
    activity: dict[str, Any] = {"type": "message"}
    if text:
        activity["text"] = text
        activity["textFormat"] = "markdown"
    if card is not None:
        activity["attachments"] = [{"contentType": CARD_CONTENT_TYPE, "content": card}]
    return activity
