"""A round's summary (bot.domain.round_summary): every case the round's checklists asked, with its
result if any, by area in the routine's order, credited to whoever recorded it."""

from __future__ import annotations

import datetime as dt

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, Prompt, PromptKind, PromptState, Result, Round, RoundState
from bot.domain.people import Client, Person, Role
from bot.domain.round_summary import names_by_email, round_summary
from bot.domain.rounds import AreaSummary, CaseResult, Outcome, RoundKind, RoundSummary
from bot.domain.template import Template, TestCase

AT = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)
TEMPLATE = Template(
    "Testmall",
    1,
    {
        "ifo": (TestCase("ifo-1", "Öppna akt"), TestCase("ifo-2", "Skriv journal")),
        "kir": (TestCase("kir-1", "Sök klient"),),
    },
)
ROUND = Round(7, 1, 2, Client.CITRIX, RoundKind.RETEST, RoundState.OPEN, AT, None)


def checklist(to: str, *case_ids: str) -> Prompt:
    return Prompt(
        f"p-{to}",
        1,
        PromptKind.CHECKLIST,
        to,
        None,
        7,
        frozenset(),
        list(case_ids),
        PromptState.OPEN,
        None,
        None,
        "k",
    )


def result(case_id: str, area: str, tester: str, outcome: Outcome, comment: str = "") -> Result:
    return Result(7, area, case_id, tester, outcome, comment, AT)


def participant(email: str, sub_email: str | None, sub_name: str | None) -> Participant:
    return Participant(
        1, 1, email, "T", frozenset(), frozenset(), sub_name, sub_email, None, CheckinState.ASKED, None, None
    )


def test_names_come_from_the_roster_and_the_windows_substitutes() -> None:
    people = [Person("anna@x.se", "Anna", Role.TESTER), Person("per@x.se", "Per", Role.TESTER)]
    participants = [
        participant("anna@x.se", "per@x.se", "Per Substitut"),  # the roster's name wins
        participant("bo@x.se", "sara@x.se", "Sara"),
        participant("cia@x.se", "nameless@x.se", None),
        participant("dan@x.se", None, None),
    ]
    assert names_by_email(people, participants) == {
        "anna@x.se": "Anna",
        "per@x.se": "Per",
        "sara@x.se": "Sara",
        "nameless@x.se": "nameless@x.se",
    }


def test_the_summary_lists_every_asked_case_by_area_with_its_result() -> None:
    names = {"anna@x.se": "Anna", "per@x.se": "Per"}
    checklists = [checklist("per@x.se", "kir-1"), checklist("anna@x.se", "ifo-2", "ifo-1")]
    results = [
        result("ifo-2", "ifo", "anna@x.se", Outcome.FAIL, "kraschar"),
        result("kir-1", "kir", "per@x.se", Outcome.PASS),
        result("other", "ifo", "anna@x.se", Outcome.PASS),  # not asked in this round: not shown
    ]
    assert round_summary(ROUND, TEMPLATE, checklists, results, names) == RoundSummary(
        2,
        Client.CITRIX,
        RoundKind.RETEST,
        (
            AreaSummary(
                "ifo",
                "Anna",
                (
                    CaseResult("ifo", "ifo-2", "Skriv journal", "Anna", Outcome.FAIL, "kraschar"),
                    CaseResult("ifo", "ifo-1", "Öppna akt", "Anna", None, ""),
                ),
            ),
            AreaSummary("kir", "Per", (CaseResult("kir", "kir-1", "Sök klient", "Per", Outcome.PASS, ""),)),
        ),
    )


def test_a_case_is_credited_to_whoever_recorded_it_else_to_whoever_was_asked() -> None:
    checklists = [checklist("anna@x.se", "ifo-1", "ifo-2")]
    results = [result("ifo-1", "ifo", "eva@x.se", Outcome.PASS)]
    summary = round_summary(ROUND, TEMPLATE, checklists, results, {"eva@x.se": "Eva"})
    [ifo] = summary.areas
    # Eva (no e-mail known to the names) recorded one; the other is Anna's, shown by e-mail.
    assert [r.tester_name for r in ifo.results] == ["Eva", "anna@x.se"]
    assert ifo.tester_name == "anna@x.se"  # the area: the last tester named for it
    assert not summary.complete
    assert [r.case_id for r in summary.missing] == ["ifo-2"]


def test_a_round_with_no_checklists_has_an_empty_summary() -> None:
    assert round_summary(ROUND, TEMPLATE, [], [], {}).areas == ()
