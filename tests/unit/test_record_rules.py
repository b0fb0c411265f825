"""Rules of the record, checked on the source: the audit trail is append-only (one documented
exception), and the report's model and renderers are pure (no database, web or Bot Framework)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The one place allowed to rewrite audit rows: data protection replaces names with pseudonyms.
AUDIT_EXCEPTION = ROOT / "bot" / "store" / "privacy"  # a package; documented in its __init__.py
FORBIDDEN = ("sqlalchemy", "aiohttp", "botbuilder", "botframework", "asyncpg", "aiosqlite")


def _python_files(*folders: str) -> list[Path]:
    return sorted(
        p for folder in folders for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts
    )


def test_no_code_updates_or_deletes_audit_rows_except_data_protection() -> None:
    writes = re.compile(
        r"\b(update|delete)\(\s*audit\b|\baudit\.(update|delete)\(|"
        r"(UPDATE|DELETE\s+FROM)\s+audit\b",
        re.IGNORECASE,
    )
    files = [*_python_files("bot", "migrations"), ROOT / "app.py"]
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in files
        if AUDIT_EXCEPTION not in path.parents
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writes.search(line)
    ]
    assert offenders == [], "the audit trail is append-only"
    doc = (AUDIT_EXCEPTION / "__init__.py").read_text(encoding="utf-8")
    assert "append-only" in doc.split('"""')[1], "the exception must be documented in its docstring"
    for path in _python_files("bot/store/privacy"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"delete\(\s*audit\b", source), "even data protection never deletes audit rows"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
            if node.module.startswith("bot."):
                names.add(".".join(node.module.split(".")[:2]))
    return names


def test_the_report_model_and_renderers_are_pure() -> None:
    pure = _python_files("bot/domain", "bot/report", "cards")
    assert ROOT / "bot" / "domain" / "report.py" in pure
    assert ROOT / "cards" / "report.py" in pure
    for path in pure:
        imported = _imports(path)
        bad = sorted(i for i in imported if i in FORBIDDEN or i in ("bot.store", "bot.services", "bot.teams"))
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
