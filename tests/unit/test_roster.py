"""Reading and writing the roster CSV (bot.domain.roster): every row checked, every problem with its line.

``parse_roster_csv`` returns the good rows *and* the problems; the rule "a file with any bad row
imports nothing" is the caller's (see tests/integration/test_roster_import.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.areas import AREAS
from bot.domain.people import Client, Person, Role, Substitute
from bot.domain.roster import COLUMNS, ParsedRoster, RosterProblem, parse_roster_csv, write_roster_csv

ROOT = Path(__file__).resolve().parents[2]
HEADER = ",".join(COLUMNS)
ANNA = "Anna Berg,anna.berg@kommun.se,tester,ifo,local,Lena Ek,lena.ek@kommun.se"
KARIN = "Karin Lindqvist,karin@kommun.se,admin,,,,"
VALID_AREAS = ", ".join(AREAS)


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _problems(*rows: str) -> list[str]:
    return [str(p) for p in parse_roster_csv(_csv(*rows)).problems]


# --- good files -------------------------------------------------------------------------------


def test_a_good_file() -> None:
    parsed = parse_roster_csv(
        _csv(
            KARIN,
            ANNA,
            "Bo Ek,BO.EK@Kommun.SE,Tester,IFO;kir,Citrix,,",
            'Cecilia Åberg,cecilia@partner.se,tester,"voo-hsl, lc-boende",both,Nils Ö,NILS@partner.se',
            "Dan Holm,dan@kommun.se,tester,lc-utforare|lc-meddelande,local,,",
        )
    )
    assert parsed.problems == []
    assert parsed.people == [
        Person("karin@kommun.se", "Karin Lindqvist", Role.ADMIN),
        Person(
            "anna.berg@kommun.se",
            "Anna Berg",
            Role.TESTER,
            frozenset({"ifo"}),
            frozenset({Client.LOCAL}),
            Substitute("Lena Ek", "lena.ek@kommun.se"),
        ),
        Person(
            "bo.ek@kommun.se", "Bo Ek", Role.TESTER, frozenset({"ifo", "kir"}), frozenset({Client.CITRIX})
        ),
        Person(
            "cecilia@partner.se",
            "Cecilia Åberg",
            Role.TESTER,
            frozenset({"voo-hsl", "lc-boende"}),
            frozenset({Client.LOCAL, Client.CITRIX}),
            Substitute("Nils Ö", "nils@partner.se"),
        ),
        Person(
            "dan@kommun.se",
            "Dan Holm",
            Role.TESTER,
            frozenset({"lc-utforare", "lc-meddelande"}),
            frozenset({Client.LOCAL}),
        ),
    ]


def test_semicolon_separated_file_as_excel_writes_it() -> None:
    text = (
        "name;email;role;areas;client;substitute_name;substitute_email\n"
        "Karin Lindqvist;karin@kommun.se;admin;;;;\n"
        "Anna Berg;anna.berg@kommun.se;tester;ifo,kir;local;Lena Ek;lena.ek@kommun.se\n"
    )
    parsed = parse_roster_csv(text)
    assert parsed.problems == []
    assert [p.email for p in parsed.people] == ["karin@kommun.se", "anna.berg@kommun.se"]
    assert parsed.people[1].areas == {"ifo", "kir"}
    assert parsed.people[1].substitute == Substitute("Lena Ek", "lena.ek@kommun.se")


def test_byte_order_mark_and_windows_line_endings() -> None:
    text = "\ufeff" + _csv(KARIN, ANNA).replace("\n", "\r\n")
    parsed = parse_roster_csv(text)
    assert parsed.problems == []
    assert [p.email for p in parsed.people] == ["karin@kommun.se", "anna.berg@kommun.se"]
    # The BOM must not end up in the first column's name (it would make "name" missing).
    assert parsed.people[0].name == "Karin Lindqvist"


def test_semicolon_file_with_byte_order_mark_as_excel_saves_csv_utf8() -> None:
    text = (
        "\ufeffname;email;role;areas;client;substitute_name;substitute_email\r\n"
        "Åsa Öberg;asa@kommun.se;tester;ifo;local;;\r\n"
    )
    parsed = parse_roster_csv(text)
    assert parsed.problems == []
    assert parsed.people == [
        Person("asa@kommun.se", "Åsa Öberg", Role.TESTER, frozenset({"ifo"}), frozenset({Client.LOCAL}))
    ]


def test_byte_order_mark_before_an_incomplete_header() -> None:
    # The BOM is not part of the first column's name: only the really missing columns are named.
    assert [str(p) for p in parse_roster_csv("\ufeffName;EMAIL;Role\n").problems] == [
        "Rad 1: kolumnen areas, client, substitute_name, substitute_email saknas. "
        f"Rubrikraden ska vara: {HEADER}"
    ]


def test_header_is_case_and_space_insensitive_and_blank_rows_are_skipped() -> None:
    header = " Name , EMAIL ,Role,Areas,Client,Substitute_Name,Substitute_Email"
    parsed = parse_roster_csv(_csv(KARIN, "", ",,,,,,", ANNA, header=header))
    assert parsed.problems == []
    assert [p.email for p in parsed.people] == ["karin@kommun.se", "anna.berg@kommun.se"]


# --- every validation, with its line ----------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "problems"),
    [
        (
            "Anna Berg,anna@kommun.se,tester,ifo;hemtjanst,local,,",
            [f"Rad 2: okänt område hemtjanst (giltiga: {VALID_AREAS})"],
        ),
        (
            "Anna Berg,anna.kommun.se,tester,ifo,local,,",
            ["Rad 2: e-postadressen 'anna.kommun.se' är inte giltig (skriv t.ex. anna.berg@kommun.se)"],
        ),
        (
            "Anna Berg,anna@kommun,tester,ifo,local,,",
            ["Rad 2: e-postadressen 'anna@kommun' är inte giltig (skriv t.ex. anna.berg@kommun.se)"],
        ),
        (
            "Anna Berg,anna@kommun.se,tester,ifo,local,Anna B,ANNA@kommun.se",
            ["Rad 2: ersättaren kan inte vara personen själv"],
        ),
        (
            "Anna Berg,anna@kommun.se,tester,ifo,local,Lena Ek,",
            ["Rad 2: ersättaren behöver både namn och e-postadress"],
        ),
        (
            "Anna Berg,anna@kommun.se,tester,ifo,local,,lena@kommun.se",
            ["Rad 2: ersättaren behöver både namn och e-postadress"],
        ),
        (
            "Anna Berg,anna@kommun.se,tester,ifo,local,Lena Ek,lena(at)kommun.se",
            ["Rad 2: ersättarens e-postadress 'lena(at)kommun.se' är inte giltig"],
        ),
        ("Anna Berg,anna@kommun.se,tester,,local,,", ["Rad 2: en testresurs behöver minst ett område"]),
        (
            "Anna Berg,anna@kommun.se,tester,ifo,,,",
            ["Rad 2: en testresurs behöver en klient (local, citrix eller both)"],
        ),
        (
            "Anna Berg,anna@kommun.se,tester,,,,",
            [
                "Rad 2: en testresurs behöver minst ett område",
                "Rad 2: en testresurs behöver en klient (local, citrix eller both)",
            ],
        ),
        (
            "Anna Berg,anna@kommun.se,tester,ifo,lokal,,",
            [
                "Rad 2: klienten 'lokal' finns inte (skriv local, citrix eller both)",
                "Rad 2: en testresurs behöver en klient (local, citrix eller both)",
            ],
        ),
        (
            "Anna Berg,anna@kommun.se,testare,ifo,local,,",
            ["Rad 2: rollen 'testare' finns inte (skriv admin, tester eller leverantör)"],
        ),
        (",anna@kommun.se,tester,ifo,local,,", ["Rad 2: name saknas"]),
        ("Anna Berg,,tester,ifo,local,,", ["Rad 2: email saknas"]),
        ("Anna Berg,anna@kommun.se,,ifo,local,,", ["Rad 2: role saknas"]),
    ],
)
def test_each_validation(row: str, problems: list[str]) -> None:
    parsed = parse_roster_csv(_csv(row))
    assert [str(p) for p in parsed.problems] == problems
    assert parsed.people == []


def test_duplicate_person_names_the_first_line() -> None:
    problems = _problems(
        KARIN, ANNA, "Bo Ek,bo@kommun.se,tester,kir,local,,", "Anna B,ANNA.BERG@kommun.se,admin,,,,"
    )
    assert problems == ["Rad 5: anna.berg@kommun.se finns redan på rad 3"]


def test_missing_column() -> None:
    header = "name,email,role,areas,client"
    parsed = parse_roster_csv(_csv("Anna Berg,anna@kommun.se,tester,ifo,local", header=header))
    assert parsed == ParsedRoster(
        [],
        [
            RosterProblem(
                1, f"kolumnen substitute_name, substitute_email saknas. Rubrikraden ska vara: {HEADER}"
            )
        ],
    )
    assert str(parsed.problems[0]).startswith("Rad 1: kolumnen substitute_name, substitute_email saknas.")


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_empty_file(text: str) -> None:
    assert [str(p) for p in parse_roster_csv(text).problems] == [
        f"Rad 1: Filen är tom. Första raden ska vara rubrikerna: {HEADER}"
    ]


def test_every_bad_row_is_reported_with_its_line_and_good_rows_are_kept_apart() -> None:
    text = _csv(
        KARIN,  # 2
        "Bo Ek,bo@kommun,tester,ifo,local,,",  # 3
        ANNA,  # 4
        "Cecilia,cecilia@kommun.se,tester,bogus,citrix,Cecilia,cecilia@kommun.se",  # 5
        "Dan,dan@kommun.se,tester,kir,both,,",  # 6
    )
    parsed = parse_roster_csv(text)
    assert [str(p) for p in parsed.problems] == [
        "Rad 3: e-postadressen 'bo@kommun' är inte giltig (skriv t.ex. anna.berg@kommun.se)",
        f"Rad 5: okänt område bogus (giltiga: {VALID_AREAS})",
        "Rad 5: ersättaren kan inte vara personen själv",
    ]
    # The good rows are parsed, but the caller must import nothing while problems exist.
    assert [p.email for p in parsed.people] == ["karin@kommun.se", "anna.berg@kommun.se", "dan@kommun.se"]


def test_line_numbers_count_blank_lines_and_multi_line_cells() -> None:
    """Lines are physical lines of the file, as the admin sees them in an editor."""
    text = (
        f"{HEADER}\n"  # 1
        f"{KARIN}\n"  # 2
        "\n"  # 3: blank
        "Bo Ek,bo@kommun.se,tester,bogus,local,,\n"  # 4
        '"Cecilia\n'  # 5: a quoted name over two lines
        'Ek",anna.berg@kommun.se,tester,ifo,local,,\n'  # 6
        f"{ANNA}\n"  # 7
        "Dan,dan@kommun.se,tester,ifo,,,\n"  # 8
    )
    assert [str(p) for p in parse_roster_csv(text).problems] == [
        f"Rad 4: okänt område bogus (giltiga: {VALID_AREAS})",
        "Rad 7: anna.berg@kommun.se finns redan på rad 5",
        "Rad 8: en testresurs behöver en klient (local, citrix eller both)",
    ]


# --- writing, and the round trip --------------------------------------------------------------

PEOPLE = [
    Person("karin@kommun.se", "Karin Lindqvist", Role.ADMIN),
    Person(
        "anna.berg@kommun.se",
        'Berg, Anna "Annie"',
        Role.TESTER,
        frozenset({"lc-boende", "ifo", "kir"}),
        frozenset({Client.LOCAL, Client.CITRIX}),
        Substitute("Ek; Lena", "lena.ek@kommun.se"),
    ),
    Person("bo@partner.se", "Bo Ström", Role.TESTER, frozenset({"voo-hsl"}), frozenset({Client.CITRIX})),
]


def test_write_roster_csv() -> None:
    assert write_roster_csv(PEOPLE) == (
        f"{HEADER}\n"
        "Karin Lindqvist,karin@kommun.se,admin,,,,\n"
        '"Berg, Anna ""Annie""",anna.berg@kommun.se,tester,ifo;kir;lc-boende,both,'
        "Ek; Lena,lena.ek@kommun.se\n"
        "Bo Ström,bo@partner.se,tester,voo-hsl,citrix,,\n"
    )
    assert write_roster_csv([]) == f"{HEADER}\n"


def test_round_trip_write_then_parse() -> None:
    parsed = parse_roster_csv(write_roster_csv(PEOPLE))
    assert parsed.problems == []
    assert parsed.people == PEOPLE


def test_round_trip_of_the_example_roster() -> None:
    text = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8")
    first = parse_roster_csv(text)
    assert first.problems == []
    written = write_roster_csv(first.people)
    again = parse_roster_csv(written)
    assert again.problems == []
    assert again.people == first.people
    assert write_roster_csv(again.people) == written


# --- the supplier's contact -----------------------------------------------------------------------


# "leverantör" also as Excel on a Mac may save it: decomposed (o + combining diaeresis).
@pytest.mark.parametrize(
    "word", ["supplier", "leverantör", "Leverantör", "LEVERANTOR", "leverantor", "leveranto\u0308r"]
)
def test_a_supplier_needs_no_areas_client_or_substitute(word: str) -> None:
    parsed = parse_roster_csv(
        _csv(KARIN, f"Lars Leverantör,Lars.Leverantor@Leverantor.example,{word},,,,", ANNA)
    )
    assert parsed.problems == []
    assert parsed.people[1] == Person("lars.leverantor@leverantor.example", "Lars Leverantör", Role.SUPPLIER)
    assert parsed.people[1].is_supplier
    assert not parsed.people[1].is_admin
    assert not parsed.people[0].is_supplier


@pytest.mark.parametrize(
    "row",
    [
        "Lars,lars@leverantor.example,leverantör,ifo,,,",
        "Lars,lars@leverantor.example,leverantör,,local,,",
        "Lars,lars@leverantor.example,supplier,,,Bo Ek,bo@leverantor.example",
    ],
)
def test_a_supplier_with_areas_a_client_or_a_substitute_is_refused(row: str) -> None:
    assert _problems(row) == [
        "Rad 2: en leverantör har inga områden, ingen klient och ingen ersättare (lämna dem tomma)"
    ]


def test_a_supplier_is_written_back_as_it_is_read() -> None:
    people = parse_roster_csv(
        _csv(KARIN, "Lars Leverantör,lars@leverantor.example,leverantör,,,,", ANNA)
    ).people
    text = write_roster_csv(people)
    assert "Lars Leverantör,lars@leverantor.example,supplier,,,," in text
    assert parse_roster_csv(text).people == people
