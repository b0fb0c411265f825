"""Checks of the test template's single values (a test case's id, title and hint, the version, the
name, an area key) and the wording shared by the parsers' Swedish problem sentences.

Each check appends a sentence to ``problems`` for everything it finds wrong, saying where, what and
how to write it right; it never raises.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from bot.domain.areas import AREAS
from bot.domain.template_model import (
    DEFAULT_NAME,
    HINT_MAX,
    ID_MAX,
    NAME_MAX,
    SUPPORTED_VERSION,
    TITLE_MAX,
    TestCase,
)

ALLOWED_AREAS = ", ".join(AREAS)

_ID = re.compile(r"^[a-z0-9-]+$")
_A_TO_Z = "a\N{EN DASH}z"  # written out so that linters do not take the en dash for a hyphen
_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "_": "-", " ": "-"})


def parse_case(
    raw_id: object,
    raw_title: object,
    raw_hint: object,
    *,
    where: str,
    place: str,
    example_id: str,
    seen: dict[str, str],
    problems: list[str],
) -> TestCase | None:
    """One test case, or None when any of its values has a problem.

    ``where`` starts each problem, ``place`` is how a later duplicate id names this case,
    ``example_id`` is suggested for a missing or bad id, and ``seen`` maps the ids so far (of the
    whole template) to their place; a valid new id is added to it."""
    before = len(problems)
    case_id = _parse_id(raw_id, where=where, place=place, example_id=example_id, seen=seen, problems=problems)
    title = _parse_title(raw_title, where, problems)
    hint = _parse_hint(raw_hint, where, problems)
    if len(problems) > before:
        return None
    return TestCase(id=case_id, title=title, hint=hint)


def _parse_id(
    raw_id: object, *, where: str, place: str, example_id: str, seen: dict[str, str], problems: list[str]
) -> str:
    """The stripped id: present, text, only a to z, 0 to 9 and hyphens, short enough, unique."""
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        problems.append(
            f"{where}: id saknas; ge testfallet ett unikt id av små bokstäver {_A_TO_Z}, siffror och "
            f"bindestreck, till exempel {example_id}."
        )
        return ""
    if not isinstance(raw_id, str):
        problems.append(
            f"{where}: id ska vara text, men är {a_type(raw_id)} ({raw_id!r}); "
            f"skriv till exempel {example_id}."
        )
        return ""
    case_id = raw_id.strip()
    if not _ID.match(case_id):
        problems.append(
            f"{where}: id {q(case_id)} får bara innehålla små bokstäver {_A_TO_Z}, siffror och bindestreck "
            f"(inga mellanslag eller å, ä, ö); skriv till exempel {suggest_id(case_id, example_id)}."
        )
    elif len(case_id) > ID_MAX:
        problems.append(
            f"{where}: id {q(case_id)} är {len(case_id)} tecken långt; korta det till högst {ID_MAX} tecken."
        )
    elif case_id in seen:
        problems.append(
            f"{where}: id {q(case_id)} används redan av {seen[case_id]}; varje id måste vara unikt "
            f"i hela mallen, till exempel {case_id}-2."
        )
    else:
        seen[case_id] = place
    return case_id


def _parse_title(raw_title: object, where: str, problems: list[str]) -> str:
    """The title with its white space collapsed: present, text, at most ``TITLE_MAX`` characters."""
    if raw_title is None or (isinstance(raw_title, str) and not raw_title.strip()):
        problems.append(
            f"{where}: title saknas; skriv en kort titel (högst {TITLE_MAX} tecken) som säger vad "
            "testaren ska göra, till exempel Logga in och kontrollera att rätt behörighet visas."
        )
        return ""
    if not isinstance(raw_title, str):
        problems.append(
            f"{where}: title ska vara text, men är {a_type(raw_title)} ({raw_title!r}); "
            "sätt titeln inom citattecken om den bara består av ett tal eller ja/nej."
        )
        return ""
    title = " ".join(raw_title.split())
    if len(title) > TITLE_MAX:
        problems.append(
            f"{where}: title är {len(title)} tecken lång; korta den till högst {TITLE_MAX} tecken "
            "och lägg detaljerna i hint."
        )
    return title


def _parse_hint(raw_hint: object, where: str, problems: list[str]) -> str | None:
    """The optional hint, stripped (None when absent or blank): text, at most ``HINT_MAX`` characters."""
    if raw_hint is None:
        return None
    if not isinstance(raw_hint, str):
        problems.append(
            f"{where}: hint ska vara text, men är {a_type(raw_hint)} ({raw_hint!r}); "
            "sätt texten inom citattecken."
        )
        return None
    hint = raw_hint.strip() or None
    if hint is not None and len(hint) > HINT_MAX:
        problems.append(f"{where}: hint är {len(hint)} tecken lång; korta den till högst {HINT_MAX} tecken.")
    return hint


def parse_version(raw: object, problems: list[str]) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        problems.append(
            f"version ska vara ett heltal, men är {a_type(raw)} ({raw!r}); "
            f"skriv version: {SUPPORTED_VERSION}."
        )
        return SUPPORTED_VERSION
    if raw != SUPPORTED_VERSION:
        problems.append(f"Mallversion {raw} stöds inte; skriv version: {SUPPORTED_VERSION}.")
    return raw


def parse_name(raw: object, problems: list[str]) -> str:
    if not isinstance(raw, str) or not raw.strip():
        problems.append(
            "name ska vara mallens namn som text, till exempel name: Standardmall Procapita omsorg."
        )
        return DEFAULT_NAME
    name = " ".join(raw.split())
    if len(name) > NAME_MAX:
        problems.append(f"name är {len(name)} tecken långt; korta det till högst {NAME_MAX} tecken.")
    return name


def check_area(area: object, subject: str, problems: list[str]) -> bool:
    """True when ``area`` is a known area key; otherwise a problem naming the allowed keys."""
    if isinstance(area, str) and area in AREAS:
        return True
    guess = ""
    if isinstance(area, str):
        close = difflib.get_close_matches(area.strip().lower(), list(AREAS), n=1, cutoff=0.6)
        if close:
            guess = f" Menar du {close[0]}?"
    problems.append(f"{subject} är okänt.{guess} Tillåtna områden är: {ALLOWED_AREAS}.")
    return False


def in_routine_order(areas: dict[str, list[TestCase]]) -> dict[str, tuple[TestCase, ...]]:
    """The areas that have test cases, in the routine's order."""
    return {key: tuple(areas[key]) for key in AREAS if areas.get(key)}


def suggest_id(raw: str, fallback: str) -> str:
    """An id made valid from ``raw`` (å, ä, ö and spaces translated, the rest dropped), or ``fallback``."""
    cleaned = re.sub(r"[^a-z0-9-]+", "", raw.lower().translate(_SWEDISH))
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip("-")[:ID_MAX].strip("-")
    return cleaned or fallback


def q(value: object) -> str:
    """A value quoted for a problem sentence."""
    return f'"{value}"'


def type_name(value: object) -> str:
    """The Swedish name of a value's type, as a template writer knows it."""
    if isinstance(value, bool):
        return "ja/nej-värde"
    if isinstance(value, int | float):
        return "tal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "lista"
    if isinstance(value, Mapping):
        return "samling nycklar"
    return type(value).__name__


def a_type(value: object) -> str:
    """The type name with its article ("en lista", "ett tal"), or "tomt" for nothing."""
    if value is None:
        return "tomt"
    name = type_name(value)
    article = "ett" if name in ("tal", "ja/nej-värde") else "en"
    return f"{article} {name}"
