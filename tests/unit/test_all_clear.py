"""Who hears the all-clear (bot.domain.all_clear): everyone the day involved."""

from __future__ import annotations

from bot.domain.all_clear import all_clear_recipients
from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, Prompt, PromptKind, PromptState

S = CheckinState


def participant(email: str, state: CheckinState, sub: str | None = None) -> Participant:
    return Participant(1, 1, email, "T", frozenset(), frozenset(), "Sub", sub, None, state, None, None)


def card_to(email: str, state: PromptState = PromptState.ANSWERED) -> Prompt:
    return Prompt("p", 1, PromptKind.CHECKLIST, email, None, None, frozenset(), None, state, None, None, "k")


def test_every_tester_hears_it_and_a_substitute_only_if_asked() -> None:
    participants = [
        participant("a@x.se", S.PRESENT, sub="sub-a@x.se"),  # never asked
        participant("b@x.se", S.SUB_ASKED, sub="sub-b@x.se"),
        participant("c@x.se", S.SUB_PRESENT, sub="sub-c@x.se"),
        participant("d@x.se", S.UNCOVERED, sub="sub-d@x.se"),  # asked, could not come
        participant("e@x.se", S.ASSIGNED, sub="sub-e@x.se"),
        participant("f@x.se", S.UNCOVERED),  # no substitute at all
    ]
    assert all_clear_recipients(participants, [], {}) == {
        "a@x.se",
        "b@x.se",
        "sub-b@x.se",
        "c@x.se",
        "sub-c@x.se",
        "d@x.se",
        "sub-d@x.se",
        "e@x.se",
        "f@x.se",
    }


def test_everyone_sent_a_card_and_everyone_given_areas_hears_it_too() -> None:
    recipients = all_clear_recipients(
        [participant("a@x.se", S.PRESENT)],
        [card_to("a@x.se"), card_to("per@x.se", PromptState.OPEN), card_to("sara@x.se", PromptState.EXPIRED)],
        {"ifo": ("eva@x.se", "Eva"), "kir": ("eva@x.se", "Eva")},
    )
    assert recipients == {"a@x.se", "per@x.se", "sara@x.se", "eva@x.se"}
