"""Integration tests: template files on disk (the shipped default, YAML and CSV) through the loader."""

from __future__ import annotations

import json
import pathlib
import re

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]

from bot.domain.areas import AREAS
from bot.domain.template import TemplateError, TestCase, parse_template
from bot.services.templates import DEFAULT_TEMPLATE_PATH, load_default_template, load_template_file


def _load_error(path: pathlib.Path) -> list[str]:
    with pytest.raises(TemplateError) as info:
        load_template_file(path)
    assert info.value.problems
    return info.value.problems


# --- the shipped default template -----------------------------------------------------------


def test_default_template_is_in_the_repository() -> None:
    assert DEFAULT_TEMPLATE_PATH.is_file()
    assert DEFAULT_TEMPLATE_PATH.relative_to(pathlib.Path(__file__).resolve().parents[2]) == pathlib.Path(
        "templates/default.yaml"
    )


def test_default_template_covers_every_area_with_four_to_seven_cases() -> None:
    template = load_default_template()
    assert template.name == "Standardmall Procapita omsorg"
    assert template.version == 1
    assert list(template.areas) == list(AREAS)
    for area in AREAS:
        assert 4 <= len(template.cases_for(area)) <= 7, area


def test_default_template_ids_are_unique_and_well_formed() -> None:
    template = load_default_template()
    ids = [case.id for _, case in template.iter_cases()]
    assert len(ids) == len(set(ids))
    for area, case in template.iter_cases():
        assert re.fullmatch(r"[a-z0-9-]{1,40}", case.id)
        assert case.id.startswith(f"{area}-"), "ids in the default template start with their area key"


def test_default_template_follows_the_routine() -> None:
    template = load_default_template()

    def text(area: str) -> str:
        return " ".join(f"{c.title} {c.hint or ''}" for c in template.cases_for(area))

    for area in AREAS:
        cases = template.cases_for(area)
        assert "Logga in" in cases[0].title, f"{area}: first case is logging in"
        assert "starta om" in cases[-1].title.lower(), f"{area}: last case restarts the program"
        assert "kontrollera att" in text(area)
    # The integrations the routine names for each area.
    for word in ("Journal Digital", "SSBTEK", "nämnd", "bank"):
        assert word in text("ifo"), word
    assert "Försäkringskassan" in text("voo-avgifter")
    assert "RIKSKIR" in text("kir")
    assert "Skatteverket" in text("kir")
    # "spara, uppdatera och kontrollera att det finns kvar" in every area where testers save something
    # (KIR is a register read from Skatteverket: testers only search in it).
    saves = [a for a in AREAS if "finns kvar" in text(a)]
    assert saves == [a for a in AREAS if a != "kir"]


def test_default_template_freezes_to_json_and_back() -> None:
    template = load_default_template()
    frozen = json.dumps(template.to_dict(), ensure_ascii=False)
    assert parse_template(json.loads(frozen)) == template


def test_to_dict_written_as_yaml_loads_back(tmp_path: pathlib.Path) -> None:
    template = load_default_template()
    path = tmp_path / "kopia.yml"
    path.write_text(yaml.safe_dump(template.to_dict(), allow_unicode=True, sort_keys=False), "utf-8")
    assert load_template_file(path) == template


# --- YAML files -----------------------------------------------------------------------------


def test_yaml_syntax_error_names_the_line(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.yaml"
    path.write_text(
        "version: 1\nareas:\n  ifo:\n    - id: ifo-login\n      title: Logga in\n     hint: fel indrag\n",
        "utf-8",
    )
    (problem,) = _load_error(path)
    assert problem.startswith("YAML-filen har ett syntaxfel på rad 6")
    assert "indraget" in problem


def test_yaml_tab_indentation_is_explained(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.yaml"
    path.write_text("areas:\n\tifo:\n\t\t- id: a\n", "utf-8")
    (problem,) = _load_error(path)
    assert "rad 2" in problem
    assert "inte tabb" in problem


def test_yaml_area_written_twice_is_an_error(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.yaml"
    path.write_text(
        "areas:\n  ifo:\n    - id: a\n      title: A\n  ifo:\n    - id: b\n      title: B\n", "utf-8"
    )
    (problem,) = _load_error(path)
    assert problem.startswith("YAML-filen har nyckeln ifo två gånger (rad 2 och rad 5)")


def test_yaml_validation_problems_come_through(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.yml"
    path.write_text("areas:\n  ifo:\n    - id: Ifo Login\n      title: Logga in\n  kir:\n", "utf-8")
    problems = _load_error(path)
    assert len(problems) == 2
    assert 'id "Ifo Login"' in problems[0]
    assert "skriv till exempel ifo-login" in problems[0]
    assert problems[1].startswith('Området "kir" har inga testfall')


def test_empty_yaml_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "tom.yaml"
    path.write_text("# bara en kommentar\n", "utf-8")
    (problem,) = _load_error(path)
    assert problem.startswith("Mallen är tom")


# --- CSV files ------------------------------------------------------------------------------


def test_csv_file_loads(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "var-mall.csv"
    path.write_text(
        "area,id,title,hint\n"
        'ifo,ifo-login,Logga in,"Lokal klient, sedan Citrix"\n'
        "voo-avgifter,voo-avgifter-fk,Hämta från Försäkringskassan,\n",
        "utf-8-sig",  # as Excel writes "CSV UTF-8": with a byte-order mark
    )
    template = load_template_file(path)
    assert template.name == "var-mall"
    assert template.case("ifo-login") == (
        "ifo",
        TestCase("ifo-login", "Logga in", "Lokal klient, sedan Citrix"),
    )
    assert template.cases_for("voo-avgifter") == (
        TestCase("voo-avgifter-fk", "Hämta från Försäkringskassan"),
    )


def test_semicolon_csv_from_swedish_excel(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.csv"
    path.write_text("area;id;title;hint\r\nkir;kir-rikskir;Sök i RIKSKIR, Skatteverket;\r\n", "utf-8-sig")
    template = load_template_file(path)
    assert template.cases_for("kir") == (TestCase("kir-rikskir", "Sök i RIKSKIR, Skatteverket"),)


def test_bad_csv_file_gives_line_numbers(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.csv"
    path.write_text(
        "area,id,title,hint\n"
        "ifo,ifo-login,Logga in,\n"
        "\n"  # a blank line still counts
        'ifo,ifo-journal,"Spara en anteckning,\nuppdatera",\n'  # one row on two lines
        "ifo,ifo-login,Igen,\n"
        "IFO,ifo-x,,\n",
        "utf-8",
    )
    problems = _load_error(path)
    assert problems[0].startswith(
        'Rad 6 (område "ifo", id "ifo-login"): id "ifo-login" används redan av rad 2'
    )
    assert problems[1].startswith('Rad 7 (område "IFO", id "ifo-x"): området "IFO" är okänt. Menar du ifo?')
    assert problems[2].startswith('Rad 7 (område "IFO", id "ifo-x"): title saknas')
    assert len(problems) == 3


def test_csv_with_wrong_header(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.csv"
    path.write_text("område,id,titel\nifo,ifo-login,Logga in\n", "utf-8")
    (problem,) = _load_error(path)
    assert problem.startswith("CSV-filen saknar kolumnerna area, title.")


def test_csv_not_saved_as_utf8(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.csv"
    path.write_bytes("area,id,title\nkir,kir-sok,Sök på personnummer\n".encode("cp1252"))
    (problem,) = _load_error(path)
    assert "inte sparad som UTF-8" in problem
    assert "CSV UTF-8" in problem


def test_unknown_file_type(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mall.xlsx"
    path.write_bytes(b"PK\x03\x04")
    (problem,) = _load_error(path)
    assert "mall.xlsx har ett okänt format" in problem


def test_missing_file_is_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_template_file(tmp_path / "finns-inte.yaml")
