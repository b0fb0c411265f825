"""Cards of a day that does not end cleanly: the all-clear refused with what is open (and the
button that sends it anyway with a reason), the all-clear that names its known faults, and the
notice that the update failed and the day is aborted."""

from __future__ import annotations

from typing import Any

from adaptive_cards import card as ac

from bot.domain.areas import area_name
from bot.domain.day_end import MAX_REASON, AllClearGate
from bot.domain.verbs import Verb
from bot.i18n import Lang, t
from cards.common import build, container, execute, text, title


def open_lines(gate: AllClearGate, lang: Lang) -> list[str]:
    """One line per open area (``IFO … (lokal installation): otestat``), and the missing go."""
    lines = [
        t(
            "allclear.open_area",
            lang,
            area=area_name(a.area),
            client=t(f"client.{a.client.value}", lang),
            status=t(f"allclear.status.{a.status.value}", lang),
        )
        for a in gate.open
    ]
    if gate.go_missing:
        lines.append(t("allclear.no_go", lang))
    return lines


def known_faults(gate: AllClearGate, lang: Lang) -> str:
    """``Kända fel: …`` in one sentence, as the all-clear and its e-mail say it."""
    return t("allclear.known_faults", lang, faults="; ".join(open_lines(gate, lang)))


def all_clear_refused_card(gate: AllClearGate, window_id: int, lang: Lang) -> dict[str, Any]:
    """To the admin who asked for the all-clear: nothing was sent, this is why; a reason and the
    button send it anyway."""
    reason = ac.InputText(
        id="reason",
        label=t("allclear.reason_label", lang),
        is_required=True,
        error_message=t("allclear.reason_needed", lang),
        is_multiline=True,
        max_length=MAX_REASON,
    )
    return build(
        [
            title(t("allclear.refused_title", lang)),
            text(t("allclear.refused_intro", lang), color="attention"),
            container(
                [text(f"- {line}", spacing="small") for line in open_lines(gate, lang)], style="attention"
            ),
            text(t("allclear.refused_hint", lang), subtle=True),
            reason,
        ],
        [
            execute(
                t("allclear.override", lang),
                Verb.WINDOW_ALL_CLEAR_OVERRIDE,
                {"window": window_id},
                destructive=True,
            )
        ],
    )


def all_clear_known_faults_card(date: str, gate: AllClearGate, reason: str, lang: Lang) -> dict[str, Any]:
    """The all-clear sent anyway: the system may be used, and what is known to be wrong with it."""
    return build(
        [
            title(t("allclear.title", lang)),
            text(t("allclear.text", lang, date=date)),
            container(
                [
                    text(t("allclear.known_intro", lang), bold=True),
                    text(known_faults(gate, lang), spacing="small"),
                    text(t("allclear.reason", lang, reason=reason), spacing="small"),
                ],
                style="warning",
            ),
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


def aborted_card(date: str, expected: str | None, reason: str, lang: Lang) -> dict[str, Any]:
    """The update failed: the system stays closed or is restored; when it is expected back."""
    lines = [text(t("abort.text", lang, date=date), color="attention")]
    if expected:
        lines.append(text(t("abort.expected", lang, time=expected), bold=True))
    if reason:
        lines.append(text(t("abort.reason", lang, reason=reason)))
    return build([title(t("abort.title", lang)), *lines])
