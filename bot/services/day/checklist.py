"""The checklists of a round (routine steps 10-11): sending one with its reminder timer, drawing
it with what was recorded so far, a submitted card's answers (parsed by ``bot.domain.checklist``),
and the reminders: first to the tester, then to the admins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.checklist import Answer, Checklist, NotOnCard, missing_comments, parse_answers, progress
from bot.domain.day import Prompt, PromptKind, Round
from bot.domain.rounds import Outcome, RoundKind
from bot.domain.template import Template
from bot.domain.windows import Window, WindowState
from bot.i18n import Lang, t
from bot.services.alerts import alert_admins, lang_of
from bot.services.context import Services, Who
from bot.services.day.common import (
    actor_of,
    digest,
    frozen_template,
    local_time,
    round_name,
    show,
)
from bot.services.day.decision_card import fixed_by_supplier
from bot.services.day.refresh import refresh_board
from bot.services.messages import message_activity
from bot.services.payloads import ChecklistReminder
from bot.services.ports import UnitOfWork
from bot.services.prompts import own_prompt
from bot.services.turns import Turn, TurnResult
from cards.day import ChecklistItem, checklist_card

CHECKLIST_REMINDER = "checklist_reminder"


def reminder_jobs(prompt_id: str) -> str:
    """The key prefix of a checklist's reminder timers (``…:1`` the tester, ``…:2`` the admins)."""
    return f"{CHECKLIST_REMINDER}:{prompt_id}:"


async def send_checklist(
    svc: Services, uow: UnitOfWork, window: Window, r: Round, checklist: Checklist, template: Template
) -> None:
    """Send one person their checklist of the round, and the timer that reminds them."""
    now = svc.clock.now()
    email = checklist.email
    key = f"checklist:{r.id}:{digest(email)}"
    prompt = await uow.prompts.create(
        window.id,
        PromptKind.CHECKLIST,
        email,
        key,
        now,
        round_id=r.id,
        areas=checklist.areas,
        case_ids=list(checklist.case_ids),
    )
    lang = await lang_of(svc, uow, email)
    card = await draw_checklist(uow, prompt, r, template, lang)
    await uow.outbox.put(
        key,
        message_activity(card=card),
        now,
        purpose="checklist",
        recipient_email=email,
        window_id=window.id,
    )
    delay = dt.timedelta(seconds=svc.settings.checklist_reminder_seconds)
    await uow.jobs.enqueue(
        f"{reminder_jobs(prompt.id)}1",
        CHECKLIST_REMINDER,
        now + delay,
        now,
        ChecklistReminder(prompt.id, stage=1).to_dict(),
        window.id,
    )


async def draw_checklist(
    uow: UnitOfWork,
    prompt: Prompt,
    r: Round,
    template: Template,
    lang: Lang,
    *,
    status_line: str | None = None,
) -> dict[str, Any]:
    """The checklist card with every answer recorded so far (closed once the round is)."""
    recorded = {res.case_id: res for res in await uow.rounds.results(r.id)}
    items = []
    for case_id in prompt.case_ids or []:
        area, case = template.case(case_id)
        res = recorded.get(case_id)
        items.append(
            ChecklistItem(
                area,
                case_id,
                case.title,
                case.hint,
                Outcome(res.outcome) if res else None,
                res.comment if res else "",
            )
        )
    return checklist_card(
        t("checklist.title", lang, round=round_name(r, lang)),
        prompt.id,
        items,
        lang,
        retest=r.kind == RoundKind.RETEST.value,
        fixed=await fixed_by_supplier(uow, r),
        status_line=status_line,
        closed=r.state != "open",
    )


async def verb_checklist_submit(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> TurnResult:
    lang = who.lang
    found = await _open_checklist(svc, uow, turn, who)
    if isinstance(found, TurnResult):
        return found
    prompt, r, window = found
    template = await frozen_template(uow, window)
    try:
        answers = parse_answers(turn.data, set(prompt.case_ids or []))
    except NotOnCard:
        return TurnResult(message=t("error.bad_choice", lang))
    missing = missing_comments(answers)
    if missing:
        titles = "; ".join(template.case(c)[1].title for c in missing)
        return TurnResult(message=t("checklist.comment_needed", lang, cases=titles))
    now = svc.clock.now()
    changed = await _record(uow, who, (prompt, r, window), template, answers, now)
    card = await _progress_card(svc, uow, prompt, r, template, lang, now)
    await show(svc, uow, turn, prompt, card)
    if changed:
        # The board and the round's summary follow, in the worker (see ``on_refresh``).
        await refresh_board(svc, uow, window.id)
    return TurnResult(card=card)


async def _open_checklist(
    svc: Services, uow: UnitOfWork, turn: Turn, who: Who
) -> tuple[Prompt, Round, Window] | TurnResult:
    """The clicked checklist, its round and window; or the reason it takes no answer."""
    prompt = await own_prompt(svc, uow, turn, who, (PromptKind.CHECKLIST,))
    if isinstance(prompt, TurnResult):
        return prompt
    if prompt.round_id is None:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    r = await uow.rounds.get(prompt.round_id)
    window = await uow.windows.get(prompt.window_id)
    if r is None or window is None or r.state != "open" or window.state is not WindowState.TESTING:
        return TurnResult(message=t("error.no_longer_open", who.lang))
    return prompt, r, window


async def _record(
    uow: UnitOfWork,
    who: Who,
    found: tuple[Prompt, Round, Window],
    template: Template,
    answers: dict[str, Answer],
    now: dt.datetime,
) -> int:
    """Store the answers; the number that changed anything (and an audit record if any did)."""
    prompt, r, window = found
    changed = 0
    for case_id, a in answers.items():
        area, _case = template.case(case_id)
        changed += await uow.rounds.record_result(
            r.id, window.id, area, case_id, prompt.recipient_email, a.outcome, a.comment, now
        )
    if changed:
        await uow.audit.record(
            now,
            actor_of(who),
            AuditKind.CHECKLIST_SUBMITTED,
            {
                "round": r.seq,
                "prompt": prompt.id,
                "answers": {c: [a.outcome.value, a.comment] for c, a in answers.items()},
            },
            window.id,
        )
    return changed


async def _progress_card(
    svc: Services,
    uow: UnitOfWork,
    prompt: Prompt,
    r: Round,
    template: Template,
    lang: Lang,
    now: dt.datetime,
) -> dict[str, Any]:
    """The card after a submit, saying how far the checklist got; a finished one is answered and
    its reminders stop."""
    recorded = {res.case_id for res in await uow.rounds.results(r.id)}
    done, total = progress(prompt.case_ids or [], recorded)
    if done == total:
        status = t("checklist.all_done", lang)
        await uow.prompts.answer(prompt.id, {"done": total}, now)
        await uow.jobs.cancel(now, prefix=reminder_jobs(prompt.id))
    else:
        status = t("checklist.recorded", lang, at=local_time(svc, now), done=done, total=total)
    return await draw_checklist(uow, prompt, r, template, lang, status_line=status)


async def on_checklist_reminder(svc: Services, uow: UnitOfWork, payload: ChecklistReminder) -> None:
    """A checklist still open: first remind the tester, then (stage 2) tell the admins."""
    prompt = await uow.prompts.get(payload.prompt)
    if prompt is None or prompt.state != "open" or prompt.round_id is None:
        return
    r = await uow.rounds.get(prompt.round_id)
    if r is None or r.state != "open":
        return
    now = svc.clock.now()
    if payload.stage == 1:
        lang = await lang_of(svc, uow, prompt.recipient_email)
        await uow.outbox.put(
            f"remind:{prompt.id}",
            message_activity(text=t("checklist.reminder", lang, round=round_name(r, lang))),
            now,
            purpose="reminder",
            recipient_email=prompt.recipient_email,
            window_id=prompt.window_id,
        )
        delay = dt.timedelta(seconds=svc.settings.checklist_reminder_seconds)
        await uow.jobs.enqueue(
            f"{reminder_jobs(prompt.id)}2",
            CHECKLIST_REMINDER,
            now + delay,
            now,
            ChecklistReminder(prompt.id, stage=2).to_dict(),
            prompt.window_id,
        )
        return
    person = await uow.people.get(prompt.recipient_email)
    name = person.name if person else prompt.recipient_email
    await alert_admins(
        svc,
        uow,
        f"missing:{prompt.id}",
        "checklist.missing_admin",
        prompt.window_id,
        round=round_name(r, "sv"),
        names=name,
    )
