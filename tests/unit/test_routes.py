"""The router's table: every command and card verb has a route, and who may use each is what the
routine says (test resources: help, their details, their substitute; the supplier: the round
commands in its channel; everything else: admins)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.domain.commands import Command
from bot.domain.verbs import Verb
from bot.services.routes import Permission
from bot.services.wiring import build_routes

ROOT = Path(__file__).resolve().parents[2]


def test_every_command_and_verb_has_a_route() -> None:
    routes = build_routes()
    assert set(routes.commands) == set(Command)
    assert set(routes.verbs) == set(Verb)


def test_only_help_me_and_substitute_are_for_everyone_in_a_chat() -> None:
    routes = build_routes()
    assert routes.for_everyone() == [Command.HELP, Command.ME, Command.SUBSTITUTE]


def test_a_channel_takes_help_status_the_round_commands_and_its_own_setting() -> None:
    routes = build_routes()
    assert {c: routes.commands[c].in_channel for c in routes.channel_commands()} == {
        Command.HELP: Permission.EVERYONE,
        Command.STATUS: Permission.EVERYONE,
        Command.LOCAL_READY: Permission.SUPPLIER,
        Command.CITRIX_READY: Permission.SUPPLIER,
        Command.SUPPLIER_GO: Permission.SUPPLIER,
        Command.SUPPLIER_FIXING: Permission.SUPPLIER,
        Command.SUPPLIER_FIXED: Permission.SUPPLIER,
        Command.SUPPLIER_ROLLBACK: Permission.SUPPLIER,
        Command.SUPPLIER_CHANNEL: Permission.ADMIN,
    }


def test_the_supplier_decisions_are_the_suppliers_say_written_and_on_the_card() -> None:
    routes = build_routes()
    for command in (
        Command.SUPPLIER_GO,
        Command.SUPPLIER_FIXING,
        Command.SUPPLIER_FIXED,
        Command.SUPPLIER_ROLLBACK,
    ):
        assert routes.commands[command].requires is Permission.SUPPLIER  # in a chat: an admin only
    for verb in (Verb.SUPPLIER_GO, Verb.SUPPLIER_FIXING, Verb.SUPPLIER_FIXED, Verb.SUPPLIER_ROLLBACK):
        assert routes.verbs[verb].requires is Permission.SUPPLIER
    # What a decision puts in front of the admin, and moving the supplier channel, are the admin's.
    assert routes.verbs[Verb.ADMIN_RETEST].requires is Permission.ADMIN
    assert routes.verbs[Verb.SUPPLIER_CHANNEL_CONFIRM].requires is Permission.ADMIN


def test_admin_buttons_need_an_admin_and_round_buttons_the_supplier() -> None:
    routes = build_routes()
    by_permission = {v: r.requires for v, r in routes.verbs.items()}
    assert by_permission[Verb.WINDOW_ALL_CLEAR] is Permission.ADMIN
    assert by_permission[Verb.ADMIN_ASSIGN] is Permission.ADMIN
    assert by_permission[Verb.ROUND_LOCAL] is Permission.SUPPLIER
    assert by_permission[Verb.ROUND_CITRIX] is Permission.SUPPLIER
    # Answers to a personal card: the handler checks the card was sent to the one answering.
    assert {v for v, p in by_permission.items() if p is Permission.EVERYONE} == {
        Verb.PLAN_COMING,
        Verb.PLAN_CANT,
        Verb.PLAN_CHANGE,
        Verb.CHECKIN_HERE,
        Verb.CHECKIN_CANT,
        Verb.CHECKLIST_SUBMIT,
    }


def _verb_literals(source: str, values: set[str]) -> list[int]:
    """Lines where a verb's name is a string literal, other than a catalogue key (``t("…")``)."""
    tree = ast.parse(source)
    keys = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "t"
        and node.args
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in values and id(node) not in keys
    ]


def test_cards_name_verbs_only_through_the_enum() -> None:
    """No verb is written as a string literal in a card: a typo would be a dead button."""
    values = {v.value for v in Verb}
    found = {
        path.name: lines
        for path in sorted((ROOT / "cards").glob("*.py"))
        if (lines := _verb_literals(path.read_text(encoding="utf-8"), values))
    }
    assert found == {}


def test_the_literal_check_would_see_a_verb_written_as_text() -> None:
    assert _verb_literals('execute(t("checkin.here"), "checkin.here", {})', {"checkin.here"}) == [1]
