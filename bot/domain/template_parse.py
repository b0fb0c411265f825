"""Parsing a test template from already-parsed data (YAML or JSON): the nested form
``{"version": 1, "name": str, "areas": {area_key: [{"id", "title", "hint"?}, ...]}}``."""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.template_checks import (
    ALLOWED_AREAS,
    a_type,
    check_area,
    in_routine_order,
    parse_case,
    parse_name,
    parse_version,
    q,
    type_name,
)
from bot.domain.template_model import DEFAULT_NAME, SUPPORTED_VERSION, Template, TemplateError, TestCase

_TOP_KEYS: tuple[str, ...] = ("version", "name", "areas")
_CASE_KEYS: tuple[str, ...] = ("id", "title", "hint")


def parse_template(data: object) -> Template:
    """Validate already-parsed template data (e.g. from YAML or JSON); raise TemplateError on problems.

    Shape: ``{"version": 1, "name": str, "areas": {area_key: [{"id", "title", "hint"?}, ...]}}``;
    ``version`` and ``name`` may be left out.
    """
    if not isinstance(data, Mapping):
        what = "tom" if data is None else f"en {type_name(data)}"
        raise TemplateError(
            [
                f"Mallen är {what}, men den ska vara en samling nycklar på översta nivån: "
                "version: 1, name: <mallens namn> och areas: med ett område per rad och under "
                "varje område en lista av testfall (- id: ..., title: ...)."
            ]
        )
    problems: list[str] = []
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(
                f"Okänd nyckel {q(key)} på översta nivån; tillåtna nycklar är {', '.join(_TOP_KEYS)}."
            )
    version = parse_version(data.get("version", SUPPORTED_VERSION), problems)
    name = parse_name(data.get("name", DEFAULT_NAME), problems)
    areas = _parse_areas(data, problems)
    if problems:
        raise TemplateError(problems)
    return Template(name=name, version=version, areas=in_routine_order(areas))


def _parse_areas(data: Mapping[object, object], problems: list[str]) -> dict[str, list[TestCase]]:
    """The ``areas`` key: a non-empty mapping of known area keys to their lists of test cases."""
    areas: dict[str, list[TestCase]] = {}
    seen: dict[str, str] = {}
    if "areas" not in data:
        problems.append(
            "Mallen saknar nyckeln areas. Skriv areas: på översta nivån och under den ett område per "
            f"rad (till exempel ifo:), vart och ett med en lista av testfall. Områden: {ALLOWED_AREAS}."
        )
        return areas
    raw_areas = data["areas"]
    if not isinstance(raw_areas, Mapping):
        problems.append(
            f"areas ska vara en samling områden (till exempel ifo:), men är {a_type(raw_areas)}. "
            "Skriv varje område på en egen rad under areas: med testfallen som en lista under det."
        )
    elif not raw_areas:
        problems.append(f"areas är tomt; lägg till minst ett område. Områden: {ALLOWED_AREAS}.")
    else:
        for area, raw_cases in raw_areas.items():
            if not check_area(area, f"Området {q(area)}", problems):
                continue
            cases = _parse_area(area, raw_cases, seen, problems)
            if cases is not None:
                areas.setdefault(area, []).extend(cases)
    return areas


def _parse_area(
    area: str, raw_cases: object, seen: dict[str, str], problems: list[str]
) -> list[TestCase] | None:
    """The valid test cases of a known area; None when it has no list of cases."""
    if raw_cases is None or (isinstance(raw_cases, list) and not raw_cases):
        problems.append(
            f"Området {q(area)} har inga testfall; lägg till minst ett "
            "(- id: ..., title: ...) eller ta bort området ur mallen."
        )
        return None
    if not isinstance(raw_cases, list):
        problems.append(
            f"Området {q(area)} ska ha en lista av testfall, men har {a_type(raw_cases)}. "
            "Skriv varje testfall på en egen rad som börjar med bindestreck: - id: ..., title: ..."
        )
        return None
    cases = []
    for number, raw in enumerate(raw_cases, start=1):
        case = _parse_listed_case(area, number, raw, seen, problems)
        if case is not None:
            cases.append(case)
    return cases


def _parse_listed_case(
    area: str, number: int, raw: object, seen: dict[str, str], problems: list[str]
) -> TestCase | None:
    """Test case ``number`` (from 1) of an area: a mapping of id, title and (optionally) hint."""
    where = f"Området {q(area)}, testfall {number}"
    if not isinstance(raw, Mapping):
        problems.append(
            f"{where}: ska ha nycklarna id, title och (frivilligt) hint, men är "
            f"{a_type(raw)}. Skriv till exempel - id: {area}-{number} med title: på raden under."
        )
        return None
    if isinstance(raw.get("id"), str) and raw["id"].strip():
        where = f"{where} (id {q(raw['id'].strip())})"
    for key in raw:
        if key not in _CASE_KEYS:
            problems.append(f"{where}: okänd nyckel {q(key)}; tillåtna nycklar är id, title och hint.")
    return parse_case(
        raw.get("id"),
        raw.get("title"),
        raw.get("hint"),
        where=where,
        place=f"testfall {number} i området {q(area)}",
        example_id=f"{area}-{number}",
        seen=seen,
        problems=problems,
    )
