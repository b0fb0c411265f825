"""The test template ("mallen"): per area, the ordered test cases testers check after an update.

The routine says testers check the system "enligt upprättad mall". This module is that template as
plain data, and the parser that validates it. It receives data that is already parsed (from YAML or
from the rows of a CSV file); reading files is ``bot.services.templates``' job.

Every problem found is collected, not just the first, and each is a Swedish sentence that says where
(area and test-case number/id, or CSV line), what is wrong, and how to write it right, so that a
system administrator can fix the whole file in one go.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from bot.domain.areas import AREAS

SUPPORTED_VERSION = 1
DEFAULT_NAME = "Testmall"
ID_MAX = 40
TITLE_MAX = 120
HINT_MAX = 300
NAME_MAX = 120

CSV_COLUMNS: tuple[str, ...] = ("area", "id", "title", "hint")
_CSV_REQUIRED: tuple[str, ...] = ("area", "id", "title")
_TOP_KEYS: tuple[str, ...] = ("version", "name", "areas")
_CASE_KEYS: tuple[str, ...] = ("id", "title", "hint")

_ID = re.compile(r"^[a-z0-9-]+$")
_ALLOWED_AREAS = ", ".join(AREAS)


class TemplateError(ValueError):
    """A template that cannot be used; ``problems`` lists every problem as a Swedish sentence."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: list[str] = list(problems)
        count = len(self.problems)
        head = "Mallen har ett fel:" if count == 1 else f"Mallen har {count} fel:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))


@dataclass(frozen=True)
class TestCase:
    """One thing a tester checks and answers pass / fail / not tested."""

    __test__ = False  # not a pytest test class, despite the name

    id: str
    title: str
    hint: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"id": self.id, "title": self.title}
        if self.hint is not None:
            data["hint"] = self.hint
        return data


@dataclass(frozen=True)
class Template:
    """A validated template: areas in the routine's order, each with its test cases in order."""

    name: str
    version: int
    areas: dict[str, tuple[TestCase, ...]] = field(hash=False)

    def cases_for(self, area: str) -> tuple[TestCase, ...]:
        """The test cases of an area, in order; empty when the template does not cover the area."""
        return self.areas.get(area, ())

    def case(self, case_id: str) -> tuple[str, TestCase]:
        """The area and test case with this id; KeyError when no case has it."""
        for area, case in self.iter_cases():
            if case.id == case_id:
                return area, case
        raise KeyError(case_id)

    def iter_cases(self) -> Iterator[tuple[str, TestCase]]:
        """Every (area, test case) of the template, area by area, in order."""
        for area, cases in self.areas.items():
            for case in cases:
                yield area, case

    def to_dict(self) -> dict[str, object]:
        """Plain data (JSON- and YAML-safe) that ``parse_template`` turns back into an equal template."""
        return {
            "version": self.version,
            "name": self.name,
            "areas": {area: [case.to_dict() for case in cases] for area, cases in self.areas.items()},
        }


def parse_template(data: object) -> Template:
    """Validate already-parsed template data (e.g. from YAML or JSON); raise TemplateError on problems.

    Shape: ``{"version": 1, "name": str, "areas": {area_key: [{"id", "title", "hint"?}, ...]}}``;
    ``version`` and ``name`` may be left out.
    """
    if not isinstance(data, Mapping):
        what = "tom" if data is None else f"en {_type_name(data)}"
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
                f"Okänd nyckel {_q(key)} på översta nivån; tillåtna nycklar är {', '.join(_TOP_KEYS)}."
            )
    version = _parse_version(data.get("version", SUPPORTED_VERSION), problems)
    name = _parse_name(data.get("name", DEFAULT_NAME), problems)
    areas: dict[str, list[TestCase]] = {}
    seen: dict[str, str] = {}
    if "areas" not in data:
        problems.append(
            "Mallen saknar nyckeln areas. Skriv areas: på översta nivån och under den ett område per "
            f"rad (till exempel ifo:), vart och ett med en lista av testfall. Områden: {_ALLOWED_AREAS}."
        )
    elif not isinstance(data["areas"], Mapping):
        problems.append(
            f"areas ska vara en samling områden (till exempel ifo:), men är {_a_type(data['areas'])}. "
            "Skriv varje område på en egen rad under areas: med testfallen som en lista under det."
        )
    elif not data["areas"]:
        problems.append(f"areas är tomt; lägg till minst ett område. Områden: {_ALLOWED_AREAS}.")
    else:
        for area, raw_cases in data["areas"].items():
            if not _check_area(area, f"Området {_q(area)}", problems):
                continue
            if raw_cases is None or (isinstance(raw_cases, list) and not raw_cases):
                problems.append(
                    f"Området {_q(area)} har inga testfall; lägg till minst ett "
                    "(- id: ..., title: ...) eller ta bort området ur mallen."
                )
                continue
            if not isinstance(raw_cases, list):
                problems.append(
                    f"Området {_q(area)} ska ha en lista av testfall, men har {_a_type(raw_cases)}. "
                    "Skriv varje testfall på en egen rad som börjar med bindestreck: - id: ..., title: ..."
                )
                continue
            cases = areas.setdefault(area, [])
            for number, raw in enumerate(raw_cases, start=1):
                where = f"Området {_q(area)}, testfall {number}"
                if not isinstance(raw, Mapping):
                    problems.append(
                        f"{where}: ska ha nycklarna id, title och (frivilligt) hint, men är "
                        f"{_a_type(raw)}. Skriv till exempel - id: {area}-{number} med title: på raden under."
                    )
                    continue
                if isinstance(raw.get("id"), str) and raw["id"].strip():
                    where = f"{where} (id {_q(raw['id'].strip())})"
                for key in raw:
                    if key not in _CASE_KEYS:
                        problems.append(
                            f"{where}: okänd nyckel {_q(key)}; tillåtna nycklar är id, title och hint."
                        )
                case = _parse_case(
                    raw.get("id"),
                    raw.get("title"),
                    raw.get("hint"),
                    where=where,
                    place=f"testfall {number} i området {_q(area)}",
                    example_id=f"{area}-{number}",
                    seen=seen,
                    problems=problems,
                )
                if case is not None:
                    cases.append(case)
    if problems:
        raise TemplateError(problems)
    return Template(name=name, version=version, areas=_in_routine_order(areas))


def parse_template_csv_rows(
    rows: Sequence[Mapping[str, str | None]],
    *,
    name: str = DEFAULT_NAME,
    line_numbers: Sequence[int] | None = None,
) -> Template:
    """Validate the rows of a CSV template (columns area,id,title and optionally hint).

    Each row is one test case; cases keep the order of the file within each area. Problems name the
    CSV line: by default line 2 is the first row (line 1 is the header); a reader that knows the real
    line of each row (blank or multi-line rows) passes ``line_numbers``. Rows whose cells are all
    empty are skipped.
    """
    if line_numbers is not None and len(line_numbers) != len(rows):
        raise ValueError("line_numbers must have one number per row")
    columns: list[str] = []
    for raw_row in rows:
        for key in raw_row:
            if isinstance(key, str) and key.strip() and key not in columns:
                columns.append(key)
    missing = [c for c in _CSV_REQUIRED if c not in {_column(c) for c in columns}]
    if rows and missing:
        raise TemplateError(
            [
                f"CSV-filen saknar {'kolumnen' if len(missing) == 1 else 'kolumnerna'} "
                f"{', '.join(missing)}. Första raden ska vara rubrikraden "
                f"{','.join(CSV_COLUMNS)} (hint får utelämnas)."
            ]
        )
    problems = [
        f"CSV-filen har den okända kolumnen {_q(c)}; tillåtna kolumner är {', '.join(CSV_COLUMNS)}."
        for c in columns
        if _column(c) not in CSV_COLUMNS
    ]
    areas: dict[str, list[TestCase]] = {}
    seen: dict[str, str] = {}
    counts: dict[str, int] = {}
    for index, raw_row in enumerate(rows):
        line = line_numbers[index] if line_numbers is not None else index + 2
        row: dict[str, object] = {_column(k): v for k, v in raw_row.items() if isinstance(k, str)}
        cells = {k: (v.strip() if isinstance(v, str) else "") for k, v in row.items()}
        extra = [v for k, v in raw_row.items() if not isinstance(k, str) and v]
        if not any(cells.values()) and not extra:
            continue
        area = cells.get("area", "")
        case_id = cells.get("id", "")
        details = [f"område {_q(area)}"] if area else []
        details += [f"id {_q(case_id)}"] if case_id else []
        where = f"Rad {line} ({', '.join(details)})" if details else f"Rad {line}"
        if extra:
            problems.append(
                f"{where}: raden har fler värden än rubrikraden har kolumner; sätt text som innehåller "
                'kommatecken inom citattecken, till exempel "Logga in, öppna klientakten".'
            )
        if not area:
            problems.append(f"{where}: kolumnen area är tom; skriv områdets nyckel, en av {_ALLOWED_AREAS}.")
            area_ok = False
        else:
            area_ok = _check_area(area, f"{where}: området {_q(area)}", problems)
        counts[area] = counts.get(area, 0) + 1
        case = _parse_case(
            row.get("id"),
            row.get("title"),
            row.get("hint"),
            where=where,
            place=f"rad {line}",
            example_id=f"{_suggest_id(area, 'ifo')}-{counts[area]}",
            seen=seen,
            problems=problems,
        )
        if case is not None and area_ok and not extra:
            areas.setdefault(area, []).append(case)
    if not problems and not areas:
        problems.append(
            f"CSV-filen har inga testfall. Skriv rubrikraden {','.join(CSV_COLUMNS)} och under den ett "
            "testfall per rad, till exempel: ifo,ifo-login,Logga in och kontrollera behörigheten,"
        )
    if problems:
        raise TemplateError(problems)
    return Template(name=name, version=SUPPORTED_VERSION, areas=_in_routine_order(areas))


def _parse_case(
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
    ok = True
    case_id = ""
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        problems.append(
            f"{where}: id saknas; ge testfallet ett unikt id av små bokstäver a–z, siffror och "
            f"bindestreck, till exempel {example_id}."
        )
        ok = False
    elif not isinstance(raw_id, str):
        problems.append(
            f"{where}: id ska vara text, men är {_a_type(raw_id)} ({raw_id!r}); "
            f"skriv till exempel {example_id}."
        )
        ok = False
    else:
        case_id = raw_id.strip()
        if not _ID.match(case_id):
            problems.append(
                f"{where}: id {_q(case_id)} får bara innehålla små bokstäver a–z, siffror och bindestreck "
                f"(inga mellanslag eller å, ä, ö); skriv till exempel {_suggest_id(case_id, example_id)}."
            )
            ok = False
        elif len(case_id) > ID_MAX:
            problems.append(
                f"{where}: id {_q(case_id)} är {len(case_id)} tecken långt; korta det till högst "
                f"{ID_MAX} tecken."
            )
            ok = False
        elif case_id in seen:
            problems.append(
                f"{where}: id {_q(case_id)} används redan av {seen[case_id]}; varje id måste vara unikt "
                f"i hela mallen, till exempel {case_id}-2."
            )
            ok = False
        else:
            seen[case_id] = place
    title = ""
    if raw_title is None or (isinstance(raw_title, str) and not raw_title.strip()):
        problems.append(
            f"{where}: title saknas; skriv en kort titel (högst {TITLE_MAX} tecken) som säger vad "
            "testaren ska göra, till exempel Logga in och kontrollera att rätt behörighet visas."
        )
        ok = False
    elif not isinstance(raw_title, str):
        problems.append(
            f"{where}: title ska vara text, men är {_a_type(raw_title)} ({raw_title!r}); "
            "sätt titeln inom citattecken om den bara består av ett tal eller ja/nej."
        )
        ok = False
    else:
        title = " ".join(raw_title.split())
        if len(title) > TITLE_MAX:
            problems.append(
                f"{where}: title är {len(title)} tecken lång; korta den till högst {TITLE_MAX} tecken "
                "och lägg detaljerna i hint."
            )
            ok = False
    hint: str | None = None
    if raw_hint is not None:
        if not isinstance(raw_hint, str):
            problems.append(
                f"{where}: hint ska vara text, men är {_a_type(raw_hint)} ({raw_hint!r}); "
                "sätt texten inom citattecken."
            )
            ok = False
        else:
            hint = raw_hint.strip() or None
            if hint is not None and len(hint) > HINT_MAX:
                problems.append(
                    f"{where}: hint är {len(hint)} tecken lång; korta den till högst {HINT_MAX} tecken."
                )
                ok = False
    return TestCase(id=case_id, title=title, hint=hint) if ok else None


def _parse_version(raw: object, problems: list[str]) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        problems.append(
            f"version ska vara ett heltal, men är {_a_type(raw)} ({raw!r}); "
            f"skriv version: {SUPPORTED_VERSION}."
        )
        return SUPPORTED_VERSION
    if raw != SUPPORTED_VERSION:
        problems.append(f"Mallversion {raw} stöds inte; skriv version: {SUPPORTED_VERSION}.")
    return raw


def _parse_name(raw: object, problems: list[str]) -> str:
    if not isinstance(raw, str) or not raw.strip():
        problems.append(
            "name ska vara mallens namn som text, till exempel name: Standardmall Procapita omsorg."
        )
        return DEFAULT_NAME
    name = " ".join(raw.split())
    if len(name) > NAME_MAX:
        problems.append(f"name är {len(name)} tecken långt; korta det till högst {NAME_MAX} tecken.")
    return name


def _check_area(area: object, subject: str, problems: list[str]) -> bool:
    """True when ``area`` is a known area key; otherwise a problem naming the allowed keys."""
    if isinstance(area, str) and area in AREAS:
        return True
    guess = ""
    if isinstance(area, str):
        close = difflib.get_close_matches(area.strip().lower(), list(AREAS), n=1, cutoff=0.6)
        if close:
            guess = f" Menar du {close[0]}?"
    problems.append(f"{subject} är okänt.{guess} Tillåtna områden är: {_ALLOWED_AREAS}.")
    return False


def _in_routine_order(areas: dict[str, list[TestCase]]) -> dict[str, tuple[TestCase, ...]]:
    return {key: tuple(areas[key]) for key in AREAS if areas.get(key)}


def _column(name: str) -> str:
    return name.strip().lower()


_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "_": "-", " ": "-"})


def _suggest_id(raw: str, fallback: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "", raw.lower().translate(_SWEDISH))
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip("-")[:ID_MAX].strip("-")
    return cleaned or fallback


def _q(value: object) -> str:
    return f'"{value}"'


def _type_name(value: object) -> str:
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


def _a_type(value: object) -> str:
    if value is None:
        return "tomt"
    name = _type_name(value)
    article = "ett" if name in ("tal", "ja/nej-värde") else "en"
    return f"{article} {name}"
