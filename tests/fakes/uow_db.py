"""The in-memory database behind ``FakeUnitOfWork``: the tables of ``bot/store/tables.py`` as plain
dicts of rows, with what the SQL database itself enforces and the store relies on.

Like the real columns: JSON columns hold text (``json.dumps(sort_keys=True)``) and are decoded on
every read, so a caller never shares a dict with the database and a value JSON cannot hold is
refused at write time; timestamps must be aware and are kept in UTC; NOT NULL, unique constraints
and ``String(n)`` lengths are checked (lengths as PostgreSQL does; SQLite would not). Rows read
come back as ``SimpleNamespace`` with every column, as the store's rows do (the record reads hand
them out as they are).

Tests read the state with ``db.select(table, where, order)``; the repositories write it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

Row = SimpleNamespace


class IntegrityError(Exception):
    """A write the database would refuse (NOT NULL, unique, too long, naive timestamp)."""


# The schema of bot/store/tables.py, column by column: "name:length" for String(length), "!" for
# NOT NULL. The first column is the primary key.
_SCHEMA = {
    "people": "id! email:254! name:200! role:10! areas:400! clients:40! substitute_name:200 "
    "substitute_email:254 created_at! updated_at!",
    "identities": "id! user_id:200! aad_object_id:64 email:254 name:200 tenant_id:64 service_url:500 "
    "conversation_id:500 locale:20 timezone:64 reachable! updated_at!",
    "managers": "id! email:254! name:200! organisation:200! created_at!",
    "channels": "id! purpose:40! conversation_id:500! service_url:500! tenant_id:64 team_id:500 "
    "set_by:254 set_at!",
    "texts": "key:100! value! updated_by:254 updated_at!",
    "jobs": "id! key:300! kind:40! payload! due_at! state:12! attempts! rerun! lease_until "
    "leased_by:100 last_error:500 window_id created_at! updated_at! finished_at",
    "messages": "id! key:300! recipient_email:254 channel_purpose:40 purpose:40! content! version! "
    "sent_version! state:12! service_url:500 conversation_id:500 activity_id:500 error:500 window_id "
    "created_at! updated_at! delivered_at",
    "inbound": "key:300! at!",
    "audit": "id! window_id at! actor:254! kind:60! detail!",
    "windows": "id! day! start_local:5! end_local:5! starts_at! ends_at! timezone:64! case_number:40 "
    "state:20! template announced_at created_by:254! created_at! updated_at!",
    "participants": "id! window_id! email:254! name:200! areas:400! clients:40! substitute_name:200 "
    "substitute_email:254 plan_answer:10 plan_answered_at checkin_state:20! covered_by_email:254 "
    "covered_by_name:200 updated_at!",
    "prompts": "id:32! window_id! kind:20! recipient_email:254! participant_id round_id areas:400! "
    "case_ids state:12! answer answered_at message_key:300! created_at!",
    "rounds": "id! window_id! seq! client:10! kind:10! state:10! started_by:254! started_at! closed_at",
    "results": "id! round_id! window_id! area:40! case_id:60! tester_email:254! outcome:10! "
    "comment:1000! recorded_at!",
    "area_assignments": "id! window_id! area:40! email:254! name:200! assigned_by:254! assigned_at!",
    "decisions": "id! window_id! kind:10! round_seq client:10 comment:1000! actor:254! actor_name:200! at!",
}
# Column defaults (SQLAlchemy's ``default=``); the other columns default to NULL.
_DEFAULTS: dict[tuple[str, str], Any] = {
    ("people", "areas"): "",
    ("people", "clients"): "",
    ("identities", "reachable"): True,
    ("managers", "organisation"): "",
    ("jobs", "attempts"): 0,
    ("jobs", "rerun"): False,
    ("messages", "version"): 1,
    ("messages", "sent_version"): 0,
    ("prompts", "areas"): "",
    ("results", "comment"): "",
    ("decisions", "comment"): "",
}
_JSON = {
    ("jobs", "payload"),
    ("messages", "content"),
    ("audit", "detail"),
    ("windows", "template"),
    ("prompts", "case_ids"),
    ("prompts", "answer"),
}
_UNIQUE: dict[str, list[tuple[str, ...]]] = {
    "people": [("email",)],
    "identities": [("user_id",)],
    "managers": [("email",)],
    "channels": [("purpose",)],
    "jobs": [("key",)],
    "messages": [("key",)],
    "participants": [("window_id", "email")],
    "rounds": [("window_id", "seq")],
    "results": [("round_id", "case_id")],
    "area_assignments": [("window_id", "area")],
}


def _columns(spec: str) -> dict[str, tuple[int | None, bool]]:
    columns: dict[str, tuple[int | None, bool]] = {}
    for word in spec.split():
        required = word.endswith("!")
        name, _, length = word.rstrip("!").partition(":")
        columns[name] = (int(length) if length else None, required)
    return columns


COLUMNS = {table: _columns(spec) for table, spec in _SCHEMA.items()}
# Tables whose integer primary key the database assigns (the others' keys are given).
_AUTO_ID = {table for table in COLUMNS if table not in ("texts", "inbound", "prompts")}


def primary_key(table: str) -> str:
    return next(iter(COLUMNS[table]))


Tables = dict[str, dict[Any, dict[str, Any]]]
Snapshot = tuple[Tables, dict[str, int]]
# What a stored value may be: immutable, so that a shallow copy of a row is a deep one.
_IMMUTABLE = (str, int, float, bool, dt.date, dt.datetime, type(None))


def _copy(tables: Tables) -> Tables:
    return {name: {key: dict(row) for key, row in rows.items()} for name, rows in tables.items()}


class FakeDatabase:
    """Every table as {primary key: row}; rows keep column values as the database stores them."""

    def __init__(self) -> None:
        self.tables: Tables = {table: {} for table in COLUMNS}
        self.last_id: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self.commits = 0
        self.rollbacks = 0

    # --- transactions ---

    def snapshot(self) -> Snapshot:
        """A copy of every table and row. Rows hold immutable values only (``_encode`` sees to it:
        JSON is text), so copying the dicts copies everything, as ``copy.deepcopy`` would; that
        took 20 ms a transaction, most of it copying datetimes through ``__reduce_ex__``."""
        return _copy(self.tables), dict(self.last_id)

    def restore(self, snapshot: Snapshot) -> None:
        tables, last_id = snapshot
        self.tables, self.last_id = _copy(tables), dict(last_id)

    # --- reads ---

    def select(
        self,
        table: str,
        where: Callable[[Row], bool] | None = None,
        order: Callable[[Row], Any] | None = None,
    ) -> list[Row]:
        """Rows of ``table`` that match ``where``, sorted by ``order`` (else as inserted), decoded.

        ``where`` and ``order`` see the values as stored, JSON columns as text: decoding every
        row's JSON for every lookup made a check-in of a hundred people take seconds."""
        stored = [Row(**values) for values in self.tables[table].values()]
        stored = [r for r in stored if where is None or where(r)]
        if order is not None:
            stored.sort(key=order)
        return [self._decode(table, vars(r)) for r in stored]

    def first(
        self,
        table: str,
        where: Callable[[Row], bool] | None = None,
        order: Callable[[Row], Any] | None = None,
    ) -> Row | None:
        rows = self.select(table, where, order)
        return rows[0] if rows else None

    def get(self, table: str, key: Any) -> Row | None:
        stored = self.tables[table].get(key)
        return None if stored is None else self._decode(table, stored)

    # --- writes ---

    def insert(self, table: str, **values: Any) -> Row:
        pk = primary_key(table)
        if table in _AUTO_ID and values.get(pk) is None:
            self.last_id[table] += 1
            values[pk] = self.last_id[table]
        row = {c: _DEFAULTS.get((table, c)) for c in COLUMNS[table]}
        row.update(self._encode(table, values))
        if row[pk] in self.tables[table]:
            raise IntegrityError(f"{table}: duplicate primary key {row[pk]!r}")
        self._check(table, row, None)
        self.tables[table][row[pk]] = row
        return self._decode(table, row)

    def update(self, table: str, key: Any, **values: Any) -> None:
        row = {**self.tables[table][key], **self._encode(table, values)}
        self._check(table, row, key)
        self.tables[table][key] = row

    def delete(self, table: str, key: Any) -> None:
        del self.tables[table][key]

    def _encode(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        encoded: dict[str, Any] = {}
        for column, value in values.items():
            if column not in COLUMNS[table]:
                raise IntegrityError(f"{table} has no column {column!r}")
            if value is not None and (table, column) in _JSON:
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            elif isinstance(value, dt.datetime):
                if value.tzinfo is None:
                    raise IntegrityError(f"naive datetime given to {table}.{column}")
                value = value.astimezone(dt.UTC)
            if not isinstance(value, _IMMUTABLE):
                raise IntegrityError(f"{table}.{column} cannot hold a {type(value).__name__}: {value!r}")
            encoded[column] = value
        return encoded

    def _check(self, table: str, row: dict[str, Any], old_key: Any) -> None:
        for column, (length, required) in COLUMNS[table].items():
            value = row[column]
            if required and value is None:
                raise IntegrityError(f"{table}.{column} may not be NULL")
            if length is not None and isinstance(value, str) and len(value) > length:
                raise IntegrityError(f"{table}.{column} is longer than {length}: {value[:40]!r}...")
        pk = primary_key(table)
        for unique in _UNIQUE.get(table, []):
            values = tuple(row[c] for c in unique)
            for other in self.tables[table].values():
                if (
                    other[pk] != old_key
                    and other[pk] != row[pk]
                    and tuple(other[c] for c in unique) == values
                ):
                    raise IntegrityError(f"{table}: duplicate {unique} {values!r}")

    @staticmethod
    def _decode(table: str, stored: dict[str, Any]) -> Row:
        return Row(
            **{c: json.loads(v) if v is not None and (table, c) in _JSON else v for c, v in stored.items()}
        )


class Session:
    """What a unit of work's repositories work on: the database, only while it is open."""

    def __init__(self, db: FakeDatabase) -> None:
        self._db: FakeDatabase | None = db

    @property
    def db(self) -> FakeDatabase:
        if self._db is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._db

    def close(self) -> None:
        self._db = None


class FakeRepository:
    """Base of the fake repositories: bound to one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def db(self) -> FakeDatabase:
        return self._session.db
