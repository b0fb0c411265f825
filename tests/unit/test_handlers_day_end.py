"""A day that ends otherwise, through the real router on the in-memory unit of work: the update
fails and the day is aborted (by the admin's command, or by the supplier's rollback calling
``abort_window``), or the day runs longer. Bad input changes nothing."""

from __future__ import annotations

from bot.domain.windows import date_text
from bot.i18n import t
from bot.services.day import abort_window
from bot.services.day.common import digest
from tests.fakes.clock import local
from tests.fakes.uow_harness import FakeBot, card_of, card_text, card_title
from tests.fakes.uow_scenario import DAY, KARIN, TESTERS, Day, checkin_started, planned_day

SVEN = "sven@itleverantor.example.se"


def _replies(bot: FakeBot) -> list[str]:
    return [str(m.content.get("text")) for m in bot.messages(purpose="reply")]


async def _abort(day: Day, actor: str, reason: str = "", expected: str | None = None) -> int:
    async with day.bot.uow() as uow:
        window = await uow.windows.get(day.window_id)
        assert window is not None
        return await abort_window(day.bot.svc, uow, window, actor=actor, reason=reason, expected=expected)


async def test_the_suppliers_rollback_aborts_the_day_once_and_the_admins_hear_it() -> None:
    day = await checkin_started()
    bot = day.bot

    told = await _abort(day, SVEN, "Databasen gick inte att uppgradera", "14:00")

    assert told == 4  # the four test resources, each asked to check in
    assert day.window().state == "aborted"
    sent = bot.messages(key=f"abort:{day.window_id}:")
    assert {m.recipient_email for m in sent} == {*TESTERS, KARIN}
    cards = {m.recipient_email: card_of(m) for m in sent if m.recipient_email != KARIN}
    assert card_title(cards[TESTERS[0]]) == t("abort.title", "sv")
    assert "Beräknat klart kl. 14:00." in card_text(cards[TESTERS[0]])
    assert bot.message(f"abort:{day.window_id}:admin:{digest(KARIN)}").content["text"] == t(
        "abort.admin", "sv", actor=SVEN, date=date_text(DAY, "sv"), count=4
    )
    [entry] = bot.audit("window.aborted")
    assert (entry.actor, entry.detail) == (
        SVEN,
        {"reason": "Databasen gick inte att uppgradera", "expected": "14:00", "told": 4},
    )
    assert {p.state for p in bot.prompts()} == {"closed"}
    assert [j.key for j in bot.jobs(state="pending") if j.kind != "deliver"] == [f"refresh:{day.window_id}"]
    before = [(m.key, m.version) for m in bot.messages()]

    assert await _abort(day, SVEN, "igen") == 0

    assert [(m.key, m.version) for m in bot.messages()] == before
    assert len(bot.audit("window.aborted")) == 1


async def test_the_admin_who_aborts_hears_it_in_the_answer_only() -> None:
    day = await checkin_started()
    bot = day.bot

    await bot.say(day.karin, "avbryt fönster Uppdateringen misslyckades")

    assert _replies(bot)[-1] == t("abort.done", "sv", date=date_text(DAY, "sv"), count=4)
    assert bot.messages(key=f"abort:{day.window_id}:admin:") == []
    [entry] = bot.audit("window.aborted")
    assert entry.detail == {"reason": "Uppdateringen misslyckades", "expected": None, "told": 4}
    card = card_text(card_of(bot.messages(key=f"abort:{day.window_id}:", to=TESTERS[0])[0]))
    assert "Beräknat klart" not in card
    assert "Orsak: Uppdateringen misslyckades" in card


async def test_abort_refuses_a_window_not_under_way_and_a_bad_time() -> None:
    day = await planned_day()
    bot = day.bot

    await bot.say(day.karin, "avbryt fönster 25:00 Uppdateringen misslyckades")
    assert _replies(bot)[-1] == t("abort.bad_time", "sv", text="25:00")
    await bot.say(day.karin, "avbryt fönster")
    assert _replies(bot)[-1] == t("abort.not_started", "sv", date=date_text(DAY, "sv"), id=day.window_id)
    await bot.say(day.karin, "avbryt fönster " + "x" * 501)
    assert _replies(bot)[-1] == t("abort.reason_too_long", "sv", max=500)

    assert day.window().state == "planned"
    assert bot.audit("window.aborted") == []
    assert [m.purpose for m in bot.messages()] == ["reply"] * 3
    await bot.say(day.anders, "avbryt fönster")
    assert _replies(bot)[-1] == t("error.not_admin", "sv")


async def test_the_day_is_extended_for_everyone_it_involves() -> None:
    day = await checkin_started()
    bot = day.bot
    bot.clock.set(local(2026, 12, 9, 15, 0))

    await bot.say(day.karin, "förläng fönster 17.45")

    assert _replies(bot)[-1] == t("extend.done", "sv", date=date_text(DAY, "sv"), time="17:45", count=4)
    told = bot.messages(key=f"extend:{day.window_id}:17:45:")
    assert {m.recipient_email for m in told} == set(TESTERS)
    assert (day.window().end_local, day.window().state) == ("17:45", "checkin")
    [entry] = bot.audit("window.extended")
    assert (entry.actor, entry.detail) == (KARIN, {"from": "16:30", "to": "17:45", "told": 4})
    # The same again changes nothing; a tester may not.
    await bot.say(day.karin, "förläng fönster 17:45")
    assert _replies(bot)[-1] == t("extend.same", "sv", time="17:45")
    await bot.say(day.anders, "förläng fönster 19:00")
    assert _replies(bot)[-1] == t("error.not_admin", "sv")
    assert len(bot.audit("window.extended")) == 1


async def test_only_todays_window_is_extended() -> None:
    day = await checkin_started()
    bot = day.bot
    bot.clock.set(local(2026, 12, 10, 9, 0))  # the day after, the window still under way

    await bot.say(day.karin, "förläng fönster 18:00")

    assert _replies(bot)[-1] == t("extend.not_today", "sv", date=date_text(DAY, "sv"))
    assert day.window().end_local == "16:30"
    assert bot.audit("window.extended") == []
