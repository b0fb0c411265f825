"""Fake repositories of test rounds and their results (``uow.rounds``) and of the supplier's
decisions (``uow.decisions``), with the SQL store's semantics (``bot/store/rounds.py``,
``bot/store/decisions.py``)."""

from __future__ import annotations

import datetime as dt

from bot.domain.day import Result, Round, RoundState
from bot.domain.decisions import Decision, DecisionKind
from bot.domain.people import Client
from bot.domain.rounds import Outcome, RoundKind
from bot.services.ports.day import DecisionRepository, RoundRepository
from tests.fakes.uow_db import FakeRepository, Row


def to_round(row: Row) -> Round:
    return Round(
        row.id,
        row.window_id,
        row.seq,
        Client(row.client),
        RoundKind(row.kind),
        RoundState(row.state),
        row.started_at,
        row.closed_at,
    )


class FakeRounds(FakeRepository, RoundRepository):
    async def create(
        self, window_id: int, client: Client, kind: RoundKind, started_by: str, now: dt.datetime
    ) -> Round:
        seqs = [r.seq for r in self.db.select("rounds", lambda r: r.window_id == window_id)]
        row = self.db.insert(
            "rounds",
            window_id=window_id,
            seq=max(seqs, default=0) + 1,
            client=Client(client).value,
            kind=RoundKind(kind).value,
            state=RoundState.OPEN.value,
            started_by=started_by,
            started_at=now,
        )
        return to_round(row)

    async def of_window(self, window_id: int) -> list[Round]:
        rows = self.db.select("rounds", lambda r: r.window_id == window_id, order=lambda r: r.seq)
        return [to_round(r) for r in rows]

    async def get(self, round_id: int) -> Round | None:
        row = self.db.get("rounds", round_id)
        return None if row is None else to_round(row)

    async def close(self, round_id: int, now: dt.datetime) -> None:
        row = self.db.get("rounds", round_id)
        if row is not None and row.state == RoundState.OPEN:
            self.db.update("rounds", round_id, state=RoundState.CLOSED.value, closed_at=now)

    async def record_result(
        self,
        round_id: int,
        window_id: int,
        area: str,
        case_id: str,
        tester_email: str,
        outcome: Outcome,
        comment: str,
        now: dt.datetime,
    ) -> bool:
        value = Outcome(outcome).value
        row = self.db.first("results", lambda r: r.round_id == round_id and r.case_id == case_id)
        if row is None:
            self.db.insert(
                "results",
                round_id=round_id,
                window_id=window_id,
                area=area,
                case_id=case_id,
                tester_email=tester_email,
                outcome=value,
                comment=comment,
                recorded_at=now,
            )
            return True
        if (row.outcome, row.comment, row.tester_email) == (value, comment, tester_email):
            return False
        self.db.update(
            "results", row.id, outcome=value, comment=comment, tester_email=tester_email, recorded_at=now
        )
        return True

    async def results(self, round_id: int) -> list[Result]:
        rows = self.db.select("results", lambda r: r.round_id == round_id, order=lambda r: r.id)
        return [
            Result(
                r.round_id, r.area, r.case_id, r.tester_email, Outcome(r.outcome), r.comment, r.recorded_at
            )
            for r in rows
        ]


def to_decision(row: Row) -> Decision:
    return Decision(
        row.window_id,
        DecisionKind(row.kind),
        row.round_seq,
        Client(row.client) if row.client else None,
        row.comment,
        row.actor,
        row.actor_name,
        row.at,
    )


class FakeDecisions(FakeRepository, DecisionRepository):
    async def record(
        self,
        window_id: int,
        kind: DecisionKind,
        round_seq: int | None,
        client: Client | None,
        comment: str,
        actor: str,
        actor_name: str,
        now: dt.datetime,
    ) -> Decision:
        row = self.db.insert(
            "decisions",
            window_id=window_id,
            kind=DecisionKind(kind).value,
            round_seq=round_seq,
            client=Client(client).value if client else None,
            comment=comment,
            actor=actor,
            actor_name=actor_name,
            at=now,
        )
        return to_decision(row)

    async def of_window(self, window_id: int) -> list[Decision]:
        rows = self.db.select("decisions", lambda r: r.window_id == window_id, order=lambda r: r.id)
        return [to_decision(r) for r in rows]
