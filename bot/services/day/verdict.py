"""Reading what the verdict is decided from: the window's participants (each client's scope), the
template it started with, and every round's checklists and results. The rules themselves are in
``bot.domain.verdict``; everything that shows a verdict
(the board, the summary, the all-clear) gets it from here."""

from __future__ import annotations

from bot.domain.day import PromptKind, Round
from bot.domain.standing import Standing, standing_of, standings
from bot.domain.verdict import DayVerdict, RoundRecord, day_verdict, scope
from bot.domain.windows import Window
from bot.services.day.common import frozen_template
from bot.services.ports import UnitOfWork


async def round_records(uow: UnitOfWork, window: Window, up_to: Round | None = None) -> list[RoundRecord]:
    """Each round of the window (up to and including ``up_to``) with what it asked and got."""
    checklists = await uow.prompts.find(window.id, kind=PromptKind.CHECKLIST)
    records = []
    for r in await uow.rounds.of_window(window.id):
        if up_to is not None and r.seq > up_to.seq:
            continue
        asked = [p for p in checklists if p.round_id == r.id]
        records.append(RoundRecord(r, asked, await uow.rounds.results(r.id)))
    return records


async def read_day_verdict(uow: UnitOfWork, window: Window) -> DayVerdict:
    """The day's verdict now: every client in scope, from the latest result of each case."""
    participants = await uow.participants.of_window(window.id)
    template = await frozen_template(uow, window)
    return day_verdict(scope(participants), template, await round_records(uow, window))


async def read_standings(uow: UnitOfWork, window: Window) -> tuple[Standing, ...]:
    """Every round of the window, in order, with its client's verdict as of that round (the board)."""
    scopes = scope(await uow.participants.of_window(window.id))
    template = await frozen_template(uow, window)
    return standings(scopes, template, await round_records(uow, window))


async def read_standing(uow: UnitOfWork, window: Window, r: Round) -> Standing:
    """Round ``r`` with its client's verdict as of the round: what its summary shows."""
    scopes = scope(await uow.participants.of_window(window.id))
    template = await frozen_template(uow, window)
    return standing_of(r, scopes, template, await round_records(uow, window, up_to=r))
