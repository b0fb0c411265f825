"""A round's summary for the supplier: read what the round asked and got and the verdict of its
client as of the round, let the domain put the summary together, and post it to the supplier
channel and the admins (updated in place). Whether the round is passed is the verdict's to say
(``bot.domain.verdict``): never "allt godkänt" while an area of the client is open."""

from __future__ import annotations

from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.day import PromptKind, Round
from bot.domain.round_summary import names_by_email, round_summary
from bot.domain.rounds import RoundSummary
from bot.domain.standing import CODE
from bot.domain.supplier_summary import SupplierSummary, supplier_summary
from bot.domain.verdict import AreaStatus
from bot.domain.windows import Window
from bot.i18n import Lang, t
from bot.services.context import Services, Who, reply
from bot.services.day.common import frozen_template, publish, round_name
from bot.services.day.decision_card import offer_decision
from bot.services.day.verdict import read_standing
from bot.services.planning import SUPPLIER, today
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn, TurnResult
from cards.summary import summary_card


async def summarise(uow: UnitOfWork, window: Window, r: Round) -> RoundSummary:
    template = await frozen_template(uow, window)
    results = await uow.rounds.results(r.id)
    names = names_by_email(await uow.people.all(), await uow.participants.of_window(window.id))
    checklists = await uow.prompts.find(window.id, kind=PromptKind.CHECKLIST, round_id=r.id)
    return round_summary(r, template, checklists, results, names)


async def post_summary(
    svc: Services, uow: UnitOfWork, window: Window, r: Round, summary: RoundSummary
) -> None:
    """Post (or update) round ``r``'s summary; ``summary`` is what the round itself asked and got."""
    first = await uow.outbox.get(f"summary:{r.id}:channel") is None
    names = names_by_email(await uow.people.all(), await uow.participants.of_window(window.id))
    view = supplier_summary(await read_standing(uow, window, r), summary, names)

    async def card_for(lang: Lang, _for_admin: bool) -> dict[str, Any]:
        return summary_card(
            t("summary.title", lang, round=round_name(r, lang)), view, window.case_number, lang
        )

    if not await publish(svc, uow, window, f"summary:{r.id}", "summary", card_for):
        return  # nothing changed since it was last posted
    await offer_decision(svc, uow, window, r)  # the supplier's decision card, under the summary
    await uow.audit.record(
        svc.clock.now(),
        "bot",
        AuditKind.SUMMARY_POSTED if first else AuditKind.SUMMARY_UPDATED,
        _audited(r, view),
        window.id,
    )


def _audited(r: Round, view: SupplierSummary) -> dict[str, object]:
    """The summary in the audit trail: the verdict as the card said it, and the areas per status."""
    return {
        "round": r.seq,
        "verdict": CODE[view.status],
        "passed": view.passed,
        "failures": len(view.failures),
        "missing": view.unanswered,
        "areas": {s.value: view.counts.get(s, 0) for s in AreaStatus},
    }


async def _latest_round(uow: UnitOfWork, window: Window) -> Round | None:
    rounds = await uow.rounds.of_window(window.id)
    return rounds[-1] if rounds else None


async def _summary_now(svc: Services, uow: UnitOfWork, who: Who) -> str:
    window = await uow.windows.active(today(svc))
    r = await _latest_round(uow, window) if window else None
    if window is None or r is None:
        return t("summary.no_round", who.lang)
    await post_summary(svc, uow, window, r, await summarise(uow, window, r))
    if await uow.channels.get(SUPPLIER) is None:
        return t("channel.missing", who.lang)
    return t("summary.posted", who.lang)


async def cmd_summary(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    await reply(svc, uow, turn, await _summary_now(svc, uow, who))


async def verb_summary(svc: Services, uow: UnitOfWork, _turn: Turn, who: Who) -> TurnResult:
    return TurnResult(message=await _summary_now(svc, uow, who))
