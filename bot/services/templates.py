"""Reading test templates ("mallar") from files: YAML or CSV, validated by ``bot.domain.template``.

The system administrator keeps the template as a YAML file (like ``templates/default.yaml``) or as a
CSV file exported from Excel (columns ``area,id,title,hint``). Both end up as the same validated
``Template``; every problem, including a YAML syntax error or a file that is not UTF-8, is raised as
a ``TemplateError`` with Swedish sentences that say where the problem is and how to fix it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pathlib
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]  # no types-PyYAML in the venv

from bot.domain.audit import AuditKind
from bot.domain.template import Template, TemplateError, parse_template, parse_template_csv_rows
from bot.services.ports import UnitOfWork

DEFAULT_TEMPLATE_PATH = pathlib.Path(__file__).resolve().parents[2] / "templates" / "default.yaml"

_YAML_SUFFIXES = (".yaml", ".yml")
_CSV_SUFFIXES = (".csv",)


def load_template_file(path: pathlib.Path) -> Template:
    """Read and validate a template file (.yaml, .yml or .csv); raise TemplateError when it is unusable.

    A missing or unreadable file raises OSError as usual.
    """
    suffix = path.suffix.lower()
    if suffix not in _YAML_SUFFIXES + _CSV_SUFFIXES:
        raise TemplateError(
            [
                f"Filen {path.name} har ett okänt format; en mall ska vara en YAML-fil (.yaml eller .yml) "
                "eller en CSV-fil (.csv) med kolumnerna area,id,title,hint."
            ]
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(
            [
                f"Filen {path.name} är inte sparad som UTF-8, så å, ä och ö kan inte läsas. Spara om den "
                "som UTF-8 (i Excel: Spara som > CSV UTF-8 (kommaavgränsad))."
            ]
        ) from None
    if suffix in _CSV_SUFFIXES:
        return parse_csv_text(text, name=path.stem)
    return parse_yaml_text(text)


def load_default_template() -> Template:
    """The template shipped with the bot, ``templates/default.yaml`` in the repository."""
    return load_template_file(DEFAULT_TEMPLATE_PATH)


def parse_yaml_text(text: str) -> Template:
    """Parse and validate a YAML template given as text."""
    try:
        # Compose first: PyYAML silently keeps only the last of two equal keys, which would drop
        # a whole area written twice. The node tree still knows about both, with their lines.
        problems = _duplicate_keys(yaml.compose(text, Loader=yaml.SafeLoader))
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        raise TemplateError([_yaml_syntax_message(exc)]) from None
    except yaml.YAMLError as exc:
        raise TemplateError([f"YAML-filen går inte att läsa ({exc}). Kontrollera filens innehåll."]) from None
    if problems:
        raise TemplateError(problems)
    return parse_template(data)


def parse_csv_text(text: str, *, name: str = "Testmall") -> Template:
    """Parse and validate a CSV template given as text (comma- or semicolon-separated)."""
    first_line = text.split("\n", 1)[0]
    # Excel with Swedish settings separates with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[dict[str, str | None]] = []
    lines: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            # line_num is the row's last physical line; a quoted cell may span several.
            spanned = sum(v.count("\n") for v in row.values() if isinstance(v, str))
            lines.append(reader.line_num - spanned)
    except csv.Error as exc:
        raise TemplateError(
            [f"CSV-filen går inte att läsa på rad {reader.line_num} ({exc}); kontrollera citattecknen."]
        ) from None
    return parse_template_csv_rows(rows, name=name, line_numbers=lines)


def _yaml_syntax_message(exc: Any) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f" på rad {mark.line + 1}, kolumn {mark.column + 1}" if mark is not None else ""
    problem = exc.problem or exc.context or "okänt fel"
    return (
        f"YAML-filen har ett syntaxfel{where} ({problem}). Kontrollera att indraget görs med mellanslag "
        "(inte tabb) och är lika långt för alla rader på samma nivå, att varje kolon följs av ett "
        "mellanslag och att text som innehåller kolon eller # står inom citattecken."
    )


def _duplicate_keys(node: Any) -> list[str]:
    problems: list[tuple[int, str]] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in current.value:
                stack.append(value)
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = key.start_mark.line + 1
                if key.value in first_line:
                    message = (
                        f"YAML-filen har nyckeln {key.value} två gånger (rad {first_line[key.value]} och "
                        f"rad {line}); bara den sista skulle gälla. Slå ihop dem eller byt namn på den ena."
                    )
                    problems.append((line, message))
                else:
                    first_line[key.value] = line
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return [message for _, message in sorted(problems)]


# --- the template in use ----------------------------------------------------------------------

TEMPLATE_KEY = "test_template"


async def current_template(uow: UnitOfWork) -> Template:
    """The template new windows start with: the admin's imported one, else the shipped default."""
    stored = await uow.texts.get(TEMPLATE_KEY)
    return parse_template(json.loads(stored)) if stored else load_default_template()


async def save_template(uow: UnitOfWork, template: Template, by: str, now: dt.datetime) -> None:
    """Make ``template`` the one new windows start with (a running window keeps its own)."""
    await uow.texts.set(TEMPLATE_KEY, json.dumps(template.to_dict(), ensure_ascii=False), by, now)
    await uow.audit.record(
        now,
        by,
        AuditKind.TEMPLATE_IMPORTED,
        {"name": template.name, "cases": sum(len(c) for c in template.areas.values())},
    )


def template_yaml(template: Template) -> str:
    return str(yaml.safe_dump(template.to_dict(), allow_unicode=True, sort_keys=False))
