"""Check-in through the real router and timers, on the in-memory unit of work: the admin starts it,
a tester answers, a silent tester's card goes to the substitute, a silent substitute leaves the
area uncovered and the admin is alerted."""

from __future__ import annotations

from bot.i18n import t
from bot.services import day as day_service
from tests.fakes.uow_harness import card_of, card_text, find_action
from tests.fakes.uow_scenario import (
    ANDERS,
    CHECKIN_AT,
    EVA,
    FATIMA,
    KARIN,
    MARIA,
    PER,
    TEMPLATE,
    TESTERS,
    TIMEOUT,
    Day,
    checkin_started,
    extra_tester,
    planned_day,
)


async def _silent_until(day: Day, minutes: int) -> None:
    """Nobody answers; the clock moves to ``minutes`` after check-in started and the timers run."""
    day.bot.clock.set(CHECKIN_AT + TIMEOUT * (minutes / 15))
    await day.bot.run_jobs()


async def test_starting_checkin_sends_each_tester_a_card_and_a_deadline() -> None:
    day = await planned_day()
    bot = day.bot
    bot.clock.set(CHECKIN_AT)
    await bot.say(day.karin, "starta incheckning")

    assert day.window().state == "checkin"
    assert day.window().template == TEMPLATE  # the day keeps the template it started with
    [reply] = bot.messages(purpose="reply")
    assert reply.content["text"] == t("checkin.started", "sv", count=4)
    for email in TESTERS:
        assert bot.participant(email).checkin_state == "asked"
        [prompt] = bot.prompts(kind="checkin", to=email)
        assert (prompt.state, prompt.participant_id) == ("open", day.pid(email))
        card = card_of(bot.message(day.checkin_key(email)))
        assert bot.message(day.checkin_key(email)).recipient_email == email
        assert find_action(card, "checkin.here")["data"]["prompt"] == prompt.id
        [timeout] = bot.jobs(key=day.timeout_key(email))
        assert (timeout.state, timeout.due_at) == ("pending", CHECKIN_AT + TIMEOUT)
    assert "Svara senast kl. 08:45" in card_text(card_of(bot.message(day.checkin_key(ANDERS))))
    assert bot.prompts(to=FATIMA)[0].areas == "kir"
    started = bot.audit("checkin.started")
    assert [(a.actor, a.detail) for a in started] == [(KARIN, {"cards": 4})]
    assert len(bot.audit("checkin.start")) == 4


async def test_a_tester_who_is_here_is_present_and_nobody_else_is_asked() -> None:
    day = await checkin_started()
    bot = day.bot
    card = card_of(bot.message(day.checkin_key(ANDERS)))
    assert find_action(card, "checkin.here")["title"] == "Jag är på plats"

    answered = await bot.click(day.anders, card, "checkin.here")

    anders = bot.participant(ANDERS)
    assert (anders.checkin_state, anders.covered_by_email, anders.covered_by_name) == (
        "present",
        ANDERS,
        "Anders Holm",
    )
    [prompt] = bot.prompts(kind="checkin", to=ANDERS)
    assert (prompt.state, prompt.answer) == ("answered", {"answer": "here"})
    assert t("checkin.answered_here", "sv", at="08:30") in card_text(card_of(answered))
    # The card Teams now shows (the invoke's answer) is what the outbox holds, already shown.
    shown = bot.message(day.checkin_key(ANDERS))
    assert card_of(shown) == card_of(answered)
    assert (shown.version, shown.sent_version) == (2, 2)
    [timeout] = bot.jobs(key=day.timeout_key(ANDERS))
    assert timeout.state == "cancelled"
    here = bot.audit("checkin.tester_here")
    assert [(a.actor, a.detail) for a in here] == [
        (ANDERS, {"participant": ANDERS, "state": "present", "prompt": prompt.id})
    ]

    # Past the deadline: Anders is not escalated (the others are).
    await _silent_until(day, 16)
    assert bot.participant(ANDERS).checkin_state == "present"
    assert bot.prompts(kind="checkin_sub", to="lena.ek@kommun.example.se") == []
    assert bot.messages(to="lena.ek@kommun.example.se") == []
    assert bot.participant(MARIA).checkin_state == "sub_asked"


async def test_clicking_again_changes_nothing_and_someone_else_cannot_answer() -> None:
    day = await checkin_started()
    bot = day.bot
    card = card_of(bot.message(day.checkin_key(ANDERS)))
    first = await bot.click(day.anders, card, "checkin.here")
    again = await bot.click(day.anders, card, "checkin.here")
    assert again.card == first.card
    assert len(bot.audit("checkin.tester_here")) == 1

    maria_card = card_of(bot.message(day.checkin_key(MARIA)))
    refused = await bot.click(day.eva, maria_card, "checkin.here")
    assert refused.message == t("error.not_yours", "sv")
    assert bot.participant(MARIA).checkin_state == "asked"
    [audit] = bot.audit("card.refused")
    assert (audit.actor, audit.detail["reason"]) == (EVA, "not_recipient")


async def test_a_silent_tester_is_replaced_by_the_substitute_after_the_timeout() -> None:
    day = await checkin_started()
    bot = day.bot
    await _silent_until(day, 14)
    assert bot.participant(MARIA).checkin_state == "asked"  # not yet

    await _silent_until(day, 15)

    maria = bot.participant(MARIA)
    assert maria.checkin_state == "sub_asked"
    [tester_prompt] = bot.prompts(kind="checkin", to=MARIA)
    assert tester_prompt.state == "expired"
    # Maria's card is closed in place, saying who was asked instead.
    closed = bot.message(day.checkin_key(MARIA))
    assert "Per Nyström tillfrågades i stället" in card_text(card_of(closed))
    assert (closed.version, closed.state) == (2, "sent")
    # Per gets a card of his own, with a deadline of his own.
    [sub_prompt] = bot.prompts(kind="checkin_sub", to=PER)
    assert (sub_prompt.state, sub_prompt.participant_id) == ("open", maria.id)
    sub_card = card_of(bot.message(day.checkin_key(MARIA, "sub")))
    assert bot.message(day.checkin_key(MARIA, "sub")).recipient_email == PER
    assert t("checkin.intro_sub", "sv", name="Maria Sjöberg") in card_text(sub_card)
    assert find_action(sub_card, "checkin.here")["data"]["prompt"] == sub_prompt.id
    [sub_timeout] = bot.jobs(key=day.timeout_key(MARIA, "sub"))
    assert (sub_timeout.state, sub_timeout.due_at) == ("pending", CHECKIN_AT + 2 * TIMEOUT)
    [timed_out] = [a for a in bot.audit("checkin.tester_timeout") if a.detail["participant"] == MARIA]
    assert (timed_out.actor, timed_out.detail["state"]) == ("bot", "sub_asked")
    # Eva has no substitute: her area is uncovered at once.
    assert bot.participant(EVA).checkin_state == "uncovered"

    # Per stands in: he covers Maria's area.
    await bot.click(day.per, sub_card, "checkin.here")
    maria = bot.participant(MARIA)
    assert (maria.checkin_state, maria.covered_by_email, maria.covered_by_name) == (
        "sub_present",
        PER,
        "Per Nyström",
    )
    assert bot.jobs(key=day.timeout_key(MARIA, "sub"))[0].state == "cancelled"


async def test_a_silent_substitute_leaves_the_area_uncovered_and_the_admin_is_alerted() -> None:
    day = await checkin_started()
    bot = day.bot
    await _silent_until(day, 15)
    await _silent_until(day, 30)

    maria = bot.participant(MARIA)
    assert (maria.checkin_state, maria.covered_by_email, maria.covered_by_name) == ("uncovered", None, None)
    [sub_prompt] = bot.prompts(kind="checkin_sub", to=PER)
    assert sub_prompt.state == "expired"
    assert t("checkin.timed_out_admin", "sv", time="09:00") in card_text(
        card_of(bot.message(day.checkin_key(MARIA, "sub")))
    )
    alerts = [m for m in bot.messages(to=KARIN, purpose="alert") if "VoO lagrum" in card_text(card_of(m))]
    assert len(alerts) == 1
    alert = card_of(alerts[0])
    assert "Maria Sjöberg" in card_text(alert)
    assert PER in card_text(alert)
    assert find_action(alert, "admin.assign")["data"]["participant"] == maria.id
    sub_timeouts = [a for a in bot.audit("checkin.sub_timeout") if a.detail["participant"] == MARIA]
    assert [(a.actor, a.detail["state"]) for a in sub_timeouts] == [("bot", "uncovered")]
    assert [j.key for j in bot.jobs(kind="checkin_timeout", state="pending")] == []


async def test_a_tester_who_cannot_come_sends_the_card_to_the_substitute_at_once() -> None:
    day = await checkin_started()
    bot = day.bot
    answered = await bot.click(day.anders, card_of(bot.message(day.checkin_key(ANDERS))), "checkin.cant")

    assert t("checkin.sub_asked", "sv", name="Lena Ek") in card_text(card_of(answered))
    assert bot.participant(ANDERS).checkin_state == "sub_asked"
    assert bot.jobs(key=day.timeout_key(ANDERS))[0].state == "cancelled"
    assert bot.jobs(key=day.timeout_key(ANDERS, "sub"))[0].state == "pending"
    [sub_card] = bot.messages(to="lena.ek@kommun.example.se")
    assert sub_card.key == day.checkin_key(ANDERS, "sub")


async def test_more_testers_than_one_batch_are_each_asked_exactly_once() -> None:
    batch = day_service.CHECKIN_BATCH_SIZE
    day = await planned_day(extra_testers=batch)
    bot = day.bot
    bot.clock.set(CHECKIN_AT)
    await bot.say(day.karin, "starta incheckning")

    # The command asks the first batch; a job is left for the rest.
    assert len(bot.prompts(kind="checkin")) == batch
    [batch_job] = bot.jobs(kind="checkin_batch", state="pending")
    assert batch_job.payload == {"window": day.window_id, "actor": KARIN}
    last = extra_tester(batch).email
    assert bot.participant(last).checkin_state == "waiting"

    await bot.run_jobs()

    asked = [p.recipient_email for p in bot.prompts(kind="checkin")]
    assert sorted(asked) == sorted([*TESTERS, *(extra_tester(n).email for n in range(1, batch + 1))])
    assert bot.participant(last).checkin_state == "asked"
    assert [j.state for j in bot.jobs(kind="checkin_batch")] == ["done"]
    assert [a.detail for a in bot.audit("checkin.started")] == [{"cards": batch + 4}]
