"""What reached the bot, as plain data: the services never see a botbuilder Activity."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class TurnKind(StrEnum):
    MESSAGE = "message"
    CARD_ACTION = "card_action"
    BOT_ADDED = "bot_added"
    MEMBERS_ADDED = "members_added"
    OTHER = "other"


@dataclass(frozen=True)
class Turn:
    kind: TurnKind
    activity_id: str | None
    user_id: str
    user_name: str | None
    aad_object_id: str | None
    conversation_id: str
    conversation_type: str
    service_url: str
    tenant_id: str | None
    team_id: str | None
    locale: str | None
    timezone: str | None
    text: str = ""
    # Card actions: the verb and data the card carried, plus the inputs filled in.
    verb: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # True for Action.Execute (answered in the invoke response), False for Action.Submit.
    invoke: bool = False
    reply_to_id: str | None = None
    members_added: tuple[str, ...] = ()

    @property
    def personal(self) -> bool:
        return self.conversation_type == "personal"

    @property
    def channel_conversation_id(self) -> str:
        """The channel itself: Teams appends ';messageid=…' to the id of a post's thread."""
        return self.conversation_id.split(";messageid=", 1)[0]


@dataclass(frozen=True)
class TurnResult:
    """For an invoke: the card that replaces the clicked one (or a message shown to the clicker)."""

    card: dict[str, Any] | None = None
    message: str | None = None
