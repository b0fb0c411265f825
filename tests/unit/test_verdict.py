"""The verdict (bot.domain.verdict): nothing untested is called passed. Every area in a client's
scope has one status, a client passes only when all its areas did, and a retest replaces only
the results it got."""

from __future__ import annotations

import datetime as dt

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, Prompt, PromptKind, PromptState, Result, Round, RoundState
from bot.domain.people import Client
from bot.domain.rounds import Outcome, RoundKind
from bot.domain.template import Template, TestCase
from bot.domain.verdict import (
    AreaStatus,
    RoundRecord,
    client_verdict,
    day_verdict,
    scope,
)

AT = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)
P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNTESTED
TEMPLATE = Template(
    "Testmall",
    1,
    {
        "ifo": (TestCase("ifo-1", "Öppna akt"), TestCase("ifo-2", "Skriv journal")),
        "kir": (TestCase("kir-1", "Sök klient"),),
        "voo-sol-lss": (TestCase("voo-1", "Planera insats"),),
    },
)
LOCAL_AREAS = frozenset({"ifo", "kir", "voo-sol-lss"})


def a_round(seq: int, client: Client = Client.LOCAL, kind: RoundKind = RoundKind.INITIAL) -> Round:
    return Round(seq, 1, seq, client, kind, RoundState.OPEN, AT, None)


def checklist(r: Round, to: str, *case_ids: str) -> Prompt:
    return Prompt(
        f"p{r.id}{to}",
        1,
        PromptKind.CHECKLIST,
        to,
        None,
        r.id,
        frozenset(),
        list(case_ids),
        PromptState.OPEN,
        None,
        None,
        "k",
    )


def result(
    r: Round, area: str, case_id: str, outcome: Outcome, who: str = "anna@k.se", comment: str = ""
) -> Result:
    return Result(r.id, area, case_id, who, outcome, comment, AT)


def participant(email: str, areas: set[str], clients: set[Client]) -> Participant:
    return Participant(
        1,
        1,
        email,
        email,
        frozenset(areas),
        frozenset(clients),
        None,
        None,
        None,
        CheckinState.PRESENT,
        email,
        email,
    )


def test_every_case_passed_is_the_only_way_to_pass() -> None:
    r = a_round(1)
    record = RoundRecord(
        r,
        [checklist(r, "anna@k.se", "ifo-1", "ifo-2"), checklist(r, "bo@k.se", "kir-1", "voo-1")],
        [
            result(r, "ifo", "ifo-1", P),
            result(r, "ifo", "ifo-2", P),
            result(r, "kir", "kir-1", P),
            result(r, "voo-sol-lss", "voo-1", P, "bo@k.se"),
        ],
    )
    verdict = client_verdict(Client.LOCAL, LOCAL_AREAS, TEMPLATE, [record])
    assert verdict.passed
    assert [a.status for a in verdict.areas] == [AreaStatus.PASSED] * 3


def test_an_area_nobody_was_asked_to_test_is_untested_and_the_round_does_not_pass() -> None:
    r = a_round(1)
    record = RoundRecord(
        r,
        [checklist(r, "anna@k.se", "ifo-1", "ifo-2")],
        [result(r, "ifo", "ifo-1", P), result(r, "ifo", "ifo-2", P)],
    )
    verdict = client_verdict(Client.LOCAL, LOCAL_AREAS, TEMPLATE, [record])
    assert not verdict.passed
    statuses = {a.area: a.status for a in verdict.areas}
    assert statuses == {
        "ifo": AreaStatus.PASSED,
        "kir": AreaStatus.UNTESTED,
        "voo-sol-lss": AreaStatus.UNTESTED,
    }
    # What is open comes first, in the routine's order of areas; the passed ones last.
    assert [a.area for a in verdict.ordered()] == ["voo-sol-lss", "kir", "ifo"]


def test_a_checklist_that_never_came_back_is_untested_and_a_partial_one_incomplete() -> None:
    r = a_round(1)
    record = RoundRecord(
        r,
        [checklist(r, "anna@k.se", "ifo-1", "ifo-2"), checklist(r, "bo@k.se", "kir-1")],
        [result(r, "ifo", "ifo-1", P)],
    )
    verdict = client_verdict(Client.LOCAL, {"ifo", "kir"}, TEMPLATE, [record])
    statuses = {a.area: a.status for a in verdict.areas}
    assert statuses == {"ifo": AreaStatus.INCOMPLETE, "kir": AreaStatus.UNTESTED}
    ifo = verdict.areas[0]
    assert [c.case_id for c in ifo.unanswered] == ["ifo-2"]
    assert ifo.unanswered[0].tester_email == "anna@k.se"


def test_ej_testat_makes_the_area_incomplete_and_a_failure_wins_over_everything() -> None:
    r = a_round(1)
    record = RoundRecord(
        r,
        [checklist(r, "anna@k.se", "ifo-1", "ifo-2"), checklist(r, "bo@k.se", "kir-1", "voo-1")],
        [
            result(r, "ifo", "ifo-1", P),
            result(r, "ifo", "ifo-2", U),
            result(r, "kir", "kir-1", F, "bo@k.se", "Sökningen hänger"),
        ],
    )
    verdict = client_verdict(Client.LOCAL, LOCAL_AREAS, TEMPLATE, [record])
    statuses = {a.area: a.status for a in verdict.areas}
    assert statuses == {
        "ifo": AreaStatus.INCOMPLETE,
        "kir": AreaStatus.FAILED,
        "voo-sol-lss": AreaStatus.UNTESTED,
    }
    assert [a.area for a in verdict.ordered()] == ["kir", "ifo", "voo-sol-lss"]
    assert verdict.failures[0].comment == "Sökningen hänger"
    assert verdict.counts() == {
        AreaStatus.FAILED: 1,
        AreaStatus.INCOMPLETE: 1,
        AreaStatus.UNTESTED: 1,
        AreaStatus.PASSED: 0,
    }


def test_a_retest_replaces_what_it_got_and_leaves_the_rest() -> None:
    first, retest = a_round(1), a_round(2, kind=RoundKind.RETEST)
    records = [
        RoundRecord(
            first,
            [checklist(first, "anna@k.se", "ifo-1", "ifo-2"), checklist(first, "bo@k.se", "kir-1")],
            [
                result(first, "ifo", "ifo-1", F),
                result(first, "ifo", "ifo-2", P),
                result(first, "kir", "kir-1", F),
            ],
        ),
        # Only ifo-1 came back from the retest; kir-1 is asked again but not answered yet.
        RoundRecord(
            retest,
            [checklist(retest, "anna@k.se", "ifo-1"), checklist(retest, "bo@k.se", "kir-1")],
            [result(retest, "ifo", "ifo-1", P)],
        ),
    ]
    verdict = client_verdict(Client.LOCAL, {"ifo", "kir"}, TEMPLATE, records)
    statuses = {a.area: a.status for a in verdict.areas}
    # ifo passed on retest; kir's failure stands until the retest answers it.
    assert statuses == {"ifo": AreaStatus.PASSED, "kir": AreaStatus.FAILED}
    assert verdict.rounds == (1, 2)
    assert verdict.areas[0].cases[0].round_seq == 2


def test_a_passing_retest_does_not_make_untested_areas_pass() -> None:
    first, retest = a_round(1), a_round(2, kind=RoundKind.RETEST)
    records = [
        RoundRecord(first, [checklist(first, "anna@k.se", "kir-1")], [result(first, "kir", "kir-1", F)]),
        RoundRecord(retest, [checklist(retest, "anna@k.se", "kir-1")], [result(retest, "kir", "kir-1", P)]),
    ]
    verdict = client_verdict(Client.LOCAL, {"kir", "ifo"}, TEMPLATE, records)
    assert not verdict.passed
    assert {a.area: a.status for a in verdict.areas} == {"ifo": AreaStatus.UNTESTED, "kir": AreaStatus.PASSED}


def test_the_day_needs_both_clients_and_each_round_counts_only_for_its_own_client() -> None:
    people = [
        participant("anna@k.se", {"ifo"}, {Client.LOCAL}),
        participant("cid@k.se", {"kir"}, {Client.LOCAL, Client.CITRIX}),
    ]
    scopes = scope(people)
    assert scopes == {Client.LOCAL: frozenset({"ifo", "kir"}), Client.CITRIX: frozenset({"kir"})}
    local = a_round(1)
    records = [
        RoundRecord(
            local,
            [checklist(local, "anna@k.se", "ifo-1", "ifo-2"), checklist(local, "cid@k.se", "kir-1")],
            [
                result(local, "ifo", "ifo-1", P),
                result(local, "ifo", "ifo-2", P),
                result(local, "kir", "kir-1", P),
            ],
        )
    ]
    day = day_verdict(scopes, TEMPLATE, records)
    local_verdict, citrix = day.client(Client.LOCAL), day.client(Client.CITRIX)
    assert local_verdict is not None
    assert local_verdict.passed
    assert citrix is not None
    assert not citrix.started
    assert [a.status for a in citrix.areas] == [AreaStatus.UNTESTED]
    assert not day.passed
    assert [(a.client, a.area) for a in day.open_areas()] == [(Client.CITRIX, "kir")]


def test_a_window_without_citrix_testers_is_decided_by_the_local_round_alone() -> None:
    scopes = scope([participant("anna@k.se", {"kir"}, {Client.LOCAL})])
    r = a_round(1)
    day = day_verdict(
        scopes,
        TEMPLATE,
        [RoundRecord(r, [checklist(r, "anna@k.se", "kir-1")], [result(r, "kir", "kir-1", P)])],
    )
    assert [c.client for c in day.clients] == [Client.LOCAL]
    assert day.passed


def test_no_scope_is_never_a_pass() -> None:
    assert not day_verdict({}, TEMPLATE, []).passed
    assert not client_verdict(Client.LOCAL, [], TEMPLATE, []).passed
