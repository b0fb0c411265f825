"""The tools every data-protection step shares: counts, rewriting columns row by row, text search.

``Counts`` (how many rows each step touched) is plain data and lives in ``bot.domain.privacy``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, Text, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.privacy import Counts

__all__ = ["FINISHED_JOBS", "Columns", "Counts", "mentions", "rewrite"]

FINISHED_JOBS = ("done", "cancelled", "dead", "failed")

Columns = dict[str, Callable[[Any], Any]]  # column name: function from the old value to the new


async def rewrite(
    conn: AsyncConnection,
    table: Table,
    where: ColumnElement[bool] | None,
    columns: Columns,
    *,
    key: str = "id",
) -> int:
    """Apply a function to some columns of the matching rows; update only rows that change.

    ``key`` is the primary key column (``id`` but for prompts' and texts' own keys). Returns how
    many rows changed."""
    pk = table.c[key]
    query = select(pk, *(table.c[name] for name in columns))
    if where is not None:
        query = query.where(where)
    changed = 0
    for pk_value, *olds in (await conn.execute(query)).all():
        values = {}
        for (name, fn), old in zip(columns.items(), olds, strict=True):
            new = fn(old)
            if new != old:
                values[name] = new
        if values:
            await conn.execute(update(table).where(pk == pk_value).values(**values))
            changed += 1
    return changed


def mentions(column: Any, terms: list[str]) -> ColumnElement[bool]:
    """Whether the column's text contains any of the terms, ignoring case."""
    # As plain text: a JSON column would otherwise encode the pattern as JSON.
    text = type_coerce(column, Text)
    return or_(*(text.icontains(term, autoescape=True) for term in terms))
