"""A database ready for a day: an admin and N test resources (the areas in turn, each with a
substitute), their Teams identities pointing at the fake Bot Connector, and a window today.

The identities carry the 1:1 conversation id, as they do once people have the app installed (the
bot records it from the installation's conversationUpdate); see docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain.areas import AREAS
from bot.services.ports import SystemClock
from bot.services.roster import import_roster
from bot.store import db, identities, people
from bot.store import windows as store
from bot.store.uow import UnitOfWorkFactory
from tests.fakes.connector import FakeConnector

ADMIN_EMAIL = "karin.lindqvist@kommun.example.se"
ADMIN_NAME = "Karin Lindqvist"
ZONE = "Europe/Stockholm"
AREA_KEYS = list(AREAS)


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    email: str

    @property
    def conversation_id(self) -> str:
        return f"a:1on1-{self.user_id}"


def tester(i: int) -> Person:
    return Person(f"29:t{i}", f"Testare {i}", f"t{i}@kommun.example.se")


def substitute(i: int) -> Person:
    return Person(f"29:s{i}", f"Ersättare {i}", f"s{i}@kommun.example.se")


ADMIN = Person("29:admin", ADMIN_NAME, ADMIN_EMAIL)


def area_of(i: int) -> str:
    return AREA_KEYS[i % len(AREA_KEYS)]


def roster_csv(n: int) -> str:
    lines = [
        "name,email,role,areas,client,substitute_name,substitute_email",
        f"{ADMIN_NAME},{ADMIN_EMAIL},admin,,,,",
    ]
    for i in range(n):
        t, s = tester(i), substitute(i)
        lines.append(f"{t.name},{t.email},tester,{area_of(i)},local,{s.name},{s.email}")
    return "\n".join(lines) + "\n"


async def prepare(url: str, n: int, connector: FakeConnector, *, known_conversations: bool = True) -> int:
    """Migrate, import the roster, record identities, create today's window. Returns its id."""
    await db.upgrade(url)
    engine = db.create_engine(url)
    uow = UnitOfWorkFactory(engine)
    now = SystemClock().now()
    result = await import_roster(uow, roster_csv(n), now, "bench")
    assert not result.problems, result.problems[:3]
    everyone = [ADMIN] + [f(i) for i in range(n) for f in (tester, substitute)]
    async with uow() as u:
        for p in everyone:
            connector.add_member(p.user_id, p.name, p.email)
            connector.conversations[p.conversation_id] = p.user_id
            await identities.upsert(
                u.conn,
                p.user_id,
                now,
                email=p.email,
                name=p.name,
                tenant_id="tenant-1",
                service_url=connector.url,
                conversation_id=p.conversation_id if known_conversations else None,
                locale="sv-SE",
            )
        today = now.astimezone(ZoneInfo(ZONE)).date()
        window = await store.create_window(
            u.conn, today, dt.time(0, 0), dt.time(23, 59), ZONE, "SD-4711", "bench", now
        )
        testers = [p for p in await people.all_people(u.conn) if p.role.value == "tester"]
        await store.sync_participants(u.conn, window.id, testers, now)
    await engine.dispose()
    return window.id
