"""Repository of service windows: windows, participants, prompts, rounds, results, assignments."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.checkin import CheckinState
from bot.domain.people import Client, Person, decode_areas, decode_clients, encode_areas, encode_clients
from bot.domain.windows import Window, WindowState, hhmm
from bot.store.tables import area_assignments, participants, prompts, results, rounds, windows


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
    draft = Window(0, day, start, end, timezone, case_number, WindowState.PLANNED)
    result = await conn.execute(
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


async def get_window(conn: AsyncConnection, window_id: int) -> Window | None:
    row = (await conn.execute(select(windows).where(windows.c.id == window_id))).first()
    return None if row is None else _window(row)


async def list_windows(conn: AsyncConnection) -> list[Window]:
    rows = await conn.execute(select(windows).order_by(windows.c.day.desc(), windows.c.id.desc()))
    return [_window(r) for r in rows.all()]


async def next_window(conn: AsyncConnection, today: dt.date) -> Window | None:
    row = (
        await conn.execute(
            select(windows)
            .where(
                windows.c.day >= today,
                windows.c.state.notin_([WindowState.CANCELLED.value, WindowState.DONE.value]),
            )
            .order_by(windows.c.day, windows.c.id)
            .limit(1)
        )
    ).first()
    return None if row is None else _window(row)


async def active_window(conn: AsyncConnection, today: dt.date) -> Window | None:
    """The window the day's commands act on: one in check-in or testing, else the next planned."""
    row = (
        await conn.execute(
            select(windows)
            .where(windows.c.state.in_([WindowState.CHECKIN.value, WindowState.TESTING.value]))
            .order_by(windows.c.day.desc())
            .limit(1)
        )
    ).first()
    return _window(row) if row is not None else await next_window(conn, today)


async def update_window(conn: AsyncConnection, window_id: int, now: dt.datetime, **values: Any) -> None:
    if "state" in values and isinstance(values["state"], WindowState):
        values["state"] = values["state"].value
    await conn.execute(update(windows).where(windows.c.id == window_id).values(updated_at=now, **values))


async def move_window(conn: AsyncConnection, window: Window, day: dt.date, now: dt.datetime) -> Window:
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
    await update_window(conn, window.id, now, day=day, starts_at=moved.starts_at, ends_at=moved.ends_at)
    return moved


async def window_template(conn: AsyncConnection, window_id: int) -> dict[str, Any] | None:
    value = (await conn.execute(select(windows.c.template).where(windows.c.id == window_id))).scalar()
    return value if isinstance(value, dict) else None


# --- participants ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    id: int
    window_id: int
    email: str
    name: str
    areas: frozenset[str]
    clients: frozenset[Client]
    substitute_name: str | None
    substitute_email: str | None
    plan_answer: str | None
    checkin_state: CheckinState
    covered_by_email: str | None
    covered_by_name: str | None

    @property
    def has_substitute(self) -> bool:
        return bool(self.substitute_email)


def _participant(row: Any) -> Participant:
    return Participant(
        id=row.id,
        window_id=row.window_id,
        email=row.email,
        name=row.name,
        areas=decode_areas(row.areas),
        clients=decode_clients(row.clients),
        substitute_name=row.substitute_name,
        substitute_email=row.substitute_email,
        plan_answer=row.plan_answer,
        checkin_state=CheckinState(row.checkin_state),
        covered_by_email=row.covered_by_email,
        covered_by_name=row.covered_by_name,
    )


async def sync_participants(
    conn: AsyncConnection, window_id: int, testers: list[Person], now: dt.datetime
) -> None:
    """Make the window's participants match the roster's testers (new ones added, areas and
    substitutes refreshed). Only while planning: on the day the list is what it is."""
    existing = {p.email: p for p in await list_participants(conn, window_id)}
    for person in testers:
        values = {
            "name": person.name,
            "areas": encode_areas(person.areas),
            "clients": encode_clients(person.clients),
            "substitute_name": person.substitute.name if person.substitute else None,
            "substitute_email": person.substitute.email if person.substitute else None,
            "updated_at": now,
        }
        if person.email in existing:
            await conn.execute(
                update(participants).where(participants.c.id == existing[person.email].id).values(**values)
            )
        else:
            await conn.execute(
                participants.insert().values(
                    window_id=window_id,
                    email=person.email,
                    checkin_state=CheckinState.WAITING.value,
                    **values,
                )
            )


async def list_participants(conn: AsyncConnection, window_id: int) -> list[Participant]:
    rows = await conn.execute(
        select(participants).where(participants.c.window_id == window_id).order_by(participants.c.id)
    )
    return [_participant(r) for r in rows.all()]


async def waiting_participants(conn: AsyncConnection, window_id: int, limit: int) -> list[Participant]:
    """Up to ``limit`` participants whose check-in has not started, in roster order."""
    rows = await conn.execute(
        select(participants)
        .where(
            participants.c.window_id == window_id,
            participants.c.checkin_state == CheckinState.WAITING.value,
        )
        .order_by(participants.c.id)
        .limit(limit)
    )
    return [_participant(r) for r in rows.all()]


async def get_participant(conn: AsyncConnection, participant_id: int) -> Participant | None:
    row = (await conn.execute(select(participants).where(participants.c.id == participant_id))).first()
    return None if row is None else _participant(row)


async def update_participant(
    conn: AsyncConnection, participant_id: int, now: dt.datetime, **values: Any
) -> None:
    if isinstance(values.get("checkin_state"), CheckinState):
        values["checkin_state"] = values["checkin_state"].value
    await conn.execute(
        update(participants).where(participants.c.id == participant_id).values(updated_at=now, **values)
    )


# --- prompts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    id: str
    window_id: int
    kind: str
    recipient_email: str
    participant_id: int | None
    round_id: int | None
    areas: frozenset[str]
    case_ids: list[str] | None
    state: str
    answer: dict[str, Any] | None
    answered_at: dt.datetime | None
    message_key: str


def _prompt(row: Any) -> Prompt:
    return Prompt(
        id=row.id,
        window_id=row.window_id,
        kind=row.kind,
        recipient_email=row.recipient_email,
        participant_id=row.participant_id,
        round_id=row.round_id,
        areas=decode_areas(row.areas),
        case_ids=row.case_ids,
        state=row.state,
        answer=row.answer,
        answered_at=row.answered_at,
        message_key=row.message_key,
    )


async def create_prompt(
    conn: AsyncConnection,
    window_id: int,
    kind: str,
    recipient_email: str,
    message_key: str,
    now: dt.datetime,
    *,
    participant_id: int | None = None,
    round_id: int | None = None,
    areas: frozenset[str] | None = None,
    case_ids: list[str] | None = None,
) -> Prompt:
    prompt_id = uuid.uuid4().hex
    await conn.execute(
        prompts.insert().values(
            id=prompt_id,
            window_id=window_id,
            kind=kind,
            recipient_email=recipient_email,
            participant_id=participant_id,
            round_id=round_id,
            areas=encode_areas(areas or frozenset()),
            case_ids=case_ids,
            state="open",
            message_key=message_key,
            created_at=now,
        )
    )
    row = (await conn.execute(select(prompts).where(prompts.c.id == prompt_id))).one()
    return _prompt(row)


async def get_prompt(conn: AsyncConnection, prompt_id: str) -> Prompt | None:
    if not isinstance(prompt_id, str) or len(prompt_id) != 32:
        return None
    row = (await conn.execute(select(prompts).where(prompts.c.id == prompt_id))).first()
    return None if row is None else _prompt(row)


async def find_prompts(
    conn: AsyncConnection,
    window_id: int,
    *,
    kind: str | None = None,
    participant_id: int | None = None,
    round_id: int | None = None,
    state: str | None = None,
) -> list[Prompt]:
    query = select(prompts).where(prompts.c.window_id == window_id)
    if kind is not None:
        query = query.where(prompts.c.kind == kind)
    if participant_id is not None:
        query = query.where(prompts.c.participant_id == participant_id)
    if round_id is not None:
        query = query.where(prompts.c.round_id == round_id)
    if state is not None:
        query = query.where(prompts.c.state == state)
    rows = await conn.execute(query.order_by(prompts.c.created_at, prompts.c.id))
    return [_prompt(r) for r in rows.all()]


async def answer_prompt(
    conn: AsyncConnection, prompt_id: str, answer: dict[str, Any], now: dt.datetime, state: str = "answered"
) -> None:
    await conn.execute(
        update(prompts).where(prompts.c.id == prompt_id).values(state=state, answer=answer, answered_at=now)
    )


async def close_prompt(
    conn: AsyncConnection, prompt_id: str, state: str = "closed", *, answered_too: bool = False
) -> None:
    """Close an open prompt (or, with ``answered_too``, an answered one whose question was withdrawn)."""
    states = ["open", "answered"] if answered_too else ["open"]
    await conn.execute(
        update(prompts).where(prompts.c.id == prompt_id, prompts.c.state.in_(states)).values(state=state)
    )


# --- rounds and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    id: int
    window_id: int
    seq: int
    client: str
    kind: str
    state: str
    started_at: dt.datetime
    closed_at: dt.datetime | None


def _round(row: Any) -> Round:
    return Round(
        row.id, row.window_id, row.seq, row.client, row.kind, row.state, row.started_at, row.closed_at
    )


async def create_round(
    conn: AsyncConnection, window_id: int, client: str, kind: str, started_by: str, now: dt.datetime
) -> Round:
    seq = (
        await conn.execute(
            select(func.coalesce(func.max(rounds.c.seq), 0)).where(rounds.c.window_id == window_id)
        )
    ).scalar()
    result = await conn.execute(
        rounds.insert().values(
            window_id=window_id,
            seq=int(seq or 0) + 1,
            client=client,
            kind=kind,
            state="open",
            started_by=started_by,
            started_at=now,
        )
    )
    round_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
    row = (await conn.execute(select(rounds).where(rounds.c.id == round_id))).one()
    return _round(row)


async def list_rounds(conn: AsyncConnection, window_id: int) -> list[Round]:
    rows = await conn.execute(select(rounds).where(rounds.c.window_id == window_id).order_by(rounds.c.seq))
    return [_round(r) for r in rows.all()]


async def get_round(conn: AsyncConnection, round_id: int) -> Round | None:
    row = (await conn.execute(select(rounds).where(rounds.c.id == round_id))).first()
    return None if row is None else _round(row)


async def close_round(conn: AsyncConnection, round_id: int, now: dt.datetime) -> None:
    await conn.execute(
        update(rounds)
        .where(rounds.c.id == round_id, rounds.c.state == "open")
        .values(state="closed", closed_at=now)
    )


@dataclass(frozen=True)
class Result:
    round_id: int
    area: str
    case_id: str
    tester_email: str
    outcome: str
    comment: str
    recorded_at: dt.datetime


async def record_result(
    conn: AsyncConnection,
    round_id: int,
    window_id: int,
    area: str,
    case_id: str,
    tester_email: str,
    outcome: str,
    comment: str,
    now: dt.datetime,
) -> bool:
    """Insert or change one case's result in a round. Returns False if it was already exactly so."""
    row = (
        await conn.execute(
            select(results).where(results.c.round_id == round_id, results.c.case_id == case_id)
        )
    ).first()
    if row is None:
        await conn.execute(
            results.insert().values(
                round_id=round_id,
                window_id=window_id,
                area=area,
                case_id=case_id,
                tester_email=tester_email,
                outcome=outcome,
                comment=comment,
                recorded_at=now,
            )
        )
        return True
    if (row.outcome, row.comment, row.tester_email) == (outcome, comment, tester_email):
        return False
    await conn.execute(
        update(results)
        .where(results.c.id == row.id)
        .values(outcome=outcome, comment=comment, tester_email=tester_email, recorded_at=now)
    )
    return True


async def round_results(conn: AsyncConnection, round_id: int) -> list[Result]:
    rows = await conn.execute(select(results).where(results.c.round_id == round_id).order_by(results.c.id))
    return [
        Result(r.round_id, r.area, r.case_id, r.tester_email, r.outcome, r.comment, r.recorded_at)
        for r in rows.all()
    ]


# --- assignments -----------------------------------------------------------------------------


async def assign_area(
    conn: AsyncConnection, window_id: int, area: str, email: str, name: str, by: str, now: dt.datetime
) -> None:
    existing = (
        await conn.execute(
            select(area_assignments.c.id).where(
                area_assignments.c.window_id == window_id, area_assignments.c.area == area
            )
        )
    ).first()
    values = {"email": email, "name": name, "assigned_by": by, "assigned_at": now}
    if existing is None:
        await conn.execute(area_assignments.insert().values(window_id=window_id, area=area, **values))
    else:
        await conn.execute(
            update(area_assignments).where(area_assignments.c.id == existing.id).values(**values)
        )


async def unassign_area(conn: AsyncConnection, window_id: int, area: str) -> None:
    await conn.execute(
        area_assignments.delete().where(
            area_assignments.c.window_id == window_id, area_assignments.c.area == area
        )
    )


async def assignments(conn: AsyncConnection, window_id: int) -> dict[str, tuple[str, str]]:
    rows = await conn.execute(select(area_assignments).where(area_assignments.c.window_id == window_id))
    return {r.area: (r.email, r.name) for r in rows.all()}
