"""Reading each round's standing (``bot.domain.standing``): the verdict of its client as of the
round, for the status board and the supplier summary. The reading is ``bot.services.day.verdict``'s
(the window's scope, its frozen template, every round's checklists and results)."""

from __future__ import annotations

from bot.domain.day import Round
from bot.domain.standing import Standing, standing_of, standings
from bot.domain.verdict import scope
from bot.domain.windows import Window
from bot.services.day.common import frozen_template
from bot.services.day.verdict import round_records
from bot.services.ports import UnitOfWork


async def read_standings(uow: UnitOfWork, window: Window) -> tuple[Standing, ...]:
    """Every round of the window, in order, with its client's verdict as of that round."""
    scopes = scope(await uow.participants.of_window(window.id))
    template = await frozen_template(uow, window)
    return standings(scopes, template, await round_records(uow, window))


async def read_standing(uow: UnitOfWork, window: Window, r: Round) -> Standing:
    """Round ``r`` with its client's verdict as of the round: what its summary shows."""
    scopes = scope(await uow.participants.of_window(window.id))
    template = await frozen_template(uow, window)
    return standing_of(r, scopes, template, await round_records(uow, window, up_to=r))
