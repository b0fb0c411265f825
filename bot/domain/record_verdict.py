"""The verdict in a window's record: its rows turned into the day's model (participants, rounds,
checklists, results) and handed to ``bot.domain.verdict`` (through ``bot.domain.standing``), the
same functions the board and the supplier summary use. Nothing here judges a result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, PlanAnswer, Prompt, PromptKind, PromptState, Result, Round, RoundState
from bot.domain.people import Client, decode_areas, decode_clients
from bot.domain.record_rows import ParticipantRow, PromptRow, ResultRow, RoundRow
from bot.domain.rounds import Outcome, RoundKind
from bot.domain.standing import Standing, standings
from bot.domain.template_model import Template
from bot.domain.verdict import DayVerdict, RoundRecord, day_verdict, scope


@dataclass(frozen=True)
class RecordVerdict:
    """Each round's standing (its client's verdict as of the round), by round number, and the day's."""

    rounds: dict[int, Standing]
    day: DayVerdict


def record_verdict(
    window_id: int,
    participants: Sequence[ParticipantRow],
    template: Template,
    prompts: Sequence[PromptRow],
    rounds: Sequence[RoundRow],
    results: Sequence[ResultRow],
) -> RecordVerdict:
    scopes = scope(_participant(p, window_id) for p in participants)
    records = [_record(r, window_id, prompts, results) for r in sorted(rounds, key=lambda r: r.seq)]
    return RecordVerdict(
        {s.seq: s for s in standings(scopes, template, records)},
        day_verdict(scopes, template, records),
    )


def _participant(p: ParticipantRow, window_id: int) -> Participant:
    return Participant(
        id=p.id,
        window_id=window_id,
        email=p.email,
        name=p.name,
        areas=decode_areas(p.areas),
        clients=decode_clients(p.clients),
        substitute_name=p.substitute_name,
        substitute_email=p.substitute_email,
        plan_answer=PlanAnswer(p.plan_answer) if p.plan_answer in set(PlanAnswer) else None,
        checkin_state=CheckinState(p.checkin_state)
        if p.checkin_state in set(CheckinState)
        else CheckinState.WAITING,
        covered_by_email=p.covered_by_email,
        covered_by_name=p.covered_by_name,
    )


def _record(
    r: RoundRow, window_id: int, prompts: Sequence[PromptRow], results: Sequence[ResultRow]
) -> RoundRecord:
    the_round = Round(
        id=r.id,
        window_id=window_id,
        seq=r.seq,
        client=Client(r.client),
        kind=RoundKind(r.kind),
        state=RoundState.CLOSED if r.closed_at is not None else RoundState.OPEN,
        started_at=r.started_at,
        closed_at=r.closed_at,
    )
    asked = [_prompt(p, window_id) for p in prompts if p.kind == PromptKind.CHECKLIST and p.round_id == r.id]
    got = [
        Result(
            res.round_id,
            res.area,
            res.case_id,
            res.tester_email,
            Outcome(res.outcome),
            res.comment,
            res.recorded_at,
        )
        for res in results
        if res.round_id == r.id
    ]
    return RoundRecord(the_round, asked, got)


def _prompt(p: PromptRow, window_id: int) -> Prompt:
    # The verdict reads who was asked which cases; a checklist's state and answer are not needed.
    return Prompt(
        id=p.id,
        window_id=window_id,
        kind=PromptKind.CHECKLIST,
        recipient_email=p.recipient_email,
        participant_id=p.participant_id,
        round_id=p.round_id,
        areas=frozenset(),
        case_ids=list(p.case_ids or []),
        state=PromptState.ANSWERED,
        answer=None,
        answered_at=None,
        message_key=p.message_key,
    )
