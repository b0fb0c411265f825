"""Check-in for more people than one batch: the command asks the first batch in its own transaction
and answers at once; the worker asks the rest, batch by batch; everyone gets exactly one card."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.services import day
from bot.store import identities
from bot.store import windows as store
from bot.store.tables import audit, jobs, prompts
from tests.conftest import Bot, sql_uow
from tests.fakes.clock import local
from tests.fakes.teams import card_text

TESTERS = day.CHECKIN_BATCH_SIZE + 30


def _roster() -> str:
    lines = [
        "name,email,role,areas,client,substitute_name,substitute_email",
        "Karin Lindqvist,karin.lindqvist@kommun.example.se,admin,,,,",
    ]
    lines += [
        f"Testare {i},t{i}@kommun.example.se,tester,ifo,local,Ersättare {i},s{i}@kommun.example.se"
        for i in range(TESTERS)
    ]
    return "\n".join(lines) + "\n"


async def _count(bot: Bot, query: object) -> int:
    async with bot.runtime.engine.connect() as conn:
        return int((await conn.execute(query)).scalar_one())  # type: ignore[call-overload]


async def _testers_in_teams(bot: Bot) -> None:
    """Every tester has the app: the bot knows their 1:1 conversation."""
    async with sql_uow(bot.runtime)() as uow:
        for i in range(TESTERS):
            user = f"29:t{i}"
            bot.connector.add_member(user, f"Testare {i}", f"t{i}@kommun.example.se")
            bot.connector.conversations[f"a:1on1-{user}"] = user
            await identities.upsert(
                uow.conn,
                user,
                bot.clock.now(),
                email=f"t{i}@kommun.example.se",
                name=f"Testare {i}",
                service_url=bot.connector.url,
                conversation_id=f"a:1on1-{user}",
            )


async def test_checkin_for_more_than_one_batch_reaches_everyone_once(bot: Bot) -> None:
    await bot.import_roster(_roster())
    bot.clock.set(local(2026, 12, 2, 12, 0))
    karin = bot.teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    await _testers_in_teams(bot)
    await bot.teams.say(karin, "nytt fönster 2026-12-09")
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 8, 0))
    await bot.teams.say(karin, "starta incheckning")

    # Answered at once: the first batch is written, the rest waits for the worker.
    asked = select(func.count()).select_from(prompts).where(prompts.c.kind == "checkin")
    assert await _count(bot, asked) == day.CHECKIN_BATCH_SIZE
    pending = (
        select(func.count())
        .select_from(jobs)
        .where(jobs.c.kind == day.CHECKIN_BATCH, jobs.c.state == "pending")
    )
    assert await _count(bot, pending) == 1

    await bot.drain()
    for i in range(TESTERS):
        cards = [s for s in bot.connector.to_user(f"29:t{i}") if s.card]
        assert len(cards) == 1, (i, len(cards))
        assert "Incheckning" in card_text(cards[0].card)
    assert await _count(bot, asked) == TESTERS
    started = select(func.count()).select_from(audit).where(audit.c.kind == "checkin.start")
    assert await _count(bot, started) == TESTERS
    async with bot.runtime.engine.connect() as conn:
        summary = (await conn.execute(select(audit).where(audit.c.kind == "checkin.started"))).one()
    assert summary.detail == {"cards": TESTERS}
    replies = [s.text for s in bot.connector.to_user(karin.user_id) if s.text]
    assert any(str(TESTERS) in text for text in replies), replies

    # A batch run again (a retried job) finds nobody waiting and changes nothing.
    async with sql_uow(bot.runtime)() as uow:
        window = (await store.list_windows(uow.conn))[0]
        await day.ask_next_batch(bot.runtime.services, uow, window.id, "test")
    await bot.drain()
    assert await _count(bot, asked) == TESTERS
    assert all(len([s for s in bot.connector.to_user(f"29:t{i}") if s.card]) == 1 for i in range(TESTERS))


async def test_batches_stop_when_the_day_is_over(bot: Bot) -> None:
    await bot.import_roster(_roster())
    bot.clock.set(local(2026, 12, 2, 12, 0))
    karin = bot.teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    await _testers_in_teams(bot)
    await bot.teams.say(karin, "nytt fönster 2026-12-09")
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 8, 0))
    await bot.teams.say(karin, "starta incheckning")
    # The all-clear before the worker wrote the second batch: with nothing tested it is refused,
    # and sent anyway with a reason (the button of the card the refusal is, not yet delivered).
    await bot.teams.say(karin, "klart")
    async with bot.runtime.engine.connect() as conn:
        window = (await store.list_windows(conn))[0]
    anyway = {"type": "Action.Execute", "verb": "window.all_clear_override", "data": {"window": window.id}}
    await bot.teams.click(karin, anyway, {"reason": "Testar att incheckningen slutar"})
    await bot.drain()
    asked = select(func.count()).select_from(prompts).where(prompts.c.kind == "checkin")
    assert await _count(bot, asked) == day.CHECKIN_BATCH_SIZE
