"""Data protection (the roster holds names and e-mail addresses of municipal staff).

- **Retention**: windows older than ``RETENTION_DAYS`` are anonymised: every name and e-mail address
  in their records becomes a pseudonym (``person-…``), while results, comments, times and counts stay,
  so the reports and the history still add up. Messages that belong to no window, Teams identities of
  people no longer on the roster and finished jobs are deleted once older than the period. It runs
  every day through the job table (a ``retention:<date>`` job, enqueued by the job runner's daily
  check only when something has become old enough) and on demand: ``python app.py retention run``.
- **Forget**: ``python app.py person forget <email>`` removes what only serves to reach the person
  and pseudonymises them in the record, which the routine requires to be kept; it reports what it
  kept and why.

The audit trail is otherwise append-only; ``bot.store.privacy`` is the one place that rewrites the
personal fields of audit rows. Logs name no one: they carry counts only.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain.audit import AuditKind
from bot.domain.privacy import Counts, Forgotten, Pseudonyms
from bot.i18n import Lang, t
from bot.services.context import Services
from bot.services.payloads import Retention
from bot.services.ports import UnitOfWork

log = logging.getLogger(__name__)

RETENTION_JOB = "retention"


@dataclass(frozen=True)
class RetentionResult:
    days: int
    before: dt.date  # windows on days before this are anonymised
    windows: tuple[int, ...]
    stale: Counts

    @property
    def changed(self) -> bool:
        return bool(self.windows or self.stale.values)


def _limits(now: dt.datetime, zone: ZoneInfo, days: int) -> tuple[dt.date, dt.datetime]:
    """The first day that is kept, and its start as UTC."""
    before = now.astimezone(zone).date() - dt.timedelta(days=days)
    return before, dt.datetime.combine(before, dt.time(0, 0), tzinfo=zone).astimezone(dt.UTC)


def _pseudonyms() -> Pseudonyms:
    # A fresh random key per run, never stored: pseudonyms cannot be traced back to anyone.
    return Pseudonyms(secrets.token_bytes(32))


async def run_retention(
    uow: UnitOfWork, now: dt.datetime, zone: ZoneInfo, days: int, actor: str = "bot"
) -> RetentionResult:
    before, cutoff = _limits(now, zone, days)
    pseudonyms = _pseudonyms()
    everyone = await uow.privacy.known_people()
    done = []
    for window_id in await uow.privacy.windows_to_anonymise(before):
        counts = await uow.privacy.anonymise_window(window_id, pseudonyms, everyone)
        await uow.audit.record(
            now,
            actor,
            AuditKind.WINDOW_ANONYMISED,
            {"retention_days": days, "rows": counts.values},
            window_id,
        )
        done.append(window_id)
    stale = await uow.privacy.remove_stale(cutoff, pseudonyms, everyone)
    result = RetentionResult(days, before, tuple(done), stale)
    if result.changed:
        await uow.audit.record(
            now,
            actor,
            AuditKind.PRIVACY_RETENTION,
            {
                "retention_days": days,
                "before": before.isoformat(),
                "windows": list(done),
                "rows": stale.values,
            },
        )
    log.info(
        "retention: %d windows anonymised, %d rows outside windows changed",
        len(done),
        sum(stale.values.values()),
    )
    return result


class RetentionSchedule:
    """The job runner's daily check: once per local day, enqueue ``retention:<date>`` if anything has
    passed the retention period. Nothing is queued otherwise, so no job waits in the table for days."""

    def __init__(self, svc: Services) -> None:
        self._svc = svc
        self._checked: dt.date | None = None

    async def __call__(self) -> None:
        svc = self._svc
        now = svc.clock.now()
        today = now.astimezone(svc.settings.zone).date()
        if self._checked == today:
            return
        before, cutoff = _limits(now, svc.settings.zone, svc.settings.retention_days)
        async with svc.uow() as uow:
            if await uow.privacy.retention_due(before, cutoff):
                await uow.jobs.enqueue(
                    f"{RETENTION_JOB}:{today.isoformat()}",
                    RETENTION_JOB,
                    now,
                    now,
                    Retention(today.isoformat()).to_dict(),
                )
        self._checked = today


async def forget_person(uow: UnitOfWork, email: str, now: dt.datetime, actor: str = "cli") -> Forgotten:
    result = await uow.privacy.forget(email, _pseudonyms())
    if result.found:
        await uow.audit.record(
            now,
            actor,
            AuditKind.PRIVACY_FORGOTTEN,
            {"alias": result.alias, "removed": result.removed.values, "kept": result.kept.values},
        )
    log.info(
        "forget: %d rows removed, %d rows pseudonymised",
        sum(result.removed.values.values()),
        sum(result.kept.values.values()),
    )
    return result


def forget_lines(result: Forgotten, lang: Lang = "sv") -> list[str]:
    """What ``person forget`` tells the operator: what was removed, what was kept and why."""
    if not result.found:
        return [t("forget.none", lang, email=result.email)]
    nothing = "  - " + t("forget.kept.nothing", lang)
    lines = [t("forget.done", lang, email=result.email, alias=result.alias), "", t("forget.removed", lang)]
    lines += _removed_lines(result, lang) or [nothing]
    lines += ["", t("forget.kept", lang)]
    lines += _kept_lines(result, lang) or [nothing]
    if result.kept["results"]:
        lines += ["", t("forget.comments", lang)]
    if result.open_windows:
        lines += ["", t("forget.open_windows", lang, ids=", ".join(str(i) for i in result.open_windows))]
    return lines


def _removed_lines(result: Forgotten, lang: Lang) -> list[str]:
    removed = result.removed
    lines = []
    if removed["people"]:
        lines.append("  - " + t("forget.removed.people", lang))
    if removed["identities"]:
        lines.append("  - " + t("forget.removed.identities", lang, count=removed["identities"]))
    if removed["managers"]:
        lines.append("  - " + t("forget.removed.managers", lang))
    if result.substitute_of:
        lines.append("  - " + t("forget.removed.substitute_of", lang, names=", ".join(result.substitute_of)))
    if removed["planned"]:
        lines.append("  - " + t("forget.removed.planned", lang, count=removed["planned"]))
    if removed["jobs"]:
        lines.append("  - " + t("forget.removed.jobs", lang, count=removed["jobs"]))
    return lines


def _kept_lines(result: Forgotten, lang: Lang) -> list[str]:
    kept = result.kept
    return [
        "  - " + t(f"forget.kept.{key}", lang, count=kept[key])
        for key in ("audit", "results", "participants", "prompts", "messages", "other")
        if kept[key]
    ]


def retention_line(result: RetentionResult, lang: Lang = "sv") -> str:
    if not result.changed:
        return t("retention.nothing", lang, days=result.days, cutoff=result.before.isoformat())
    s = result.stale
    return t(
        "retention.done",
        lang,
        days=result.days,
        cutoff=result.before.isoformat(),
        windows=len(result.windows),
        messages=s["messages"],
        identities=s["identities"],
        audit=s["audit"],
        jobs=s["jobs"],
    )
