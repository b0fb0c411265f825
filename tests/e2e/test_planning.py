"""Planning a window end to end (issue: planning): create, announce, answers, reminder, the
supplier's list, the 10-day notice at the right local time, and e-mail to the managers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.bootstrap import create_app
from bot.services.mail import import_managers
from bot.store.tables import audit, participants, people
from tests.conftest import ROOT, Bot, local_settings
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.smtp import SmtpServer
from tests.fakes.teams import TeamsDriver, action, card_text

KARIN = ("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
ANDERS = ("Anders Holm", "anders.holm@kommun.example.se")
MARIA = ("Maria Sjöberg", "maria.sjoberg@kommun.example.se")
JOHAN = ("Johan Berg", "johan.berg@kommun.example.se")
SUPPLIER_TEAM, SUPPLIER_CHANNEL = "19:team-it", "19:channel-supplier@thread.tacv2"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def planning_bot(db_url: str, connector: FakeConnector, smtp: SmtpServer) -> AsyncIterator[Bot]:
    clock = FakeClock(local(2026, 11, 20, 10, 0))
    settings = local_settings(
        db_url,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp.port),
        SMTP_STARTTLS="0",
        SMTP_FROM="servicefonster@kommun.example.se",
    )
    app = create_app(settings, clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    bot = Bot(client, TeamsDriver(client, connector), connector, clock)
    await bot.import_roster((ROOT / "examples" / "roster.csv").read_text(encoding="utf-8"))
    problems = await import_managers(
        bot.runtime.services.uow, (ROOT / "examples" / "managers.csv").read_text(), clock.now(), "test"
    )
    assert problems == []
    try:
        yield bot
    finally:
        await client.close()


def last_card(bot: Bot, user_id: str) -> dict[str, Any]:
    cards = [s.card for s in bot.connector.to_user(user_id) if s.card]
    assert cards, "no card was sent"
    return cards[-1]


async def test_a_window_is_planned_announced_answered_and_reported(planning_bot: Bot) -> None:  # noqa: PLR0915 - one scenario, each step on the state the last left
    bot, teams = planning_bot, planning_bot.teams
    karin, anders, maria, johan = (teams.user(*p) for p in (KARIN, ANDERS, MARIA, JOHAN))
    eva = teams.user("Eva Dahl", "eva.dahl@kommun.example.se")
    fatima = teams.user("Fatima Hassan", "fatima.hassan@omsorgspartner.example.se")
    for u in (anders, maria, johan, eva, fatima):
        await teams.install(u)
    await bot.drain()

    # The admin makes a channel the supplier channel, then plans the window.
    await teams.channel_say(karin, "leverantörskanal", SUPPLIER_TEAM, SUPPLIER_CHANNEL)
    await teams.say(karin, "nytt fönster 2026-12-09 08:30-16:30 ärende SD-12345")
    await bot.drain()
    window_card = last_card(bot, karin.user_id)
    text = card_text(window_card)
    assert "onsdagen den 9/12 2026" in text
    assert "SD-12345" in text
    assert "08:30–16:30" in text

    # The 10-day notice (due 2026-11-29 09:00 local) must not have gone out yet.
    assert not any(
        "Dags för systemmeddelandet" in card_text(s.card)
        for s in bot.connector.to_user(karin.user_id)
        if s.card
    )

    # Announce with the button on the window card.
    result = await teams.click(karin, action(window_card, "window.announce"))
    assert "5 testresurser" in result["value"]
    await bot.drain()
    anders_card = last_card(bot, anders.user_id)
    assert "Jag kommer" in card_text(anders_card)
    assert "IFO Lagrum" in card_text(anders_card)

    # Anders comes; Maria can't and names a substitute (pre-filled fields changed); Johan is silent.
    answered = await teams.click(anders, action(anders_card, "plan.coming"))
    assert "Du har svarat **Jag kommer**" in card_text(answered["value"])
    maria_card = last_card(bot, maria.user_id)
    bad = await teams.click(
        maria, action(maria_card, "plan.cant"), {"sub_name": "Per Nyström", "sub_email": "per@"}
    )
    assert "ingen giltig e-postadress" in bad["value"]
    answered = await teams.click(
        maria,
        action(maria_card, "plan.cant"),
        {"sub_name": "Petra Lund", "sub_email": "petra.lund@kommun.example.se"},
    )
    assert "Petra Lund (petra.lund@kommun.example.se)" in card_text(answered["value"])
    # Eva and Fatima come, so only Johan is silent.
    for u in (eva, fatima):
        await teams.click(u, action(last_card(bot, u.user_id), "plan.coming"))
    # A second click on the same answer records nothing new.
    await teams.click(anders, action(anders_card, "plan.coming"))
    async with bot.runtime.engine.connect() as conn:
        answers = (await conn.execute(select(audit).where(audit.c.kind == "plan.answered"))).all()
        maria_row = (await conn.execute(select(people).where(people.c.email == MARIA[1]))).one()
    assert len(answers) == 4
    assert maria_row.substitute_email == "petra.lund@kommun.example.se"

    # Someone else cannot answer Anders' card.
    refused = await teams.click(johan, action(anders_card, "plan.coming"))
    assert "någon annan" in refused["value"]

    # The supplier's list, then an update in place after a change.
    await teams.say(karin, "skicka lista")
    await bot.drain()
    [posted] = bot.connector.to_conversation(SUPPLIER_CHANNEL)[-1:]
    listing = card_text(posted.card)
    assert "Petra Lund, petra.lund@kommun.example.se (ersättare för Maria Sjöberg)" in listing
    assert "Anders Holm, anders.holm@kommun.example.se" in listing
    await teams.click(
        maria,
        action(maria_card, "plan.cant"),
        {"sub_name": "Per Nyström", "sub_email": "per.nystrom@kommun.example.se"},
    )
    await teams.say(karin, "skicka lista")
    await bot.drain()
    [update] = [u for u in bot.connector.updates if u.activity_id == posted.activity_id]
    assert "Per Nyström" in card_text(update.activity["attachments"][0]["content"])

    # Reminder 3 days before (2026-12-06 09:00 local) to Johan only; the admin hears who is silent.
    bot.clock.set(local(2026, 12, 6, 9, 0))
    await bot.drain()
    johan_texts = [s.text for s in bot.connector.to_user(johan.user_id)]
    assert any(t.startswith("Påminnelse: du har inte svarat") for t in johan_texts)
    assert not any("Påminnelse" in s.text for s in bot.connector.to_user(anders.user_id))
    assert any(
        "Johan Berg" in s.text and "inte har svarat" in s.text for s in bot.connector.to_user(karin.user_id)
    )


async def test_notice_reaches_admin_at_local_time_and_managers_by_email(
    planning_bot: Bot, smtp: SmtpServer
) -> None:
    bot, teams = planning_bot, planning_bot.teams
    karin = teams.user(*KARIN)
    await teams.say(karin, "nytt fönster 2026-12-09")
    await bot.drain()
    bot.clock.set(local(2026, 11, 29, 8, 59))
    await bot.drain()
    assert not smtp.inbox.messages
    bot.clock.set(local(2026, 11, 29, 9, 0))
    await bot.drain()
    notice = [
        s
        for s in bot.connector.to_user(karin.user_id)
        if s.card and "Dags för systemmeddelandet" in card_text(s.card)
    ]
    assert len(notice) == 1
    expected = (
        "Procapita omsorg/LifeCare stänger för servicefönster onsdagen den 9/12 med start klockan "
        "8:30-16.30. Systemet testas i olika omgångar"
    )
    assert expected in card_text(notice[0].card)
    assert "e-postad till 2 verksamhetschefer" in card_text(notice[0].card)
    assert sorted(r for _f, rs in smtp.inbox.envelopes for r in rs) == [
        "birgitta.soder@omsorgspartner.example.se",
        "hassan.ali@hemtjanstnord.example.se",
    ]
    assert expected in smtp.inbox.messages[0].get_content()
    assert smtp.inbox.messages[0]["Subject"] == "Servicefönster Procapita omsorg onsdagen den 9/12 2026"
    await bot.drain()
    assert len(smtp.inbox.messages) == 2  # nothing sent twice


async def test_bad_window_input_gets_swedish_answers_and_changes_nothing(planning_bot: Bot) -> None:
    bot, teams = planning_bot, planning_bot.teams
    karin = teams.user(*KARIN)
    inputs = [
        "nytt fönster 2026-11-01",  # past
        "nytt fönster 2026-12-09 16:30-08:30",  # ends before it starts
        "nytt fönster 9 december",  # not a date
        "nytt fönster 2026-02-30",  # no such day
        "flytta fönster 99 2026-12-10",  # unknown id
        "avboka fönster x",
    ]
    for text in inputs:
        await teams.say(karin, text)
    await teams.say(karin, "nytt fönster 2026-12-26")  # Annandag jul, a Saturday: asks to confirm
    await bot.drain()
    replies = [s.text or card_text(s.card) for s in bot.connector.to_user(karin.user_id)]
    assert "har redan varit" in replies[0]
    assert "slutar (08:30) innan det börjar (16:30)" in replies[1]
    assert "är inget datum" in replies[2]
    assert "ÅÅÅÅ-MM-DD" in replies[2]
    assert "finns inte i kalendern" in replies[3]
    assert "Det finns inget fönster nr 99" in replies[4]
    assert "Ange fönstrets nummer" in replies[5]
    assert "lördag" in replies[6]
    assert "Annandag jul" in replies[6]
    async with bot.runtime.engine.connect() as conn:
        assert (await conn.execute(select(participants))).all() == []
    # Confirming with the button creates it.
    confirm = [s.card for s in bot.connector.to_user(karin.user_id) if s.card][-1]
    await teams.click(karin, action(confirm, "window.confirm"))
    await bot.drain()
    assert "Servicefönstret är planerat" in card_text(
        [s.card for s in bot.connector.to_user(karin.user_id) if s.card][-1]
    )


async def test_move_and_cancel_tell_everyone_told(planning_bot: Bot) -> None:
    bot, teams = planning_bot, planning_bot.teams
    karin, anders = teams.user(*KARIN), teams.user(*ANDERS)
    await teams.install(anders)
    await teams.say(karin, "nytt fönster 2026-12-09")
    await teams.say(karin, "meddela")
    await bot.drain()
    first = last_card(bot, anders.user_id)
    await teams.click(anders, action(first, "plan.coming"))
    await teams.say(karin, "flytta fönster 1 2026-12-16")
    await bot.drain()
    assert any(
        "**flyttat** till onsdagen den 16/12 2026" in s.text for s in bot.connector.to_user(anders.user_id)
    )
    # The announcement is updated in place with the new date and the question again.
    moved = [u for u in bot.connector.updates if u.conversation_id == anders.conversation_id]
    assert "16/12" in card_text(moved[-1].activity["attachments"][0]["content"])
    # The old card's answer no longer counts.
    stale = await teams.click(anders, action(first, "plan.coming"))
    assert "inte längre öppet" in stale["value"]
    await teams.say(karin, "avboka fönster 1")
    await bot.drain()
    updates = [u for u in bot.connector.updates if u.conversation_id == anders.conversation_id]
    assert "avbokat" in card_text(updates[-1].activity["attachments"][0]["content"])
    async with bot.runtime.engine.connect() as conn:
        kinds = [r.kind for r in (await conn.execute(select(audit).order_by(audit.c.id))).all()]
    assert "window.moved" in kinds
    assert "window.cancelled" in kinds
