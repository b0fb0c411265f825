"""Keeping the status board and the round summaries current, in the worker.

Every step of the day that changes what the board shows asks for a refresh; computing the board
reads every participant, so doing it on each click would make a burst of N answers cost N². One
coalescing job per window instead: however many changes, one refresh at a time.
"""

from __future__ import annotations

from bot.services.context import Services
from bot.services.day.board import update_board
from bot.services.day.summary import post_summary, summarise
from bot.services.payloads import WindowTimer
from bot.services.ports import UnitOfWork

REFRESH = "refresh"


async def refresh_board(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """Ask the worker to bring the board and the summaries up to date."""
    now = svc.clock.now()
    await uow.jobs.enqueue(
        f"{REFRESH}:{window_id}", REFRESH, now, now, WindowTimer(window_id).to_dict(), window_id, rerun=True
    )


async def on_refresh(svc: Services, uow: UnitOfWork, window_id: int) -> None:
    """The board in place; each round's summary once every checklist the round sent has an answer,
    and kept current afterwards. Completeness is the round's own checklists', not the verdict's:
    an area nobody was asked to test never answers, and the summary goes out naming it otestat."""
    window = await uow.windows.get(window_id)
    if window is None:
        return
    await update_board(svc, uow, window)
    for r in await uow.rounds.of_window(window.id):
        posted = await uow.outbox.exists(prefix=f"summary:{r.id}:")
        summary = await summarise(uow, window, r)
        if summary.complete or posted:
            await post_summary(svc, uow, window, r, summary)
