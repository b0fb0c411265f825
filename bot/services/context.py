"""What every handler gets: settings, clock, unit of work, the directory, and who is asking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.config import Settings
from bot.domain.keys import short_hash
from bot.domain.people import Person
from bot.i18n import Lang
from bot.services.messages import message_activity
from bot.services.ports import Clock, UnitOfWork, UnitOfWorkFactory
from bot.services.routes import RosterHooks, Routes
from bot.services.turns import Turn


@dataclass(frozen=True)
class Member:
    """A Teams member as the directory reports it."""

    user_id: str
    email: str | None
    name: str | None
    aad_object_id: str | None


class Directory(Protocol):
    """Looks Teams members up (implemented by the Teams connector)."""

    async def member(self, service_url: str, conversation_id: str, user_id: str) -> Member | None: ...

    async def team_members(self, service_url: str, team_id: str) -> list[Member]: ...


@dataclass
class Services:
    settings: Settings
    clock: Clock
    uow: UnitOfWorkFactory
    directory: Directory
    routes: Routes = field(default_factory=Routes)
    hooks: RosterHooks = field(default_factory=RosterHooks)


@dataclass(frozen=True)
class Who:
    """The sender of a turn, resolved against the roster."""

    user_id: str
    email: str | None
    name: str
    person: Person | None
    is_admin: bool
    lang: Lang
    # On the roster as the IT supplier's contact (leverantör): may start rounds and decide in the
    # supplier channel (``Permission.SUPPLIER``).
    is_supplier: bool = False




def reply_key(turn: Turn, suffix: str = "") -> str:
    # Keyed by the inbound activity, so a resent activity produces the same reply only once.
    basis = (
        turn.activity_id or f"{turn.user_id}|{turn.conversation_id}|{turn.text}|{sorted(turn.data.items())}"
    )
    digest = short_hash(basis, 24)
    return f"reply:{digest}{':' + suffix if suffix else ''}"


async def reply(
    svc: Services,
    uow: UnitOfWork,
    turn: Turn,
    text: str | None = None,
    card: dict[str, Any] | None = None,
    suffix: str = "",
    window_id: int | None = None,
) -> None:
    """Answer in the conversation the turn came from, through the outbox."""
    # In a personal chat, replies share the person's delivery lane with the cards the bot sends
    # them, so that they arrive in the order they were written.
    ident = await uow.identities.by_user_id(turn.user_id) if turn.personal else None
    await uow.outbox.put(
        reply_key(turn, suffix),
        message_activity(text=text, card=card),
        svc.clock.now(),
        purpose="reply",
        conversation=(turn.service_url, turn.conversation_id),
        window_id=window_id,
        lane=ident.email if ident and ident.email else None,
    )
