"""A whole service-window day through the HTTP endpoint with the fake Bot Connector and a fake
clock: check-in, a silent tester replaced by the substitute, one who cannot come, the local
round with a failure, a re-test, the Citrix round, the summaries and the all-clear."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.bootstrap import create_app
from bot.store.tables import audit, results
from tests.conftest import Bot, local_settings
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver, User, action, card_text, card_title

ROSTER = """name,email,role,areas,client,substitute_name,substitute_email
Karin Lindqvist,karin.lindqvist@kommun.example.se,admin,,,,
Anders Holm,anders.holm@kommun.example.se,tester,ifo,local,Lena Ek,lena.ek@kommun.example.se
Maria Sjöberg,maria.sjoberg@kommun.example.se,tester,voo-sol-lss,local,Per Nyström,per.nystrom@kommun.example.se
Johan Berg,johan.berg@kommun.example.se,tester,voo-avgifter,local,Sara Wikström,sara.wikstrom@kommun.example.se
Eva Dahl,eva.dahl@kommun.example.se,tester,kir,local,Oskar Lund,oskar.lund@kommun.example.se
Fatima Hassan,fatima.hassan@omsorgspartner.example.se,tester,kir,citrix,Nils Åberg,nils.aberg@omsorgspartner.example.se
Sven Leverantör,sven@itleverantor.example.se,leverantör,,,,
"""
TEAM, CHANNEL = "19:team-it", "19:supplier@thread.tacv2"


@pytest.fixture
async def day_bot(db_url: str, connector: FakeConnector) -> AsyncIterator[Bot]:
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


def cards_of(bot: Bot, user: User) -> list[dict[str, Any]]:
    return [s.card for s in bot.connector.to_user(user.user_id) if s.card]


def fill(card: dict[str, Any], outcome: str = "pass", /, **overrides: tuple[str, str]) -> dict[str, str]:
    """Inputs for every case of a checklist card: outcome per case, with overrides by case id."""
    inputs: dict[str, str] = {}
    for element in _walk(card):
        if element.get("type") == "Input.ChoiceSet" and element["id"].startswith("o_"):
            case_id = element["id"][2:]
            value, comment = overrides.get(case_id.replace("-", "_"), (outcome, ""))
            inputs[f"o_{case_id}"] = value
            if comment:
                inputs[f"c_{case_id}"] = comment
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


def case_ids(card: dict[str, Any]) -> list[str]:
    return [
        e["id"][2:] for e in _walk(card) if e.get("type") == "Input.ChoiceSet" and e["id"].startswith("o_")
    ]


async def supplier_go(bot: Bot, supplier: User) -> None:
    """The supplier's klartecken after the latest round, written in the supplier channel."""
    await bot.teams.channel_say(supplier, "klartecken", TEAM, CHANNEL)
    await bot.drain()


async def test_a_whole_day(day_bot: Bot) -> None:  # noqa: PLR0915 - one scenario, each step on the state the last left
    bot, teams = day_bot, day_bot.teams
    karin = teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    anders = teams.user("Anders Holm", "anders.holm@kommun.example.se")
    maria = teams.user("Maria Sjöberg", "maria.sjoberg@kommun.example.se")
    johan = teams.user("Johan Berg", "johan.berg@kommun.example.se")
    eva = teams.user("Eva Dahl", "eva.dahl@kommun.example.se")
    fatima = teams.user("Fatima Hassan", "fatima.hassan@omsorgspartner.example.se", locale="en-US")
    per = teams.user("Per Nyström", "per.nystrom@kommun.example.se")
    sara = teams.user("Sara Wikström", "sara.wikstrom@kommun.example.se")
    sven = teams.user("Sven Leverantör", "sven@itleverantor.example.se")
    everyone = (karin, anders, maria, johan, eva, fatima, per, sara)
    for u in everyone:
        await teams.install(u)
    await teams.channel_say(karin, "leverantörskanal", TEAM, CHANNEL)
    await teams.say(karin, "nytt fönster 2026-12-09 08:30-16:30 ärende SD-4711")
    await bot.drain()
    welcome = {u.user_id: len(bot.connector.to_user(u.user_id)) for u in everyone}

    # 08:29 nothing; 08:30 local: check-in cards to the five test resources.
    bot.clock.set(local(2026, 12, 9, 8, 29))
    await bot.drain()
    assert all(len(bot.connector.to_user(u.user_id)) == welcome[u.user_id] for u in (anders, maria))
    bot.clock.set(local(2026, 12, 9, 8, 30))
    await bot.drain()
    for u in (anders, maria, johan, eva, fatima):
        assert "Jag är på plats" in card_text(cards_of(bot, u)[-1]) or "I'm here" in card_text(
            cards_of(bot, u)[-1]
        )
    assert "I'm here" in card_text(cards_of(bot, fatima)[-1])  # English for an English Teams client

    # Anders, Eva and Fatima are here; Johan can't; Maria is silent.
    for u in (anders, eva, fatima):
        answered = await teams.click(u, action(cards_of(bot, u)[-1], "checkin.here"))
        assert answered["type"] == "application/vnd.microsoft.card.adaptive"
    johan_card = cards_of(bot, johan)[-1]
    answered = await teams.click(johan, action(johan_card, "checkin.cant"))
    assert "Jag frågar din ersättare Sara Wikström" in card_text(answered["value"])
    # Clicking again changes nothing and shows the same answer.
    again = await teams.click(johan, action(johan_card, "checkin.cant"))
    assert again["value"] == answered["value"]
    # Someone else cannot answer Johan's card.
    refused = await teams.click(anders, action(johan_card, "checkin.here"))
    assert "någon annan" in refused["value"]
    await bot.drain()
    sara_card = cards_of(bot, sara)[-1]
    assert "Du är ersättare för Johan Berg" in card_text(sara_card)
    await teams.click(sara, action(sara_card, "checkin.here"))

    # 15 minutes later Maria is assumed absent: her card closes and Per is asked.
    bot.clock.set(local(2026, 12, 9, 8, 45))
    await bot.drain()
    maria_updates = [u for u in bot.connector.updates if u.conversation_id == maria.conversation_id]
    assert "Per Nyström tillfrågades i stället" in card_text(
        maria_updates[-1].activity["attachments"][0]["content"]
    )
    per_card = cards_of(bot, per)[-1]
    await teams.click(per, action(per_card, "checkin.here"))
    # Maria answers late: she is told Per stands in; the admin gets a hand-back button.
    late = await teams.click(maria, action(cards_of(bot, maria)[-1], "checkin.here"))
    assert "Per Nyström står redan för dina områden" in card_text(late["value"])
    await bot.drain()
    assert any("svarade sent" in card_text(c) for c in cards_of(bot, karin))

    # The supplier says the local installation is ready, in the supplier channel.
    await teams.channel_say(sven, "lokal klar", TEAM, CHANNEL)
    await bot.drain()
    checklist = {u.user_id: cards_of(bot, u)[-1] for u in (anders, per, sara, eva)}
    assert "Testlista: Omgång 1: lokal installation" in card_text(checklist[anders.user_id])
    assert not any("Testlista" in card_text(c) for c in cards_of(bot, fatima))  # Citrix only
    assert not any("Testlista" in card_text(c) for c in cards_of(bot, maria))  # Per stands in

    # Anders: one failure; first without a comment (rejected, nothing saved), then with one.
    anders_cases = case_ids(checklist[anders.user_id])
    failing = anders_cases[1]
    rejected = await teams.click(
        anders,
        action(checklist[anders.user_id], "checklist.submit"),
        fill(checklist[anders.user_id], **{failing.replace("-", "_"): ("fail", "")}),
    )
    assert "Skriv en kommentar" in rejected["value"]
    bad_value = await teams.click(
        anders, action(checklist[anders.user_id], "checklist.submit"), {f"o_{failing}": "kanske"}
    )
    assert "inte finns på kortet" in bad_value["value"]
    async with bot.runtime.engine.connect() as conn:
        assert (await conn.execute(select(results))).all() == []
    # Part now, the rest later.
    first_half = {k: v for k, v in fill(checklist[anders.user_id]).items() if k != f"o_{failing}"}
    partial = await teams.click(anders, action(checklist[anders.user_id], "checklist.submit"), first_half)
    assert f"av {len(anders_cases)} punkter" in card_text(partial["value"])
    done = await teams.click(
        anders,
        action(checklist[anders.user_id], "checklist.submit"),
        {f"o_{failing}": "fail", f"c_{failing}": "SSBTEK svarar inte"},
    )
    assert "Alla punkter är rapporterade" in card_text(done["value"])
    for u in (per, sara, eva):
        await teams.click(u, action(checklist[u.user_id], "checklist.submit"), fill(checklist[u.user_id]))
    await bot.drain()
    summaries = [
        s.card
        for s in bot.connector.to_conversation(CHANNEL)
        if s.card and "Sammanställning" in card_text(s.card)
    ]
    assert len(summaries) == 1
    text = card_text(summaries[0])
    assert "❌ 1 fel" in text
    assert "SSBTEK svarar inte" in text
    assert "testat av Anders Holm" in text
    assert text.index("SSBTEK svarar inte") < text.index("VoO lagrum SoL/LSS")  # failures first

    # Retest: only the failed case, to whoever tested it; the old card is closed.
    await teams.say(karin, "testa om")
    await bot.drain()
    retest = cards_of(bot, anders)[-1]
    assert case_ids(retest) == [failing]
    stale = await teams.click(
        anders, action(checklist[anders.user_id], "checklist.submit"), fill(checklist[anders.user_id])
    )
    assert "inte längre öppet" in stale["value"]
    await teams.click(anders, action(retest, "checklist.submit"), fill(retest))
    await bot.drain()
    retest_summary = [
        s.card
        for s in bot.connector.to_conversation(CHANNEL)
        if s.card and "Omgång 2: omtest" in card_text(s.card) and "Sammanställning" in card_text(s.card)
    ]
    assert len(retest_summary) == 1
    assert "Allt godkänt" in card_text(retest_summary[0])

    # Citrix round, after the supplier's go for the local one: Fatima (English) tests KIR.
    await supplier_go(bot, sven)
    await teams.channel_say(sven, "citrix klar", TEAM, CHANNEL)
    await bot.drain()
    fatima_list = cards_of(bot, fatima)[-1]
    assert "Checklist: Round 3: Citrix" in card_text(fatima_list)
    await teams.click(fatima, action(fatima_list, "checklist.submit"), fill(fatima_list))
    await bot.drain()

    # Everything passed and the supplier gives its klartecken after the Citrix round.
    await supplier_go(bot, sven)
    # A tester cannot give the all-clear; the admin can.
    await teams.say(anders, "klart")
    await teams.say(karin, "klart")
    await bot.drain()
    for u in (anders, maria, johan, eva, fatima, per, sara):
        last = cards_of(bot, u)[-1]
        assert "Procapita omsorg är uppe igen" in card_text(
            last
        ) or "Procapita omsorg is up again" in card_text(last)
    advice = card_text(cards_of(bot, anders)[-1])
    assert "spara, uppdatera" in advice
    assert "Starta om programmet" in advice
    assert "ServiceDesk" in advice

    # The board in the supplier channel was posted once and updated in place; its final content:
    boards = [
        s for s in bot.connector.to_conversation(CHANNEL) if s.card and "Statustavla" in card_text(s.card)
    ]
    assert len(boards) == 1
    final = bot.connector.latest(CHANNEL, boards[0].activity_id)
    final_text = card_text(final["attachments"][0]["content"])
    assert "klart, systemet är uppe" in final_text
    assert "**IFO Lagrum SoL/LVU/LVM/FB** · Anders Holm · på plats · R1 ❌ R2 ✅" in final_text
    assert (
        "**VoO lagrum SoL/LSS/Färdtjänst/Riksfärdtjänst** · Per Nyström (ersättare) · ersättare på plats · R1 ✅"
        in final_text
    )
    assert "**VoO avgifter** · Sara Wikström (ersättare) · ersättare på plats · R1 ✅" in final_text
    assert "R3 ✅" in final_text
    board_updates = [u for u in bot.connector.updates if u.activity_id == boards[0].activity_id]
    assert len(board_updates) >= 5

    # Every message each person received, in order (after the welcome):
    def story(u: User) -> list[str]:
        out = []
        for s in bot.connector.to_user(u.user_id)[welcome[u.user_id] :]:
            first_line = card_title(s.card) if s.card else s.text.split(".")[0]
            out.append(first_line)
        return out

    assert story(anders) == [
        "Incheckning: servicefönster onsdagen den 9/12 2026",
        "Testlista: Omgång 1: lokal installation",
        "Testlista: Omgång 2: omtest, lokal installation",
        "Det kommandot kan bara en systemförvaltare använda",
        "Procapita omsorg är uppe igen",
    ]
    assert story(per) == [
        "Incheckning: servicefönster onsdagen den 9/12 2026",
        "Testlista: Omgång 1: lokal installation",
        "Procapita omsorg är uppe igen",
    ]
    assert story(fatima) == [
        "Check-in: service window Wednesday 9 December 2026",
        "Checklist: Round 3: Citrix",
        "Procapita omsorg is up again",
    ]
    assert story(anders)[0] == story(maria)[0]
    async with bot.runtime.engine.connect() as conn:
        kinds = [r.kind for r in (await conn.execute(select(audit).order_by(audit.c.id))).all()]
    for expected in (
        "checkin.started",
        "checkin.tester_cant",
        "checkin.tester_timeout",
        "checkin.sub_here",
        "round.started",
        "checklist.submitted",
        "summary.posted",
        "window.all_clear",
    ):
        assert expected in kinds, expected


async def test_uncovered_area_is_given_to_someone_with_the_button(day_bot: Bot) -> None:
    bot, teams = day_bot, day_bot.teams
    karin = teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    anders = teams.user("Anders Holm", "anders.holm@kommun.example.se")
    eva = teams.user("Eva Dahl", "eva.dahl@kommun.example.se")
    # Anders' substitute Lena is not in Teams: her card cannot be delivered.
    for u in (karin, anders, eva):
        await teams.install(u)
    await teams.say(karin, "nytt fönster 2026-12-09")
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 8, 30))
    await bot.drain()
    await teams.click(anders, action(cards_of(bot, anders)[-1], "checkin.cant"))
    await bot.drain()
    alerts = [c for c in cards_of(bot, karin) if "Ingen testar IFO Lagrum" in card_text(c)]
    assert len(alerts) == 1, [card_text(c)[:80] for c in cards_of(bot, karin)]
    assert "lena.ek@kommun.example.se" in card_text(alerts[0])
    # A tester cannot press the admin's button; a value not on the roster is refused.
    refused = await teams.click(
        anders, action(alerts[0], "admin.assign"), {"person": "eva.dahl@kommun.example.se"}
    )
    assert "bara en systemförvaltare" in refused["value"]
    bad = await teams.click(karin, action(alerts[0], "admin.assign"), {"person": "someone@else.example.se"})
    assert "inte finns på kortet" in bad["value"]
    done = await teams.click(
        karin, action(alerts[0], "admin.assign"), {"person": "eva.dahl@kommun.example.se"}
    )
    assert "IFO Lagrum SoL/LVU/LVM/FB testas nu av Eva Dahl" in card_text(done["value"])
    await bot.drain()
    assert any("gett dig området IFO" in s.text for s in bot.connector.to_user(eva.user_id))
    await teams.say(karin, "status")
    await bot.drain()
    board = card_text(cards_of(bot, karin)[-1])
    assert "**IFO Lagrum SoL/LVU/LVM/FB** · Eva Dahl · tilldelad" in board
    # In the local round Eva gets the IFO checklist too.
    await teams.say(karin, "lokal klar")
    await bot.drain()
    assert "IFO Lagrum" in card_text(cards_of(bot, eva)[-1])


async def test_notice_text_can_be_edited_and_jobs_listed(day_bot: Bot) -> None:
    bot, teams = day_bot, day_bot.teams
    karin = teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    await teams.say(karin, "nytt fönster 2026-12-09")
    await teams.say(
        karin, "meddelandetext Procapita är stängt {veckodag} den {datum} kl. {start}-{slut} ({ärende})."
    )
    await teams.say(karin, "meddelandetext Stängt {dag}")
    await teams.say(karin, "jobb")
    await bot.drain()
    texts = [s.text for s in bot.connector.to_user(karin.user_id) if s.text]
    assert "Procapita är stängt onsdagen den 9/12 kl. 8:30-16.30 ()." in texts[0]
    assert "Okänd platshållare {dag}" in texts[1]
    assert "window_start" in texts[2]
    assert "pending" in texts[2]


async def test_supplier_channel_commands_work_in_any_thread_of_the_channel(day_bot: Bot) -> None:
    bot, teams = day_bot, day_bot.teams
    karin = teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    anders = teams.user("Anders Holm", "anders.holm@kommun.example.se")
    sven = teams.user("Sven Leverantör", "sven@itleverantor.example.se")
    await teams.install(anders)
    # Teams gives each post's thread its own id: "<channel>;messageid=<post>".
    await teams.channel_say(karin, "leverantörskanal", TEAM, f"{CHANNEL};messageid=1001")
    await teams.add_to_team(karin, TEAM, CHANNEL)
    await teams.add_to_team(karin, TEAM, CHANNEL)  # reported twice: one welcome
    await teams.say(karin, "nytt fönster 2026-12-09")
    await bot.drain()
    bot.clock.set(local(2026, 12, 9, 8, 30))
    await bot.drain()
    await teams.click(anders, action(cards_of(bot, anders)[-1], "checkin.here"))
    await teams.channel_say(sven, "lokal klar", TEAM, f"{CHANNEL};messageid=2002")
    await bot.drain()
    replies = [s.text for s in bot.connector.to_conversation(f"{CHANNEL};messageid=2002")]
    assert replies == ["Omgång 1: lokal installation är startad: 1 testlistor skickas."]
    assert "Testlista" in card_text(cards_of(bot, anders)[-1])
    welcomes = [s for s in bot.connector.to_conversation(CHANNEL) if "Jag är servicefönster-boten" in s.text]
    assert len(welcomes) == 1
    # The board goes to the channel itself, not into a thread.
    assert any("Statustavla" in card_text(s.card) for s in bot.connector.to_conversation(CHANNEL) if s.card)
