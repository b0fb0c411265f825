"""Shared fixtures: databases (SQLite always, PostgreSQL when TEST_POSTGRES_URL is set), the fake
clock, the fake Bot Connector, and a running bot driven through its HTTP endpoint."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.bootstrap import RUNTIME, Runtime, create_app
from bot.config import Settings, load_settings
from bot.services.roster import import_roster
from bot.store.uow import UnitOfWorkFactory
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("TEST_POSTGRES_URL", "")
REQUIRE_PG = os.environ.get("REQUIRE_POSTGRES") == "1"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may reach loopback only."""
    real = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and address and isinstance(address[0], str):
            host = address[0]
            if not (host.startswith("127.") or host in ("::1", "localhost")):
                raise OSError(f"tests must not reach {host}")
        return real(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


async def _fresh_postgres(base_url: str) -> str:
    """A new empty database on the test server, so tests never share state."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(base_url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return base_url.rsplit("/", 1)[0] + f"/{name}"


def _db_params() -> list[object]:
    params: list[object] = ["sqlite"]
    if PG_URL or REQUIRE_PG:
        params.append(pytest.param("postgres", marks=pytest.mark.postgres))
    return params


@pytest.fixture(params=_db_params())
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    if not PG_URL:
        pytest.fail("REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set")
    return await _fresh_postgres(PG_URL)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/bot.db"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(local(2026, 12, 1, 9, 0))


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


def sql_uow(rt: Runtime) -> UnitOfWorkFactory:
    """The runtime's units of work as the store makes them: their ``conn`` is open to tests."""
    factory = rt.services.uow
    assert isinstance(factory, UnitOfWorkFactory)
    return factory


def local_settings(db: str, **env: str) -> Settings:
    return load_settings({"BOT_LOCAL": "1", "DATABASE_URL": db, **env})


@dataclass
class Bot:
    client: TestClient[Request, Application]
    teams: TeamsDriver
    connector: FakeConnector
    clock: FakeClock

    @property
    def runtime(self) -> Runtime:
        return self.client.app[RUNTIME]

    async def drain(self) -> int:
        """Run every due job (deliveries, timers) to completion."""
        return await self.runtime.runner.drain()

    async def import_roster(self, csv_text: str) -> None:
        result = await import_roster(self.runtime.services.uow, csv_text, self.clock.now(), "test")
        assert not result.problems, result.problems


@pytest.fixture
async def bot(db_url: str, clock: FakeClock, connector: FakeConnector) -> AsyncIterator[Bot]:
    settings = local_settings(db_url, BOT_ADMINS="")
    app = create_app(settings, clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield Bot(client, TeamsDriver(client, connector), connector, clock)
    finally:
        await client.close()


@pytest.fixture
def example_roster() -> str:
    return (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8")
