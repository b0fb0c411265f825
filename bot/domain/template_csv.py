"""Parsing a test template from the rows of a CSV file: one test case a row, columns area, id, title
and (optionally) hint. Problems name the CSV line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.domain.template_checks import ALLOWED_AREAS, check_area, in_routine_order, parse_case, q, suggest_id
from bot.domain.template_model import DEFAULT_NAME, SUPPORTED_VERSION, Template, TemplateError, TestCase

CSV_COLUMNS: tuple[str, ...] = ("area", "id", "title", "hint")
_CSV_REQUIRED: tuple[str, ...] = ("area", "id", "title")


@dataclass
class _Rows:
    """What the rows read so far gave: every problem, the valid cases by area, the ids seen (for
    duplicates) and the number of rows per area (for example ids)."""

    problems: list[str]
    areas: dict[str, list[TestCase]] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


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
    read = _Rows(problems=_check_columns(rows))
    for index, raw_row in enumerate(rows):
        line = line_numbers[index] if line_numbers is not None else index + 2
        _parse_row(raw_row, line, read)
    problems, areas = read.problems, read.areas
    if not problems and not areas:
        problems.append(
            f"CSV-filen har inga testfall. Skriv rubrikraden {','.join(CSV_COLUMNS)} och under den ett "
            "testfall per rad, till exempel: ifo,ifo-login,Logga in och kontrollera behörigheten,"
        )
    if problems:
        raise TemplateError(problems)
    return Template(name=name, version=SUPPORTED_VERSION, areas=in_routine_order(areas))


def _check_columns(rows: Sequence[Mapping[str, str | None]]) -> list[str]:
    """Raise TemplateError when a required column is missing (nothing else can be read then);
    return a problem for each unknown column."""
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
    return [
        f"CSV-filen har den okända kolumnen {q(c)}; tillåtna kolumner är {', '.join(CSV_COLUMNS)}."
        for c in columns
        if _column(c) not in CSV_COLUMNS
    ]


def _parse_row(raw_row: Mapping[str, str | None], line: int, read: _Rows) -> None:
    """One row, on CSV line ``line``: its problems and, when valid, its test case go into ``read``."""
    problems = read.problems
    row: dict[str, object] = {_column(k): v for k, v in raw_row.items() if isinstance(k, str)}
    cells = {k: (v.strip() if isinstance(v, str) else "") for k, v in row.items()}
    extra = [v for k, v in raw_row.items() if not isinstance(k, str) and v]
    if not any(cells.values()) and not extra:
        return
    area = cells.get("area", "")
    case_id = cells.get("id", "")
    details = [f"område {q(area)}"] if area else []
    details += [f"id {q(case_id)}"] if case_id else []
    where = f"Rad {line} ({', '.join(details)})" if details else f"Rad {line}"
    if extra:
        problems.append(
            f"{where}: raden har fler värden än rubrikraden har kolumner; sätt text som innehåller "
            'kommatecken inom citattecken, till exempel "Logga in, öppna klientakten".'
        )
    if not area:
        problems.append(f"{where}: kolumnen area är tom; skriv områdets nyckel, en av {ALLOWED_AREAS}.")
        area_ok = False
    else:
        area_ok = check_area(area, f"{where}: området {q(area)}", problems)
    read.counts[area] = read.counts.get(area, 0) + 1
    case = parse_case(
        row.get("id"),
        row.get("title"),
        row.get("hint"),
        where=where,
        place=f"rad {line}",
        example_id=f"{suggest_id(area, 'ifo')}-{read.counts[area]}",
        seen=read.seen,
        problems=problems,
    )
    if case is not None and area_ok and not extra:
        read.areas.setdefault(area, []).append(case)


def _column(name: str) -> str:
    return name.strip().lower()
