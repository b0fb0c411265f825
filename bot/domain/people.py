"""People on the roster: system administrators, test resources with their substitutes, and the IT
supplier's contacts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.areas import sort_areas

# Deliberately simple: one @, no spaces or separators, a dot in the domain. Good enough to catch
# typing mistakes without rejecting real municipal addresses.
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")


class Role(StrEnum):
    ADMIN = "admin"
    TESTER = "tester"
    # The IT supplier's contact (leverantör): starts the rounds and decides after each summary, in
    # the supplier channel. Tests nothing, so has no areas, client or substitute.
    SUPPLIER = "supplier"


class Client(StrEnum):
    """How a test resource reaches Procapita: the local installation or Citrix (external users)."""

    LOCAL = "local"
    CITRIX = "citrix"


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def normalise_email(value: str) -> str:
    return value.strip().lower()


@dataclass(frozen=True)
class Substitute:
    name: str
    email: str


@dataclass(frozen=True)
class Person:
    """One person on the roster."""

    email: str
    name: str
    role: Role
    areas: frozenset[str] = field(default_factory=frozenset)
    clients: frozenset[Client] = field(default_factory=frozenset)
    substitute: Substitute | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_supplier(self) -> bool:
        return self.role is Role.SUPPLIER

    @property
    def sorted_areas(self) -> list[str]:
        return sort_areas(self.areas)

    def tests_with(self, client: Client) -> bool:
        return client in self.clients


def encode_areas(areas: frozenset[str] | set[str] | list[str]) -> str:
    return ",".join(sort_areas(list(areas)))


def decode_areas(text: str) -> frozenset[str]:
    return frozenset(a for a in (p.strip() for p in text.split(",")) if a)


def encode_clients(clients: frozenset[Client] | set[Client]) -> str:
    return ",".join(sorted(c.value for c in clients))


def decode_clients(text: str) -> frozenset[Client]:
    return frozenset(Client(c) for c in (p.strip() for p in text.split(",")) if c)


@dataclass(frozen=True)
class Manager:
    """An operations manager outside the roster, told of a window by e-mail."""

    email: str
    name: str
    organisation: str
