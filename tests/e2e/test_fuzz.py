"""Property-based fuzzing of POST /api/messages: no input, however malformed, gives a 5xx.

The bot runs in local mode (no authentication, so every input reaches the shape checks and, when
it has the shape of an activity, the turn logic) on a real port, in a thread with its own event
loop; hypothesis drives it synchronously with ``http.client``. The stock botbuilder endpoint gave
500 for 220 of 300 such inputs.

Outbound calls: the job worker is not started, so no reply is ever delivered. The only call the
request path makes is the member look-up at the activity's serviceUrl; the strategies give only
loopback service URLs or values the shape check refuses, and the connector is wrapped so that a
call anywhere else is blocked and recorded (and fails the test).
"""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from aiohttp import web
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.bootstrap import RUNTIME, create_app
from bot.domain.commands import WORDS
from bot.domain.verbs import Verb
from bot.services.roster import import_roster
from bot.teams.connector import ConnectorError
from tests.conftest import PG_URL, ROOT, _fresh_postgres, local_settings
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # no .hypothesis directory in the working tree
)

CONNECTOR = "@connector"  # replaced by the fake connector's URL when posting
CLOSED = "http://127.0.0.1:1"  # loopback, nothing listens: the look-up fails fast
SERVICE_URLS = [CONNECTOR, CLOSED, CLOSED + "/amer/", "https://127.0.0.1:1/emea"]
USERS = {
    "29:karin": ("Karin Lindqvist", "karin.lindqvist@kommun.example.se"),  # roster admin
    "29:anders": ("Anders Holm", "anders.holm@kommun.example.se"),  # roster tester
    "29:okand": ("Olle Okänd", "olle@annan.example.se"),  # not on the roster
}
BOT_ID = "28:servicewindow-bot"


class LiveBot:
    """The bot app on 127.0.0.1 in a background thread with its own event loop."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fuzz-bot", daemon=True)
        self.port = 0
        self.connector_url = ""
        self.allowed: tuple[str, ...] = ()
        self.outbound: list[str] = []
        self.escapes: list[str] = []
        self._runner: web.AppRunner | None = None
        self._connector = FakeConnector()

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(60)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(60)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    async def _start(self) -> None:
        self.connector_url = (await self._connector.start()).rstrip("/")
        for user_id, (name, email) in USERS.items():
            self._connector.add_member(user_id, name, email)
        clock = FakeClock(local(2026, 12, 1, 9, 0))
        # PostgreSQL when the suite has one (it refuses more than SQLite does, e.g. NUL characters).
        db = await _fresh_postgres(PG_URL) if PG_URL else f"sqlite+aiosqlite:///{self.tmp}/fuzz.db"
        app = create_app(local_settings(db), clock, start_worker=False)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        rt = app[RUNTIME]
        roster = (ROOT / "examples" / "roster.csv").read_text(encoding="utf-8")
        result = await import_roster(rt.services.uow, roster, clock.now(), "fuzz")
        assert not result.problems
        self.allowed = tuple(u.rstrip("/") + "/" for u in (self.connector_url, *SERVICE_URLS[1:]))
        original = rt.connector._call  # noqa: SLF001 - its one HTTP call: see every outbound URL

        async def guarded(method: str, url: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
            self.outbound.append(url)
            if not url.startswith(self.allowed):
                self.escapes.append(url)
                raise ConnectorError(503, None, "blocked by the fuzz test")
            return await original(method, url, body)

        rt.connector._call = guarded  # type: ignore[method-assign]  # noqa: SLF001 - as above

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        await self._connector.stop()

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def post(self, body: bytes, content_type: str | None = "application/json") -> tuple[int, bytes]:
        headers = {} if content_type is None else {"Content-Type": content_type}
        return self.request("POST", "/api/messages", body, headers)

    def post_json(self, value: Any) -> tuple[int, bytes]:
        if isinstance(value, dict) and value.get("serviceUrl") == CONNECTOR:
            value = {**value, "serviceUrl": self.connector_url}
        return self.post(json.dumps(value).encode())


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBot]:
    bot = LiveBot(tmp_path_factory.mktemp("fuzz"))
    try:
        bot.start()
        yield bot
    finally:
        bot.stop()


# --- strategies ---------------------------------------------------------------------------------


def _bot_would_call(value: Any) -> bool:
    """Would the shape check accept this as a serviceUrl (so the bot might call it)?"""
    if not isinstance(value, str):
        return False
    try:
        url = urlparse(value)
    except ValueError:
        return False
    return url.scheme in ("http", "https") and bool(url.netloc)


# Every character, lone surrogates included: json.dumps escapes them, the server decodes them.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    any_text,
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)
# Random JSON for any field; for serviceUrl never a URL the bot could call.
junk = json_values.filter(lambda v: not _bot_would_call(v))

command_words = sorted({w for sv, en in WORDS.values() for w in (*sv, *en)})
texts = st.one_of(
    st.sampled_from(command_words),
    st.builds(lambda w, rest: f"{w} {rest}", st.sampled_from(command_words), any_text),
    st.sampled_from(["ersättare Lena Ek, lena.ek@kommun.example.se", "<at>Servicefönster</at> status"]),
    any_text,
)
user_ids = st.one_of(st.sampled_from(sorted(USERS)), st.text(min_size=1, max_size=12))


def account(id_strategy: st.SearchStrategy[Any] = user_ids) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": id_strategy},
        optional={
            "name": any_text,
            "aadObjectId": any_text,
            "role": st.sampled_from(["user", "bot"]),
            "conversationType": st.sampled_from(["personal", "channel", "groupChat"]),
            "tenantId": st.just("tenant-1"),
            "isGroup": st.booleans(),
        },
    )


verbs = st.one_of(st.sampled_from(sorted(v.value for v in Verb)), any_text, junk)
card_data = st.dictionaries(
    st.sampled_from(["verb", "window_id", "window", "round", "choice", "reason", "date", "comment", "ok"])
    | any_text,
    json_values,
    max_size=5,
)
values = st.one_of(
    st.fixed_dictionaries({"verb": verbs}, optional={"data": card_data}).map(
        lambda v: {**v.pop("data", {}), **v}
    ),
    st.fixed_dictionaries(
        {
            "action": st.fixed_dictionaries(
                {"type": st.just("Action.Execute"), "verb": verbs, "data": card_data}
            )
        }
    ),
    json_values,
)
channel_data = st.fixed_dictionaries(
    {},
    optional={
        "tenant": st.fixed_dictionaries({}, optional={"id": st.just("tenant-1") | junk}) | junk,
        "team": st.fixed_dictionaries({}, optional={"id": st.just("19:team") | junk}) | junk,
        "channel": st.fixed_dictionaries({}, optional={"id": st.just("19:chan") | junk}) | junk,
    },
)
entities = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("clientInfo")},
            optional={"timezone": junk | st.sampled_from(["Europe/Stockholm", "Mars/Base"]), "locale": junk},
        ),
        st.fixed_dictionaries({"type": st.just("mention")}, optional={"mentioned": junk, "text": junk}),
        st.dictionaries(any_text, json_values, max_size=3),
    ),
    max_size=3,
)

FIELDS: dict[str, st.SearchStrategy[Any]] = {
    # Repeats weight the draw towards what the turn logic acts on.
    "type": st.sampled_from(
        ["message"] * 4
        + ["invoke"] * 3
        + ["conversationUpdate", "installationUpdate", "messageReaction", "event", "typing"]
    ),
    "id": st.text(min_size=1, max_size=12),
    "channelId": st.sampled_from(["msteams"] * 4 + ["emulator", "webchat", "test", "slack"]),
    "serviceUrl": st.sampled_from(SERVICE_URLS),
    "from": account(),
    "conversation": account(st.sampled_from(["a:1on1-29:anders", "19:chan;messageid=1"]) | any_text),
    "recipient": account(st.just(BOT_ID) | user_ids),
    "text": texts,
    "value": values,
    "channelData": channel_data,
    "entities": entities,
    "membersAdded": st.lists(account(st.just(BOT_ID) | user_ids), max_size=3),
    "locale": st.sampled_from(["sv-SE", "en-GB", "en", "xx-YY", ""]),
    "name": st.sampled_from(["adaptiveCard/action", "composeExtension/query", "signin/verifyState"]),
    "action": st.sampled_from(["add", "remove", "add-upgrade"]),
    "replyToId": st.text(max_size=8),
    "localTimezone": st.sampled_from(["Europe/Stockholm", "Not/AZone"]),
}
REQUIRED = ("type", "channelId", "serviceUrl", "from", "conversation")
# Always tried as well (hypothesis ``@example``): a plain valid message must reach the turn logic.
VALID = {
    "type": "message",
    "id": "fuzz-valid",
    "channelId": "msteams",
    "serviceUrl": CLOSED,
    "from": {"id": "29:anders", "name": "Anders Holm"},
    "conversation": {"id": "a:1on1-29:anders", "conversationType": "personal"},
    "text": "hjälp",
}
ACCOUNT_KEYS = ["id", "name", "aadObjectId", "role", "conversationType", "tenantId", "isGroup"]
NESTED = {
    "from": ACCOUNT_KEYS,
    "conversation": ACCOUNT_KEYS,
    "recipient": ACCOUNT_KEYS,
    "channelData": ["tenant", "team", "channel", "eventType", "settings"],
    "value": ["verb", "action", "data", "window_id"],
}


@st.composite
def activities(draw: st.DrawFn, corrupt: bool = True) -> dict[str, Any]:
    """An activity: its fields well-typed, then (``corrupt``) a few replaced by junk or removed."""
    body: dict[str, Any] = {key: draw(FIELDS[key]) for key in REQUIRED}
    for key in FIELDS:
        if key not in REQUIRED and draw(st.booleans()):
            body[key] = draw(FIELDS[key])
    if not corrupt:
        return body
    for key in draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=4, unique=True)):
        if draw(st.booleans()):
            body.pop(key, None)
        else:
            body[key] = draw(junk)
    # ... and a few fields inside the nested objects.
    for key in draw(st.lists(st.sampled_from(sorted(NESTED)), max_size=3, unique=True)):
        if isinstance(body.get(key), dict):
            body[key][draw(st.sampled_from(NESTED[key]) | any_text)] = draw(junk)
    return body


def _nested(depth: int, kind: str) -> str:
    return ('{"a":' * depth + "1" + "}" * depth) if kind == "object" else ("[" * depth + "1" + "]" * depth)


@st.composite
def raw_requests(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """Raw bytes with any content type: random bytes, broken or deeply nested activity JSON."""
    content_type = draw(
        st.one_of(
            st.just("application/json"),
            st.just("application/json"),
            st.sampled_from(
                [
                    "application/json; charset=utf-8",
                    "application/json; charset=utf-16",
                    "application/json; charset=nonsense",
                    "APPLICATION/JSON",
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "",
                ]
            ),
            st.none(),
            st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30),
        )
    )
    activity = draw(activities(corrupt=draw(st.booleans())))
    if activity.get("serviceUrl") == CONNECTOR:
        activity["serviceUrl"] = CLOSED
    encoded = json.dumps(activity)
    kind = draw(st.sampled_from(["bytes", "truncated", "flipped", "nested", "utf16", "valid", "valid"]))
    if kind == "bytes":
        body = draw(st.binary(max_size=300))
    elif kind == "truncated":
        body = encoded.encode()[: draw(st.integers(0, max(0, len(encoded) - 1)))]
    elif kind == "flipped":
        raw = bytearray(encoded.encode())
        for _ in range(draw(st.integers(1, 5))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        body = bytes(raw)
    elif kind == "nested":
        depth = draw(st.integers(1, 5000))
        field = draw(st.sampled_from(["value", "channelData", "entities", "text", "from"]))
        body = (
            encoded[:-1] + f', "{field}": {_nested(depth, draw(st.sampled_from(["object", "array"])))}}}'
        ).encode()
    elif kind == "utf16":
        body = encoded.encode("utf-16")
    else:
        body = encoded.encode()
    return body, content_type


# --- properties ---------------------------------------------------------------------------------


def _is_problem(status: int, data: bytes) -> bool:
    """A refusal from our endpoint: 4xx with {"error": "..."}."""
    try:
        parsed = json.loads(data)
    except ValueError:
        return False
    return 400 <= status < 500 and isinstance(parsed, dict) and isinstance(parsed.get("error"), str)


def test_arbitrary_json_never_gives_5xx(live: LiveBot) -> None:
    statuses: Counter[int] = Counter()

    @FUZZ
    @given(json_values)
    def post(value: Any) -> None:
        status, data = live.post_json(value)
        statuses[status] += 1
        assert status < 500, (status, data)
        assert status == 200 or _is_problem(status, data), (status, data)

    post()
    assert sum(n for s, n in statuses.items() if 400 <= s < 500) > 0, statuses
    assert live.escapes == []


def test_activity_like_bodies_never_give_5xx(live: LiveBot) -> None:
    statuses: Counter[int] = Counter()
    outbound_before = len(live.outbound)

    @FUZZ
    @given(activities())
    @example(VALID)
    def post(body: dict[str, Any]) -> None:
        status, data = live.post_json(body)
        statuses[status] += 1
        assert status < 500, (status, data, body)
        assert status == 200 or _is_problem(status, data), (status, data)

    post()
    reached, refused = statuses[200], sum(n for s, n in statuses.items() if 400 <= s < 500)
    print(f"activity fuzz: {reached} reached the turn logic, {refused} refused: {dict(statuses)}")
    assert reached > 0, statuses
    assert refused > 0, statuses
    assert len(live.outbound) > outbound_before  # turns ran far enough to look people up
    assert live.escapes == []


def test_raw_bytes_and_content_types_never_give_5xx(live: LiveBot) -> None:
    statuses: Counter[int] = Counter()

    @FUZZ
    @given(raw_requests())
    @example((json.dumps(VALID).encode(), "application/json"))
    def post(request: tuple[bytes, str | None]) -> None:
        body, content_type = request
        status, data = live.post(body, content_type)
        statuses[status] += 1
        assert status < 500, (status, data, content_type, body[:200])

    post()
    print(f"raw fuzz: {dict(statuses)}")
    assert statuses[200] > 0, statuses
    assert sum(n for s, n in statuses.items() if 400 <= s < 500) > 0, statuses
    assert live.escapes == []


def test_bot_is_healthy_after_fuzzing(live: LiveBot) -> None:
    status, data = live.request("GET", "/healthz")
    assert status == 200, data
    assert json.loads(data)["status"] == "ok"
