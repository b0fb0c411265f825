"""Repository of service windows, and of the areas the admin gives to someone for a day.

The module-level functions taking a connection serve the command line, the benchmarks and the
tests that set up a database directly; the services use ``SqlWindows`` through the unit of work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.windows import Window, WindowState, hhmm
from bot.services.ports.day import AssignmentRepository, WindowRepository
from bot.store.participants import sync_participants
from bot.store.rounds import create_round, record_result
from bot.store.tables import area_assignments, windows

__all__ = [
    "SqlAssignments",
    "SqlWindows",
    "create_round",
    "create_window",
    "list_windows",
    "record_result",
    "sync_participants",
]


def _time(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def _window(row: Any) -> Window:
    return Window(
        id=row.id,
        day=row.day,
        start=_time(row.start_local),
        end=_time(row.end_local),
        timezone=row.timezone,
        case_number=row.case_number,
        state=WindowState(row.state),
        announced=row.announced_at is not None,
    )


class SqlWindows(WindowRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def create(
        self,
        day: dt.date,
        start: dt.time,
        end: dt.time,
        timezone: str,
        case_number: str | None,
        created_by: str,
        now: dt.datetime,
    ) -> Window:
        draft = Window(0, day, start, end, timezone, case_number, WindowState.PLANNED)
        result = await self._conn.execute(
            windows.insert().values(
                day=day,
                start_local=hhmm(start),
                end_local=hhmm(end),
                starts_at=draft.starts_at,
                ends_at=draft.ends_at,
                timezone=timezone,
                case_number=case_number,
                state=WindowState.PLANNED.value,
                created_by=created_by,
                created_at=now,
                updated_at=now,
            )
        )
        window_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        assert window_id is not None
        return Window(int(window_id), day, start, end, timezone, case_number, WindowState.PLANNED)

    async def get(self, window_id: int) -> Window | None:
        row = (await self._conn.execute(select(windows).where(windows.c.id == window_id))).first()
        return None if row is None else _window(row)

    async def all(self) -> list[Window]:
        rows = await self._conn.execute(select(windows).order_by(windows.c.day.desc(), windows.c.id.desc()))
        return [_window(r) for r in rows.all()]

    async def next_window(self, today: dt.date) -> Window | None:
        row = (
            await self._conn.execute(
                select(windows)
                .where(
                    windows.c.day >= today,
                    # Done, cancelled and aborted windows are over: neither next nor planned.
                    windows.c.state.notin_([s.value for s in WindowState if not s.open]),
                )
                .order_by(windows.c.day, windows.c.id)
                .limit(1)
            )
        ).first()
        return None if row is None else _window(row)

    async def active(self, today: dt.date) -> Window | None:
        """The window the day's commands act on: one in check-in or testing, else the next planned."""
        row = (
            await self._conn.execute(
                select(windows)
                .where(windows.c.state.in_([WindowState.CHECKIN.value, WindowState.TESTING.value]))
                .order_by(windows.c.day.desc())
                .limit(1)
            )
        ).first()
        return _window(row) if row is not None else await self.next_window(today)

    async def _update(self, window_id: int, now: dt.datetime, values: dict[str, Any]) -> None:
        await self._conn.execute(
            update(windows).where(windows.c.id == window_id).values(updated_at=now, **values)
        )

    async def set_state(self, window_id: int, state: WindowState, now: dt.datetime) -> None:
        await self._update(window_id, now, {"state": state.value})

    async def start_checkin(self, window_id: int, template: dict[str, Any], now: dt.datetime) -> None:
        await self._update(window_id, now, {"state": WindowState.CHECKIN.value, "template": template})

    async def mark_announced(self, window_id: int, now: dt.datetime) -> None:
        await self._update(window_id, now, {"announced_at": now})

    async def move(self, window: Window, day: dt.date, now: dt.datetime) -> Window:
        moved = Window(
            window.id,
            day,
            window.start,
            window.end,
            window.timezone,
            window.case_number,
            window.state,
            window.announced,
        )
        await self._update(
            window.id, now, {"day": day, "starts_at": moved.starts_at, "ends_at": moved.ends_at}
        )
        return moved

    async def set_end(self, window: Window, end: dt.time, now: dt.datetime) -> Window:
        moved = replace(window, end=end)
        await self._update(window.id, now, {"end_local": hhmm(end), "ends_at": moved.ends_at})
        return moved

    async def template(self, window_id: int) -> dict[str, Any] | None:
        value = (
            await self._conn.execute(select(windows.c.template).where(windows.c.id == window_id))
        ).scalar()
        return value if isinstance(value, dict) else None


class SqlAssignments(AssignmentRepository):
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def assign(
        self, window_id: int, area: str, email: str, name: str, by: str, now: dt.datetime
    ) -> None:
        existing = (
            await self._conn.execute(
                select(area_assignments.c.id).where(
                    area_assignments.c.window_id == window_id, area_assignments.c.area == area
                )
            )
        ).first()
        values = {"email": email, "name": name, "assigned_by": by, "assigned_at": now}
        if existing is None:
            await self._conn.execute(
                area_assignments.insert().values(window_id=window_id, area=area, **values)
            )
        else:
            await self._conn.execute(
                update(area_assignments).where(area_assignments.c.id == existing.id).values(**values)
            )

    async def unassign(self, window_id: int, area: str) -> None:
        await self._conn.execute(
            area_assignments.delete().where(
                area_assignments.c.window_id == window_id, area_assignments.c.area == area
            )
        )

    async def of_window(self, window_id: int) -> dict[str, tuple[str, str]]:
        rows = await self._conn.execute(
            select(area_assignments).where(area_assignments.c.window_id == window_id)
        )
        return {r.area: (r.email, r.name) for r in rows.all()}


async def create_window(
    conn: AsyncConnection,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    timezone: str,
    case_number: str | None,
    created_by: str,
    now: dt.datetime,
) -> Window:
    return await SqlWindows(conn).create(day, start, end, timezone, case_number, created_by, now)


async def list_windows(conn: AsyncConnection) -> list[Window]:
    return await SqlWindows(conn).all()
