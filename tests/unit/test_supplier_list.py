"""The supplier's list (bot.domain.supplier_list): for each area of each participant, whoever
actually tests it, in the routine's order of areas."""

from __future__ import annotations

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, PlanAnswer
from bot.domain.supplier_list import SupplierRow, supplier_rows


def _participant(
    name: str,
    areas: set[str],
    *,
    answer: PlanAnswer | None = None,
    substitute: tuple[str, str] | None = None,
    covered_by: tuple[str, str] | None = None,
) -> Participant:
    email = f"{name.lower()}@kommun.example.se"
    return Participant(
        1, 1, email, name, frozenset(areas), frozenset(),
        substitute[0] if substitute else None, substitute[1] if substitute else None,
        answer, CheckinState.WAITING,
        covered_by[1] if covered_by else None, covered_by[0] if covered_by else None,
    )  # fmt: skip


def test_each_area_has_its_tester_in_the_routines_order() -> None:
    rows = supplier_rows([_participant("Karin", {"kir", "ifo"}), _participant("Anders", {"voo-hsl"})], {})
    assert rows == [
        SupplierRow("ifo", "Karin", "karin@kommun.example.se", None),
        SupplierRow("voo-hsl", "Anders", "anders@kommun.example.se", None),
        SupplierRow("kir", "Karin", "karin@kommun.example.se", None),
    ]


def test_two_testers_of_one_area_are_sorted_by_name() -> None:
    rows = supplier_rows([_participant("Maria", {"ifo"}), _participant("Anders", {"ifo"})], {})
    assert [r.name for r in rows] == ["Anders", "Maria"]


def test_the_substitute_tests_for_who_cant_come() -> None:
    karin = _participant(
        "Karin", {"ifo"}, answer=PlanAnswer.CANT, substitute=("Johan", "johan@kommun.example.se")
    )
    assert supplier_rows([karin], {}) == [SupplierRow("ifo", "Johan", "johan@kommun.example.se", "Karin")]


def test_a_substitute_only_counts_when_the_tester_cant_come() -> None:
    karin = _participant(
        "Karin", {"ifo"}, answer=PlanAnswer.COMING, substitute=("Johan", "johan@kommun.example.se")
    )
    assert supplier_rows([karin], {}) == [SupplierRow("ifo", "Karin", "karin@kommun.example.se", None)]


def test_a_cover_beats_the_substitute_and_an_assignment_beats_both() -> None:
    karin = _participant(
        "Karin",
        {"ifo", "kir"},
        answer=PlanAnswer.CANT,
        substitute=("Johan", "johan@kommun.example.se"),
        covered_by=("Maria", "maria@kommun.example.se"),
    )
    rows = supplier_rows([karin], {"kir": ("anders@kommun.example.se", "Anders")})
    assert rows == [
        SupplierRow("ifo", "Maria", "maria@kommun.example.se", "Karin"),
        SupplierRow("kir", "Anders", "anders@kommun.example.se", None),
    ]


def test_covering_oneself_is_no_cover() -> None:
    karin = _participant("Karin", {"ifo"}, covered_by=("Karin", "karin@kommun.example.se"))
    assert supplier_rows([karin], {}) == [SupplierRow("ifo", "Karin", "karin@kommun.example.se", None)]
