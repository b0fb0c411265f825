"""The rules of the supplier's decision (``bot.domain.supplier_decisions``): what a round still
takes, when a decision changes nothing, the gate of the Citrix round, which go ends the testing,
and when a retest may say the faults are fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.day import Round, RoundState
from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client
from bot.domain.rounds import RoundKind
from bot.domain.supplier_decisions import (
    Refusal,
    citrix_go_missing,
    is_last_client,
    last_word,
    open_choices,
    refusal,
    supplier_fixed,
)

GO, FIXING, FIXED, ROLLBACK = DecisionKind.GO, DecisionKind.FIXING, DecisionKind.FIXED, DecisionKind.ROLLBACK
T0 = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)
LOCAL_ONLY = {Client.LOCAL: frozenset({"ifo"})}
BOTH = {Client.LOCAL: frozenset({"ifo"}), Client.CITRIX: frozenset({"lc-boende"})}
CITRIX_ONLY = {Client.CITRIX: frozenset({"lc-boende"})}


def said(
    kind: DecisionKind, seq: int | None, minute: int = 0, client: Client | None = Client.LOCAL
) -> Decision:
    return Decision(
        1, kind, seq, client, "", "lars@leverantor.example", "Lars", T0 + dt.timedelta(minutes=minute)
    )


def rnd(seq: int, client: Client = Client.LOCAL, kind: RoundKind = RoundKind.INITIAL) -> Round:
    return Round(seq, 1, seq, client, kind, RoundState.OPEN, T0 + dt.timedelta(minutes=seq), None)


# --- what a round still takes -------------------------------------------------------------------


def test_a_round_takes_go_fixing_or_rollback_then_fixed_while_fixing_then_nothing() -> None:
    assert open_choices([], 1) == (GO, FIXING, ROLLBACK)
    assert open_choices([said(FIXING, 1)], 1) == (FIXED, ROLLBACK)
    assert open_choices([said(FIXING, 1), said(FIXED, 1, 5)], 1) == ()
    assert open_choices([said(GO, 1)], 1) == ()
    assert open_choices([said(ROLLBACK, 1)], 1) == ()
    # Another round's decisions are not this round's.
    assert open_choices([said(GO, 1)], 2) == (GO, FIXING, ROLLBACK)


def test_the_last_word_on_a_round_is_the_one_recorded_last_also_in_the_same_second() -> None:
    assert open_choices([said(FIXING, 1), said(FIXED, 1)], 1) == ()


# --- when a decision changes nothing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "decisions", "seq", "latest", "summary_out", "expected"),
    [
        # Taken: the latest round, its summary out, the decision open.
        (GO, [], 1, 1, True, None),
        (FIXING, [], 1, 1, True, None),
        (FIXED, [said(FIXING, 1)], 1, 1, True, None),
        (ROLLBACK, [said(FIXING, 1)], 1, 1, True, None),
        # A roll-back needs neither a round nor a summary: the update may fail before any test.
        (ROLLBACK, [], None, None, False, None),
        (ROLLBACK, [], 1, 1, False, None),
        # Nothing to answer yet.
        (GO, [], None, None, False, Refusal.NO_ROUND),
        (FIXED, [], None, None, False, Refusal.NO_ROUND),
        (GO, [], 1, 1, False, Refusal.NO_SUMMARY),
        (FIXING, [], 1, 1, False, Refusal.NO_SUMMARY),
        # An old card: the round is no longer the latest.
        (GO, [], 1, 2, True, Refusal.NOT_LATEST),
        (ROLLBACK, [], 1, 2, True, Refusal.NOT_LATEST),
        # Said twice: a repeated click, a resent message.
        (GO, [said(GO, 1)], 1, 1, True, Refusal.ALREADY),
        (FIXING, [said(FIXING, 1)], 1, 1, True, Refusal.ALREADY),
        (FIXED, [said(FIXING, 1), said(FIXED, 1, 5)], 1, 1, True, Refusal.ALREADY),
        # Settled: another decision stands.
        (FIXING, [said(GO, 1)], 1, 1, True, Refusal.SETTLED),
        (GO, [said(FIXING, 1)], 1, 1, True, Refusal.SETTLED),
        # A roll-back is taken while the day is under way, also after a go.
        (ROLLBACK, [said(GO, 1)], 1, 1, True, None),
        (ROLLBACK, [said(FIXING, 1), said(FIXED, 1, 5)], 1, 1, True, None),
        # "rättat" answers only "vi rättar".
        (FIXED, [], 1, 1, True, Refusal.NOT_FIXING),
        (FIXED, [said(GO, 1)], 1, 1, True, Refusal.NOT_FIXING),
    ],
)
def test_refusal(
    kind: DecisionKind,
    decisions: list[Decision],
    seq: int | None,
    latest: int | None,
    summary_out: bool,
    expected: Refusal | None,
) -> None:
    assert refusal(kind, decisions, seq, latest, summary_out=summary_out) == expected


# --- what the go opens --------------------------------------------------------------------------


def test_the_go_on_citrix_or_on_the_only_client_ends_the_testing() -> None:
    assert is_last_client(Client.CITRIX, BOTH)
    assert not is_last_client(Client.LOCAL, BOTH)
    assert is_last_client(Client.LOCAL, LOCAL_ONLY)
    assert is_last_client(Client.CITRIX, CITRIX_ONLY)
    # A late retest of the local installation, after the Citrix round: nothing is left to test.
    assert not is_last_client(Client.LOCAL, BOTH, [rnd(1)])
    assert is_last_client(Client.LOCAL, BOTH, [rnd(1), rnd(2, Client.CITRIX), rnd(3, kind=RoundKind.RETEST)])


def test_citrix_waits_for_the_go_on_the_latest_local_round() -> None:
    local, retest = rnd(1), rnd(2, kind=RoundKind.RETEST)
    assert citrix_go_missing(BOTH, [], [])  # no local round yet
    assert citrix_go_missing(BOTH, [local], [])
    assert citrix_go_missing(BOTH, [local], [said(FIXING, 1)])
    assert not citrix_go_missing(BOTH, [local], [said(GO, 1)])
    # After a retest of the local installation, its go must be on the retest.
    assert citrix_go_missing(BOTH, [local, retest], [said(FIXING, 1), said(FIXED, 1, 5)])
    assert not citrix_go_missing(BOTH, [local, retest], [said(FIXING, 1), said(FIXED, 1, 5), said(GO, 2, 9)])
    # A go on the Citrix client is not a go on the local one.
    assert citrix_go_missing(BOTH, [local], [said(GO, 1, client=Client.CITRIX)])


def test_without_local_testers_citrix_needs_no_go() -> None:
    assert not citrix_go_missing(CITRIX_ONLY, [], [])


# --- the retest, the board ----------------------------------------------------------------------


def test_a_retest_is_fixed_by_the_supplier_only_after_rattat_on_the_round_before_it() -> None:
    retest = rnd(2, kind=RoundKind.RETEST)
    assert supplier_fixed([said(FIXING, 1), said(FIXED, 1, 5)], retest)
    assert not supplier_fixed([said(FIXING, 1)], retest)  # still fixing: the admin retested anyway
    assert not supplier_fixed([], retest)
    assert not supplier_fixed([said(FIXING, 3), said(FIXED, 3, 5)], retest)  # another round's
    assert not supplier_fixed([said(FIXING, 1), said(FIXED, 1, 5)], rnd(2))  # not a retest


def test_the_board_shows_the_latest_decision() -> None:
    assert last_word([]) is None
    latest = said(FIXING, 2, 20)
    assert last_word([said(GO, 1, 10), latest, said(FIXING, 1, 5)]) == latest
