"""Two whole service-window days played through the HTTP endpoint, for the report tests.

Like ``test_day.py`` (whose flow this follows) but with the clock moving as on a real day, so that the
report's timeline and timings mean something:

- 2026-11-18 (SD-4690): Anders said in advance he can't, his substitute Lena tests IFO; Fatima is silent
  and her substitute Nils stands in; a VoO avgifter case fails locally and passes at the retest; a
  LifeCare Avvikelser case fails in Citrix and passes at the second retest.
- 2026-12-09 (SD-4711): Johan said he can't (Sara stands in), Maria is silent (Per stands in), two
  failures in the local round pass at the retest, the Citrix round has one item not tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.windows import Window
from bot.store import windows as store
from tests.conftest import Bot
from tests.fakes.clock import local
from tests.fakes.teams import User, action, card_text

TEAM, CHANNEL = "19:team-it", "19:supplier@thread.tacv2"


@dataclass
class Cast:
    karin: User
    anders: User
    maria: User
    johan: User
    eva: User
    fatima: User
    lena: User
    per: User
    sara: User
    nils: User
    sven: User  # a colleague at the supplier, not on the roster: may not start a round
    lars: User  # the supplier's contact, on the roster as leverantör

    @property
    def everyone(self) -> tuple[User, ...]:
        return (
            self.karin,
            self.anders,
            self.maria,
            self.johan,
            self.eva,
            self.fatima,
            self.lena,
            self.per,
            self.sara,
            self.nils,
        )


async def cast(bot: Bot, example_roster: str) -> Cast:
    await bot.import_roster(example_roster)
    u = bot.teams.user
    c = Cast(
        karin=u("Karin Lindqvist", "karin.lindqvist@kommun.example.se"),
        anders=u("Anders Holm", "anders.holm@kommun.example.se"),
        maria=u("Maria Sjöberg", "maria.sjoberg@kommun.example.se"),
        johan=u("Johan Berg", "johan.berg@kommun.example.se"),
        eva=u("Eva Dahl", "eva.dahl@kommun.example.se"),
        fatima=u("Fatima Hassan", "fatima.hassan@omsorgspartner.example.se", locale="en-US"),
        lena=u("Lena Ek", "lena.ek@kommun.example.se"),
        per=u("Per Nyström", "per.nystrom@kommun.example.se"),
        sara=u("Sara Wikström", "sara.wikstrom@kommun.example.se"),
        nils=u("Nils Åberg", "nils.aberg@omsorgspartner.example.se"),
        sven=u("Sven Leverantör", "sven@itleverantor.example.se"),
        lars=u("Lars Leverantör", "lars.leverantor@leverantor.example"),
    )
    for person in c.everyone:
        await bot.teams.install(person)
    await bot.teams.channel_say(c.karin, "leverantörskanal", TEAM, CHANNEL)
    await bot.drain()
    return c


def cards_of(bot: Bot, user: User) -> list[dict[str, Any]]:
    return [s.card for s in bot.connector.to_user(user.user_id) if s.card]


def last_card(bot: Bot, user: User, containing: str) -> dict[str, Any]:
    card: dict[str, Any]  # mypy infers Any for reversed() of a list of dict[str, Any]
    for card in reversed(cards_of(bot, user)):
        if containing in card_text(card):
            return card
    raise AssertionError(f"{user.name} has no card with {containing!r}")


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


async def at(bot: Bot, day: tuple[int, int, int], hour: int, minute: int) -> None:
    bot.clock.set(local(*day, hour, minute))
    await bot.drain()


async def submit(
    bot: Bot, user: User, *, fail: dict[str, str] | None = None, untested: dict[str, str] | None = None
) -> dict[str, Any]:
    """Answer the user's latest checklist: everything passes except the cases named (by id)."""
    card = (
        last_card(bot, user, "Testlista")
        if user.locale.startswith("sv")
        else last_card(bot, user, "Checklist")
    )
    inputs: dict[str, str] = {}
    for case_id in case_ids(card):
        if fail and case_id in fail:
            inputs[f"o_{case_id}"], inputs[f"c_{case_id}"] = "fail", fail[case_id]
        elif untested and case_id in untested:
            inputs[f"o_{case_id}"], inputs[f"c_{case_id}"] = "untested", untested[case_id]
        else:
            inputs[f"o_{case_id}"] = "pass"
    result = await bot.teams.click(user, action(card, "checklist.submit"), inputs)
    await bot.drain()
    return result


async def here(bot: Bot, user: User) -> None:
    await bot.teams.click(
        user,
        action(
            last_card(bot, user, "ncheckning")
            if user.locale.startswith("sv")
            else last_card(bot, user, "Check-in"),
            "checkin.here",
        ),
    )
    await bot.drain()


async def cant_in_advance(bot: Bot, user: User, sub_name: str, sub_email: str) -> None:
    card = next(
        c
        for c in reversed(cards_of(bot, user))
        if any(
            a.get("verb") == "plan.cant" or (a.get("data") or {}).get("verb") == "plan.cant" for a in _walk(c)
        )
    )
    await bot.teams.click(user, action(card, "plan.cant"), {"sub_name": sub_name, "sub_email": sub_email})
    await bot.drain()


async def coming(bot: Bot, user: User) -> None:
    card = next(
        c
        for c in reversed(cards_of(bot, user))
        if any(
            a.get("verb") == "plan.coming" or (a.get("data") or {}).get("verb") == "plan.coming"
            for a in _walk(c)
        )
    )
    await bot.teams.click(user, action(card, "plan.coming"))
    await bot.drain()


async def say(bot: Bot, user: User, text: str) -> None:
    await bot.teams.say(user, text)
    await bot.drain()


async def supplier(bot: Bot, c: Cast, text: str) -> None:
    await bot.teams.channel_say(c.lars, text, TEAM, CHANNEL)
    await bot.drain()


async def supplier_go(bot: Bot, c: Cast) -> None:
    """The supplier's klartecken after the day's last round, written in the supplier channel."""
    await supplier(bot, c, "klartecken")


async def all_clear(bot: Bot, c: Cast, reason: str | None = None) -> None:
    """``klart``; with ``reason``, refused for what is open and sent anyway with the reason."""
    await say(bot, c.karin, "klart")
    if reason is not None:
        refused = last_card(bot, c.karin, "Klartecknet är inte skickat")
        await bot.teams.click(c.karin, action(refused, "window.all_clear_override"), {"reason": reason})
        await bot.drain()


EARLIER = (2026, 11, 18)
MAIN = (2026, 12, 9)


async def earlier_day(bot: Bot, c: Cast) -> None:
    await at(bot, (2026, 11, 10), 10, 0)
    await say(bot, c.karin, "nytt fönster 2026-11-18 08:30-16:30 ärende SD-4690")
    await say(bot, c.karin, "meddela")
    await cant_in_advance(bot, c.anders, "Lena Ek", "lena.ek@kommun.example.se")
    for person in (c.maria, c.johan, c.eva):
        await coming(bot, person)
    await at(bot, (2026, 11, 15), 9, 0)  # the reminder to those who have not answered
    await at(bot, EARLIER, 8, 30)
    await at(bot, EARLIER, 8, 33)
    await here(bot, c.lena)
    for person, minute in ((c.maria, 35), (c.johan, 37), (c.eva, 39)):
        await at(bot, EARLIER, 8, minute)
        await here(bot, person)
    await at(bot, EARLIER, 8, 45)  # Fatima is silent: Nils is asked
    await at(bot, EARLIER, 8, 50)
    await here(bot, c.nils)
    await at(bot, EARLIER, 9, 15)
    await supplier(bot, c, "lokal klar")
    await at(bot, EARLIER, 9, 35)
    await submit(bot, c.maria)
    await at(bot, EARLIER, 9, 41)
    await submit(
        bot, c.johan, fail={"voo-avgifter-forsakringskassan": "Inga uppgifter hämtas från Försäkringskassan"}
    )
    await at(bot, EARLIER, 9, 50)
    await submit(bot, c.lena)
    await at(bot, EARLIER, 9, 52)
    await submit(bot, c.eva)
    await at(bot, EARLIER, 10, 30)
    await say(bot, c.karin, "testa om")
    await at(bot, EARLIER, 10, 44)
    await submit(bot, c.johan)
    await at(bot, EARLIER, 10, 50)
    await supplier_go(bot, c)  # on the local installation: the Citrix round may start
    await supplier(bot, c, "citrix klar")
    await at(bot, EARLIER, 11, 10)
    await submit(
        bot, c.nils, fail={"lc-avvikelser-login": "Inloggningen via Citrix avbryts efter 30 sekunder"}
    )
    await at(bot, EARLIER, 11, 15)
    await submit(bot, c.eva)
    await at(bot, EARLIER, 11, 30)
    await say(bot, c.karin, "testa om")
    await at(bot, EARLIER, 11, 50)
    await submit(bot, c.nils)
    await supplier_go(bot, c)
    await at(bot, EARLIER, 12, 0)
    await all_clear(bot, c)


async def main_day(bot: Bot, c: Cast) -> int:
    """The window of 2026-12-09; returns its id."""
    await at(bot, (2026, 11, 25), 10, 0)
    await say(bot, c.karin, "nytt fönster 2026-12-09 08:30-16:30 ärende SD-4711")
    await say(bot, c.karin, "meddela")
    await coming(bot, c.anders)
    await cant_in_advance(bot, c.johan, "Sara Wikström", "sara.wikstrom@kommun.example.se")
    await coming(bot, c.eva)
    await at(bot, (2026, 11, 29), 9, 0)  # the admin is reminded of the user notice
    await at(bot, (2026, 12, 6), 9, 0)  # the reminder to those who have not answered
    await at(bot, MAIN, 8, 30)
    for person, minute in ((c.anders, 34), (c.eva, 36), (c.sara, 38), (c.fatima, 41)):
        await at(bot, MAIN, 8, minute)
        await here(bot, person)
    await at(bot, MAIN, 8, 45)  # Maria is silent: Per is asked
    await at(bot, MAIN, 8, 52)
    await here(bot, c.per)
    await at(bot, MAIN, 9, 40)
    await bot.teams.channel_say(c.sven, "lokal klar", TEAM, CHANNEL)  # not on the roster: refused
    await supplier(bot, c, "lokal klar")
    await at(bot, MAIN, 9, 58)
    await submit(bot, c.eva)
    await at(bot, MAIN, 10, 5)
    await submit(bot, c.per)
    await at(bot, MAIN, 10, 12)
    await submit(
        bot, c.sara, fail={"voo-avgifter-forsakringskassan": "Hämtningen från Försäkringskassan ger timeout"}
    )
    await at(bot, MAIN, 10, 20)
    await submit(bot, c.anders, fail={"ifo-ssbtek": "SSBTEK svarar inte | 503 från tjänsten"})
    await at(bot, MAIN, 11, 10)
    await say(bot, c.karin, "testa om")
    await at(bot, MAIN, 11, 25)
    await submit(bot, c.anders)
    await at(bot, MAIN, 11, 31)
    await submit(bot, c.sara)
    await at(bot, MAIN, 11, 40)
    await supplier_go(bot, c)  # on the local installation: the Citrix round may start
    await supplier(bot, c, "citrix klar")
    await at(bot, MAIN, 12, 5)
    await submit(bot, c.fatima, untested={"lc-boende-ko": "The queue was empty, nothing to check"})
    await at(bot, MAIN, 12, 10)
    await submit(bot, c.eva)
    await supplier_go(bot, c)
    await at(bot, MAIN, 12, 20)
    # One Citrix item was not tested: the all-clear goes out anyway, with the reason.
    await all_clear(bot, c, "Kön i LifeCare Boende var tom; kontrolleras i morgon")
    await at(bot, MAIN, 12, 25)
    windows = [w for w in await _windows(bot) if w.day.isoformat() == "2026-12-09"]
    return windows[0].id


async def _windows(bot: Bot) -> list[Window]:
    async with bot.runtime.engine.connect() as conn:
        return await store.list_windows(conn)
