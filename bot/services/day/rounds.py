"""Test rounds (routine steps 9-12): the supplier says a client is ready and a round starts with a
checklist for everyone covering areas on that client; a retest sends the failed cases back to
whoever recorded them."""

from __future__ import annotations

from bot.domain.audit import AuditKind
from bot.domain.checklist import first_round_checklists, retest_checklists
from bot.domain.day import Result, Round
from bot.domain.people import Client
from bot.domain.rounds import Outcome, RoundKind
from bot.domain.windows import Window, WindowState
from bot.i18n import Lang, t
from bot.services.context import Services, Who, reply
from bot.services.day.checklist import send_checklist
from bot.services.day.common import actor_of, frozen_template, round_name
from bot.services.day.cover import coverage
from bot.services.day.decision_card import citrix_blocked
from bot.services.day.refresh import refresh_board
from bot.services.planning import today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult


async def start_round(
    svc: Services, uow: UnitOfWork, window: Window, client: Client, actor: str, lang: Lang
) -> str:
    """Start a round for one client; the reply text."""
    if window.state not in (WindowState.CHECKIN, WindowState.TESTING):
        return t("round.not_checked_in", lang)
    for r in await uow.rounds.of_window(window.id):
        if r.client == client.value and r.kind == RoundKind.INITIAL.value:
            return t("round.already", lang, name=round_name(r, lang))
    # The routine: Citrix follows the local round only once the supplier has given its go.
    blocked = await citrix_blocked(uow, window, lang) if client is Client.CITRIX else None
    if blocked is not None:
        return blocked
    now = svc.clock.now()
    template = await frozen_template(uow, window)
    covers = [c for c in await coverage(uow, window.id) if client in c.clients]
    if not covers:
        return t("round.nobody", lang, client=t(f"round.{client.value}", lang))
    await uow.windows.set_state(window.id, WindowState.TESTING, now)
    r = await uow.rounds.create(window.id, client, RoundKind.INITIAL, actor, now)
    checklists = first_round_checklists(covers, template)
    for checklist in checklists:
        await send_checklist(svc, uow, window, r, checklist, template)
    await uow.audit.record(
        now,
        actor,
        AuditKind.ROUND_STARTED,
        {"round": r.seq, "client": client.value, "checklists": len(checklists)},
        window.id,
    )
    await refresh_board(svc, uow, window.id)
    return t("round.started", lang, name=round_name(r, lang), count=len(checklists))


async def _round_command(svc: Services, uow: UnitOfWork, who: Who, client: Client) -> str:
    """Start a round on today's window. Only the supplier (in their channel) or an admin (in a
    personal chat) gets here: the router checks (``Permission.SUPPLIER``)."""
    window = await uow.windows.active(today(svc))
    if window is None or window.day != today(svc):
        return t("round.no_window", who.lang)
    return await start_round(svc, uow, window, client, actor_of(who), who.lang)


async def cmd_local_ready(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    await reply(svc, uow, turn, await _round_command(svc, uow, who, Client.LOCAL))


async def cmd_citrix_ready(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    await reply(svc, uow, turn, await _round_command(svc, uow, who, Client.CITRIX))


async def verb_round(svc: Services, uow: UnitOfWork, _turn: Turn, who: Who, client: Client) -> TurnResult:
    return TurnResult(message=await _round_command(svc, uow, who, client))


async def verb_round_local(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await verb_round(svc, uow, turn, who, Client.LOCAL)


async def verb_round_citrix(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    return await verb_round(svc, uow, turn, who, Client.CITRIX)


async def _latest_failures(uow: UnitOfWork, window: Window) -> tuple[Round, list[Result]] | None:
    """The latest round with failures, and its failed results (None if no round has any)."""
    for r in reversed(await uow.rounds.of_window(window.id)):
        failures = [res for res in await uow.rounds.results(r.id) if res.outcome == Outcome.FAIL.value]
        if failures:
            return r, failures
    return None


async def cmd_retest(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    reply_text, window_id = await retest(svc, uow, who)
    await reply(svc, uow, turn, reply_text, window_id=window_id)


async def retest(svc: Services, uow: UnitOfWork, who: Who) -> tuple[str, int | None]:
    """Send the failed cases of the latest round with failures back to whoever recorded them (the
    ``testa om`` command and the admin's button after the supplier's "rättat"). The reply text,
    and the window's id if the retest started."""
    lang = who.lang
    window = await uow.windows.active(today(svc))
    if window is None or window.state is not WindowState.TESTING:
        return t("summary.no_round", lang), None
    latest = await _latest_failures(uow, window)
    if latest is None:
        return t("round.no_failures", lang), None
    failed_round, failures = latest
    now = svc.clock.now()
    template = await frozen_template(uow, window)
    # The failed round's checklists take no more answers; the retest asks those cases again.
    await uow.rounds.close(failed_round.id, now)
    r = await uow.rounds.create(window.id, failed_round.client, RoundKind.RETEST, actor_of(who), now)
    checklists = retest_checklists(failures)
    for checklist in checklists:
        await send_checklist(svc, uow, window, r, checklist, template)
    await uow.audit.record(
        now,
        actor_of(who),
        AuditKind.ROUND_STARTED,
        {
            "round": r.seq,
            "client": r.client,
            "retest_of": failed_round.seq,
            "cases": [res.case_id for res in failures],
        },
        window.id,
    )
    await refresh_board(svc, uow, window.id)
    return t("round.started", lang, name=round_name(r, lang), count=len(checklists)), window.id
