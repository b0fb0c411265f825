"""What is wired at start-up (``bot.bootstrap``): the tables the router dispatches by (each
command word and card verb, its handler, and who may use it) and the hooks one feature offers
another. Reading ``bot.bootstrap.build_routes`` tells every way into the bot and every permission."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bot.domain.commands import Command
from bot.domain.people import Substitute
from bot.domain.verbs import Verb

if TYPE_CHECKING:
    from bot.services.context import Services, Who
    from bot.services.ports import UnitOfWork
    from bot.services.turns import Turn, TurnResult

Handler = Callable[["Services", "UnitOfWork", "Turn", "Who", str], Awaitable[Any]]
VerbHandler = Callable[["Services", "UnitOfWork", "Turn", "Who"], Awaitable["TurnResult"]]


class Permission(StrEnum):
    EVERYONE = "everyone"
    ADMIN = "admin"
    # The supplier's say (rounds and decisions): in the supplier channel, someone on the roster as
    # leverantör or an admin; in a personal chat, an admin.
    SUPPLIER = "supplier"


@dataclass(frozen=True)
class CommandRoute:
    handler: Handler
    requires: Permission
    # Who may give the command in a team channel; None: not in a channel at all.
    in_channel: Permission | None = None


@dataclass(frozen=True)
class VerbRoute:
    handler: VerbHandler
    requires: Permission


@dataclass(frozen=True)
class Routes:
    commands: dict[Command, CommandRoute] = field(default_factory=dict)
    verbs: dict[Verb, VerbRoute] = field(default_factory=dict)

    def channel_commands(self) -> list[Command]:
        """The commands a team channel accepts, in the order help lists them."""
        return [c for c in Command if c in self.commands and self.commands[c].in_channel is not None]

    def for_everyone(self) -> list[Command]:
        return [c for c in Command if c in self.commands and self.commands[c].requires is Permission.EVERYONE]


NextWindowText = Callable[["Services", "UnitOfWork", "Who"], Awaitable[str | None]]
SubstituteChanged = Callable[["Services", "UnitOfWork", str, Substitute], Awaitable[None]]


@dataclass(frozen=True)
class RosterHooks:
    """What the roster's commands ask of planning: the "next window" line of the me card, and who
    to tell when a tester registers a new substitute."""

    next_window_text: NextWindowText | None = None
    substitute_changed: tuple[SubstituteChanged, ...] = ()
