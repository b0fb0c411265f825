"""Test rounds and their summary (bot.domain.rounds): verdict, ordering for the supplier, outcomes."""

from __future__ import annotations

import pytest

from bot.domain.rounds import AreaSummary, CaseResult, Outcome, RoundKind, RoundSummary, parse_outcome

P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNTESTED


def _area(area: str, *outcomes: Outcome | None, tester: str = "Anna") -> AreaSummary:
    return AreaSummary(
        area,
        tester,
        tuple(
            CaseResult(area, f"{area}-{i}", f"Testfall {i}", tester, o, "fel" if o is F else "")
            for i, o in enumerate(outcomes)
        ),
    )


def _summary(*areas: AreaSummary) -> RoundSummary:
    return RoundSummary(1, "local", RoundKind.INITIAL, areas)


@pytest.mark.parametrize(
    ("outcomes", "status"),
    [
        ((P, P), "pass"),
        ((P, U), "untested"),
        ((U,), "untested"),
        ((P, None), "pending"),
        ((U, None), "pending"),
        ((P, F), "fail"),
        ((F, None, U), "fail"),  # a failure wins over missing answers
    ],
)
def test_area_status(outcomes: tuple[Outcome | None, ...], status: str) -> None:
    assert _area("ifo", *outcomes).status == status


@pytest.mark.parametrize(
    ("areas", "verdict", "failures", "missing", "complete"),
    [
        ((_area("ifo", P, P), _area("kir", P)), "pass", 0, 0, True),
        ((_area("ifo", P, U), _area("kir", U)), "pass", 0, 0, True),  # skipped cases are not failures
        ((_area("ifo", P, None), _area("kir", P)), "incomplete", 0, 1, False),
        ((_area("ifo", P, None), _area("kir", F, F)), "fail", 2, 1, False),
        ((_area("ifo", F), _area("kir", P)), "fail", 1, 0, True),
    ],
)
def test_round_verdict(
    areas: tuple[AreaSummary, ...], verdict: str, failures: int, missing: int, complete: bool
) -> None:
    summary = _summary(*areas)
    assert summary.verdict == verdict
    assert len(summary.failures) == failures
    assert len(summary.missing) == missing
    assert summary.complete is complete


def test_empty_round_is_not_complete() -> None:
    summary = _summary()
    assert summary.complete is False
    assert summary.failures == summary.missing == ()
    assert summary.ordered_areas() == []


def test_failures_and_missing_are_listed_area_by_area() -> None:
    summary = _summary(_area("ifo", F, P, None), _area("kir", None, F))
    assert [r.case_id for r in summary.failures] == ["ifo-0", "kir-1"]
    assert [r.case_id for r in summary.missing] == ["ifo-2", "kir-0"]
    assert all(r.comment == "fel" for r in summary.failures)


def test_ordered_areas_failures_then_pending_then_untested_then_pass() -> None:
    # Given in an arbitrary order; each group comes out in the routine's order of areas.
    summary = _summary(
        _area("lc-boende", P),
        _area("kir", U, P),
        _area("voo-hsl", None),
        _area("lc-avvikelser", F),
        _area("ifo", P, P),
        _area("voo-avgifter", U),
        _area("lc-handlaggare", P, None),
        _area("voo-sol-lss", P, F),
    )
    assert [(a.area, a.status) for a in summary.ordered_areas()] == [
        ("voo-sol-lss", "fail"),
        ("lc-avvikelser", "fail"),
        ("voo-hsl", "pending"),
        ("lc-handlaggare", "pending"),
        ("voo-avgifter", "untested"),
        ("kir", "untested"),
        ("ifo", "pass"),
        ("lc-boende", "pass"),
    ]
    # The areas themselves are untouched.
    assert summary.areas[0].area == "lc-boende"


def test_ordered_areas_puts_unknown_areas_last_in_their_group() -> None:
    summary = _summary(_area("zz-old-area", F), _area("ifo", F), _area("aa-old-area", P), _area("kir", P))
    assert [a.area for a in summary.ordered_areas()] == ["ifo", "zz-old-area", "kir", "aa-old-area"]


@pytest.mark.parametrize(
    ("value", "outcome"),
    [("pass", P), ("fail", F), ("untested", U), (None, None), ("", None)],
)
def test_parse_outcome(value: object, outcome: Outcome | None) -> None:
    assert parse_outcome(value) is outcome


@pytest.mark.parametrize("value", ["PASS", "ok", "fail ", "passed", 1, 0, True, ["pass"], {"v": "pass"}])
def test_parse_outcome_refuses_what_the_card_cannot_send(value: object) -> None:
    with pytest.raises(ValueError, match="not an outcome"):
        parse_outcome(value)
