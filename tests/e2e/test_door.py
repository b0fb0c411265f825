"""The front door in production mode: who may post to /api/messages, and what a refusal leaves behind.

The bot runs with authentication on (a GUID app id, a tenant), its signing keys served by a local
token issuer. Every refused request must leave no trace: no row in any table, no outbound call
(not even the token request that any outbound call needs), nothing at the fake connector.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request
from sqlalchemy import func, select

from bot.bootstrap import RUNTIME, Runtime, create_app
from bot.config import ConfigError, load_settings
from bot.services.roster import import_roster
from bot.store import tables
from bot.teams import auth
from tests.fakes.clock import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver, User, card_text
from tests.fakes.tokens import TokenIssuer

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "5c7e3f0a-2b1d-4c6e-9f8a-0d1e2f3a4b5c"
TENANT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
OTHER_GUID = "00000000-1111-4222-8333-444444444444"
ANDERS = ("Anders Holm", "anders.holm@kommun.example.se")
KARIN = ("Karin Lindqvist", "karin.lindqvist@kommun.example.se")


@dataclass
class Door:
    client: TestClient[Request, Application]
    teams: TeamsDriver
    connector: FakeConnector
    issuer: TokenIssuer

    @property
    def runtime(self) -> Runtime:
        return self.client.app[RUNTIME]

    def token(self, **kw: Any) -> str:
        service_url = kw.pop("service_url", self.connector.url)
        return self.issuer.token(APP_ID, service_url, **kw)

    def message(self, user: User, text: str = "hjälp", **extra: Any) -> dict[str, Any]:
        return self.teams.activity(user, self.teams.personal(user), type="message", text=text, **extra)

    async def post(
        self,
        body: Any,
        token: str | None = "valid",
        *,
        content_type: str = "application/json",
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> aiohttp.ClientResponse:
        hdrs = {"Content-Type": content_type}
        if token == "valid":
            token = self.token()
        if token is not None:
            hdrs["Authorization"] = f"Bearer {token}"
        hdrs.update(headers or {})
        data = raw if raw is not None else json.dumps(body).encode()
        return await self.client.post("/api/messages", data=data, headers=hdrs)

    async def table_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with self.runtime.engine.connect() as conn:
            for table in tables.metadata.sorted_tables:
                counts[table.name] = (
                    await conn.execute(select(func.count()).select_from(table))
                ).scalar_one()
        return counts


@pytest.fixture
async def issuer() -> AsyncIterator[TokenIssuer]:
    fake = TokenIssuer()
    await fake.start()
    yield fake
    await fake.stop()


def production_settings(db: str, issuer: TokenIssuer) -> Any:
    return load_settings(
        {
            "MicrosoftAppId": APP_ID,
            "MicrosoftAppPassword": "x",
            "MicrosoftAppTenantId": TENANT_ID,
            "DATABASE_URL": db,
            "BOT_OPENID_METADATA_URL": issuer.metadata_url,
            "BOT_TOKEN_ENDPOINT": issuer.token_url,
        }
    )


@pytest.fixture
async def door(
    db_url: str, clock: FakeClock, connector: FakeConnector, issuer: TokenIssuer, example_roster: str
) -> AsyncIterator[Door]:
    settings = production_settings(db_url, issuer)
    assert settings.auth_enabled
    assert not settings.local
    app = create_app(settings, clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        d = Door(client, TeamsDriver(client, connector, tenant=TENANT_ID), connector, issuer)
        result = await import_roster(d.runtime.services.uow, example_roster, clock.now(), "test")
        assert not result.problems
        yield d
    finally:
        await client.close()


@pytest.fixture
async def untouched(door: Door) -> Callable[[], Awaitable[None]]:
    """Call at the end of a test: asserts the refused requests changed nothing anywhere."""
    before = await door.table_counts()

    async def check() -> None:
        assert await door.runtime.runner.drain() == 0
        assert await door.table_counts() == before
        assert door.connector.sent == []
        assert door.connector.updates == []
        assert door.connector.created == []
        assert door.connector.calls == 0
        # Every outbound call needs the bot's own token first; none was even requested.
        assert door.issuer.token_requests == 0

    return check


async def expect(resp: aiohttp.ClientResponse, status: int, error: str | None = None) -> None:
    text = await resp.text()
    assert resp.status == status, text
    if error is not None:
        assert json.loads(text) == {"error": error}


# --- the way in ---------------------------------------------------------------------------------


async def test_valid_token_runs_the_turn_and_the_bot_replies(door: Door) -> None:
    anders = door.teams.user(*ANDERS)
    await expect(await door.post(door.message(anders, "hjälp")), 200)
    await expect(await door.post(door.message(anders, "mina uppgifter")), 200)
    await door.runtime.runner.drain()
    sent = door.connector.to_user(anders.user_id)
    assert len(sent) == 2
    assert "ersättare" in card_text(sent[0].card)
    assert "Anders Holm" in card_text(sent[1].card)
    counts = await door.table_counts()
    assert counts["inbound"] == 2
    assert counts["identities"] == 1
    assert door.issuer.fetches == 1  # the keys are cached, not fetched per request
    assert door.issuer.token_requests == 1  # the outbound token is cached too


async def test_large_but_allowed_activity_is_read_whole(door: Door) -> None:
    # Found by this test: the endpoint read the body with one read(n), which returns only what
    # has arrived so far; a 200 KB activity over TCP was cut short and refused as bad JSON.
    anders = door.teams.user(*ANDERS)
    for size in (100_000, 200_000, 250_000):
        await expect(await door.post(door.message(anders, "x" * size, id=f"big-{size}")), 200)
    body = json.dumps(door.message(anders, "i bitar", id="chunked")).encode()

    async def in_pieces() -> AsyncIterator[bytes]:  # chunked, in small pieces: many reads
        for i in range(0, len(body), 50):
            yield body[i : i + 50]
            await asyncio.sleep(0)

    resp = await door.client.post(
        "/api/messages",
        data=in_pieces(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {door.token()}"},
    )
    await expect(resp, 200)


# --- tokens: all 401, nothing recorded ----------------------------------------------------------


def _alg_none(door: Door) -> str:
    now = int(time.time())
    claims = {"iss": auth.ISSUER, "aud": APP_ID, "exp": now + 3600, "serviceurl": door.connector.url}
    return jwt.encode(claims, "", algorithm="none", headers={"kid": door.issuer.kid})  # "" is None for "none"


BAD_AUTH: dict[str, Callable[[Door], dict[str, str]]] = {
    "missing": lambda _d: {},
    "empty bearer": lambda _d: {"Authorization": "Bearer "},
    "basic scheme": lambda _d: {"Authorization": "Basic dXNlcjpwYXNzd29yZA=="},
    "token without scheme": lambda d: {"Authorization": d.token()},
    "garbage": lambda _d: {"Authorization": "Bearer not-a-jwt-at-all"},
    "garbage segments": lambda _d: {"Authorization": "Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"},
    "HS256 keyed with the public key": lambda d: {"Authorization": f"Bearer {d.token(alg='HS256')}"},
    "alg none": lambda d: {"Authorization": f"Bearer {_alg_none(d)}"},
    "attacker key, published kid": lambda d: {
        "Authorization": f"Bearer {d.token(key=d.issuer.attacker_key)}"
    },
    "expired": lambda d: {"Authorization": f"Bearer {d.token(exp_offset=-3600)}"},
    "not yet valid": lambda d: {
        "Authorization": f"Bearer {d.token(claims={'nbf': int(time.time()) + 3600})}"
    },
    "wrong audience": lambda d: {"Authorization": f"Bearer {d.token(aud=OTHER_GUID)}"},
    "wrong issuer": lambda d: {"Authorization": f"Bearer {d.token(iss='https://sts.windows.net/evil/')}"},
    "serviceurl claim of another service": lambda d: {
        "Authorization": f"Bearer {d.token(service_url='https://smba.trafficmanager.net/emea/')}"
    },
    "no serviceurl claim": lambda d: {"Authorization": f"Bearer {d.token(claims={'serviceurl': None})}"},
    "serviceurl claim not a string": lambda d: {
        "Authorization": f"Bearer {d.token(claims={'serviceurl': [d.connector.url]})}"
    },
    "no exp claim": lambda d: {"Authorization": f"Bearer {d.token(claims={'exp': None})}"},
    "signature of another token": lambda d: {
        "Authorization": "Bearer "
        + ".".join(d.token(aud=OTHER_GUID).split(".")[:2] + d.token().split(".")[2:])
    },
}


@pytest.mark.parametrize("case", list(BAD_AUTH))
async def test_bad_or_missing_token_is_401_and_leaves_no_trace(
    door: Door, untouched: Callable[[], Any], case: str
) -> None:
    anders = door.teams.user(*ANDERS)
    resp = await door.post(door.message(anders), token=None, headers=BAD_AUTH[case](door))
    await expect(resp, 401, "unauthorized")
    await untouched()


async def test_unknown_kid_is_401_and_refreshes_keys_at_most_once(
    door: Door, untouched: Callable[[], Any]
) -> None:
    anders = door.teams.user(*ANDERS)
    stranger = door.issuer.attacker_key
    for _ in range(3):
        await expect(await door.post(door.message(anders), door.token(kid="rotated-2", key=stranger)), 401)
    # The first request found the cache empty and fetched; the others did not refetch.
    assert door.issuer.fetches == 1
    assert door.issuer.metadata_fetches == 1
    await untouched()


async def test_new_signing_key_is_picked_up_after_the_refresh_interval(
    door: Door, monkeypatch: pytest.MonkeyPatch
) -> None:
    anders = door.teams.user(*ANDERS)
    await expect(await door.post(door.message(anders)), 200)
    assert door.issuer.fetches == 1
    door.issuer.add_key("rotated-2")
    # Within the refresh interval an unknown kid does not make the bot hammer the key server.
    await expect(await door.post(door.message(anders), door.token(kid="rotated-2")), 401)
    await expect(await door.post(door.message(anders), door.token(kid="rotated-2")), 401)
    assert door.issuer.fetches == 1
    monkeypatch.setattr(auth, "REFRESH_MIN_INTERVAL", 0)  # the interval has passed
    await expect(await door.post(door.message(anders), door.token(kid="rotated-2")), 200)
    assert door.issuer.fetches == 2
    await expect(await door.post(door.message(anders), door.token(kid="rotated-2")), 200)
    assert door.issuer.fetches == 2  # now known: no further fetch


async def test_keys_are_fetched_on_a_machine_that_booted_moments_ago(
    door: Door, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by this test: the store started with "last fetched at monotonic 0" and refused to
    # fetch until the monotonic clock (time since boot) passed the 5-minute refresh interval,
    # so a freshly booted VM rejected every valid request for its first minutes.
    monkeypatch.setattr(auth, "time", SimpleNamespace(monotonic=lambda: 12.0))
    anders = door.teams.user(*ANDERS)
    await expect(await door.post(door.message(anders)), 200)
    assert door.issuer.fetches == 1


# --- channel and tenant -------------------------------------------------------------------------


async def test_other_channel_with_msteams_endorsed_key_is_401(
    door: Door, untouched: Callable[[], Any]
) -> None:
    # The key is endorsed for msteams only, so the endorsement check refuses it before the
    # channel check is reached: 401, not 403.
    anders = door.teams.user(*ANDERS)
    await expect(await door.post(door.message(anders, channelId="slack")), 401, "unauthorized")
    await untouched()


async def test_other_channel_with_key_endorsed_for_it_is_403(
    door: Door, untouched: Callable[[], Any]
) -> None:
    door.issuer.add_key("multi", ("msteams", "slack"))
    door.issuer.add_key("emu", ("emulator",))
    anders = door.teams.user(*ANDERS)
    resp = await door.post(door.message(anders, channelId="slack"), door.token(kid="multi"))
    await expect(resp, 403, "only Microsoft Teams may call this bot")
    # Local-mode test channels are not accepted in production either.
    resp = await door.post(door.message(anders, channelId="emulator"), door.token(kid="emu"))
    await expect(resp, 403, "only Microsoft Teams may call this bot")
    await untouched()


async def test_wrong_or_missing_tenant_is_403(door: Door, untouched: Callable[[], Any]) -> None:
    anders = door.teams.user(*ANDERS)
    channel_data: dict[str, Any]
    for channel_data in (
        {"tenant": {"id": "tenant-1"}},
        {"tenant": {"id": OTHER_GUID}},
        {"tenant": {}},
        {},
    ):
        resp = await door.post(door.message(anders, channelData=channel_data))
        await expect(resp, 403, "wrong tenant")
    body = door.message(anders)
    del body["channelData"]
    await expect(await door.post(body), 403, "wrong tenant")
    await untouched()


# --- malformed requests: 400/413 before anything else -------------------------------------------


async def test_malformed_requests_are_400_and_leave_no_trace(
    door: Door, untouched: Callable[[], Any]
) -> None:
    anders = door.teams.user(*ANDERS)
    good = door.message(anders)
    from_as_string = {**good, "from": "29:anders"}
    for token in ("valid", None):  # shape is checked before the token: same answer without one
        await expect(await door.post(good, token, content_type="text/plain"), 400)
        await expect(await door.post(None, token, raw=b""), 400)
        await expect(await door.post(None, token), 400, "the body must be a JSON object")
        await expect(await door.post([good], token), 400, "the body must be a JSON object")
        await expect(await door.post(from_as_string, token), 400, "from must be an object")
        await expect(await door.post(None, token, raw=b'{"type": "message",'), 400, "body is not valid JSON")
        await expect(await door.post(None, token, raw=b"\xff\xfe{}"), 400, "body is not valid JSON")
        await expect(await door.post(None, token, raw=b"[" * 100_000), 400)
        for bad_text in ("\x00", "\ud800"):  # valid JSON escapes, but no database stores them
            for body in (door.message(anders, bad_text), {**good, "conversation": {"id": bad_text}}):
                resp = await door.post(body, token)
                await expect(resp, 400, "the body contains a NUL character or invalid Unicode")
    await untouched()


async def test_content_type_is_required(door: Door, untouched: Callable[[], Any]) -> None:
    anders = door.teams.user(*ANDERS)
    resp = await door.client.post(
        "/api/messages",
        data=json.dumps(door.message(anders)).encode(),
        headers={"Authorization": f"Bearer {door.token()}", "Content-Type": ""},
    )
    await expect(resp, 400, "Content-Type must be application/json")
    await untouched()


async def test_oversized_body_is_413(door: Door, untouched: Callable[[], Any]) -> None:
    anders = door.teams.user(*ANDERS)
    big = door.message(anders, "x" * (256 * 1024))
    await expect(await door.post(big), 413, "body too large")
    await expect(await door.post(big, None), 413, "body too large")

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: the size is found by reading
        for _ in range(40):
            yield b" " * 10_000
            await asyncio.sleep(0)

    resp = await door.client.post(
        "/api/messages",
        data=chunked(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {door.token()}"},
    )
    await expect(resp, 413, "body too large")
    await untouched()


# --- the key download neither blocks the loop nor hangs ----------------------------------------


async def test_slow_key_server_does_not_block_the_event_loop(door: Door) -> None:
    door.issuer.metadata_delay = 3.0
    anders, karin = door.teams.user(*ANDERS), door.teams.user(*KARIN)
    started = time.monotonic()
    first = asyncio.create_task(door.post(door.message(anders, "hjälp")))
    second = asyncio.create_task(door.post(door.message(karin, "hjälp")))
    await asyncio.sleep(0.3)
    # Both wait for the keys.
    assert not first.done()
    assert not second.done()
    t0 = time.monotonic()
    health = await door.client.get("/healthz")
    health_seconds = time.monotonic() - t0
    assert health.status == 200
    assert health_seconds < 0.5, f"/healthz took {health_seconds:.2f}s while keys were fetched"
    await expect(await first, 200)
    await expect(await second, 200)
    waited = time.monotonic() - started
    assert 2.5 < waited < 4.9, waited
    assert door.issuer.metadata_fetches == 1  # one download shared by the waiting requests


async def test_key_download_times_out_and_recovers(door: Door, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "FETCH_TIMEOUT", aiohttp.ClientTimeout(total=0.5))
    door.issuer.metadata_delay = 30.0
    anders = door.teams.user(*ANDERS)
    t0 = time.monotonic()
    await expect(await door.post(door.message(anders)), 401, "unauthorized")
    assert time.monotonic() - t0 < 2.0
    assert door.issuer.fetches == 0
    door.issuer.metadata_delay = 0.0  # the key server is back: the next request fetches
    await expect(await door.post(door.message(anders)), 200)
    assert door.issuer.fetches == 1


async def test_simultaneous_first_messages_from_one_person_both_run(door: Door) -> None:
    # Found by the slow-key test: two first turns of one person at once both inserted the identity
    # and one failed on uq_identities_user_id; the upsert is now INSERT ... ON CONFLICT.
    door.issuer.metadata_delay = 0.3  # both requests wait for the keys, then run together
    anders = door.teams.user(*ANDERS)
    responses = await asyncio.gather(
        door.post(door.message(anders, "hjälp")), door.post(door.message(anders, "mina uppgifter"))
    )
    assert [r.status for r in responses] == [200, 200]
    await door.runtime.runner.drain()
    assert len(door.connector.to_user(anders.user_id)) == 2


# --- configuration -------------------------------------------------------------------------------


def test_production_settings_require_an_app_id() -> None:
    with pytest.raises(ConfigError, match="MicrosoftAppId"):
        load_settings({})
    with pytest.raises(ConfigError, match="MicrosoftAppId"):
        load_settings({"MicrosoftAppId": "   ", "MicrosoftAppPassword": "x", "BOT_LOCAL": "0"})


def test_serve_without_app_id_exits_with_one_clear_line(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
    }
    proc = subprocess.run(
        [sys.executable, "app.py", "serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "MicrosoftAppId" in lines[0]
    assert "--local" in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not (tmp_path / "bot.db").exists()  # refused before touching the database
