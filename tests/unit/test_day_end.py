"""How a day may end (bot.domain.day_end): the all-clear's gate, and the admin's words for aborting
the day and moving its end."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.day import Round, RoundState
from bot.domain.day_end import AbortArgs, TimeProblem, abort_args, all_clear_gate, clock_time, end_fits
from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client
from bot.domain.rounds import RoundKind
from bot.domain.verdict import AreaStatus, AreaVerdict, ClientVerdict, DayVerdict

AT = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)


def a_round(seq: int, client: Client) -> Round:
    return Round(seq, 1, seq, client, RoundKind.INITIAL, RoundState.CLOSED, AT, None)


def decision(kind: DecisionKind, seq: int, client: Client, minutes: int) -> Decision:
    return Decision(1, kind, seq, client, "", "sven@lev.se", "Sven", AT + dt.timedelta(minutes=minutes))


def verdict(*statuses: tuple[Client, str, AreaStatus]) -> DayVerdict:
    clients = []
    for client in Client:
        areas = tuple(AreaVerdict(area, c, s, ()) for c, area, s in statuses if c is client)
        if areas:
            clients.append(ClientVerdict(client, areas, (1,)))
    return DayVerdict(tuple(clients))


PASSED = verdict((Client.LOCAL, "ifo", AreaStatus.PASSED), (Client.CITRIX, "kir", AreaStatus.PASSED))
ROUNDS = [a_round(1, Client.LOCAL), a_round(2, Client.CITRIX)]


def test_everything_passed_and_the_go_for_the_last_client_is_clear() -> None:
    gate = all_clear_gate(PASSED, [decision(DecisionKind.GO, 2, Client.CITRIX, 5)], ROUNDS)
    assert gate.clear
    assert (gate.open, gate.go_missing) == ((), False)


def test_a_go_for_an_earlier_round_or_another_client_is_not_the_go() -> None:
    go_local = decision(DecisionKind.GO, 1, Client.LOCAL, 5)  # the go to start Citrix
    assert all_clear_gate(PASSED, [go_local], ROUNDS).go_missing
    # A go withdrawn by "vi rättar" is no go.
    withdrawn = [
        decision(DecisionKind.GO, 2, Client.CITRIX, 5),
        decision(DecisionKind.FIXING, 2, Client.CITRIX, 6),
    ]
    assert not all_clear_gate(PASSED, withdrawn, ROUNDS).clear
    # The rounds in any order: the last is the one with the highest number.
    assert all_clear_gate(PASSED, [decision(DecisionKind.GO, 2, Client.CITRIX, 5)], ROUNDS[::-1]).clear


def test_without_rounds_there_is_no_go_and_no_verdict() -> None:
    untested = verdict((Client.LOCAL, "ifo", AreaStatus.UNTESTED))
    gate = all_clear_gate(untested, [], [])
    assert (gate.clear, gate.passed, gate.go_missing) == (False, False, True)
    assert [a.area for a in gate.open] == ["ifo"]
    # A day with nobody in scope has no verdict either: nothing open, and still not clear.
    assert not all_clear_gate(
        DayVerdict(()), [decision(DecisionKind.GO, 1, Client.LOCAL, 1)], ROUNDS[:1]
    ).clear


def test_with_the_go_an_open_area_still_stops_it_and_is_listed_for_the_record() -> None:
    day = verdict(
        (Client.LOCAL, "ifo", AreaStatus.PASSED),
        (Client.LOCAL, "kir", AreaStatus.UNTESTED),
        (Client.CITRIX, "kir", AreaStatus.FAILED),
    )
    gate = all_clear_gate(day, [decision(DecisionKind.GO, 2, Client.CITRIX, 5)], ROUNDS)
    assert not gate.clear
    assert gate.audit_detail("Leverantören rättar i kväll") == {
        "override": "Leverantören rättar i kväll",
        "open": [
            {"client": "local", "area": "kir", "status": "untested"},
            {"client": "citrix", "area": "kir", "status": "failed"},
        ],
        "go_missing": False,
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", AbortArgs(None, "")),
        ("15:00", AbortArgs(dt.time(15, 0), "")),
        ("15.30 Uppdateringen misslyckades", AbortArgs(dt.time(15, 30), "Uppdateringen misslyckades")),
        ("9:05   databasen  svarar inte ", AbortArgs(dt.time(9, 5), "databasen  svarar inte")),
        ("Uppdateringen misslyckades", AbortArgs(None, "Uppdateringen misslyckades")),
        ("25:00 sent", TimeProblem.INVALID),
        ("12:61", TimeProblem.INVALID),
    ],
)
def test_abort_args(args: str, expected: AbortArgs | TimeProblem) -> None:
    assert abort_args(args) == expected


def test_clock_time() -> None:
    assert clock_time("18:00") == dt.time(18, 0)
    assert clock_time(" 7.45 ") == dt.time(7, 45)
    assert clock_time("") is TimeProblem.MISSING
    assert clock_time("24:00") is TimeProblem.INVALID
    assert clock_time("sex") is TimeProblem.NOT_A_TIME
    assert clock_time("18") is TimeProblem.NOT_A_TIME


def test_a_new_end_is_after_the_start_and_after_the_clock() -> None:
    start, now = dt.time(8, 30), dt.time(15, 10)
    assert end_fits(dt.time(18, 0), start, now)
    assert not end_fits(dt.time(15, 10), start, now)  # the clock
    assert not end_fits(dt.time(15, 0), start, now)
    assert not end_fits(dt.time(8, 30), start, dt.time(7, 0))  # the start
