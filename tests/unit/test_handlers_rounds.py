"""Test rounds through the real router and timers, on the in-memory unit of work: the admin says
the local installation is ready, checklists go out per tester and area, answers are recorded,
the silent are reminded, and a failure is tested again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.i18n import t
from tests.fakes.clock import local
from tests.fakes.uow_db import Row
from tests.fakes.uow_harness import FakeBot, card_of, card_text, case_inputs, find_action
from tests.fakes.uow_scenario import (
    ANDERS,
    EVA,
    FATIMA,
    KARIN,
    MARIA,
    REMINDER,
    TESTERS,
    Day,
    checkin_started,
)

ROUND_AT = local(2026, 12, 9, 9, 0)
ROUND_1 = "Omgång 1: lokal installation"
JOURNAL_FAILS = {"o_ifo-login": "pass", "o_ifo-journal": "fail", "c_ifo-journal": "Journalen öppnas inte"}


async def _local_round() -> Day:
    """Everyone checked in; at 09:00 Karin says the local installation is ready."""
    day = await checkin_started()
    users = {ANDERS: day.anders, MARIA: day.maria, EVA: day.eva, FATIMA: day.fatima}
    for email in TESTERS:
        await day.bot.click(users[email], card_of(day.bot.message(day.checkin_key(email))), "checkin.here")
    day.bot.clock.set(ROUND_AT)
    await day.bot.say(day.karin, "lokal klar")
    return day


def _checklist(bot: FakeBot, email: str) -> tuple[Row, dict[str, Any]]:
    """The last checklist sent to ``email``: its outbox message and its card."""
    sent = bot.messages(to=email, purpose="checklist")
    assert sent, f"no checklist to {email}"
    return sent[-1], card_of(sent[-1])


def _replies(bot: FakeBot) -> list[str]:
    return [str(m.content.get("text")) for m in bot.messages(purpose="reply")]


async def test_the_local_round_sends_each_tester_the_cases_of_their_areas() -> None:
    day = await _local_round()
    bot = day.bot

    assert day.window().state == "testing"
    [r] = bot.db.select("rounds")
    assert (r.seq, r.client, r.kind, r.state, r.started_by) == (1, "local", "initial", "open", KARIN)
    assert _replies(bot)[-1] == t("round.started", "sv", name=ROUND_1, count=3)
    expected = {
        ANDERS: ["ifo-login", "ifo-journal"],
        MARIA: ["voo-login"],
        EVA: ["kir-login", "kir-sok", "kir-omstart"],
    }
    prompts = bot.prompts(kind="checklist")
    assert {p.recipient_email: p.case_ids for p in prompts} == expected
    assert {p.round_id for p in prompts} == {r.id}
    for email, cases in expected.items():
        message, card = _checklist(bot, email)
        assert message.recipient_email == email
        [prompt] = bot.prompts(kind="checklist", to=email)
        assert case_inputs(card) == cases
        assert find_action(card, "checklist.submit")["data"]["prompt"] == prompt.id
        assert t("checklist.title", "sv", round=ROUND_1) in card_text(card)
        [reminder] = bot.jobs(key=f"checklist_reminder:{prompt.id}:1")
        assert (reminder.state, reminder.due_at) == ("pending", ROUND_AT + REMINDER)
    assert bot.messages(to=FATIMA, purpose="checklist") == []  # she tests with Citrix only
    [started] = bot.audit("round.started")
    assert (started.actor, started.detail) == (KARIN, {"round": 1, "client": "local", "checklists": 3})


async def test_a_submitted_checklist_is_recorded_with_its_passes_and_failures() -> None:
    day = await _local_round()
    bot = day.bot
    _message, card = _checklist(bot, ANDERS)
    [prompt] = bot.prompts(kind="checklist", to=ANDERS)

    # A failure without a comment is refused, and nothing is saved.
    refused = await bot.click(
        day.anders, card, "checklist.submit", {"o_ifo-login": "pass", "o_ifo-journal": "fail"}
    )
    assert refused.message == t("checklist.comment_needed", "sv", cases="Öppna en journal")
    assert bot.db.select("results") == []

    answered = await bot.click(day.anders, card, "checklist.submit", JOURNAL_FAILS)

    [r] = bot.db.select("rounds")
    results = [
        (x.round_id, x.area, x.case_id, x.tester_email, x.outcome, x.comment)
        for x in bot.db.select("results")
    ]
    assert results == [
        (r.id, "ifo", "ifo-login", ANDERS, "pass", ""),
        (r.id, "ifo", "ifo-journal", ANDERS, "fail", "Journalen öppnas inte"),
    ]
    assert t("checklist.all_done", "sv") in card_text(card_of(answered))
    [prompt] = bot.prompts(kind="checklist", to=ANDERS)
    assert (prompt.state, prompt.answer) == ("answered", {"done": 2})
    assert bot.jobs(key=f"checklist_reminder:{prompt.id}:1")[0].state == "cancelled"
    [submitted] = bot.audit("checklist.submitted")
    assert submitted.actor == ANDERS
    assert submitted.detail["answers"] == {
        "ifo-login": ["pass", ""],
        "ifo-journal": ["fail", "Journalen öppnas inte"],
    }
    # Sending the same again records nothing new.
    await bot.click(day.anders, card, "checklist.submit", JOURNAL_FAILS)
    assert len(bot.audit("checklist.submitted")) == 1


async def test_part_of_a_checklist_keeps_it_open_until_every_case_is_answered() -> None:
    day = await _local_round()
    bot = day.bot
    _message, card = _checklist(bot, EVA)
    partial = await bot.click(day.eva, card, "checklist.submit", {"o_kir-login": "pass"})
    assert t("checklist.recorded", "sv", at="09:00", done=1, total=3) in card_text(card_of(partial))
    [prompt] = bot.prompts(kind="checklist", to=EVA)
    assert prompt.state == "open"
    assert bot.jobs(key=f"checklist_reminder:{prompt.id}:1")[0].state == "pending"
    # A case that is not on her card is refused.
    refused = await bot.click(day.eva, card, "checklist.submit", {"o_ifo-login": "pass"})
    assert refused.message == t("error.bad_choice", "sv")
    assert [x.case_id for x in bot.db.select("results")] == ["kir-login"]


async def test_a_silent_tester_is_reminded_and_then_the_admin_is_told() -> None:
    day = await _local_round()
    bot = day.bot
    await bot.click(day.anders, _checklist(bot, ANDERS)[1], "checklist.submit", JOURNAL_FAILS)
    [maria_prompt] = bot.prompts(kind="checklist", to=MARIA)

    bot.clock.set(ROUND_AT + REMINDER)
    await bot.run_jobs()

    reminder = bot.message(f"remind:{maria_prompt.id}")
    assert (reminder.recipient_email, reminder.content["text"]) == (
        MARIA,
        t("checklist.reminder", "sv", round=ROUND_1),
    )
    assert bot.messages(to=ANDERS, purpose="reminder") == []  # he has answered
    [second] = bot.jobs(key=f"checklist_reminder:{maria_prompt.id}:2")
    assert (second.state, second.due_at) == ("pending", ROUND_AT + 2 * REMINDER)
    assert bot.messages(to=KARIN, purpose="alert") == []

    bot.clock.set(ROUND_AT + 2 * REMINDER)
    await bot.run_jobs()

    alerts = [str(m.content.get("text")) for m in bot.messages(to=KARIN, purpose="alert")]
    assert t("checklist.missing_admin", "sv", round=ROUND_1, names="Maria Sjöberg") in alerts
    assert t("checklist.missing_admin", "sv", round=ROUND_1, names="Eva Dahl") in alerts
    assert len(alerts) == 2


async def test_retest_sends_only_the_failed_case_to_the_one_who_tested_it() -> None:
    day = await _local_round()
    bot = day.bot
    _message, first_card = _checklist(bot, ANDERS)
    await bot.click(day.anders, first_card, "checklist.submit", JOURNAL_FAILS)
    bot.clock.set(ROUND_AT + dt.timedelta(minutes=40))

    await bot.say(day.karin, "testa om")

    first, retest = bot.db.select("rounds", order=lambda r: r.seq)
    assert (first.state, first.closed_at) == ("closed", bot.clock.now())
    assert (retest.seq, retest.client, retest.kind, retest.state) == (2, "local", "retest", "open")
    [prompt] = [p for p in bot.prompts(kind="checklist") if p.round_id == retest.id]
    assert (prompt.recipient_email, prompt.case_ids) == (ANDERS, ["ifo-journal"])
    _message, card = _checklist(bot, ANDERS)
    assert case_inputs(card) == ["ifo-journal"]
    assert _replies(bot)[-1] == t("round.started", "sv", name="Omgång 2: omtest, lokal installation", count=1)
    [_, started] = bot.audit("round.started")
    assert started.detail == {"round": 2, "client": "local", "retest_of": 1, "cases": ["ifo-journal"]}
    # The first round's card is closed for answers; the retest's is open.
    stale = await bot.click(day.anders, first_card, "checklist.submit", {"o_ifo-journal": "pass"})
    assert stale.message == t("error.no_longer_open", "sv")
    await bot.click(day.anders, card, "checklist.submit", {"o_ifo-journal": "pass"})
    outcomes = {(x.round_id, x.case_id): x.outcome for x in bot.db.select("results")}
    assert outcomes[(first.id, "ifo-journal")] == "fail"
    assert outcomes[(retest.id, "ifo-journal")] == "pass"


async def test_retest_without_a_failure_starts_nothing() -> None:
    day = await _local_round()
    bot = day.bot
    await bot.click(day.anders, _checklist(bot, ANDERS)[1], "checklist.submit", {"o_ifo-login": "pass"})

    await bot.say(day.karin, "testa om")

    assert _replies(bot)[-1] == t("round.no_failures", "sv")
    assert [(r.seq, r.state) for r in bot.db.select("rounds")] == [(1, "open")]
    assert len(bot.audit("round.started")) == 1


async def test_a_tester_cannot_start_a_round() -> None:
    day = await checkin_started()
    bot = day.bot
    await bot.say(day.anders, "lokal klar")

    assert bot.db.select("rounds") == []
    assert bot.prompts(kind="checklist") == []
    assert day.window().state == "checkin"
    assert _replies(bot)[-1] == t("error.not_admin", "sv")
    [refused] = bot.audit("command.refused")
    assert (refused.actor, refused.detail) == (ANDERS, {"command": "local_ready"})
