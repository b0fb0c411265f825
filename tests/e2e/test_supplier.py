"""The supplier's part of the day through the HTTP endpoint, with the fake Bot Connector: only the
supplier's contact (leverantör on the roster) or an admin starts a round in the supplier channel;
the supplier channel is set only in a team channel; after each summary the supplier decides on the
decision card or in writing, and each decision opens what follows: the Citrix round, the retest
(whose checklist then says the faults are fixed), the all-clear button for the admin, or the abort.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.bootstrap import create_app
from bot.store.tables import audit, channels, decisions, rounds, windows
from tests.conftest import Bot, local_settings
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver, User, action, card_text, find_actions

ROSTER = """name,email,role,areas,client,substitute_name,substitute_email
Karin Lindqvist,karin.lindqvist@kommun.example.se,admin,,,,
Anders Holm,anders.holm@kommun.example.se,tester,ifo,local,Lena Ek,lena.ek@kommun.example.se
Eva Dahl,eva.dahl@kommun.example.se,tester,kir,local,,
Fatima Hassan,fatima.hassan@omsorgspartner.example.se,tester,lc-boende,citrix,,
Lars Leverantör,lars.leverantor@leverantor.example,leverantör,,,,
"""
TEAM, CHANNEL, OTHER = "19:team-it", "19:supplier@thread.tacv2", "19:general@thread.tacv2"


@pytest.fixture
async def sbot(db_url: str, connector: FakeConnector) -> AsyncIterator[Bot]:
    clock = FakeClock(local(2026, 12, 1, 10, 0))
    app = create_app(local_settings(db_url, CHECKIN_TIMEOUT_SECONDS="900"), clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    bot = Bot(client, TeamsDriver(client, connector), connector, clock)
    await bot.import_roster(ROSTER)
    try:
        yield bot
    finally:
        await client.close()


class People:
    def __init__(self, bot: Bot) -> None:
        u = bot.teams.user
        self.karin = u("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
        self.anders = u("Anders Holm", "anders.holm@kommun.example.se")
        self.eva = u("Eva Dahl", "eva.dahl@kommun.example.se")
        self.fatima = u("Fatima Hassan", "fatima.hassan@omsorgspartner.example.se")
        self.lars = u("Lars Leverantör", "lars.leverantor@leverantor.example")


def cards_of(bot: Bot, user: User) -> list[dict[str, Any]]:
    return [s.card for s in bot.connector.to_user(user.user_id) if s.card]


def channel_texts(bot: Bot, conversation: str = CHANNEL) -> list[str]:
    return [s.text for s in bot.connector.to_conversation(conversation) if s.text]


def channel_card(bot: Bot, containing: str) -> tuple[str, dict[str, Any]]:
    """The latest card in the supplier channel containing ``containing``, as it now stands (after
    its updates in place), and its activity id."""
    for sent in reversed(bot.connector.to_conversation(CHANNEL)):
        if sent.card and containing in card_text(sent.card):
            latest = bot.connector.latest(CHANNEL, sent.activity_id)
            card: dict[str, Any] = latest["attachments"][0]["content"]
            return sent.activity_id, card
    raise AssertionError(f"no card with {containing!r} in the supplier channel")


async def in_channel(bot: Bot, user: User, text: str) -> str:
    """``@Servicefönster <text>`` in the supplier channel; the bot's answer there."""
    before = len(channel_texts(bot))
    await bot.teams.channel_say(user, text, TEAM, CHANNEL)
    await bot.drain()
    answers = channel_texts(bot)[before:]
    assert answers, f"no answer to {text!r}"
    return answers[-1]


async def press(
    bot: Bot, user: User, card: dict[str, Any], verb: str, channel: str = CHANNEL, **inputs: str
) -> dict[str, Any]:
    """Press a button of a card in a channel of the team, as Teams sends it (Action.Execute, with
    the team in channelData); the invoke response."""
    button = action(card, verb)
    body = bot.teams.activity(
        user,
        bot.teams.channel(TEAM, channel),
        type="invoke",
        name="adaptiveCard/action",
        value={
            "action": {"type": "Action.Execute", "verb": button["verb"], "data": {**button["data"], **inputs}}
        },
    )
    body["channelData"] = {
        "tenant": {"id": bot.teams.tenant},
        "team": {"id": TEAM},
        "channel": {"id": channel},
    }
    response = await bot.teams.post(body)
    assert response.status == 200, await response.text()
    answered: dict[str, Any] = await response.json()
    await bot.drain()
    return answered


def fill(card: dict[str, Any], *, fail_first: bool = False) -> dict[str, str]:
    """Every case of a checklist passed; with ``fail_first`` the first one failed, with a comment."""
    cases = [
        a["id"][2:] for a in _walk(card) if a.get("type") == "Input.ChoiceSet" and a["id"].startswith("o_")
    ]
    inputs = {f"o_{case}": "pass" for case in cases}
    if fail_first:
        inputs |= {f"o_{cases[0]}": "fail", f"c_{cases[0]}": "SSBTEK svarar inte"}
    return inputs


def _walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for v in node.values():
            found.extend(_walk(v))
    elif isinstance(node, list):
        for item in node:
            found.extend(_walk(item))
    return found


async def rows(bot: Bot, table: Any) -> list[Any]:
    async with bot.runtime.engine.connect() as conn:
        return list((await conn.execute(select(table).order_by(table.c.id))).all())


async def checked_in(bot: Bot) -> People:
    """The supplier channel set, the window of 9 December planned, and at 08:30 everyone in place."""
    p = People(bot)
    for user in (p.karin, p.anders, p.eva, p.fatima):
        await bot.teams.install(user)
    await bot.teams.channel_say(p.karin, "leverantörskanal", TEAM, CHANNEL)
    await bot.teams.say(p.karin, "nytt fönster 2026-12-09 08:30-16:30 ärende SD-4711")
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 8, 30))
    await bot.drain()
    for user in (p.anders, p.eva, p.fatima):
        await bot.teams.click(user, action(cards_of(bot, user)[-1], "checkin.here"))
    bot.clock.set(local(2026, 12, 9, 9, 0))
    await bot.drain()
    return p


async def local_round_answered(bot: Bot, p: People, *, anders_fails: bool) -> None:
    """Lars says the local installation is ready; Anders (one failure if ``anders_fails``) and Eva
    answer, so the summary and the decision card come to the supplier channel."""
    assert "Omgång 1: lokal installation är startad" in await in_channel(bot, p.lars, "lokal klar")
    anders_list = cards_of(bot, p.anders)[-1]
    await bot.teams.click(
        p.anders,
        action(anders_list, "checklist.submit"),
        fill(anders_list, fail_first=anders_fails),
    )
    eva_list = cards_of(bot, p.eva)[-1]
    await bot.teams.click(p.eva, action(eva_list, "checklist.submit"), fill(eva_list))
    await bot.drain()


# --- who may start the rounds, where the supplier channel may be set ----------------------------


async def test_only_the_suppliers_contact_or_an_admin_starts_a_round_in_the_supplier_channel(
    sbot: Bot,
) -> None:
    bot = sbot
    p = await checked_in(bot)
    # A tester in the supplier channel: a polite refusal, in the audit trail, and nothing started.
    refused = await in_channel(bot, p.anders, "lokal klar")
    assert "bara leverantörens kontaktperson eller en systemförvaltare" in refused
    assert await rows(bot, rounds) == []
    [entry] = [a for a in await rows(bot, audit) if a.kind == "command.refused"]
    assert (entry.actor, entry.detail) == (
        "anders.holm@kommun.example.se",
        {"command": "local_ready", "reason": "not_supplier"},
    )
    # The leverantör on the roster: accepted.
    assert "Omgång 1: lokal installation är startad" in await in_channel(bot, p.lars, "lokal klar")
    [r] = await rows(bot, rounds)
    assert r.started_by == "lars.leverantor@leverantor.example"
    # In a personal chat the leverantör is told to write it in the channel, and greeted as the
    # supplier, not as someone missing from the list.
    await bot.teams.install(p.lars)
    await bot.teams.say(p.lars, "citrix klar")
    await bot.teams.say(p.lars, "hej")
    await bot.drain()
    welcome, use_channel, greeting = [s.text for s in bot.connector.to_user(p.lars.user_id)]
    assert welcome == greeting
    assert "Det skriver du i leverantörskanalen: @Servicefönster **citrix klar**" in use_channel
    assert "Du finns i listan som **leverantör**" in greeting
    assert "finns inte i listan" not in greeting
    assert len(await rows(bot, rounds)) == 1


async def test_supplier_channel_is_refused_in_a_group_chat_and_a_move_is_confirmed(sbot: Bot) -> None:
    bot = sbot
    p = People(bot)
    await bot.teams.channel_say(p.karin, "leverantörskanal", TEAM, CHANNEL)
    group = {"id": "19:group-testresurser", "conversationType": "groupChat", "isGroup": True}
    body = bot.teams.activity(p.karin, group, type="message", text="<at>Servicefönster</at> leverantörskanal")
    assert (await bot.teams.post(body)).status == 200
    await bot.drain()
    [answer] = channel_texts(bot, "19:group-testresurser")
    assert "skrivs i en kanal i det team ni delar med IT-leverantören" in answer
    [channel] = await rows(bot, channels)
    assert channel.conversation_id == CHANNEL

    # Another channel of the team: asked first; confirmed, the old channel is told.
    await bot.teams.channel_say(p.karin, "leverantörskanal", TEAM, OTHER)
    await bot.drain()
    [question] = [s.card for s in bot.connector.to_conversation(OTHER) if s.card]
    assert (await rows(bot, channels))[0].conversation_id == CHANNEL
    moved = await press(bot, p.karin, question, "supplier_channel.confirm", OTHER)
    assert "Den här kanalen är nu **leverantörskanal**" in moved["value"]
    again = await press(bot, p.karin, question, "supplier_channel.confirm", OTHER)
    assert "redan leverantörskanal" in again["value"]
    assert (await rows(bot, channels))[0].conversation_id == OTHER
    told = [t for t in channel_texts(bot) if "inte längre leverantörskanal" in t]
    assert len(told) == 1


# --- the decisions --------------------------------------------------------------------------------


async def test_the_suppliers_decisions_open_the_citrix_round_the_retest_and_the_all_clear(  # noqa: PLR0915 - one day, each step on the state the last left
    sbot: Bot,
) -> None:
    bot = sbot
    p = await checked_in(bot)
    await local_round_answered(bot, p, anders_fails=True)
    [summary] = [
        s.card for s in bot.connector.to_conversation(CHANNEL) if "Sammanställning" in card_text(s.card)
    ]
    assert "SSBTEK svarar inte" in card_text(summary)
    card_id, card = channel_card(bot, "Leverantörens beslut: Omgång 1")
    assert [a["title"] for a in find_actions(card)] == [
        "Klartecken – vi startar Citrix",
        "Vi rättar felen",
        "Vi rullar tillbaka",
    ]
    # The Citrix round waits for the local round's klartecken.
    assert "leverantörens klartecken för den lokala installationen saknas" in await in_channel(
        bot, p.lars, "citrix klar"
    )

    # "Vi rättar felen", with a comment: the card shows who decided what and when, the board says
    # the supplier is fixing, and the admin is told.
    bot.clock.set(local(2026, 12, 9, 9, 40))
    answered = await press(bot, p.lars, card, "supplier.fixing", comment="Vi tittar på journalen")
    shown = card_text(answered["value"])
    assert "Vi rättar felen** · Lars Leverantör kl. 09:40" in shown
    assert "Vi tittar på journalen" in shown
    _, card = channel_card(bot, "Leverantörens beslut: Omgång 1")
    assert [a["title"] for a in find_actions(card)] == ["Rättat – testa om", "Vi rullar tillbaka"]
    _, board = channel_card(bot, "Statustavla")
    assert "rättar felen efter Omgång 1: lokal installation (sedan 09:40)" in card_text(board)
    assert any("rättar felen efter Omgång 1" in card_text(c) for c in cards_of(bot, p.karin))

    # "rättat": the admin gets the "Testa om" button; the retest says the faults are fixed.
    bot.clock.set(local(2026, 12, 9, 10, 15))
    assert "Registrerat för Omgång 1: lokal installation: Rättat – testa om." in await in_channel(
        bot, p.lars, "rättat"
    )
    _, card = channel_card(bot, "Leverantörens beslut: Omgång 1")
    assert find_actions(card) == []
    [retest_alert] = [c for c in cards_of(bot, p.karin) if "har rättat felen" in card_text(c)]
    started = await bot.teams.click(p.karin, action(retest_alert, "admin.retest"))
    assert "Omgång 2: omtest, lokal installation är startad" in started["value"], started
    await bot.drain()
    retest = cards_of(bot, p.anders)[-1]
    assert "Omgång 2: omtest, lokal installation" in card_text(retest)
    assert "Leverantören har rättat felen. Testa de här punkterna igen." in card_text(retest)
    await bot.teams.click(p.anders, action(retest, "checklist.submit"), fill(retest))
    await bot.drain()

    # Klartecken after the retest, written: the Citrix round may start.
    go = await in_channel(bot, p.lars, "klartecken Allt ser bra ut")
    assert "Citrix-omgången får starta" in go
    assert "Omgång 3: Citrix är startad" in await in_channel(bot, p.lars, "citrix klar")
    fatima_list = cards_of(bot, p.fatima)[-1]
    await bot.teams.click(p.fatima, action(fatima_list, "checklist.submit"), fill(fatima_list))
    await bot.drain()

    # Klartecken after the Citrix round: the admin gets the all-clear button, and it works.
    _, citrix_card = channel_card(bot, "Leverantörens beslut: Omgång 3")
    assert find_actions(citrix_card)[0]["title"] == "Klartecken – allt OK"
    await press(bot, p.lars, citrix_card, "supplier.go")
    again = await press(bot, p.lars, citrix_card, "supplier.go")  # a second click changes nothing
    assert "Det är redan registrerat" in again["value"]
    [all_clear] = [c for c in cards_of(bot, p.karin) if "gav klartecken för Omgång 3: Citrix" in card_text(c)]
    assert action_of(all_clear, "window.all_clear")
    await bot.teams.click(p.karin, action(all_clear, "window.all_clear"))
    await bot.drain()
    assert "Procapita omsorg är uppe igen" in card_text(cards_of(bot, p.anders)[-1])
    assert (await rows(bot, windows))[0].state == "done"

    said = [(d.kind, d.round_seq, d.client, d.comment, d.actor_name) for d in await rows(bot, decisions)]
    assert said == [
        ("fixing", 1, "local", "Vi tittar på journalen", "Lars Leverantör"),
        ("fixed", 1, "local", "", "Lars Leverantör"),
        ("go", 2, "local", "Allt ser bra ut", "Lars Leverantör"),
        ("go", 3, "citrix", "", "Lars Leverantör"),
    ]
    trail = [a for a in await rows(bot, audit) if a.kind == "supplier.decision"]
    assert [(a.actor, a.detail["kind"], a.detail["round"]) for a in trail] == [
        ("lars.leverantor@leverantor.example", "fixing", 1),
        ("lars.leverantor@leverantor.example", "fixed", 1),
        ("lars.leverantor@leverantor.example", "go", 2),
        ("lars.leverantor@leverantor.example", "go", 3),
    ]
    assert card_id  # the decision card was updated in place, not posted again:
    assert (
        len(
            [
                s
                for s in bot.connector.to_conversation(CHANNEL)
                if "Leverantörens beslut: Omgång 1" in card_text(s.card)
            ]
        )
        == 1
    )


def action_of(card: dict[str, Any], verb: str) -> bool:
    return any((a.get("data") or {}).get("verb") == verb for a in find_actions(card))


async def test_roll_back_records_the_decision_updates_the_card_and_aborts_the_day(sbot: Bot) -> None:
    bot = sbot
    p = await checked_in(bot)
    await local_round_answered(bot, p, anders_fails=True)
    _, card = channel_card(bot, "Leverantörens beslut: Omgång 1")
    await press(bot, p.lars, card, "supplier.rollback", comment="Databasen startar inte")
    [decision] = await rows(bot, decisions)
    assert (decision.kind, decision.round_seq, decision.comment) == ("rollback", 1, "Databasen startar inte")
    _, card = channel_card(bot, "Leverantörens beslut: Omgång 1")
    assert "Vi rullar tillbaka** · Lars Leverantör" in card_text(card)
    assert find_actions(card) == []
    assert (await rows(bot, windows))[0].state == "aborted"
    # A decision after the day is over changes nothing.
    assert "Det pågår inget servicefönster" in await in_channel(bot, p.lars, "klartecken")
    assert len(await rows(bot, decisions)) == 1
