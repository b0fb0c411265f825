"""Unit tests of the test template ("mallen") parser and validator in bot.domain.template."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.domain.areas import AREAS
from bot.domain.template import (
    HINT_MAX,
    ID_MAX,
    TITLE_MAX,
    Template,
    TemplateError,
    TestCase,
    parse_template,
    parse_template_csv_rows,
)


def _data(**areas: Any) -> dict[str, Any]:
    return {"version": 1, "name": "Testmall", "areas": areas}


def _case(case_id: Any = "ifo-login", title: Any = "Logga in", **extra: Any) -> dict[str, Any]:
    return {"id": case_id, "title": title, **extra}


def _problems(data: object) -> list[str]:
    with pytest.raises(TemplateError) as info:
        parse_template(data)
    assert info.value.problems, "a TemplateError must carry at least one problem"
    return info.value.problems


def _csv_problems(rows: list[dict[str, Any]], **kwargs: Any) -> list[str]:
    with pytest.raises(TemplateError) as info:
        parse_template_csv_rows(rows, **kwargs)
    assert info.value.problems
    return info.value.problems


# --- valid templates ------------------------------------------------------------------------


def test_parses_areas_and_cases_in_order() -> None:
    template = parse_template(
        {
            "version": 1,
            "name": "Standardmall",
            "areas": {
                "kir": [_case("kir-login", "Logga in i KIR")],
                "ifo": [
                    _case("ifo-login", "Logga in", hint="Lokal klient först, sedan Citrix."),
                    _case("ifo-ssbtek", "Hämta uppgifter via SSBTEK"),
                ],
            },
        }
    )
    assert template.name == "Standardmall"
    assert template.version == 1
    # Areas come in the routine's order (ifo before kir), whatever the file's order.
    assert list(template.areas) == ["ifo", "kir"]
    assert template.cases_for("ifo") == (
        TestCase("ifo-login", "Logga in", "Lokal klient först, sedan Citrix."),
        TestCase("ifo-ssbtek", "Hämta uppgifter via SSBTEK", None),
    )


def test_version_and_name_may_be_left_out() -> None:
    template = parse_template({"areas": {"ifo": [_case()]}})
    assert template.version == 1
    assert template.name == "Testmall"


def test_whitespace_is_tidied_and_empty_hint_is_none() -> None:
    template = parse_template(
        _data(ifo=[_case("  ifo-login ", "  Logga in\n  och kontrollera   behörigheten ", hint="   ")])
    )
    (case,) = template.cases_for("ifo")
    assert case == TestCase("ifo-login", "Logga in och kontrollera behörigheten", None)


def test_limits_are_inclusive() -> None:
    case_id = "a" * ID_MAX
    template = parse_template(_data(ifo=[_case(case_id, "t" * TITLE_MAX, hint="h" * HINT_MAX)]))
    (case,) = template.cases_for("ifo")
    assert (len(case.id), len(case.title), len(case.hint or "")) == (ID_MAX, TITLE_MAX, HINT_MAX)


def test_cases_for_an_area_not_in_the_template_is_empty() -> None:
    template = parse_template(_data(ifo=[_case()]))
    assert template.cases_for("kir") == ()
    assert template.cases_for("no-such-area") == ()


def test_case_finds_area_and_case_by_id() -> None:
    template = parse_template(_data(ifo=[_case("ifo-login")], kir=[_case("kir-rikskir", "RIKSKIR")]))
    assert template.case("kir-rikskir") == ("kir", TestCase("kir-rikskir", "RIKSKIR"))
    with pytest.raises(KeyError):
        template.case("finns-inte")


def test_iter_cases_walks_every_case_in_order() -> None:
    template = parse_template(
        _data(kir=[_case("kir-1", "K")], ifo=[_case("ifo-1", "A"), _case("ifo-2", "B")])
    )
    assert [(area, case.id) for area, case in template.iter_cases()] == [
        ("ifo", "ifo-1"),
        ("ifo", "ifo-2"),
        ("kir", "kir-1"),
    ]


def test_to_dict_round_trips_through_json() -> None:
    template = parse_template(
        {
            "version": 1,
            "name": "Standardmall Procapita omsorg",
            "areas": {
                "ifo": [_case("ifo-login", "Logga in", hint="Åäö fungerar."), _case("ifo-2", "Spara")],
                "lc-avvikelser": [_case("lc-avvikelser-hsl", "Registrera en HSL-avvikelse")],
            },
        }
    )
    frozen = json.dumps(template.to_dict(), ensure_ascii=False)
    again = parse_template(json.loads(frozen))
    assert again == template
    # A case without hint has no hint key at all, so the frozen JSON stays small.
    assert template.to_dict()["areas"] == {
        "ifo": [
            {"id": "ifo-login", "title": "Logga in", "hint": "Åäö fungerar."},
            {"id": "ifo-2", "title": "Spara"},
        ],
        "lc-avvikelser": [{"id": "lc-avvikelser-hsl", "title": "Registrera en HSL-avvikelse"}],
    }


def test_template_is_frozen_and_hashable() -> None:
    template = parse_template(_data(ifo=[_case()]))
    with pytest.raises(AttributeError):
        template.name = "Annan"  # type: ignore[misc]
    assert hash(template) == hash(parse_template(_data(ifo=[_case()])))


# --- top level ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [None, [], "ifo", 3])
def test_top_level_must_be_a_mapping(data: object) -> None:
    (problem,) = _problems(data)
    assert "översta nivån" in problem
    assert "areas:" in problem


def test_error_is_a_value_error_listing_every_problem() -> None:
    with pytest.raises(ValueError, match="Mallen har 2 fel") as info:
        parse_template(_data(ifo=[_case("ifo-1", ""), _case("ifo-2", "")]))
    assert isinstance(info.value, TemplateError)
    assert len(info.value.problems) == 2
    assert all(f"- {p}" in str(info.value) for p in info.value.problems)


def test_missing_areas() -> None:
    (problem,) = _problems({"version": 1, "name": "Mall"})
    assert "saknar nyckeln areas" in problem
    assert "ifo, voo-sol-lss" in problem


def test_unknown_top_level_key() -> None:
    problems = _problems({"areas": {"ifo": [_case()]}, "omraden": {}})
    assert problems == ['Okänd nyckel "omraden" på översta nivån; tillåtna nycklar är version, name, areas.']


@pytest.mark.parametrize("areas", [["ifo"], "ifo", 1])
def test_areas_must_be_a_mapping(areas: object) -> None:
    (problem,) = _problems({"areas": areas})
    assert problem.startswith("areas ska vara en samling områden")


def test_areas_must_not_be_empty() -> None:
    (problem,) = _problems({"areas": {}})
    assert "areas är tomt" in problem


@pytest.mark.parametrize("version", ["1", True, 1.0, None])
def test_version_must_be_a_whole_number(version: object) -> None:
    (problem,) = _problems({"version": version, "areas": {"ifo": [_case()]}})
    assert "version ska vara ett heltal" in problem
    assert "version: 1" in problem


def test_unsupported_version() -> None:
    (problem,) = _problems({"version": 2, "areas": {"ifo": [_case()]}})
    assert problem == "Mallversion 2 stöds inte; skriv version: 1."


@pytest.mark.parametrize("name", ["", "   ", 7, None])
def test_name_must_be_text(name: object) -> None:
    (problem,) = _problems({"name": name, "areas": {"ifo": [_case()]}})
    assert "name ska vara mallens namn som text" in problem


def test_name_too_long() -> None:
    (problem,) = _problems({"name": "x" * 121, "areas": {"ifo": [_case()]}})
    assert "121 tecken" in problem
    assert "högst 120" in problem


# --- areas ----------------------------------------------------------------------------------


def test_unknown_area_lists_the_allowed_keys() -> None:
    (problem,) = _problems(_data(socialtjanst=[_case()]))
    assert problem.startswith('Området "socialtjanst" är okänt.')
    for key in AREAS:
        assert key in problem


def test_unknown_area_suggests_a_close_key() -> None:
    (problem,) = _problems(_data(IFO=[_case()]))
    assert "Menar du ifo?" in problem
    (problem,) = _problems(_data(**{"lc-handläggare": [_case()]}))
    assert "Menar du lc-handlaggare?" in problem


def test_non_text_area_key() -> None:
    (problem,) = _problems({"areas": {1: [_case()]}})
    assert 'Området "1" är okänt.' in problem


@pytest.mark.parametrize("cases", [None, []])
def test_area_without_cases(cases: object) -> None:
    (problem,) = _problems(_data(ifo=[_case()], kir=cases))
    assert problem.startswith('Området "kir" har inga testfall')
    assert "- id:" in problem


def test_area_cases_must_be_a_list() -> None:
    (problem,) = _problems(_data(ifo={"id": "ifo-login", "title": "Logga in"}))
    assert problem.startswith('Området "ifo" ska ha en lista av testfall, men har en samling nycklar.')


# --- test cases -----------------------------------------------------------------------------


def test_case_must_be_a_mapping() -> None:
    (problem,) = _problems(_data(ifo=[_case(), "Logga in"]))
    assert problem.startswith('Området "ifo", testfall 2: ska ha nycklarna id, title')
    assert "en text" in problem


def test_unknown_case_key_names_area_number_and_id() -> None:
    (problem,) = _problems(_data(ifo=[_case(), _case("ifo-2", "Spara", titel="x")]))
    assert problem == (
        'Området "ifo", testfall 2 (id "ifo-2"): okänd nyckel "titel"; '
        "tillåtna nycklar är id, title och hint."
    )


@pytest.mark.parametrize("case_id", [None, "", "  "])
def test_missing_id(case_id: object) -> None:
    data = _data(ifo=[_case(), _case("ifo-2"), _case(case_id, "Spara")])
    if case_id is None:
        del data["areas"]["ifo"][2]["id"]
    (problem,) = _problems(data)
    assert problem.startswith('Området "ifo", testfall 3: id saknas')
    assert "till exempel ifo-3" in problem


def test_id_must_be_text() -> None:
    (problem,) = _problems(_data(kir=[_case(12, "Sök")]))
    assert problem.startswith('Området "kir", testfall 1: id ska vara text, men är ett tal (12)')


@pytest.mark.parametrize(
    ("case_id", "suggestion"),
    [
        ("IFO Login", "ifo-login"),
        ("ifo_pdf_nämnd", "ifo-pdf-namnd"),
        ("kir.sök", "kirsok"),
    ],
)
def test_id_format_with_suggestion(case_id: str, suggestion: str) -> None:
    (problem,) = _problems(_data(ifo=[_case(case_id, "Titel")]))
    assert f'id "{case_id}" får bara innehålla små bokstäver a–z, siffror och bindestreck' in problem
    assert problem.endswith(f"skriv till exempel {suggestion}.")


def test_id_too_long() -> None:
    case_id = "a" * (ID_MAX + 1)
    (problem,) = _problems(_data(ifo=[_case(case_id, "Titel")]))
    assert f"är {ID_MAX + 1} tecken långt" in problem
    assert f"högst {ID_MAX} tecken" in problem


def test_duplicate_ids_across_areas() -> None:
    problems = _problems(_data(ifo=[_case("login", "A")], kir=[_case("k-1", "B"), _case("login", "C")]))
    assert problems == [
        'Området "kir", testfall 2 (id "login"): id "login" används redan av testfall 1 i området "ifo"; '
        "varje id måste vara unikt i hela mallen, till exempel login-2."
    ]


@pytest.mark.parametrize("title", [None, "", " \n "])
def test_missing_title(title: object) -> None:
    data = _data(ifo=[_case("ifo-login", title)])
    if title is None:
        del data["areas"]["ifo"][0]["title"]
    (problem,) = _problems(data)
    assert problem.startswith('Området "ifo", testfall 1 (id "ifo-login"): title saknas')
    assert "skriv en kort titel" in problem


@pytest.mark.parametrize("title", [2024, True, ["a"]])
def test_title_must_be_text(title: object) -> None:
    (problem,) = _problems(_data(ifo=[_case("ifo-login", title)]))
    assert "title ska vara text" in problem
    assert "citattecken" in problem


def test_title_too_long() -> None:
    (problem,) = _problems(_data(ifo=[_case("ifo-login", "x" * (TITLE_MAX + 1))]))
    assert f"title är {TITLE_MAX + 1} tecken lång" in problem
    assert "lägg detaljerna i hint" in problem


def test_hint_must_be_text() -> None:
    (problem,) = _problems(_data(ifo=[_case(hint=["steg 1", "steg 2"])]))
    assert 'testfall 1 (id "ifo-login"): hint ska vara text, men är en lista' in problem


def test_hint_too_long() -> None:
    (problem,) = _problems(_data(ifo=[_case(hint="x" * (HINT_MAX + 1))]))
    assert f"hint är {HINT_MAX + 1} tecken lång" in problem


def test_all_problems_are_collected_at_once() -> None:
    problems = _problems(
        {
            "name": "",
            "areas": {
                "ifo": [_case("Ifo Login", ""), _case("ifo-2", "x" * 200)],
                "okänt": [_case("a", "b")],
                "kir": [],
            },
        }
    )
    assert len(problems) == 6
    joined = "\n".join(problems)
    for fragment in (
        "name ska vara",
        "får bara innehålla",
        "title saknas",
        "200 tecken",
        "okänt",
        "inga testfall",
    ):
        assert fragment in joined


# --- CSV ------------------------------------------------------------------------------------


def _row(area: str, case_id: str, title: str, hint: str | None = "") -> dict[str, Any]:
    return {"area": area, "id": case_id, "title": title, "hint": hint}


def test_csv_rows_make_a_template() -> None:
    template = parse_template_csv_rows(
        [
            _row("kir", "kir-rikskir", "Sök i RIKSKIR"),
            _row("ifo", "ifo-login", "Logga in", "Lokal klient först"),
            _row("ifo", "ifo-ssbtek", "SSBTEK"),
        ],
        name="Vår mall",
    )
    assert template == Template(
        name="Vår mall",
        version=1,
        areas={
            "ifo": (
                TestCase("ifo-login", "Logga in", "Lokal klient först"),
                TestCase("ifo-ssbtek", "SSBTEK"),
            ),
            "kir": (TestCase("kir-rikskir", "Sök i RIKSKIR"),),
        },
    )


def test_csv_hint_column_is_optional_and_headers_are_forgiving() -> None:
    template = parse_template_csv_rows([{" Area ": "ifo", "ID": "ifo-login", "Title": "Logga in"}])
    assert template.cases_for("ifo") == (TestCase("ifo-login", "Logga in"),)


def test_csv_round_trips_through_to_dict() -> None:
    template = parse_template_csv_rows(
        [_row("voo-avgifter", "fk", "Hämta från Försäkringskassan", "Pension")]
    )
    assert parse_template(template.to_dict()) == template


def test_csv_line_numbers_start_at_two() -> None:
    problems = _csv_problems(
        [
            _row("ifo", "ifo-login", "Logga in"),
            _row("ifo", "ifo-journal", ""),
            _row("ifo", "ifo login", "Spara"),
        ]
    )
    assert problems[0].startswith('Rad 3 (område "ifo", id "ifo-journal"): title saknas')
    assert problems[1].startswith('Rad 4 (område "ifo", id "ifo login"): id "ifo login" får bara innehålla')
    assert len(problems) == 2


def test_csv_blank_rows_are_skipped_but_still_counted() -> None:
    problems = _csv_problems(
        [_row("ifo", "a", "A"), _row("", "", "", ""), _row("ifo", "b", "B", None), _row("ifo", "", "C")]
    )
    assert problems == [
        'Rad 5 (område "ifo"): id saknas; ge testfallet ett unikt id av små bokstäver a–z, siffror och '
        "bindestreck, till exempel ifo-3."
    ]


def test_csv_explicit_line_numbers() -> None:
    problems = _csv_problems([_row("ifo", "a", "A"), _row("ifo", "b", "")], line_numbers=[2, 7])
    assert problems[0].startswith('Rad 7 (område "ifo", id "b"): title saknas')
    with pytest.raises(ValueError, match="one number per row"):
        parse_template_csv_rows([_row("ifo", "a", "A")], line_numbers=[])


def test_csv_missing_column() -> None:
    (problem,) = _csv_problems([{"area": "ifo", "id": "ifo-login", "titel": "Logga in"}])
    assert problem.startswith("CSV-filen saknar kolumnen title.")
    assert "area,id,title,hint" in problem


def test_csv_unknown_column() -> None:
    (problem,) = _csv_problems([{**_row("ifo", "a", "A"), "kommentar": "x"}])
    assert problem == (
        'CSV-filen har den okända kolumnen "kommentar"; tillåtna kolumner är area, id, title, hint.'
    )


def test_csv_row_with_too_many_values() -> None:
    # csv.DictReader puts values beyond the header under the key None.
    row: dict[Any, Any] = {**_row("ifo", "ifo-login", "Logga in"), None: [" öppna klientakten"]}
    (problem,) = _csv_problems([_row("ifo", "a", "A"), row])
    assert problem.startswith('Rad 3 (område "ifo", id "ifo-login"): raden har fler värden än rubrikraden')
    assert "citattecken" in problem


def test_csv_empty_and_unknown_area() -> None:
    problems = _csv_problems([_row("", "a", "A"), _row("IFO", "b", "B")])
    assert problems[0].startswith('Rad 2 (id "a"): kolumnen area är tom')
    assert problems[1].startswith('Rad 3 (område "IFO", id "b"): området "IFO" är okänt. Menar du ifo?')
    assert "lc-avvikelser" in problems[1]


def test_csv_duplicate_ids_name_both_lines() -> None:
    problems = _csv_problems([_row("ifo", "login", "A"), _row("kir", "k", "B"), _row("kir", "login", "C")])
    assert problems == [
        'Rad 4 (område "kir", id "login"): id "login" används redan av rad 2; varje id måste vara unikt '
        "i hela mallen, till exempel login-2."
    ]


@pytest.mark.parametrize("rows", [[], [_row("", "", "")]])
def test_csv_without_cases(rows: list[dict[str, Any]]) -> None:
    (problem,) = _csv_problems(rows)
    assert problem.startswith("CSV-filen har inga testfall.")
