"""The commands ``rapport`` (a window's report as a card in Teams) and ``historik`` (the history
across windows)."""

from __future__ import annotations

from bot.i18n import t
from bot.services.context import Services, Who, reply
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.report.build import build_history, build_report, reportable_window
from bot.services.turns import Turn
from cards.report import history_card, report_card


async def cmd_report(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    arg = args.strip()
    if arg and not arg.isdigit():
        await reply(svc, uow, turn, t("report.usage", who.lang))
        return
    window_id = int(arg) if arg else await reportable_window(uow, today(svc))
    if window_id is None:
        await reply(svc, uow, turn, t("report.no_window", who.lang))
        return
    report = await build_report(uow, window_id, svc.clock.now())
    if report is None:
        await reply(svc, uow, turn, t("report.unknown", who.lang, id=window_id))
        return
    await reply(svc, uow, turn, card=report_card(report, who.lang), window_id=window_id)


async def cmd_history(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    hist = await build_history(uow, svc.clock.now())
    await reply(svc, uow, turn, card=history_card(hist, who.lang))
