"""Test rounds (bot.domain.rounds): what a round asked and got, and the outcomes a card may send.
Whether anything passed is the verdict's (tests/unit/test_verdict.py)."""

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
    ("areas", "failures", "missing", "complete"),
    [
        ((_area("ifo", P, P), _area("kir", P)), 0, 0, True),
        ((_area("ifo", P, U), _area("kir", U)), 0, 0, True),  # answered, if not tested: see test_verdict
        ((_area("ifo", P, None), _area("kir", P)), 0, 1, False),
        ((_area("ifo", P, None), _area("kir", F, F)), 2, 1, False),
        ((_area("ifo", F), _area("kir", P)), 1, 0, True),
    ],
)
def test_what_a_round_got_and_whether_every_answer_came_back(
    areas: tuple[AreaSummary, ...], failures: int, missing: int, complete: bool
) -> None:
    summary = _summary(*areas)
    assert len(summary.failures) == failures
    assert len(summary.missing) == missing
    assert summary.complete is complete


def test_empty_round_is_not_complete() -> None:
    summary = _summary()
    assert summary.complete is False
    assert summary.failures == summary.missing == ()


def test_failures_and_missing_are_listed_area_by_area() -> None:
    summary = _summary(_area("ifo", F, P, None), _area("kir", None, F))
    assert [r.case_id for r in summary.failures] == ["ifo-0", "kir-1"]
    assert [r.case_id for r in summary.missing] == ["ifo-2", "kir-0"]
    assert all(r.comment == "fel" for r in summary.failures)


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
