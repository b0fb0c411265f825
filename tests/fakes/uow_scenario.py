"""The service-window day the handlers' unit tests play: a roster, a small test template, the
window on 9 December 2026 (08:30-16:30) and the admin starting check-in at 08:30.

    Anders Holm      ifo          local   substitute Lena Ek
    Maria Sjöberg    voo-sol-lss  local   substitute Per Nyström
    Eva Dahl         kir          local   no substitute
    Fatima Hassan    kir          citrix  substitute Nils Åberg (English Teams)
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from bot.domain.people import Client, Person, Role, Substitute
from bot.services.templates import TEMPLATE_KEY
from tests.fakes.clock import local
from tests.fakes.uow_db import Row
from tests.fakes.uow_harness import FakeBot, FakeUser

DAY = dt.date(2026, 12, 9)
CHECKIN_AT = local(2026, 12, 9, 8, 30)
TIMEOUT = dt.timedelta(seconds=900)
REMINDER = dt.timedelta(seconds=1800)
KARIN = "karin.lindqvist@kommun.example.se"
ANDERS = "anders.holm@kommun.example.se"
MARIA = "maria.sjoberg@kommun.example.se"
EVA = "eva.dahl@kommun.example.se"
FATIMA = "fatima.hassan@omsorgspartner.example.se"
LENA = "lena.ek@kommun.example.se"
PER = "per.nystrom@kommun.example.se"
NILS = "nils.aberg@omsorgspartner.example.se"
TESTERS = (ANDERS, MARIA, EVA, FATIMA)

LOCAL, CITRIX = frozenset({Client.LOCAL}), frozenset({Client.CITRIX})
ROSTER = [
    Person(KARIN, "Karin Lindqvist", Role.ADMIN),
    Person(ANDERS, "Anders Holm", Role.TESTER, frozenset({"ifo"}), LOCAL, Substitute("Lena Ek", LENA)),
    Person(
        MARIA, "Maria Sjöberg", Role.TESTER, frozenset({"voo-sol-lss"}), LOCAL, Substitute("Per Nyström", PER)
    ),
    Person(EVA, "Eva Dahl", Role.TESTER, frozenset({"kir"}), LOCAL),
    Person(FATIMA, "Fatima Hassan", Role.TESTER, frozenset({"kir"}), CITRIX, Substitute("Nils Åberg", NILS)),
]
TEMPLATE: dict[str, Any] = {
    "version": 1,
    "name": "Enhetstestmall",
    "areas": {
        "ifo": [
            {"id": "ifo-login", "title": "Logga in i IFO"},
            {"id": "ifo-journal", "title": "Öppna en journal", "hint": "Kommunens testperson"},
        ],
        "voo-sol-lss": [{"id": "voo-login", "title": "Logga in i VoO"}],
        "kir": [
            {"id": "kir-login", "title": "Logga in i KIR"},
            {"id": "kir-sok", "title": "Sök en person"},
            {"id": "kir-omstart", "title": "Starta om KIR"},
        ],
    },
}


@dataclass
class Day:
    bot: FakeBot
    window_id: int
    karin: FakeUser
    anders: FakeUser
    maria: FakeUser
    eva: FakeUser
    fatima: FakeUser
    per: FakeUser
    lena: FakeUser

    def pid(self, email: str) -> int:
        return int(self.bot.participant(email).id)

    def window(self) -> Row:
        row = self.bot.db.get("windows", self.window_id)
        assert row is not None
        return row

    def checkin_key(self, email: str, stage: str = "tester") -> str:
        """The outbox key of someone's check-in card (``checkin:<window>:<participant>:<stage>``)."""
        return f"checkin:{self.window_id}:{self.pid(email)}:{stage}"

    def timeout_key(self, email: str, stage: str = "tester") -> str:
        return f"checkin_timeout:{self.window_id}:{self.pid(email)}:{stage}"


def extra_tester(n: int) -> Person:
    return Person(f"testare{n}@kommun.example.se", f"Testare {n}", Role.TESTER, frozenset({"voo-hsl"}), LOCAL)


async def planned_day(*, extra_testers: int = 0, **settings: Any) -> Day:
    """The roster (with ``extra_testers`` more, of VoO HSL), the template and the window,
    planned, at 08:25 on the day."""
    bot = FakeBot(local(2026, 12, 9, 8, 25), **settings)
    now = bot.clock.now()
    roster = ROSTER + [extra_tester(n) for n in range(1, extra_testers + 1)]
    async with bot.uow() as uow:
        await uow.people.replace_all(roster, now)
        await uow.texts.set(TEMPLATE_KEY, json.dumps(TEMPLATE), "test", now)
        window = await uow.windows.create(
            DAY, dt.time(8, 30), dt.time(16, 30), "Europe/Stockholm", "SD-4711", KARIN, now
        )
        await uow.participants.sync(window.id, [p for p in roster if p.role is Role.TESTER], now)
    return Day(
        bot,
        window.id,
        karin=bot.user("Karin Lindqvist", KARIN),
        anders=bot.user("Anders Holm", ANDERS),
        maria=bot.user("Maria Sjöberg", MARIA),
        eva=bot.user("Eva Dahl", EVA),
        fatima=bot.user("Fatima Hassan", FATIMA, locale="en-US"),
        per=bot.user("Per Nyström", PER),
        lena=bot.user("Lena Ek", LENA),
    )


async def checkin_started(**settings: Any) -> Day:
    """The planned day, and Karin writing ``starta incheckning`` at 08:30."""
    day = await planned_day(**settings)
    day.bot.clock.set(CHECKIN_AT)
    await day.bot.say(day.karin, "starta incheckning")
    return day
