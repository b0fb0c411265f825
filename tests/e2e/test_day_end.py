"""How a day ends when it does not end well, through the HTTP endpoint with the fake Bot Connector
and a real SMTP server: the all-clear held back while anything is open and sent anyway only with a
written reason; the update failing and the day aborted; the day running longer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.bootstrap import create_app
from bot.services.mail import import_managers
from bot.store.tables import audit, jobs, windows
from tests.conftest import ROOT, Bot, local_settings
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.smtp import SmtpServer
from tests.fakes.teams import TeamsDriver, User, action, card_text, card_title

ROSTER = """name,email,role,areas,client,substitute_name,substitute_email
Karin Lindqvist,karin.lindqvist@kommun.example.se,admin,,,,
Anders Holm,anders.holm@kommun.example.se,tester,ifo,local,Lena Ek,lena.ek@kommun.example.se
Maria Sjöberg,maria.sjoberg@kommun.example.se,tester,voo-sol-lss,local,Per Nyström,per.nystrom@kommun.example.se
Eva Dahl,eva.dahl@kommun.example.se,tester,kir,local,,
Fatima Hassan,fatima.hassan@omsorgspartner.example.se,tester,kir,citrix,Nils Åberg,nils.aberg@omsorgspartner.example.se
"""
TEAM, CHANNEL = "19:team-it", "19:supplier@thread.tacv2"
MANAGERS = {"birgitta.soder@omsorgspartner.example.se", "hassan.ali@hemtjanstnord.example.se"}
REASON = "Verksamheten behöver systemet; VoO testas i morgon bitti"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def end_bot(db_url: str, connector: FakeConnector, smtp: SmtpServer) -> AsyncIterator[Bot]:
    clock = FakeClock(local(2026, 12, 1, 10, 0))
    settings = local_settings(
        db_url,
        CHECKIN_TIMEOUT_SECONDS="900",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp.port),
        SMTP_STARTTLS="0",
        SMTP_FROM="servicefonster@kommun.example.se",
    )
    app = create_app(settings, clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    bot = Bot(client, TeamsDriver(client, connector), connector, clock)
    await bot.import_roster(ROSTER)
    managers = (ROOT / "examples" / "managers.csv").read_text()
    assert await import_managers(bot.runtime.services.uow, managers, clock.now(), "test") == []
    try:
        yield bot
    finally:
        await client.close()


class People:
    def __init__(self, bot: Bot) -> None:
        u = bot.teams.user
        self.karin = u("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
        self.anders = u("Anders Holm", "anders.holm@kommun.example.se")
        self.maria = u("Maria Sjöberg", "maria.sjoberg@kommun.example.se")
        self.eva = u("Eva Dahl", "eva.dahl@kommun.example.se")
        self.fatima = u("Fatima Hassan", "fatima.hassan@omsorgspartner.example.se", locale="en-US")
        self.per = u("Per Nyström", "per.nystrom@kommun.example.se")

    @property
    def testers(self) -> tuple[User, ...]:
        return (self.anders, self.maria, self.eva, self.fatima)

    @property
    def told(self) -> tuple[User, ...]:
        """Everyone the day involves when Maria was silent: the testers and Per, her substitute."""
        return (*self.testers, self.per)


def cards_of(bot: Bot, user: User) -> list[dict[str, Any]]:
    return [s.card for s in bot.connector.to_user(user.user_id) if s.card]


def texts_of(bot: Bot, user: User) -> list[str]:
    return [s.text for s in bot.connector.to_user(user.user_id) if s.text]


async def _day_under_way(bot: Bot) -> People:
    """The window of 9 December (SD-4711) at 08:30: Anders, Eva and Fatima check in; Maria is
    silent and at 08:45 Per is asked; at 09:00 the local installation is ready (Karin says so for
    the supplier: who may speak for the supplier in its channel is not this test's subject)."""
    p = People(bot)
    for user in (p.karin, *p.told):
        await bot.teams.install(user)
    await bot.teams.channel_say(p.karin, "leverantörskanal", TEAM, CHANNEL)
    await bot.teams.say(p.karin, "nytt fönster 2026-12-09 08:30-16:30 ärende SD-4711")
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 8, 30))
    await bot.drain()
    for user in (p.anders, p.eva, p.fatima):
        await bot.teams.click(user, action(cards_of(bot, user)[-1], "checkin.here"))
    bot.clock.set(local(2026, 12, 9, 8, 45))
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 9, 0))
    await bot.teams.say(p.karin, "lokal klar")
    await bot.drain()
    return p


def _outgoing(bot: Bot) -> tuple[int, int]:
    """How much the bot has sent so far: Teams activities (new and updated)."""
    return len(bot.connector.sent), len(bot.connector.updates)


async def _audit(bot: Bot, kind: str) -> list[Any]:
    async with bot.runtime.engine.connect() as conn:
        return list((await conn.execute(select(audit).where(audit.c.kind == kind))).all())


async def _window(bot: Bot) -> Any:
    async with bot.runtime.engine.connect() as conn:
        return (await conn.execute(select(windows))).one()


async def test_the_all_clear_is_held_back_while_an_area_is_uncovered_then_sent_with_a_reason(
    end_bot: Bot, smtp: SmtpServer
) -> None:
    bot = end_bot
    p = await _day_under_way(bot)
    # 09:00 Per has not answered either: VoO lagrum SoL/LSS is uncovered. Anders and Eva pass all.
    bot.clock.set(local(2026, 12, 9, 9, 15))
    await bot.drain()
    for user in (p.anders, p.eva):
        checklist = cards_of(bot, user)[-1]
        inputs = {i["id"]: "pass" for i in _inputs(checklist) if i["id"].startswith("o_")}
        await bot.teams.click(user, action(checklist, "checklist.submit"), inputs)
    await bot.drain()
    sent_before, mails_before = _outgoing(bot), len(smtp.inbox.messages)

    await bot.teams.say(p.karin, "klart")
    await bot.drain()

    refused = cards_of(bot, p.karin)[-1]
    assert card_title(refused) == "Klartecknet är inte skickat"
    listing = card_text(refused)
    assert "- VoO lagrum SoL/LSS/Färdtjänst/Riksfärdtjänst (lokal installation): otestat" in listing
    assert "- KIR (Citrix): otestat" in listing
    assert "- leverantörens klartecken saknas" in listing
    assert "IFO Lagrum SoL/LVU/LVM/FB (lokal installation)" not in listing  # it passed
    # Nothing went to anyone but Karin: no tester, no channel, no manager.
    assert [s.conversation_id for s in bot.connector.sent[sent_before[0] :]] == [p.karin.conversation_id]
    assert _outgoing(bot)[1] == sent_before[1]
    assert len(smtp.inbox.messages) == mails_before
    assert (await _window(bot)).state == "testing"
    assert await _audit(bot, "window.all_clear") == []

    # The button without a reason: refused in Swedish, still nothing sent.
    empty = await bot.teams.click(p.karin, action(refused, "window.all_clear_override"), {"reason": "  "})
    assert "Skriv en orsak" in empty["value"]
    await bot.drain()
    assert [s.conversation_id for s in bot.connector.sent[sent_before[0] :]] == [p.karin.conversation_id]
    assert len(smtp.inbox.messages) == mails_before

    # With a reason: it goes out, and says what is known to be wrong and why.
    done = await bot.teams.click(p.karin, action(refused, "window.all_clear_override"), {"reason": REASON})
    assert "Klartecknet är skickat till 5 personer" in card_text(done["value"])
    await bot.drain()
    known = (
        "Kända fel: VoO lagrum SoL/LSS/Färdtjänst/Riksfärdtjänst (lokal installation): otestat; "
        "KIR (Citrix): otestat; leverantörens klartecken saknas"
    )
    for user in (p.anders, p.maria, p.eva, p.per):
        text = card_text(cards_of(bot, user)[-1])
        assert "Procapita omsorg är uppe igen" in text
        assert known in text
        assert f"Orsak: {REASON}" in text
    assert "Known faults: VoO lagrum" in card_text(cards_of(bot, p.fatima)[-1])
    mails = smtp.inbox.messages[mails_before:]
    assert {m["To"] for m in mails} == MANAGERS
    for mail in mails:
        assert mail["Subject"] == "SD-4711: Procapita omsorg är uppe igen"
        body = mail.get_content()
        assert known in body
        assert f"Orsak: {REASON}" in body
    [entry] = await _audit(bot, "window.all_clear")
    assert entry.actor == "karin.lindqvist@kommun.example.se"
    assert entry.detail == {
        "told": 5,
        "override": REASON,
        "open": [
            {"client": "local", "area": "voo-sol-lss", "status": "untested"},
            {"client": "citrix", "area": "kir", "status": "untested"},
        ],
        "go_missing": True,
    }
    assert (await _window(bot)).state == "done"


def _inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


async def test_a_failed_update_aborts_the_day_and_everyone_hears_it(end_bot: Bot, smtp: SmtpServer) -> None:
    bot = end_bot
    p = await _day_under_way(bot)
    bot.clock.set(local(2026, 12, 9, 9, 10))
    mails_before = len(smtp.inbox.messages)
    assert any("Testlista" in card_text(c) for c in cards_of(bot, p.anders))

    await bot.teams.say(p.karin, "avbryt fönster 15:00 Uppdateringen misslyckades")
    await bot.drain()

    assert (
        "Servicefönstret onsdagen den 9/12 2026 är avbrutet och 5 personer har fått veta"
        in texts_of(bot, p.karin)[-1]
    )
    for user in p.told:
        card = cards_of(bot, user)[-1]
        text = card_text(card)
        if user is p.fatima:
            assert card_title(card) == "The service window is aborted"
            assert "Expected to be ready at 15:00." in text
            continue
        assert card_title(card) == "Servicefönstret är avbrutet"
        assert "förblir stängt eller återställs till den tidigare versionen" in text
        assert "Beräknat klart kl. 15:00." in text
        assert "Orsak: Uppdateringen misslyckades" in text
    channel = [s.card for s in bot.connector.to_conversation(CHANNEL) if s.card]
    assert any(card_title(c) == "Servicefönstret är avbrutet" for c in channel)
    mails = smtp.inbox.messages[mails_before:]
    assert {m["To"] for m in mails} == MANAGERS
    for mail in mails:
        assert mail["Subject"] == "SD-4711: Procapita omsorg: servicefönstret är avbrutet"
        assert "Beräknat klart kl. 15:00." in mail.get_content()
    assert (await _window(bot)).state == "aborted"
    [entry] = await _audit(bot, "window.aborted")
    assert entry.detail == {"reason": "Uppdateringen misslyckades", "expected": "15:00", "told": 5}
    async with bot.runtime.engine.connect() as conn:
        pending = (await conn.execute(select(jobs.c.kind).where(jobs.c.state == "pending"))).scalars().all()
    assert [k for k in pending if k != "deliver"] == []

    # The checklist reminders (due 09:30) and the admin's alert (10:00) never come.
    settled, mails_after = _outgoing(bot), len(smtp.inbox.messages)
    bot.clock.set(local(2026, 12, 9, 12, 0))
    await bot.drain()
    assert _outgoing(bot) == settled
    assert len(smtp.inbox.messages) == mails_after
    late = await bot.teams.click(
        p.eva, action(cards_of(bot, p.eva)[-2], "checklist.submit"), {"o_kir-login": "pass"}
    )
    assert "inte längre öppet" in late["value"]

    # A second abort changes nothing, and says so; the list of windows says "avbrutet"; the
    # aborted window is neither under way nor planned (check-in cannot start it again).
    await bot.teams.say(p.karin, "avbryt fönster")
    await bot.drain()
    assert "redan avbrutet. Inget har ändrats." in texts_of(bot, p.karin)[-1]
    await bot.teams.say(p.karin, "starta incheckning")
    await bot.drain()
    assert "Det finns inget planerat fönster" in texts_of(bot, p.karin)[-1]
    await bot.teams.say(p.karin, "fönster")
    await bot.drain()
    assert "avbrutet, systemet är stängt" in card_text(cards_of(bot, p.karin)[-1])
    assert len(await _audit(bot, "window.aborted")) == 1
    assert len(smtp.inbox.messages) == mails_after


async def test_the_day_is_extended_and_the_same_people_hear_it(end_bot: Bot, smtp: SmtpServer) -> None:
    bot = end_bot
    p = People(bot)
    await bot.teams.say(p.karin, "förläng fönster 18:00")  # nothing under way yet
    await bot.drain()
    assert "inget pågående servicefönster i dag att förlänga" in texts_of(bot, p.karin)[-1]
    p = await _day_under_way(bot)
    bot.clock.set(local(2026, 12, 9, 15, 10))
    await bot.drain()  # the checklist reminders and the admin's alert of the morning
    sent_before, mails_before = _outgoing(bot), len(smtp.inbox.messages)

    for bad, answer in (
        ("förläng fönster", "Skriv den nya sluttiden"),
        ("förläng fönster 25:00", '"25:00" är ingen giltig tid'),
        ("förläng fönster kväll", '"kväll" är ingen giltig tid'),
        ("förläng fönster 15:00", "senare än fönstrets start (kl. 08:30) och än klockan nu (kl. 15:10)"),
        ("förläng fönster 16:30", "slutar redan kl. 16:30"),
    ):
        await bot.teams.say(p.karin, bad)
        await bot.drain()
        assert answer in texts_of(bot, p.karin)[-1], bad
    assert [s.conversation_id for s in bot.connector.sent[sent_before[0] :]] == [p.karin.conversation_id] * 5
    assert len(smtp.inbox.messages) == mails_before
    assert (await _window(bot)).end_local == "16:30"

    await bot.teams.say(p.karin, "förläng fönster 18:00")
    await bot.drain()

    assert texts_of(bot, p.karin)[-1] == (
        "Servicefönstret onsdagen den 9/12 2026 slutar nu kl. 18:00. 5 personer har fått veta."
    )
    for user in p.told:
        said = texts_of(bot, user)[-1]
        assert ("kl. 18:00 i stället för kl. 16:30" in said) or ("at 18:00 instead of 16:30" in said), said
    assert any("kl. 18:00 i stället för kl. 16:30" in s.text for s in bot.connector.to_conversation(CHANNEL))
    mails = smtp.inbox.messages[mails_before:]
    assert {m["To"] for m in mails} == MANAGERS
    assert {m["Subject"] for m in mails} == {
        "SD-4711: Procapita omsorg: servicefönstret förlängs till kl. 18:00"
    }
    window = await _window(bot)
    assert (window.state, window.end_local) == ("testing", "18:00")
    assert window.ends_at.hour == 17  # 18:00 in Stockholm in winter
    [entry] = await _audit(bot, "window.extended")
    assert entry.detail == {"from": "16:30", "to": "18:00", "told": 5}
