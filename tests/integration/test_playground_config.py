"""The Agents Playground's mock tenant (.m365agentsplayground.yml) against examples/roster.csv.

The structural rules are those of the playground's config schema 0.1.1 and of its loader
(npm @microsoft/m365agentsplayground 0.2.28), restated here in Python: the playground refuses a
file that breaks them, and the bot can only match people it finds in the roster, by e-mail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]

from bot.domain.people import Person, Role
from bot.domain.roster import parse_roster_csv

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".m365agentsplayground.yml"
ROSTER = ROOT / "examples" / "roster.csv"

TOP_LEVEL = {"version", "tenantId", "bot", "currentUser", "users", "personalChat", "groupChat", "team"}
BOT_REQUIRED = {"id", "name"}
BOT_OPTIONAL = {"agenticUserId", "agenticAppId", "tenantId", "role"}
# The playground spells the UPN field "userPrincipleName" (sic); it answers the bot's member
# look-up with the usual "userPrincipalName", filled from this field.
USER_FIELDS = {"id", "name", "userPrincipleName", "aadObjectId", "givenName", "surname", "email"}
MAX_NAME = 256
MAX_BOT_NAME = 42


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    loaded = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), "the config must be a YAML mapping"
    return loaded


@pytest.fixture(scope="module")
def roster() -> list[Person]:
    parsed = parse_roster_csv(ROSTER.read_text(encoding="utf-8-sig"))
    assert not parsed.problems, parsed.problems
    return parsed.people


def _all_users(config: dict[str, Any]) -> list[dict[str, Any]]:
    return [config["currentUser"], *config["users"]]


# --- the schema's structure ---------------------------------------------------------------------


def test_top_level_has_exactly_the_schema_keys(config: dict[str, Any]) -> None:
    assert set(config) == TOP_LEVEL
    assert config["version"] == "0.1.1"
    assert isinstance(config["tenantId"], str)
    assert config["tenantId"]


def test_bot_entry(config: dict[str, Any]) -> None:
    bot = config["bot"]
    assert BOT_REQUIRED <= set(bot) <= BOT_REQUIRED | BOT_OPTIONAL
    assert all(isinstance(bot[key], str) and bot[key] for key in BOT_REQUIRED)
    assert len(bot["name"]) <= MAX_BOT_NAME


def test_bot_id_is_the_local_mode_sender_id(config: dict[str, Any]) -> None:
    # In local mode (no MicrosoftAppId) the bot sends as this id; the playground addresses it so.
    assert f'"{config["bot"]["id"]}"' in (ROOT / "bot" / "bootstrap.py").read_text(encoding="utf-8")


def test_exactly_five_users_besides_the_current_user(config: dict[str, Any]) -> None:
    assert isinstance(config["users"], list)
    assert len(config["users"]) == 5


def test_every_user_has_exactly_the_schema_fields(config: dict[str, Any]) -> None:
    for user in _all_users(config):
        assert isinstance(user, dict)
        assert set(user) == USER_FIELDS, user.get("name")
        assert all(isinstance(value, str) and value for value in user.values()), user
        for key in ("name", "givenName", "surname"):
            assert len(user[key]) <= MAX_NAME
        assert "userPrincipalName" not in user  # the correct spelling is rejected by the schema


def test_chats_and_team(config: dict[str, Any]) -> None:
    assert set(config["personalChat"]) == {"id"}
    assert set(config["groupChat"]) == {"id", "name"}
    assert len(config["groupChat"]["name"]) <= MAX_NAME
    team = config["team"]
    assert set(team) == {"id", "name", "aadGroupId", "channels"}
    assert len(team["name"]) <= MAX_NAME
    assert isinstance(team["channels"], list)
    assert len(team["channels"]) <= 1  # besides General, which the playground adds itself
    for channel in team["channels"]:
        assert set(channel) == {"id", "name"}
        assert len(channel["name"]) <= MAX_NAME
    for value in (config["personalChat"]["id"], config["groupChat"]["id"], team["id"], team["aadGroupId"]):
        assert isinstance(value, str)
        assert value


def test_ids_are_unique_as_the_loader_requires(config: dict[str, Any]) -> None:
    user_ids = [u["id"] for u in _all_users(config)]
    assert len(set(user_ids)) == len(user_ids)
    conversation_ids = [
        config["personalChat"]["id"],
        config["groupChat"]["id"],
        config["team"]["id"],
        *(c["id"] for c in config["team"]["channels"]),
    ]
    assert len(set(conversation_ids)) == len(conversation_ids)


# --- the people of the roster -------------------------------------------------------------------


def test_current_user_is_the_roster_admin(config: dict[str, Any], roster: list[Person]) -> None:
    admins = [p for p in roster if p.is_admin]
    assert len(admins) == 1
    admin, me = admins[0], config["currentUser"]
    expected = ("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
    assert (me["name"], me["email"]) == (admin.name, admin.email) == expected


def test_users_are_the_supplier_and_four_of_the_five_test_resources(
    config: dict[str, Any], roster: list[Person]
) -> None:
    # The playground takes exactly five users: the supplier's contact, so that a newcomer can play
    # the supplier's part, and every test resource but Johan Berg.
    on_roster = {p.name: (p.email, p.role) for p in roster}
    users = {u["name"]: u["email"] for u in config["users"]}
    assert {name: on_roster[name] for name in users} == {
        name: (email, on_roster[name][1]) for name, email in users.items()
    }
    assert [name for name in users if on_roster[name][1] is Role.SUPPLIER] == ["Lars Leverantör"]
    testers = {p.name for p in roster if p.role is Role.TESTER}
    assert len(testers) == 5
    assert testers - set(users) == {"Johan Berg"}


def test_upn_and_email_are_the_roster_email(config: dict[str, Any]) -> None:
    # The bot matches a sender by the email (or userPrincipalName) of the member look-up,
    # lower-cased; the playground fills both from these fields.
    for user in _all_users(config):
        assert user["userPrincipleName"] == user["email"] == user["email"].lower()
        assert f"{user['givenName']} {user['surname']}" == user["name"]


def test_team_and_supplier_channel_names(config: dict[str, Any]) -> None:
    assert config["team"]["name"] == "IT-leverantör Procapita"
    assert [c["name"] for c in config["team"]["channels"]] == ["Servicefönster"]
