"""The layers, checked on the source: the domain and the cards are plain Python, and only bot/teams
talks to the Bot Framework SDK.

Imports are read with ``ast`` (every ``import``/``from ... import``, also inside functions and
``if TYPE_CHECKING:``, relative imports resolved, plus ``importlib.import_module("...")`` and
``__import__("...")`` with a literal name), so nothing is executed to find them. One more test
imports the pure modules in a fresh interpreter and looks at what got loaded along the way.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FRAMEWORKS = ("botbuilder", "botframework", "aiohttp", "sqlalchemy", "alembic", "asyncpg", "aiosqlite")
OUTER_LAYERS = ("bot.store", "bot.teams", "bot.workers", "bot.services")
BOT_SDK = ("botbuilder", "botframework")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, imported module) for every import in ``source``; ``from a import b`` gives both
    ``a`` and ``a.b`` because b may be a submodule (``from bot import store``)."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(p for p in [*base_parts, node.module or ""] if p)
            else:
                base = node.module or ""
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            first = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.append((node.lineno, first.value))
    return found


def _matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _python_files(*folders: str) -> list[Path]:
    files = [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]
    return [p for p in files if "__pycache__" not in p.parts]


def _violations(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    problems = []
    for path in files:
        module = _module_name(path)
        source = path.read_text(encoding="utf-8")
        for line, name in imports_of(source, module, is_package=path.name == "__init__.py"):
            if _matches(name, forbidden):
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return problems


PURE = _python_files("bot/domain", "cards")


def test_there_are_pure_modules_to_check() -> None:
    names = {_module_name(p) for p in PURE}
    assert {
        "bot.domain.checkin",
        "bot.domain.windows",
        "bot.domain.roster",
        "cards.day",
        "cards.common",
    } <= names


@pytest.mark.parametrize("path", PURE, ids=[str(p.relative_to(ROOT)) for p in PURE])
def test_domain_and_cards_import_no_framework_and_no_outer_layer(path: Path) -> None:
    assert _violations([path], FRAMEWORKS + OUTER_LAYERS) == []


def test_only_bot_teams_imports_the_bot_framework_sdk() -> None:
    files = [*_python_files("bot"), ROOT / "app.py"]
    outside = [p for p in files if not p.relative_to(ROOT).as_posix().startswith("bot/teams/")]
    assert len(outside) > 10
    assert _violations(outside, BOT_SDK) == []
    # And the SDK really is used there: the check would notice if it moved.
    assert _violations(_python_files("bot/teams"), BOT_SDK)


def test_pure_modules_load_nothing_forbidden_when_imported() -> None:
    """Catches indirect imports too (e.g. via bot.i18n), in a clean interpreter."""
    modules = sorted(_module_name(p) for p in PURE)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert "cards.day" in loaded
    assert [m for m in loaded if _matches(m, FRAMEWORKS + OUTER_LAYERS)] == []


@pytest.mark.parametrize(
    ("source", "module", "found"),
    [
        ("import sqlalchemy.orm as orm", "bot.domain.x", "sqlalchemy.orm"),
        ("from aiohttp import web", "bot.domain.x", "aiohttp"),
        ("from bot import store", "bot.domain.x", "bot.store"),
        ("from ..store import people", "bot.domain.x", "bot.store"),
        ("from ..services.router import COMMANDS", "bot.domain.x", "bot.services.router"),
        ("from . import checkin", "bot.domain", "bot.domain.checkin"),
        ("def f():\n    import botbuilder.core\n", "cards.x", "botbuilder.core"),
        ("if TYPE_CHECKING:\n    from bot.teams.activity import X\n", "cards.x", "bot.teams.activity"),
        ("import importlib\nimportlib.import_module('asyncpg')", "bot.domain.x", "asyncpg"),
        ("__import__('alembic.command')", "bot.domain.x", "alembic.command"),
    ],
)
def test_the_import_walker_sees_every_form(source: str, module: str, found: str) -> None:
    names = [name for _, name in imports_of(source, module, is_package=module == "bot.domain")]
    assert found in names


# --- sizes and the services' reach -------------------------------------------------------------

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
SIZED = _python_files("bot", "cards", "manifest")


def _long_functions(source: str) -> list[tuple[str, int]]:
    return [
        (node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    assert len(SIZED) > 50
    big = {
        str(p.relative_to(ROOT)): n
        for p in SIZED
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    long = {
        str(p.relative_to(ROOT)): found
        for p in SIZED
        if (found := _long_functions(p.read_text(encoding="utf-8")))
    }
    assert (big, long) == ({}, {})


def test_the_length_check_sees_a_long_function() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert _long_functions(f"def f():\n{body}\n") == [("f", MAX_FUNCTION_LINES + 1)]


SQL_TEXT = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[a-z_]+\b.*\b(FROM|SET|VALUES|WHERE)\b")


def test_services_see_no_connection_and_no_sql() -> None:
    files = _python_files("bot/services")
    assert len(files) > 20
    assert _violations(files, ("sqlalchemy", "bot.store", "asyncpg", "aiosqlite")) == []
    sql = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "uow.conn" in line or ".execute(" in line or SQL_TEXT.search(line)
    ]
    assert sql == []
