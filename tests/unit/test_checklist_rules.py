"""The checklists of a round (bot.domain.checklist): who gets which cases, and what a submitted
checklist card says."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.checklist import (
    Answer,
    Checklist,
    NotOnCard,
    first_round_checklists,
    missing_comments,
    parse_answers,
    progress,
    retest_checklists,
)
from bot.domain.cover import Cover
from bot.domain.day import Result
from bot.domain.people import Client
from bot.domain.rounds import Outcome
from bot.domain.template import Template, TestCase

TEMPLATE = Template(
    "Testmall",
    1,
    {
        "ifo": (TestCase("ifo-1", "Öppna akt"), TestCase("ifo-2", "Skriv journal")),
        "kir": (TestCase("kir-1", "Sök klient"),),
    },
)
AT = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)


def cover(email: str, *areas: str) -> Cover:
    return Cover(email, email, frozenset(areas), frozenset({Client.LOCAL}))


def test_each_cover_gets_the_cases_of_their_areas_in_the_routines_order() -> None:
    assert first_round_checklists([cover("a@x.se", "kir", "ifo")], TEMPLATE) == [
        Checklist("a@x.se", frozenset({"ifo", "kir"}), ("ifo-1", "ifo-2", "kir-1"))
    ]


def test_an_area_goes_to_the_first_cover_only_and_a_cover_with_no_cases_gets_nothing() -> None:
    covers = [cover("a@x.se", "ifo"), cover("b@x.se", "ifo", "kir"), cover("c@x.se", "voo-hsl")]
    assert first_round_checklists(covers, TEMPLATE) == [
        Checklist("a@x.se", frozenset({"ifo"}), ("ifo-1", "ifo-2")),
        Checklist("b@x.se", frozenset({"kir"}), ("kir-1",)),
    ]


def result(case_id: str, area: str, tester: str) -> Result:
    return Result(1, area, case_id, tester, Outcome.FAIL, "trasig", AT)


def test_a_retest_sends_each_failure_back_to_whoever_recorded_it() -> None:
    failures = [
        result("ifo-2", "ifo", "a@x.se"),
        result("kir-1", "kir", "b@x.se"),
        result("ifo-1", "ifo", "a@x.se"),
    ]
    assert retest_checklists(failures) == [
        Checklist("a@x.se", frozenset({"ifo"}), ("ifo-2", "ifo-1")),
        Checklist("b@x.se", frozenset({"kir"}), ("kir-1",)),
    ]


def test_answers_are_read_from_the_outcome_and_comment_inputs() -> None:
    data = {
        "o_ifo-1": "pass",
        "o_ifo-2": "fail",
        "c_ifo-2": "  kraschar  ",
        "o_kir-1": "",  # left empty: no answer
        "c_kir-1": "ignored without an outcome",
        "prompt": "p1",
    }
    assert parse_answers(data, {"ifo-1", "ifo-2", "kir-1"}) == {
        "ifo-1": Answer(Outcome.PASS, ""),
        "ifo-2": Answer(Outcome.FAIL, "kraschar"),
    }


def test_a_comment_is_cut_at_the_limit_and_a_non_text_comment_is_none() -> None:
    answers = parse_answers({"o_a": "untested", "c_a": "x" * 1500, "o_b": "pass", "c_b": 7}, {"a", "b"})
    assert answers == {"a": Answer(Outcome.UNTESTED, "x" * 1000), "b": Answer(Outcome.PASS, "")}


@pytest.mark.parametrize(
    "data",
    [
        {"o_ifo-1": "kanske"},  # not an outcome the card offers
        {"o_ifo-1": 1},
        {"o_kir-1": "pass"},  # a case that is not on this card
        {"o_kir-1": ""},  # ... even left empty
    ],
)
def test_what_the_card_did_not_offer_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(NotOnCard):
        parse_answers(data, {"ifo-1", "ifo-2"})


def test_a_failure_needs_a_comment() -> None:
    answers = {
        "a": Answer(Outcome.FAIL, ""),
        "b": Answer(Outcome.FAIL, "trasig"),
        "c": Answer(Outcome.PASS, ""),
        "d": Answer(Outcome.FAIL, ""),
    }
    assert missing_comments(answers) == ["a", "d"]


def test_progress_counts_the_checklists_cases_with_a_result() -> None:
    assert progress(["a", "b", "c"], {"b", "c", "other"}) == (2, 3)
    assert progress([], set()) == (0, 0)
