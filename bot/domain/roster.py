"""Reading and writing the roster CSV: every row checked, every problem reported with its line.

A file with any bad row imports nothing; that rule is enforced by the caller, which only
writes when ``problems`` is empty.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.domain.areas import AREAS
from bot.domain.people import Client, Person, Role, Substitute, is_email, normalise_email

COLUMNS = ("name", "email", "role", "areas", "client", "substitute_name", "substitute_email")
REQUIRED = ("name", "email", "role")
_CLIENTS = {"local": {Client.LOCAL}, "citrix": {Client.CITRIX}, "both": {Client.LOCAL, Client.CITRIX}}
# The role column's words: the stored value, and the Swedish word for the supplier's contact.
_ROLES = {r.value: r for r in Role} | {"leverantör": Role.SUPPLIER, "leverantor": Role.SUPPLIER}


@dataclass(frozen=True)
class RosterProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Rad {self.line}: {self.message}"


@dataclass(frozen=True)
class ParsedRoster:
    people: list[Person]
    problems: list[RosterProblem]


def _split_list(value: str) -> list[str]:
    # Areas may be separated by ';' or '|' (',' is the CSV separator) and, quoted, by ','.
    for sep in ("|", ","):
        value = value.replace(sep, ";")
    return [p.strip().lower() for p in value.split(";") if p.strip()]


def parse_roster_csv(text: str) -> ParsedRoster:
    """Parse roster CSV text (UTF-8, header row, ``,`` or ``;`` separated)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ParsedRoster(
            [], [RosterProblem(1, "Filen är tom. Första raden ska vara rubrikerna: " + ",".join(COLUMNS))]
        )
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return ParsedRoster(
            [],
            [
                RosterProblem(
                    1, f"kolumnen {', '.join(missing)} saknas. Rubrikraden ska vara: {','.join(COLUMNS)}"
                )
            ],
        )
    people: list[Person] = []
    problems: list[RosterProblem] = []
    seen: dict[str, int] = {}
    for raw in reader:
        index = _first_line(reader, raw)
        row = {
            (k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str | None)
        }
        if not any(row.values()):
            continue
        person, line_problems = _read_row(row, index, seen)
        if person is None:
            problems.extend(RosterProblem(index, p) for p in line_problems)
        else:
            people.append(person)
    return ParsedRoster(people, problems)


def _first_line(reader: csv.DictReader[str], raw: dict[str | Any, str | Any]) -> int:
    """The record's first line: reader.line_num is its last physical line. Counting records
    instead would be wrong after a blank line (skipped by DictReader) or a multi-line cell."""
    cells = [c for v in raw.values() for c in (v if isinstance(v, list) else [v]) if isinstance(c, str)]
    return reader.line_num - sum(c.count("\n") for c in cells)


def _read_row(row: dict[str, str], index: int, seen: dict[str, int]) -> tuple[Person | None, list[str]]:
    """The person on one row, or None and every problem of the row (in the order of the columns).

    ``seen`` (e-mail address -> line) is updated with the row's address, also when it has problems.
    """
    problems = [f"{column} saknas" for column in REQUIRED if not row.get(column)]
    email = normalise_email(row.get("email", ""))
    if email and not is_email(email):
        problems.append(f"e-postadressen {email!r} är inte giltig (skriv t.ex. anna.berg@kommun.se)")
    role = _role(row.get("role", "").lower(), problems)
    areas = _areas(row.get("areas", ""), problems)
    clients = _clients(row.get("client", "").lower(), problems)
    if role is Role.TESTER:
        if not areas:
            problems.append("en testresurs behöver minst ett område")
        if not clients:
            problems.append("en testresurs behöver en klient (local, citrix eller both)")
    substitute = _substitute(row, email, problems)
    if role is Role.SUPPLIER and (areas or clients or substitute):
        # The supplier's contact tests nothing: areas there would be a row meant for a tester.
        problems.append("en leverantör har inga områden, ingen klient och ingen ersättare (lämna dem tomma)")
    if email:
        if email in seen:
            problems.append(f"{email} finns redan på rad {seen[email]}")
        else:
            seen[email] = index
    if problems:
        return None, problems
    assert role is not None
    person = Person(
        email=email,
        name=row["name"],
        role=role,
        areas=frozenset(areas),
        clients=frozenset(clients),
        substitute=substitute,
    )
    return person, []


def _role(role_text: str, problems: list[str]) -> Role | None:
    if not role_text:
        return None
    role = _ROLES.get(unicodedata.normalize("NFC", role_text))
    if role is None:
        problems.append(f"rollen {role_text!r} finns inte (skriv admin, tester eller leverantör)")
    return role


def _areas(value: str, problems: list[str]) -> list[str]:
    areas = _split_list(value)
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        problems.append(f"okänt område {', '.join(unknown)} (giltiga: {', '.join(AREAS)})")
    return areas


def _clients(client_text: str, problems: list[str]) -> set[Client]:
    if not client_text:
        return set()
    if client_text not in _CLIENTS:
        problems.append(f"klienten {client_text!r} finns inte (skriv local, citrix eller both)")
        return set()
    return _CLIENTS[client_text]


def _substitute(row: dict[str, str], email: str, problems: list[str]) -> Substitute | None:
    sub_name = row.get("substitute_name", "")
    sub_email = normalise_email(row.get("substitute_email", ""))
    if not sub_name and not sub_email:
        return None
    if not sub_name or not sub_email:
        problems.append("ersättaren behöver både namn och e-postadress")
    elif not is_email(sub_email):
        problems.append(f"ersättarens e-postadress {sub_email!r} är inte giltig")
    elif sub_email == email:
        problems.append("ersättaren kan inte vara personen själv")
    else:
        return Substitute(sub_name, sub_email)
    return None


def _client_text(person: Person) -> str:
    if person.clients == {Client.LOCAL, Client.CITRIX}:
        return "both"
    return next(iter(person.clients)).value if person.clients else ""


def write_roster_csv(people: Iterable[Person]) -> str:
    """The roster as CSV in the same format that ``parse_roster_csv`` reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in people:
        writer.writerow(
            [
                p.name,
                p.email,
                p.role.value,
                ";".join(p.sorted_areas),
                _client_text(p),
                p.substitute.name if p.substitute else "",
                p.substitute.email if p.substitute else "",
            ]
        )
    return out.getvalue()
