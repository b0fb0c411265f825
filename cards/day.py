"""Cards of the day: check-in, the checklist, the status board, the summary and the all-clear."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adaptive_cards import card as ac
from adaptive_cards import types as act

from bot.domain.areas import area_name
from bot.domain.rounds import Outcome, RoundSummary
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
            execute(t("checkin.here", lang), "checkin.here", {"prompt": prompt_id}, positive=True),
            execute(cant, "checkin.cant", {"prompt": prompt_id}, destructive=True),
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
                "admin.handback",
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
                t("assign.button", lang), "admin.assign", {"window": window_id, "participant": participant_id}
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


def checklist_card(
    heading: str,
    prompt_id: str,
    items: Sequence[ChecklistItem],
    lang: Lang,
    *,
    retest: bool = False,
    status_line: str | None = None,
    closed: bool = False,
) -> dict[str, Any]:
    body: list[Any] = [title(heading)]
    if not closed:
        body.append(text(t("checklist.intro_retest" if retest else "checklist.intro", lang)))
    if status_line:
        body.append(text(status_line, color="good"))
    choices = [
        ac.InputChoice(title=t("checklist.pass", lang), value=Outcome.PASS.value),
        ac.InputChoice(title=t("checklist.fail", lang), value=Outcome.FAIL.value),
        ac.InputChoice(title=t("checklist.untested", lang), value=Outcome.UNTESTED.value),
    ]
    icons = {Outcome.PASS: "✅", Outcome.FAIL: "❌", Outcome.UNTESTED: "➖"}
    current_area = None
    for item in items:
        if item.area != current_area:
            current_area = item.area
            body.append(text(area_name(item.area), bold=True, separator=True, spacing="medium"))
        if closed:
            mark = icons[item.outcome] if item.outcome else "⏳"
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
        else [execute(t("checklist.submit", lang), "checklist.submit", {"prompt": prompt_id}, positive=True)]
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


def board_card(view: BoardView, lang: Lang, *, for_admin: bool, for_channel: bool) -> dict[str, Any]:
    body: list[Any] = [
        title(t("board.title", lang, date=view.date)),
        facts([(t("board.phase", lang), view.phase)]),
    ]
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
            execute(t("board.button_local", lang), "round.local", data),
            execute(t("board.button_citrix", lang), "round.citrix", data),
        ]
        if for_admin:
            actions += [
                execute(t("board.button_summary", lang), "round.summary", data),
                execute(t("board.button_all_clear", lang), "window.all_clear", data, positive=True),
            ]
    return build(body, actions, full_width=True)


# --- the summary ------------------------------------------------------------------------------


def summary_card(heading: str, summary: RoundSummary, case_number: str | None, lang: Lang) -> dict[str, Any]:
    if summary.verdict == "fail":
        verdict = t("summary.fail", lang, count=len(summary.failures))
    elif summary.verdict == "incomplete":
        verdict = t("summary.incomplete", lang, count=len(summary.missing))
    else:
        verdict = t("summary.pass", lang)
    body: list[Any] = [
        title(heading),
        text(
            verdict,
            size="large",
            bold=True,
            color={"fail": "attention", "incomplete": "warning"}.get(summary.verdict, "good"),
        ),
    ]
    if case_number:
        body.append(text(f"{t('window.case', lang)}: {case_number}", subtle=True))
    if summary.failures:
        lines = [text(t("summary.failures", lang), bold=True)]
        for f in summary.failures:
            comment = f": {f.comment}" if f.comment else ""
            lines.append(
                text(
                    f"❌ **{area_name(f.area)}** – {f.case_title}{comment} "
                    f"({t('summary.tested_by', lang, name=f.tester_name)})",
                    spacing="small",
                )
            )
        body.append(container(lines, style="attention"))
    if summary.missing:
        lines = [text(t("summary.missing", lang), bold=True)]
        for m in summary.missing:
            lines.append(
                text(f"⏳ **{area_name(m.area)}** – {m.case_title} ({m.tester_name})", spacing="small")
            )
        body.append(container(lines, style="warning"))
    rest = []
    for area in summary.ordered_areas():
        if area.status == "pass":
            rest.append(
                text(
                    "✅ "
                    + t("summary.area_pass", lang, area=area_name(area.area), count=len(area.results))
                    + f" – {t('summary.tested_by', lang, name=area.tester_name)}",
                    spacing="small",
                )
            )
        elif area.status == "untested":
            n = sum(1 for r in area.results if r.outcome is Outcome.UNTESTED)
            rest.append(
                text(
                    "➖ "
                    + t("summary.area_untested", lang, area=area_name(area.area), count=n)
                    + f" – {t('summary.tested_by', lang, name=area.tester_name)}",
                    spacing="small",
                )
            )
    if rest:
        body.append(container(rest, separator=True))
    return build(body, full_width=True)


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
