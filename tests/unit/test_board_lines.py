"""The status board's rows (bot.domain.board): who covers each area, how, and per round how the
area stands as the verdict says (an area nobody tested is otestat)."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.board import BoardLine, board_lines
from bot.domain.checkin import CheckinState
from bot.domain.day import Participant
from bot.domain.people import Client
from bot.domain.rounds import RoundKind
from tests.unit.verdict_days import F, U, a_round, ids, passing, record, standing_at

S = CheckinState


def participant(
    name: str, areas: set[str], state: CheckinState, covered_by: str | None = None, sub: str | None = "Sub"
) -> Participant:
    email = f"{name.lower()}@x.se"
    return Participant(
        id=1,
        window_id=1,
        email=email,
        name=name,
        areas=frozenset(areas),
        clients=frozenset(),
        substitute_name=sub,
        substitute_email=f"sub-{email}" if sub else None,
        plan_answer=None,
        checkin_state=state,
        covered_by_email=email if covered_by else None,
        covered_by_name=covered_by,
    )


def test_a_line_per_area_in_the_routines_order() -> None:
    eva = participant("Eva", {"kir", "ifo"}, S.PRESENT, covered_by="Eva")
    anna = participant("Anna", {"voo-hsl"}, S.ASKED)
    lines = board_lines([eva, anna], {}, [])
    assert lines == [
        BoardLine("ifo", "Eva", False, S.PRESENT, ()),
        BoardLine("voo-hsl", "Anna", False, S.ASKED, ()),  # nobody else yet: the tester's name
        BoardLine("kir", "Eva", False, S.PRESENT, ()),
    ]


def test_substitutes_nobody_and_the_admins_assignment() -> None:
    sub_asked = participant("Bo", {"ifo"}, S.SUB_ASKED)
    sub_present = participant("Cia", {"kir"}, S.SUB_PRESENT, sub=None)
    uncovered = participant("Dan", {"voo-hsl"}, S.UNCOVERED)
    assigned = participant("Eva", {"voo-avgifter"}, S.PRESENT, covered_by="Eva")
    lines = board_lines(
        [sub_asked, sub_present, uncovered, assigned], {"voo-avgifter": ("fia@x.se", "Fia")}, []
    )
    assert lines == [
        BoardLine("ifo", "Sub", True, S.SUB_ASKED, ()),
        BoardLine("voo-avgifter", "Fia", False, S.ASSIGNED, ()),  # the admin's decision wins
        BoardLine("voo-hsl", None, False, S.UNCOVERED, ()),  # None: the service says "nobody"
        BoardLine("kir", "", True, S.SUB_PRESENT, ()),
    ]


def test_each_mark_is_the_verdict_of_the_area_as_of_the_round() -> None:
    eva = participant("Eva", {"ifo", "kir", "voo-hsl"}, S.PRESENT, covered_by="Eva")
    r1, r2 = a_round(1), a_round(2, kind=RoundKind.RETEST)
    failing = ids("ifo")[0]
    # R1: IFO has a failure, KIR one case answered Ej testat, VoO HSL went to nobody.
    first = record(
        r1,
        {"eva@x.se": ids("ifo") + ids("kir")},
        passing(ids("ifo")[1:] + ids("kir")[1:]) | {failing: (F, "nere"), ids("kir")[0]: (U, "")},
    )
    # R2 retests IFO only: it passes; the other areas keep R1's mark and have none in R2.
    retest = record(r2, {"eva@x.se": [failing]}, passing([failing]))
    scope = frozenset({"ifo", "kir", "voo-hsl"})
    rounds = [standing_at(scope, [first]), standing_at(scope, [first, retest])]
    marks = {line.area: line.marks for line in board_lines([eva], {}, rounds)}
    assert marks == {
        "ifo": ("fail", "pass"),
        "voo-hsl": ("untested", ""),  # nobody tested it: otestat, not an empty cell
        "kir": ("incomplete", ""),
    }


def test_a_participant_has_marks_only_for_the_rounds_of_their_own_client() -> None:
    local = replace(
        participant("Eva", {"kir"}, S.PRESENT, covered_by="Eva"), clients=frozenset({Client.LOCAL})
    )
    citrix = replace(
        participant("Fia", {"kir"}, S.UNCOVERED), email="fia@x.se", clients=frozenset({Client.CITRIX})
    )
    r1, r2 = a_round(1), a_round(2, Client.CITRIX)
    first = record(r1, {"eva@x.se": ids("kir")}, passing(ids("kir")))
    citrix_round = record(r2, {})  # Fia was uncovered: the Citrix round asked nobody about KIR
    scope = frozenset({"kir"})
    rounds = [standing_at(scope, [first]), standing_at(scope, [first, citrix_round])]
    assert [line.marks for line in board_lines([local, citrix], {}, rounds)] == [
        ("pass", ""),
        ("", "untested"),
    ]


def test_an_area_two_participants_share_keeps_their_order() -> None:
    a = participant("Anna", {"kir"}, S.PRESENT, covered_by="Anna")
    b = participant("Bo", {"ifo", "kir"}, S.PRESENT, covered_by="Bo")
    lines = board_lines([a, b], {}, [])
    assert [(line.area, line.covered_by) for line in lines] == [("ifo", "Bo"), ("kir", "Anna"), ("kir", "Bo")]
