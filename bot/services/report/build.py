"""Reading a window's record through ``uow.reports`` for the report (``bot.domain.record`` assembles
it), and the history across windows, which is made of the windows' reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from bot.domain.record import RecordRows, window_report
from bot.domain.report import History, WindowReport, digest, history
from bot.domain.template import Template, parse_template
from bot.domain.windows import WindowState
from bot.services.ports import UnitOfWork
from bot.services.templates import load_default_template


async def read_record(uow: UnitOfWork, window_id: int, *, full: bool = True) -> RecordRows | None:
    """The rows of one window's record; ``full=False`` skips the messages and e-mails."""
    reads = uow.reports
    w = await reads.window_row(window_id)
    if w is None:
        return None
    return RecordRows(
        window=w,
        known_names=await reads.known_names(),
        participants=await reads.participant_rows(window_id),
        assignments=await reads.assignment_rows(window_id),
        template=_template(w.template),
        audit=await reads.audit_rows(window_id),
        prompts=await reads.prompt_rows(window_id),
        rounds=await reads.round_rows(window_id),
        results=await reads.result_rows(window_id),
        messages=await reads.message_rows(window_id) if full else (),
        email_jobs=await reads.email_job_rows(window_id) if full else (),
    )


def _template(frozen: Any) -> Template:
    """The routine frozen into the window; windows from before routines were frozen get today's."""
    return parse_template(frozen) if isinstance(frozen, dict) and frozen else load_default_template()


async def build_report(
    uow: UnitOfWork, window_id: int, now: dt.datetime, *, full: bool = True
) -> WindowReport | None:
    """The report of one window; ``full=False`` leaves out messages, answers and the audit trail."""
    rows = await read_record(uow, window_id, full=full)
    return None if rows is None else window_report(rows, now, full=full)


async def build_history(uow: UnitOfWork, now: dt.datetime) -> History:
    """Every window that had test rounds (cancelled ones aside), reduced for the history."""
    digests = []
    for w in await uow.reports.window_rows():
        if w.state == WindowState.CANCELLED.value:
            continue
        if not await uow.reports.round_rows(w.id):
            continue
        report = await build_report(uow, w.id, now, full=False)
        if report is not None:
            digests.append(digest(report))
    return history(digests)


async def full_report(
    uow: UnitOfWork, window_id: int, now: dt.datetime, *, history: bool
) -> WindowReport | None:
    """The report for a file; with ``history`` the history across windows is attached (HTML)."""
    report = await build_report(uow, window_id, now)
    if report is None or not history:
        return report
    return replace(report, history=await build_history(uow, now))


async def reportable_window(uow: UnitOfWork, on: dt.date) -> int | None:
    """The window ``rapport`` without a number means: the latest that has begun (or the next one)."""
    started = [
        w
        for w in await uow.reports.window_rows()
        # An aborted day began too, and its record is what the admin needs most.
        if w.state
        in (
            WindowState.CHECKIN.value,
            WindowState.TESTING.value,
            WindowState.DONE.value,
            WindowState.ABORTED.value,
        )
    ]
    if started:
        return int(max(started, key=lambda w: (w.day, w.id)).id)
    planned = [
        w for w in await uow.reports.window_rows() if w.state == WindowState.PLANNED.value and w.day >= on
    ]
    return int(planned[0].id) if planned else None
