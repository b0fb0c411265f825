"""The settings table in docs/deploy.md must list exactly the variables in bot.config.SETTINGS.

Plus ``BOT_DOMAIN``, which only the Teams app package build reads. Defaults must match too, so
changing a default in the code without the guide fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import SETTINGS

DEPLOY_DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
EXTRA = {"BOT_DOMAIN"}  # read by `python app.py manifest build`, not by the bot
_ROW = re.compile(r"^\|\s*`(?P<name>[^`|]+)`\s*\|(?P<default>[^|]*)\|(?P<meaning>[^|]*)\|\s*$")


def _settings_table() -> dict[str, tuple[str, str]]:
    """Rows of the table under the "## Settings" heading: name -> (default cell, meaning cell)."""
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    match = re.search(r"^## Settings\s*$(?P<body>.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, "docs/deploy.md has no '## Settings' section"
    rows: dict[str, tuple[str, str]] = {}
    for line in match.group("body").splitlines():
        row = _ROW.match(line.strip())
        if row:
            name = row.group("name").strip()
            assert name not in rows, f"{name} is listed twice"
            rows[name] = (row.group("default").strip(), row.group("meaning").strip())
    assert rows, "the Settings section has no table rows with `NAME` in the first column"
    return rows


def test_every_setting_is_documented() -> None:
    missing = set(SETTINGS) - set(_settings_table())
    assert not missing, f"add to docs/deploy.md: {sorted(missing)}"


def test_table_has_no_unknown_variables() -> None:
    unknown = set(_settings_table()) - set(SETTINGS) - EXTRA
    assert not unknown, f"not in bot.config.SETTINGS: {sorted(unknown)}"


def test_bot_domain_is_documented() -> None:
    assert "BOT_DOMAIN" in _settings_table()


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_documented_default_matches_code(name: str) -> None:
    table = _settings_table()
    if name not in table:
        pytest.skip("reported by test_every_setting_is_documented")
    default_cell, meaning = table[name]
    default, _ = SETTINGS[name]
    if default:
        assert default_cell == f"`{default}`", f"{name}: docs say {default_cell}, code says {default!r}"
    else:
        assert default_cell == "(empty)", f"{name}: docs say {default_cell}, code has no default"
    assert meaning, f"{name}: no meaning given"
