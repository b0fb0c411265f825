"""Cards of planning: the window card, the list of windows, the announcement and its answer,
the supplier's tester list, and the reminder to publish the user notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adaptive_cards import card as ac
from adaptive_cards import types as act

from bot.domain.areas import area_name, sort_areas
from bot.domain.verbs import Verb
from bot.domain.windows import Window, date_text, hhmm
from bot.i18n import Lang, t
from cards.common import build, container, execute, facts, text, title


def window_facts(window: Window, lang: Lang) -> list[tuple[str, str]]:
    return [
        (t("window.number", lang), str(window.id)),
        (t("window.date", lang), date_text(window.day, lang)),
        (t("window.time", lang), f"{hhmm(window.start)}–{hhmm(window.end)}"),
        (t("window.case", lang), window.case_number or t("window.no_case", lang)),
        (t("window.state", lang), t(f"state.{window.state.value}", lang)),
    ]


@dataclass(frozen=True)
class Schedule:
    notice_on: dt.date
    reminder_on: dt.date


def window_card(
    window: Window, testers: int, schedule: Schedule, lang: Lang, *, created: bool = False
) -> dict[str, Any]:
    body: list[Any] = [title(t("window.title", lang, date=date_text(window.day, lang)))]
    if created:
        body.append(text(t("window.created", lang), color="good"))
    body.append(facts([*window_facts(window, lang), (t("window.testers", lang), str(testers))]))
    if window.state.open:
        steps = [
            t("window.step_announce", lang),
            t("window.step_notice", lang, date=date_text(schedule.notice_on, lang)),
            t("window.step_reminder", lang, date=date_text(schedule.reminder_on, lang)),
            t("window.step_checkin", lang, date=date_text(window.day, lang), time=hhmm(window.start)),
        ]
        body.append(
            container(
                [
                    text(t("window.next_steps", lang), bold=True),
                    *[text(f"- {s}", spacing="small") for s in steps],
                ],
                separator=True,
            )
        )
    actions = []
    if window.state.open:
        actions = [
            execute(
                t("window.button_announce", lang), Verb.WINDOW_ANNOUNCE, {"window": window.id}, positive=True
            ),
            execute(t("window.button_list", lang), Verb.WINDOW_SUPPLIER_LIST, {"window": window.id}),
        ]
    return build(body, actions)


def confirm_card(message: str, args: str, lang: Lang) -> dict[str, Any]:
    return build(
        [text(message, color="warning")],
        [execute(t("window.button_confirm", lang), Verb.WINDOW_CONFIRM, {"args": args})],
    )


def windows_list_card(windows: Sequence[tuple[Window, int]], lang: Lang) -> dict[str, Any]:
    rows: list[Any] = [title(t("window.list_title", lang))]
    for window, testers in windows:
        case = f" · {window.case_number}" if window.case_number else ""
        rows.append(
            text(
                f"**{window.id}** · {date_text(window.day, lang)} "
                f"{hhmm(window.start)}–{hhmm(window.end)}{case} · "
                f"{t(f'state.{window.state.value}', lang)} · {testers} {t('window.testers', lang).lower()}",
                spacing="small",
            )
        )
    return build(rows)


def announce_card(
    window: Window,
    areas: Sequence[str],
    clients: Sequence[str],
    prompt_id: str,
    substitute: tuple[str, str] | None,
    lang: Lang,
) -> dict[str, Any]:
    sub_name, sub_email = substitute or ("", "")
    cant_card = (
        ac.AdaptiveCard.new()
        .version("1.5")
        .add_items(
            [
                text(t("announce.cant_intro", lang)),
                ac.InputText(
                    id="sub_name", label=t("announce.sub_name", lang), value=sub_name or None, max_length=200
                ),
                ac.InputText(
                    id="sub_email",
                    label=t("announce.sub_email", lang),
                    value=sub_email or None,
                    style=act.TextInputStyle.EMAIL,
                    max_length=254,
                ),
            ]
        )
        .add_actions([execute(t("announce.send", lang), Verb.PLAN_CANT, {"prompt": prompt_id})])
        .create()
    )
    body = [
        title(t("window.title", lang, date=date_text(window.day, lang))),
        text(t("announce.intro", lang)),
        facts(
            [
                (t("window.date", lang), date_text(window.day, lang)),
                (t("window.time", lang), f"{hhmm(window.start)}–{hhmm(window.end)}"),
                (t("announce.your_areas", lang), ", ".join(area_name(a) for a in sort_areas(list(areas)))),
                (t("announce.client", lang), ", ".join(t(f"client.{c}", lang) for c in clients)),
            ]
        ),
    ]
    actions = [
        execute(t("announce.coming", lang), Verb.PLAN_COMING, {"prompt": prompt_id}, positive=True),
        ac.ActionShowCard(title=t("announce.cant", lang), card=cant_card),
    ]
    return build(body, actions)


def answered_card(
    window: Window, status_line: str, lang: Lang, change_prompt: str | None = None
) -> dict[str, Any]:
    body = [
        title(t("window.title", lang, date=date_text(window.day, lang))),
        facts(window_facts(window, lang)[1:3]),
        text(status_line, color="good"),
    ]
    actions = (
        [execute(t("announce.change", lang), Verb.PLAN_CHANGE, {"prompt": change_prompt})]
        if change_prompt
        else []
    )
    return build(body, actions)


def notice_state_card(window: Window, line: str, lang: Lang) -> dict[str, Any]:
    return build(
        [title(t("window.title", lang, date=date_text(window.day, lang))), text(line, color="attention")]
    )


@dataclass(frozen=True)
class ListRow:
    area: str
    name: str | None
    email: str | None
    substitute_for: str | None


def supplier_list_card(window: Window, rows: Sequence[ListRow], lang: Lang) -> dict[str, Any]:
    case = f" ({t('window.case', lang).lower()} {window.case_number})" if window.case_number else ""
    body: list[Any] = [
        title(t("list.title", lang, date=date_text(window.day, lang))),
        text(t("list.intro", lang, case=case), subtle=True),
    ]
    for row in rows:
        if row.name is None:
            who = f"_{t('list.nobody', lang)}_"
        else:
            who = f"{row.name}, {row.email}"
            if row.substitute_for:
                who += f" ({t('list.substitute_for', lang, name=row.substitute_for)})"
        body.append(text(f"**{area_name(row.area)}**: {who}", spacing="small"))
    return build(body)


def notice_card(window: Window, notice: str, footer: str, lang: Lang) -> dict[str, Any]:
    return build(
        [
            title(t("notice.title", lang)),
            text(t("notice.intro", lang, date=date_text(window.day, lang))),
            container([text(notice)], style="emphasis"),
            text(footer, subtle=True),
        ]
    )
