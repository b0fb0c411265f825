"""Cards of the day: check-in, the checklist, the status board and the all-clear (the round's
summary for the supplier is ``cards.summary``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adaptive_cards import card as ac
from adaptive_cards import types as act

from bot.domain.areas import area_name
from bot.domain.rounds import Outcome
from bot.domain.verbs import Verb
from bot.i18n import Lang, t
from cards.common import build, container, execute, facts, text, title

# --- check-in ---------------------------------------------------------------------------------


def checkin_card(
    date: str,
    prompt_id: str,
    areas: Sequence[str],
    deadline: str,
    lang: Lang,
    *,
    for_tester: str | None = None,
    has_substitute: bool = True,
) -> dict[str, Any]:
    intro = t("checkin.intro_sub", lang, name=for_tester) if for_tester else t("checkin.intro", lang)
    nxt = (
        t("checkin.next_substitute", lang)
        if (has_substitute and not for_tester)
        else t("checkin.next_admin", lang)
    )
    body = [
        title(t("checkin.title", lang, date=date)),
        text(intro),
        facts([(t("announce.your_areas", lang), ", ".join(area_name(a) for a in areas))]),
        text(t("checkin.deadline", lang, time=deadline, next=nxt), subtle=True),
    ]
    cant = t("checkin.cant_sub", lang) if for_tester or not has_substitute else t("checkin.cant", lang)
    return build(
        body,
        [
            execute(t("checkin.here", lang), Verb.CHECKIN_HERE, {"prompt": prompt_id}, positive=True),
            execute(cant, Verb.CHECKIN_CANT, {"prompt": prompt_id}, destructive=True),
        ],
    )


def closed_card(heading: str, line: str, *, good: bool = True) -> dict[str, Any]:
    return build([title(heading), text(line, color="good" if good else "attention")])


def handback_card(message: str, participant_id: int, tester_name: str, lang: Lang) -> dict[str, Any]:
    return build(
        [text(message)],
        [
            execute(
                t("checkin.handback", lang, name=tester_name),
                Verb.ADMIN_HANDBACK,
                {"participant": participant_id},
            )
        ],
    )


def assign_card(
    message: str, window_id: int, participant_id: int, choices: Sequence[tuple[str, str]], lang: Lang
) -> dict[str, Any]:
    """An uncovered area: the admin picks someone on the roster and gives them the areas."""
    picker = ac.InputChoiceSet(
        id="person",
        label=t("assign.pick", lang),
        choices=[ac.InputChoice(title=f"{name} ({email})", value=email) for name, email in choices],
        style=act.ChoiceInputStyle.FILTERED,
        is_required=True,
        error_message=t("assign.pick", lang),
    )
    return build(
        [text(message, color="attention"), picker],
        [
            execute(
                t("assign.button", lang),
                Verb.ADMIN_ASSIGN,
                {"window": window_id, "participant": participant_id},
            )
        ],
    )


# --- the checklist ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    area: str
    case_id: str
    title: str
    hint: str | None
    outcome: Outcome | None
    comment: str


_OUTCOME_ICONS = {Outcome.PASS: "✅", Outcome.FAIL: "❌", Outcome.UNTESTED: "➖"}


def _checklist_intro(retest: bool, fixed: bool) -> str:
    # A retest says the faults are fixed only when the supplier said so ("rättat").
    if not retest:
        return "checklist.intro"
    return "checklist.intro_fixed" if fixed else "checklist.intro_retest"


def checklist_card(
    heading: str,
    prompt_id: str,
    items: Sequence[ChecklistItem],
    lang: Lang,
    *,
    retest: bool = False,
    fixed: bool = False,
    status_line: str | None = None,
    closed: bool = False,
) -> dict[str, Any]:
    body: list[Any] = [title(heading)]
    if not closed:
        body.append(text(t(_checklist_intro(retest, fixed), lang)))
    if status_line:
        body.append(text(status_line, color="good"))
    choices = [
        ac.InputChoice(title=t("checklist.pass", lang), value=Outcome.PASS.value),
        ac.InputChoice(title=t("checklist.fail", lang), value=Outcome.FAIL.value),
        ac.InputChoice(title=t("checklist.untested", lang), value=Outcome.UNTESTED.value),
    ]
    current_area = None
    for item in items:
        if item.area != current_area:
            current_area = item.area
            body.append(text(area_name(item.area), bold=True, separator=True, spacing="medium"))
        if closed:
            mark = _OUTCOME_ICONS[item.outcome] if item.outcome else "⏳"
            comment = f" – _{item.comment}_" if item.comment else ""
            body.append(text(f"{mark} {item.title}{comment}", spacing="small"))
            continue
        parts: list[Any] = [text(item.title, spacing="small")]
        if item.hint:
            parts.append(text(item.hint, subtle=True, size="small", spacing="none"))
        parts.append(
            ac.InputChoiceSet(
                id=f"o_{item.case_id}",
                choices=choices,
                style=act.ChoiceInputStyle.EXPANDED,
                value=item.outcome.value if item.outcome else None,
            )
        )
        parts.append(
            ac.InputText(
                id=f"c_{item.case_id}",
                placeholder=t("checklist.comment", lang),
                value=item.comment or None,
                max_length=1000,
                is_multiline=False,
            )
        )
        body.append(container(parts))
    actions = (
        []
        if closed
        else [
            execute(t("checklist.submit", lang), Verb.CHECKLIST_SUBMIT, {"prompt": prompt_id}, positive=True)
        ]
    )
    return build(body, actions, full_width=True)


# --- the status board -------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    area: str
    covered_by: str
    substitute: bool
    checkin_state: str
    round_marks: tuple[str, ...]  # one status per round: pass/fail/pending/untested/""


@dataclass(frozen=True)
class BoardView:
    date: str
    phase: str
    updated: str
    rows: tuple[BoardRow, ...]
    round_names: tuple[str, ...]
    window_id: int
    open: bool
    supplier: str | None = None  # the supplier's latest decision, in words (None: none yet)
    verdict: str = ""  # the day's verdict in words (bot.domain.verdict), with its mark


def board_card(view: BoardView, lang: Lang, *, for_admin: bool, for_channel: bool) -> dict[str, Any]:
    body: list[Any] = [
        title(t("board.title", lang, date=view.date)),
        facts([(t("board.phase", lang), view.phase)]),
    ]
    if view.verdict:
        body.append(facts([(t("board.verdict", lang), view.verdict)]))
    if view.supplier:
        body.append(facts([(t("board.supplier", lang), view.supplier)]))
    if view.round_names:
        legend = " · ".join(f"R{i + 1} = {name}" for i, name in enumerate(view.round_names))
        body.append(text(legend, subtle=True, size="small"))
    for row in view.rows:
        marks = " ".join(f"R{i + 1} {t(f'rstate.{m}', lang)}" for i, m in enumerate(row.round_marks) if m)
        who = f"{row.covered_by} ({t('board.substitute', lang)})" if row.substitute else row.covered_by
        body.append(
            text(
                f"**{area_name(row.area)}** · {who} · {t(f'cstate.{row.checkin_state}', lang)}"
                + (f" · {marks}" if marks else ""),
                spacing="small",
                color="attention" if row.checkin_state == "uncovered" or "fail" in row.round_marks else None,
            )
        )
    body.append(text(t("board.updated", lang, time=view.updated), subtle=True, size="small", separator=True))
    actions: list[Any] = []
    if view.open and (for_admin or for_channel):
        data = {"window": view.window_id}
        actions = [
            execute(t("board.button_local", lang), Verb.ROUND_LOCAL, data),
            execute(t("board.button_citrix", lang), Verb.ROUND_CITRIX, data),
        ]
        if for_admin:
            actions += [
                execute(t("board.button_summary", lang), Verb.ROUND_SUMMARY, data),
                execute(t("board.button_all_clear", lang), Verb.WINDOW_ALL_CLEAR, data, positive=True),
            ]
    return build(body, actions, full_width=True)


def all_clear_card(date: str, lang: Lang) -> dict[str, Any]:
    return build(
        [
            title(t("allclear.title", lang)),
            text(t("allclear.text", lang, date=date), color="good"),
            container(
                [
                    text(t("allclear.advice_title", lang), bold=True),
                    text("1. " + t("allclear.advice_1", lang), spacing="small"),
                    text("2. " + t("allclear.advice_2", lang), spacing="small"),
                    text("3. " + t("allclear.advice_3", lang), spacing="small"),
                ],
                style="emphasis",
            ),
        ]
    )
