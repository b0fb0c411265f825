"""End to end through the HTTP endpoint: welcome, help, roster identity, refusals, substitutes."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.bootstrap import RUNTIME, create_app
from bot.store import identities
from bot.store.tables import audit, people
from tests.conftest import Bot, local_settings
from tests.fakes.teams import TeamsDriver, card_text

KARIN = ("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
ANDERS = ("Anders Holm", "anders.holm@kommun.example.se")


async def test_installing_gives_a_swedish_welcome_by_name(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    anders = bot.teams.user(*ANDERS)
    await bot.teams.install(anders)
    await bot.teams.install(anders)  # Teams reports installations more than once
    await bot.drain()
    sent = bot.connector.to_user(anders.user_id)
    assert len(sent) == 1
    assert sent[0].text.startswith("Hej Anders! Jag är servicefönster-boten")


async def test_stranger_is_told_whom_to_ask(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    stranger = bot.teams.user("Olle Okänd", "olle@annan.example.se")
    await bot.teams.say(stranger, "hej")
    await bot.drain()
    [reply] = bot.connector.to_user(stranger.user_id)
    assert "Du finns inte i listan över testresurser" in reply.text
    assert "Karin Lindqvist" in reply.text


async def test_help_for_admin_lists_admin_commands_and_tester_does_not_see_them(
    bot: Bot, example_roster: str
) -> None:
    await bot.import_roster(example_roster)
    karin, anders = bot.teams.user(*KARIN), bot.teams.user(*ANDERS)
    await bot.teams.say(karin, "hjälp")
    await bot.teams.say(anders, "hjälp")
    await bot.drain()
    admin_help = card_text(bot.connector.to_user(karin.user_id)[0].card)
    tester_help = card_text(bot.connector.to_user(anders.user_id)[0].card)
    assert "nytt fönster" in admin_help
    assert "starta incheckning" in admin_help
    assert "ersättare" in tester_help
    assert "nytt fönster" not in tester_help
    assert "Som systemförvaltare" not in tester_help


async def test_help_in_english_by_command_word_and_by_locale(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    anders = bot.teams.user(*ANDERS)
    eva = bot.teams.user("Eva Dahl", "eva.dahl@kommun.example.se", locale="en-GB")
    await bot.teams.say(anders, "help")
    await bot.teams.say(eva, "hjälp")
    await bot.drain()
    assert "What you can write to me" in card_text(bot.connector.to_user(anders.user_id)[0].card)
    assert "What you can write to me" in card_text(bot.connector.to_user(eva.user_id)[0].card)


async def test_admin_command_from_tester_is_refused_and_recorded(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    anders = bot.teams.user(*ANDERS)
    await bot.teams.say(anders, "starta incheckning")
    await bot.drain()
    [reply] = bot.connector.to_user(anders.user_id)
    assert "bara en systemförvaltare" in reply.text
    async with bot.runtime.engine.connect() as conn:
        rows = (await conn.execute(select(audit).where(audit.c.kind == "command.refused"))).all()
    assert [(r.actor, r.detail["command"]) for r in rows] == [(ANDERS[1], "start_checkin")]


async def test_bootstrap_admin_from_settings_is_admin(db_url: str, clock, connector) -> None:  # type: ignore[no-untyped-def]
    app = create_app(
        local_settings(db_url, BOT_ADMINS="it.admin@kommun.example.se"), clock, start_worker=False
    )
    async with TestClient(TestServer(app)) as client:
        teams = TeamsDriver(client, connector)
        admin = teams.user("IT Admin", "it.admin@kommun.example.se")
        await teams.say(admin, "hjälp")
        await client.app[RUNTIME].runner.drain()
    assert "Som systemförvaltare" in card_text(connector.to_user(admin.user_id)[0].card)


async def test_substitute_command_registers_and_rejects_bad_input(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    anders = bot.teams.user(*ANDERS)
    await bot.teams.say(anders, "ersättare Lena Ek")
    await bot.teams.say(anders, "ersättare Lena Ek, lena.ek@")
    await bot.teams.say(anders, f"ersättare Anders Holm, {ANDERS[1]}")
    await bot.teams.say(anders, "ersättare Britt Sund, britt.sund@kommun.example.se")
    await bot.drain()
    texts = [s.text for s in bot.connector.to_user(anders.user_id)]
    assert "Skriv namn och e-postadress med kommatecken emellan" in texts[0]
    assert "ingen giltig e-postadress" in texts[1]
    assert "inte vara din egen ersättare" in texts[2]
    assert texts[3] == "Klart: din ersättare är nu Britt Sund (britt.sund@kommun.example.se)."
    async with bot.runtime.engine.connect() as conn:
        row = (await conn.execute(select(people).where(people.c.email == ANDERS[1]))).one()
    assert (row.substitute_name, row.substitute_email) == ("Britt Sund", "britt.sund@kommun.example.se")


async def test_resent_activity_has_one_effect(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    anders = bot.teams.user(*ANDERS)
    await bot.teams.say(anders, "mina uppgifter", activity_id="same-1")
    await bot.teams.say(anders, "mina uppgifter", activity_id="same-1")
    await bot.drain()
    sent = bot.connector.to_user(anders.user_id)
    assert len(sent) == 1
    assert "Anders Holm" in card_text(sent[0].card)


async def test_healthz_reports_database_and_migration(bot: Bot) -> None:
    resp = await bot.client.get("/healthz")
    body = await resp.json()
    assert resp.status == 200
    assert body["status"] == "ok"
    assert body["database"]["reachable"] is True
    assert body["migration"]["current"] == body["migration"]["head"]


async def test_bot_added_to_a_team_learns_its_members_so_substitutes_can_be_reached(bot: Bot, example_roster: str) -> None:
    await bot.import_roster(example_roster)
    karin = bot.teams.user(*KARIN)
    # Lena (Anders' substitute) never wrote to the bot, but she is a member of the team.
    lena = bot.teams.user("Lena Ek", "lena.ek@kommun.example.se")
    await bot.teams.add_to_team(karin, "19:team-omsorg", "19:general@thread.tacv2")
    await bot.drain()
    async with bot.runtime.engine.connect() as conn:
        found = await identities.by_email(conn, "lena.ek@kommun.example.se")
    assert found is not None
    assert found.user_id == lena.user_id
    assert found.service_url == bot.connector.url
    assert found.conversation_id is None
    welcome = bot.connector.to_conversation("19:general@thread.tacv2")
    assert len(welcome) == 1
    assert "leverantörskanal" in welcome[0].text
