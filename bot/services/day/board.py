"""The live status board: its view in someone's language (rows from the domain, words from the
catalogue; each area's mark per round and the headline are the verdict's), the copies kept in the
supplier channel and the admins' chats, and the status command."""

from __future__ import annotations

from typing import Any

from bot.domain.board import board_lines
from bot.domain.standing import day_counts, day_status
from bot.domain.verdict import DayVerdict
from bot.domain.windows import Window, date_text
from bot.i18n import Lang, t
from bot.services.context import Services, Who, reply
from bot.services.day.common import local_time, publish, round_name
from bot.services.day.decision_card import supplier_line
from bot.services.day.verdict import read_day_verdict, read_standings
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn
from cards.day import BoardRow, BoardView, board_card
from cards.summary import STATUS_MARK, status_counts


async def board_view(svc: Services, uow: UnitOfWork, window: Window, lang: Lang) -> BoardView:
    assigned = await uow.assignments.of_window(window.id)
    rounds = await uow.rounds.of_window(window.id)
    standings = await read_standings(uow, window)
    participants = await uow.participants.of_window(window.id)
    nobody = t("board.nobody", lang)
    rows = tuple(
        BoardRow(
            line.area,
            nobody if line.covered_by is None else line.covered_by,
            line.substitute,
            line.state.value,
            line.marks,
        )
        for line in board_lines(participants, assigned, standings)
    )
    return BoardView(
        date=date_text(window.day, lang),
        phase=t(f"state.{window.state.value}", lang)
        + (f" – {round_name(rounds[-1], lang)}" if rounds else ""),
        updated=local_time(svc, svc.clock.now()),
        rows=rows,
        round_names=tuple(round_name(r, lang) for r in rounds),
        window_id=window.id,
        open=window.state.open,
        supplier=await supplier_line(svc, uow, window, lang),
        verdict=_verdict(await read_day_verdict(uow, window), lang),
    )


def _verdict(day: DayVerdict, lang: Lang) -> str:
    """The board's headline: everything passed, or not, with the areas per status."""
    if day.passed:
        return t("board.verdict_pass", lang)
    counts = status_counts(day_counts(day), lang)
    return t("board.verdict_open", lang, mark=STATUS_MARK[day_status(day)], counts=counts)


async def update_board(svc: Services, uow: UnitOfWork, window: Window) -> None:
    """The board in the supplier channel and in each admin's chat, updated in place."""

    async def card_for(lang: Lang, for_admin: bool) -> dict[str, Any]:
        view = await board_view(svc, uow, window, lang)
        return board_card(view, lang, for_admin=for_admin, for_channel=not for_admin)

    await publish(svc, uow, window, f"board:{window.id}", "board", card_for)


async def cmd_status(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    window = await uow.windows.active(today(svc))
    if window is None:
        await reply(svc, uow, turn, t("window.no_next", who.lang))
        return
    in_channel = not turn.personal
    view = await board_view(svc, uow, window, who.lang)
    await reply(
        svc,
        uow,
        turn,
        card=board_card(view, who.lang, for_admin=who.is_admin and not in_channel, for_channel=in_channel),
        window_id=window.id,
    )
