"""Who hears the all-clear at the end of the day: everyone the day involved."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.checkin import CheckinState
from bot.domain.cover import Assignments
from bot.domain.day import Participant, Prompt

# A substitute in one of these states was asked to stand in (whether they came or not).
_SUBSTITUTE_ASKED = (CheckinState.SUB_ASKED, CheckinState.SUB_PRESENT, CheckinState.UNCOVERED)


def all_clear_recipients(
    participants: Iterable[Participant], prompts: Iterable[Prompt], assigned: Assignments
) -> set[str]:
    """The e-mails of every test resource, every substitute who was asked, everyone the bot sent
    a card that day, and everyone the admin gave areas to."""
    recipients: set[str] = set()
    for p in participants:
        recipients.add(p.email)
        if p.substitute_email and p.checkin_state in _SUBSTITUTE_ASKED:
            recipients.add(p.substitute_email)
    recipients.update(prompt.recipient_email for prompt in prompts)
    recipients.update(email for email, _name in assigned.values())
    return recipients
