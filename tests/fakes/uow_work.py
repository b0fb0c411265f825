"""Fake outbox and job table, with the SQL store's semantics (``bot/store/outbox.py``, ``jobs.py``).

Besides the ports' methods they have what the store gives the workers (``claim``,
``retry_later``, ``record_sent``), so that tests can run due jobs the way ``JobRunner`` does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.services.ports.jobs import Job, JobInfo, JobRepository, JobState
from bot.services.ports.outbox import DELIVER, Message, MessageState, OutboxRepository, delivery_job_key
from tests.fakes.uow_db import FakeRepository, Row


def to_job(row: Row) -> Job:
    return Job(
        id=row.id,
        key=row.key,
        kind=row.kind,
        payload=row.payload,
        due_at=row.due_at,
        attempts=row.attempts,
        leased_by=row.leased_by,
        window_id=row.window_id,
    )


class FakeJobs(FakeRepository, JobRepository):
    def _by_key(self, key: str) -> Row | None:
        return self.db.first("jobs", lambda r: r.key == key)

    async def enqueue(
        self,
        key: str,
        kind: str,
        due_at: dt.datetime,
        now: dt.datetime,
        payload: dict[str, Any] | None = None,
        window_id: int | None = None,
        *,
        rerun: bool = False,
    ) -> None:
        existing = self._by_key(key)
        if existing is None:
            self.db.insert(
                "jobs",
                key=key,
                kind=kind,
                payload=payload or {},
                due_at=due_at,
                state=JobState.PENDING.value,
                attempts=0,
                rerun=False,
                window_id=window_id,
                created_at=now,
                updated_at=now,
            )
        elif rerun:
            # ON CONFLICT DO UPDATE: a running job runs again when done; any other starts over.
            running = existing.state == JobState.RUNNING
            self.db.update(
                "jobs",
                existing.id,
                payload=payload or {},
                rerun=running,
                state=JobState.RUNNING.value if running else JobState.PENDING.value,
                due_at=existing.due_at if running else due_at,
                attempts=existing.attempts if running else 0,
                updated_at=now,
            )
        # else ON CONFLICT DO NOTHING

    async def cancel(self, now: dt.datetime, *keys: str, prefix: str | None = None) -> int:
        if not keys and not prefix:
            return 0
        cancelled = 0
        for row in self.db.select("jobs", lambda r: r.state == JobState.PENDING):
            if row.key in keys or (prefix and row.key.startswith(prefix)):
                self.db.update(
                    "jobs", row.id, state=JobState.CANCELLED.value, updated_at=now, finished_at=now
                )
                cancelled += 1
        return cancelled

    def _held(self, job: Job) -> Row | None:
        row = self.db.get("jobs", job.id)
        if row is None or row.leased_by != job.leased_by or row.state != JobState.RUNNING:
            return None
        return row

    async def finish(self, job: Job, state: JobState, now: dt.datetime, error: str | None = None) -> bool:
        row = self._held(job)
        if row is None:
            return False
        again = bool(row.rerun)
        self.db.update(
            "jobs",
            row.id,
            state=JobState.PENDING.value if again else state.value,
            attempts=0 if again else row.attempts,
            due_at=now if again else row.due_at,
            rerun=False,
            lease_until=None,
            leased_by=None,
            last_error=error[:500] if error else None,
            updated_at=now,
            finished_at=None if again else now,
        )
        return True

    # --- what the store gives the job runner ---

    def claim(self, now: dt.datetime, worker_id: str, limit: int, lease_seconds: int) -> list[Job]:
        """``bot.store.jobs.claim``: take due jobs (or ones whose lease ran out) for this worker."""
        due = self.db.select(
            "jobs",
            lambda r: (
                (r.state == JobState.PENDING and r.due_at <= now)
                or (r.state == JobState.RUNNING and r.lease_until is not None and r.lease_until < now)
            ),
            order=lambda r: (r.due_at, r.id),
        )[:limit]
        for row in due:
            self.db.update(
                "jobs",
                row.id,
                state=JobState.RUNNING.value,
                leased_by=worker_id,
                lease_until=now + dt.timedelta(seconds=lease_seconds),
                attempts=row.attempts + 1,
                updated_at=now,
            )
        ids = {row.id for row in due}
        return [
            to_job(r) for r in self.db.select("jobs", lambda r: r.id in ids, order=lambda r: (r.due_at, r.id))
        ]

    def retry_later(self, job: Job, due_at: dt.datetime, now: dt.datetime, error: str) -> bool:
        row = self._held(job)
        if row is None:
            return False
        self.db.update(
            "jobs",
            row.id,
            state=JobState.PENDING.value,
            due_at=due_at,
            rerun=False,
            lease_until=None,
            leased_by=None,
            last_error=error[:500],
            updated_at=now,
        )
        return True

    # Last: below it, ``list`` in an annotation would mean this method.
    async def list(self, states: tuple[JobState, ...], limit: int = 200) -> list[JobInfo]:
        rows = self.db.select("jobs", lambda r: r.state in states, order=lambda r: r.due_at)
        return [JobInfo(r.kind, JobState(r.state), r.due_at, r.last_error) for r in rows[:limit]]


def to_message(row: Row) -> Message:
    return Message(
        id=row.id,
        key=row.key,
        recipient_email=row.recipient_email,
        channel_purpose=row.channel_purpose,
        purpose=row.purpose,
        content=row.content,
        version=row.version,
        sent_version=row.sent_version,
        state=MessageState(row.state),
        service_url=row.service_url,
        conversation_id=row.conversation_id,
        activity_id=row.activity_id,
        window_id=row.window_id,
    )


class FakeOutbox(FakeRepository, OutboxRepository):
    def _by_key(self, key: str) -> Row | None:
        return self.db.first("messages", lambda r: r.key == key)

    async def get(self, key: str) -> Message | None:
        row = self._by_key(key)
        return None if row is None else to_message(row)

    async def put(
        self,
        key: str,
        content: dict[str, Any],
        now: dt.datetime,
        *,
        purpose: str,
        recipient_email: str | None = None,
        channel_purpose: str | None = None,
        conversation: tuple[str, str] | None = None,
        window_id: int | None = None,
        due_at: dt.datetime | None = None,
        lane: str | None = None,
    ) -> bool:
        if sum(x is not None for x in (recipient_email, channel_purpose, conversation)) != 1:
            raise ValueError("a message goes to exactly one person, channel or conversation")
        existing = self._by_key(key)
        if existing is None:
            self.db.insert(
                "messages",
                key=key,
                recipient_email=recipient_email,
                channel_purpose=channel_purpose,
                service_url=conversation[0] if conversation else None,
                conversation_id=conversation[1] if conversation else None,
                purpose=purpose,
                content=content,
                version=1,
                sent_version=0,
                state=MessageState.PENDING.value,
                window_id=window_id,
                created_at=now,
                updated_at=now,
            )
        else:
            # Compared as the database has it: decoded JSON against the new content.
            if existing.content == content and existing.state != MessageState.CANCELLED:
                return False
            self.db.update(
                "messages",
                existing.id,
                content=content,
                version=existing.version + 1,
                state=MessageState.PENDING.value,
                error=None,
                updated_at=now,
            )
        lane = lane or recipient_email or channel_purpose or (conversation[1] if conversation else key)
        await FakeJobs(self._session).enqueue(
            delivery_job_key(key),
            DELIVER,
            due_at or now,
            now,
            {"message": key, "lane": lane},
            window_id,
            rerun=True,
        )
        return True

    async def exists(self, *, prefix: str) -> bool:
        return self.db.first("messages", lambda r: r.key.startswith(prefix)) is not None

    async def mark_shown(self, key: str, content: dict[str, Any], now: dt.datetime) -> None:
        row = self._by_key(key)
        if row is not None:
            # SET version = version + 1, sent_version = version + 1: both from the old version.
            self.db.update(
                "messages",
                row.id,
                content=content,
                version=row.version + 1,
                sent_version=row.version + 1,
                updated_at=now,
            )

    async def cancel(self, key: str, now: dt.datetime) -> bool:
        row = self._by_key(key)
        withdrawn = row is not None and row.activity_id is None
        if row is not None and withdrawn:
            self.db.update("messages", row.id, state=MessageState.CANCELLED.value, updated_at=now)
        await FakeJobs(self._session).cancel(now, delivery_job_key(key))
        return withdrawn

    # --- what the store gives the delivery worker ---

    def record_sent(
        self, key: str, version: int, conversation_id: str, activity_id: str | None, now: dt.datetime
    ) -> None:
        row = self._by_key(key)
        if row is None:
            return
        values: dict[str, Any] = {
            "sent_version": version,
            "conversation_id": conversation_id,
            "state": MessageState.SENT.value,
            "error": None,
            "updated_at": now,
            "delivered_at": now,
        }
        if activity_id:
            values["activity_id"] = activity_id
        self.db.update("messages", row.id, **values)
