"""Nothing untested is called passed (issue 11), through the HTTP endpoint with the fake Bot
Connector and the fake clock, on each database: an area whose tester and substitute stayed silent
is *otestat* in the supplier summary, on the board (``status``), in ``rapport`` and in the HTML
report; a case answered *Ej testat* leaves its area *ofullständigt* and the round not passed; a
passing retest while another area still fails is not "allt godkänt"."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.bootstrap import create_app
from bot.report.render import render
from bot.services.report import full_report
from bot.store.tables import audit
from tests.conftest import Bot, local_settings
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver, User, action, card_text

ROSTER = """name,email,role,areas,client,substitute_name,substitute_email
Karin Lindqvist,karin.lindqvist@kommun.example.se,admin,,,,
Anders Holm,anders.holm@kommun.example.se,tester,ifo,local,Lena Ek,lena.ek@kommun.example.se
Maria Sjöberg,maria.sjoberg@kommun.example.se,tester,voo-sol-lss,local,Per Nyström,per.nystrom@kommun.example.se
Eva Dahl,eva.dahl@kommun.example.se,tester,kir,local,Oskar Lund,oskar.lund@kommun.example.se
"""
TEAM, CHANNEL = "19:team-it", "19:supplier@thread.tacv2"
DAY = (2026, 12, 9)
VOO = "VoO lagrum SoL/LSS/Färdtjänst/Riksfärdtjänst"
IFO = "IFO Lagrum SoL/LVU/LVM/FB"


@pytest.fixture
async def vbot(db_url: str, connector: FakeConnector) -> AsyncIterator[Bot]:
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


def _people(bot: Bot) -> dict[str, User]:
    u = bot.teams.user
    return {
        "karin": u("Karin Lindqvist", "karin.lindqvist@kommun.example.se"),
        "anders": u("Anders Holm", "anders.holm@kommun.example.se"),
        "maria": u("Maria Sjöberg", "maria.sjoberg@kommun.example.se"),
        "eva": u("Eva Dahl", "eva.dahl@kommun.example.se"),
        "per": u("Per Nyström", "per.nystrom@kommun.example.se"),
    }


async def _at(bot: Bot, hour: int, minute: int) -> None:
    bot.clock.set(local(*DAY, hour, minute))
    await bot.drain()


def _cards(bot: Bot, user: User) -> list[dict[str, Any]]:
    return [s.card for s in bot.connector.to_user(user.user_id) if s.card]


def _last(bot: Bot, user: User, containing: str) -> dict[str, Any]:
    card: dict[str, Any]
    for card in reversed(_cards(bot, user)):
        if containing in card_text(card):
            return card
    raise AssertionError(f"{user.name} has no card with {containing!r}")


def _walk(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(x for v in node.values() for x in _walk(v))]
    if isinstance(node, list):
        return [x for item in node for x in _walk(item)]
    return []


async def _submit(bot: Bot, user: User, answers: dict[int, tuple[str, str]] | None = None) -> None:
    """Answer the user's latest checklist: everything passes except the cases given by position."""
    card = _last(bot, user, "Testlista")
    ids = [
        e["id"][2:] for e in _walk(card) if e.get("type") == "Input.ChoiceSet" and e["id"].startswith("o_")
    ]
    inputs: dict[str, str] = {}
    for i, case_id in enumerate(ids):
        outcome, comment = (answers or {}).get(i, ("pass", ""))
        inputs[f"o_{case_id}"] = outcome
        if comment:
            inputs[f"c_{case_id}"] = comment
    await bot.teams.click(user, action(card, "checklist.submit"), inputs)
    await bot.drain()


def _summaries(bot: Bot, round_name: str) -> list[str]:
    """The summary of a round in the supplier channel, as it stands now (updated in place)."""
    posted = [
        s
        for s in bot.connector.to_conversation(CHANNEL)
        if s.card and f"Sammanställning: {round_name}" in card_text(s.card)
    ]
    return [
        card_text(bot.connector.latest(CHANNEL, s.activity_id)["attachments"][0]["content"]) for s in posted
    ]


async def _start(bot: Bot, p: dict[str, User], present: tuple[str, ...]) -> None:
    """The day up to the local round: check-in, those in ``present`` are here, the others silent."""
    for user in p.values():
        await bot.teams.install(user)
    await bot.teams.channel_say(p["karin"], "leverantörskanal", TEAM, CHANNEL)
    await bot.teams.say(p["karin"], "nytt fönster 2026-12-09 08:30-16:30 ärende SD-4800")
    await bot.drain()
    await _at(bot, 8, 30)
    for name in present:
        await bot.teams.click(p[name], action(_last(bot, p[name], "Incheckning"), "checkin.here"))
    await bot.drain()


async def _summary_audit(bot: Bot) -> list[dict[str, Any]]:
    async with bot.runtime.engine.connect() as conn:
        rows = (await conn.execute(select(audit).order_by(audit.c.id))).all()
    return [dict(r.detail) for r in rows if r.kind in ("summary.posted", "summary.updated")]


async def _html(bot: Bot) -> str:
    async with bot.runtime.services.uow() as uow:
        window = (await uow.windows.all())[0]
        report = await full_report(uow, window.id, bot.clock.now(), history=False)
    assert report is not None
    return render(report, "html")


async def test_an_area_nobody_tested_is_otestat_in_the_summary_the_board_and_the_reports(vbot: Bot) -> None:
    bot, p = vbot, _people(vbot)
    await _start(bot, p, present=("anders", "eva"))
    # Maria is silent; at 08:45 her substitute Per is asked, and he is silent too.
    await _at(bot, 8, 45)
    assert "Du är ersättare för Maria Sjöberg" in card_text(_last(bot, p["per"], "Incheckning"))
    await _at(bot, 9, 1)
    assert any(f"Ingen testar {VOO}" in card_text(c) for c in _cards(bot, p["karin"]))

    await bot.teams.say(p["karin"], "lokal klar")
    await bot.drain()
    await _submit(bot, p["anders"])
    await _submit(bot, p["eva"])

    # Every checklist sent has its answers: the summary goes out, names the area and is no pass.
    [summary] = _summaries(bot, "Omgång 1: lokal installation")
    assert "Allt godkänt" not in summary
    assert "⏳ Omgången är inte godkänd" in summary
    assert f"➖ **{VOO}**: otestat" in summary
    assert "Ingen testade området" in summary
    assert "Områden: 1 otestat · 2 godkänt" in summary
    assert f"✅ {IFO}: godkänt" in summary
    assert summary.index(VOO) < summary.index(IFO)  # what is open first
    [posted] = await _summary_audit(bot)
    assert (posted["verdict"], posted["passed"], posted["areas"]["untested"]) == ("untested", False, 1)

    await bot.teams.say(p["karin"], "status")
    await bot.drain()
    board = card_text(_cards(bot, p["karin"])[-1])
    assert "➖ Inte godkänt: 1 otestat · 2 godkänt" in board
    assert f"**{VOO}** · ingen · ⚠ ingen · R1 ➖ otestat" in board
    assert f"**{IFO}** · Anders Holm · på plats · R1 ✅" in board

    await bot.teams.say(p["karin"], "rapport")
    await bot.drain()
    report = card_text(_cards(bot, p["karin"])[-1])
    assert "Allt godkänt" not in report
    assert "➖ Inte godkänt: otestade områden" in report
    assert f"➖ **{VOO}** (lokal installation): otestat" in report
    assert "➖ **Omgång 1: lokal installation** – Inte godkänd: 1 otestat · 2 godkänt" in report

    page = await _html(bot)
    header = page.split('<header class="masthead">')[1].split("</header>")[0]
    assert '<div class="verdict tone-untested">' in header
    assert "Inte godkänt: otestade områden" in header
    grid = page.split('<table class="grid">')[1].split("</table>")[0]
    voo = next(row for row in grid.split("<tr>") if "VoO lagrum SoL/" in row)
    assert 'class="cell c-untested"' in voo
    assert "ingen testade" in voo
    assert 'class="cell day c-untested"' in voo
    assert grid.count("<tr>") == 4  # the heading and every area in scope
    said = "Sammanställningen av Omgång 1: lokal installation skickades till leverantören: Inte godkänd: 1 otestat"
    assert said in page


async def test_a_case_answered_ej_testat_leaves_the_area_incomplete_and_the_round_not_passed(
    vbot: Bot,
) -> None:
    bot, p = vbot, _people(vbot)
    await _start(bot, p, present=("anders", "maria", "eva"))
    await bot.teams.say(p["karin"], "lokal klar")
    await bot.drain()
    await _submit(bot, p["anders"], {1: ("untested", "Ingen testklient i dag")})
    await _submit(bot, p["maria"])
    await _submit(bot, p["eva"])

    [summary] = _summaries(bot, "Omgång 1: lokal installation")
    assert "Allt godkänt" not in summary
    assert "⏳ Omgången är inte godkänd" in summary
    assert f"⏳ **{IFO}**: ofullständigt" in summary
    assert "Ej testat: " in summary
    assert "(Ingen testklient i dag)" in summary
    assert "Områden: 1 ofullständigt · 2 godkänt" in summary

    await bot.teams.say(p["karin"], "status")
    await bot.drain()
    board = card_text(_cards(bot, p["karin"])[-1])
    assert f"**{IFO}** · Anders Holm · på plats · R1 ⏳ ofullständigt" in board
    assert "⏳ Inte godkänt: 1 ofullständigt · 2 godkänt" in board

    await bot.teams.say(p["karin"], "rapport")
    await bot.drain()
    report = card_text(_cards(bot, p["karin"])[-1])
    assert "⏳ Inte godkänt: ofullständigt testat" in report
    assert f"⏳ **{IFO}** (lokal installation): ofullständigt" in report


async def test_a_passing_retest_while_another_area_still_fails_is_not_allt_godkant(vbot: Bot) -> None:
    bot, p = vbot, _people(vbot)
    await _start(bot, p, present=("anders", "maria", "eva"))
    await bot.teams.say(p["karin"], "lokal klar")
    await bot.drain()
    await _submit(bot, p["anders"], {2: ("fail", "SSBTEK svarar inte")})
    await _submit(bot, p["maria"])
    await _submit(bot, p["eva"], {0: ("fail", "Sökningen hänger")})
    [first] = _summaries(bot, "Omgång 1: lokal installation")
    assert "❌ 2 fel – omgången är inte godkänd" in first

    # Both failures are retested: IFO passes now, KIR fails again.
    await bot.teams.say(p["karin"], "testa om")
    await bot.drain()
    await _submit(bot, p["anders"])
    await _submit(bot, p["eva"], {0: ("fail", "Hänger fortfarande")})
    [retest] = _summaries(bot, "Omgång 2: omtest, lokal installation")
    assert "Allt godkänt" not in retest
    assert "❌ 1 fel – omgången är inte godkänd" in retest
    assert "Omtestat i den här omgången" in retest
    assert f"✅ **{IFO}** – " in retest  # the retested case that passed
    assert "Hänger fortfarande (testat av Eva Dahl)" in retest
    assert "Läget för lokal installation efter omgången" in retest
    assert f"✅ {IFO}: godkänt" in retest
    assert retest.index("Omtestat") < retest.index("Läget för") < retest.index("**KIR**: fel")

    await bot.teams.say(p["karin"], "status")
    await bot.drain()
    board = card_text(_cards(bot, p["karin"])[-1])
    assert f"**{IFO}** · Anders Holm · på plats · R1 ❌ R2 ✅" in board
    assert "**KIR** · Eva Dahl · på plats · R1 ❌ R2 ❌" in board
    assert "❌ Inte godkänt: 1 fel · 2 godkänt" in board
