"""Pseudonyms for personal data that the record of a window must keep in shape but not in name.

When a window passes the retention period, or a person asks to be forgotten, their e-mail address
and name are replaced by a pseudonym such as ``person-3f2a9c01d4``. The same person gets the same
pseudonym everywhere in one run (so "who tested which area", counts and timings still add up),
derived with a keyed hash whose key is random per run and never stored: nobody, not even with the
database, can turn a pseudonym back into the address, or test a guessed address against it.

Pure text functions; the database work is ``bot.store.privacy``'s.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

PSEUDONYM = re.compile(r"^person-[0-9a-f]{10}$")
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Actors that are not people (the bot itself, the command line, tests).
SYSTEM_ACTORS = frozenset({"", "bot", "cli", "test", "system"})


def is_pseudonym(value: str | None) -> bool:
    return bool(value) and bool(PSEUDONYM.match(value or ""))


class Pseudonyms:
    """Hands out one pseudonym per person (keyed by lower-cased e-mail or id) for one run."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the key must be at least 16 random bytes")
        self._key = key

    def of(self, identifier: str) -> str:
        if is_pseudonym(identifier) or identifier in SYSTEM_ACTORS:
            return identifier
        digest = hmac.new(self._key, identifier.strip().lower().encode(), hashlib.sha256).hexdigest()
        return f"person-{digest[:10]}"


class Scrubber:
    """Replaces known names and e-mail addresses in text; optionally every e-mail address."""

    def __init__(self, replacements: Mapping[str, str], pseudonyms: Pseudonyms, *, all_emails: bool) -> None:
        # Longest first, so "Anna Berg" is replaced before a shorter overlapping name could be.
        cleaned = {
            k.strip(): v for k, v in replacements.items() if k and k.strip() and not is_pseudonym(k.strip())
        }
        self._names = sorted(cleaned, key=len, reverse=True)
        self._map = {k.lower(): v for k, v in cleaned.items()}
        self._pseudonyms = pseudonyms
        self._all_emails = all_emails
        self._pattern = (
            re.compile("|".join(rf"(?<![\w.@-]){re.escape(n)}(?![\w@-])" for n in self._names), re.IGNORECASE)
            if self._names
            else None
        )

    def text(self, value: str) -> str:
        out = value
        if self._pattern is not None:
            out = self._pattern.sub(lambda m: self._map[m.group(0).lower()], out)
        if self._all_emails:
            out = EMAIL.sub(lambda m: self._pseudonyms.of(m.group(0)), out)
        return out

    def value(self, value: Any) -> Any:
        """A JSON value with every string scrubbed (keys too: some are e-mail addresses)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k) if isinstance(k, str) else k: self.value(v) for k, v in value.items()}
        return value

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)


def identity_map(people: Iterable[tuple[str | None, str | None]], pseudonyms: Pseudonyms) -> dict[str, str]:
    """{e-mail or name: pseudonym} for (e-mail, name) pairs; a name takes its e-mail's pseudonym."""
    out: dict[str, str] = {}
    for email, name in people:
        if not email or is_pseudonym(email):
            continue
        alias = pseudonyms.of(email)
        out.setdefault(email.strip().lower(), alias)
        if name and name.strip() and "@" not in name:
            out.setdefault(name.strip(), alias)
    return out


def mapper(replacements: Mapping[str, str], pseudonyms: Pseudonyms) -> Callable[[str | None], str | None]:
    """For a column holding exactly one e-mail/actor: its pseudonym (system actors stay)."""
    lowered = {k.lower(): v for k, v in replacements.items()}

    def to(value: str | None) -> str | None:
        if value is None or value in SYSTEM_ACTORS or is_pseudonym(value):
            return value
        return lowered.get(value.strip().lower()) or pseudonyms.of(value)

    return to


@dataclass
class Counts:
    """How many rows each step of anonymising or forgetting touched, by name."""

    values: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        if n:
            self.values[name] = self.values.get(name, 0) + n

    def __getitem__(self, name: str) -> int:
        return self.values.get(name, 0)


@dataclass
class Forgotten:
    """What forgetting one person did, and what it kept and why."""

    email: str
    alias: str
    found: bool
    removed: Counts
    kept: Counts
    substitute_of: list[str]  # names of test resources who had the person as substitute
    open_windows: list[int]  # windows under way in which the person takes part
