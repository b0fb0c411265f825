"""Delivering the outbox to Teams: create the 1:1 conversation if needed, send or update.

At-least-once: a send that Teams accepted just before a crash, before we recorded it, is sent
again after restart. Everything else is exactly once: a message is re-checked before sending
(cancelled ones are not sent) and its version tells whether an update is still needed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.domain.audit import AuditKind
from bot.i18n import Phrase
from bot.services.alerts import alert_admins
from bot.services.context import Services
from bot.services.ports import Dead, Done, Job, MessageState, Outcome, Retry, backoff
from bot.store import identities, outbox, people, records
from bot.store.uow import UnitOfWork, UnitOfWorkFactory
from bot.teams.connector import ConnectorError
from bot.workers.ratelimit import RateLimiter
from bot.workers.runner import MAX_ATTEMPTS, Throttled

log = logging.getLogger(__name__)

RETRYABLE = {412, 429, 500, 502, 503, 504}
GONE = {401, 403, 404}


class Sender(Protocol):
    async def create_conversation(self, service_url: str, user_id: str, tenant_id: str | None) -> str: ...

    async def send(
        self, service_url: str, conversation_id: str, activity: dict[str, object]
    ) -> str | None: ...

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, object]
    ) -> None: ...


@dataclass(frozen=True)
class Target:
    service_url: str
    conversation_id: str | None
    user_id: str | None
    tenant_id: str | None


Undeliverable = Callable[[Services, UnitOfWork, outbox.Message], Awaitable[None]]


class Delivery:
    def __init__(
        self,
        svc: Services,
        sender: Sender,
        limiter: RateLimiter,
        on_undeliverable: Undeliverable | None = None,
        *,
        uow: UnitOfWorkFactory,
    ) -> None:
        self._svc = svc
        # The store's own unit of work: delivery records what Teams did with each message, below the
        # services' ports.
        self._uow = uow
        self._sender = sender
        self._limiter = limiter
        # Lets the day react when a card cannot reach someone (a substitute not in Teams).
        self._on_undeliverable = on_undeliverable

    async def __call__(self, job: Job) -> Outcome:
        key = str(job.payload["message"])
        # Its place in line for Teams' rate limit, before any wait: sends go in claim order.
        ticket = self._limiter.ticket()
        async with self._uow() as uow:
            msg = await outbox.get(uow.conn, key)
            if msg is None or msg.state in (MessageState.CANCELLED, MessageState.DEAD):
                return Done()
            if msg.activity_id and msg.sent_version >= msg.version:
                return Done()
            target = await self._target(uow, msg)
            if isinstance(target, str):
                await outbox.record_dead(uow.conn, key, target, self._svc.clock.now())
                await self._unreachable(uow, msg, target)
                return Dead(target)
        try:
            conversation_id = target.conversation_id
            if conversation_id is None:
                assert target.user_id is not None
                async with self._limiter.slot(None, ticket):
                    conversation_id = await self._sender.create_conversation(
                        target.service_url, target.user_id, target.tenant_id
                    )
                async with self._uow() as uow:
                    await identities.set_conversation(
                        uow.conn, target.user_id, conversation_id, self._svc.clock.now()
                    )
            activity_id = msg.activity_id
            async with self._limiter.slot(conversation_id, ticket):
                if activity_id:
                    await self._sender.update(target.service_url, conversation_id, activity_id, msg.content)
                else:
                    activity_id = await self._sender.send(target.service_url, conversation_id, msg.content)
        except ConnectorError as exc:
            return await self._failed(job, msg, exc)
        async with self._uow() as uow:
            now = self._svc.clock.now()
            await outbox.record_sent(uow.conn, key, msg.version, conversation_id, activity_id, now)
            first = msg.sent_version == 0
            await records.record(
                uow.conn,
                now,
                "bot",
                AuditKind.MESSAGE_SENT if first else AuditKind.MESSAGE_UPDATED,
                {
                    "message": key,
                    "purpose": msg.purpose,
                    "to": msg.recipient_email or msg.channel_purpose or "reply",
                    "version": msg.version,
                },
                msg.window_id,
            )
        return Done()

    async def _target(self, uow: UnitOfWork, msg: outbox.Message) -> Target | str:
        if msg.conversation_id and msg.service_url:
            return Target(msg.service_url, msg.conversation_id, None, None)
        if msg.channel_purpose:
            channel = await records.get_channel(uow.conn, msg.channel_purpose)
            if channel is None:
                return "no_channel"
            return Target(channel.service_url, channel.conversation_id, None, channel.tenant_id)
        assert msg.recipient_email is not None
        ident = await identities.by_email(uow.conn, msg.recipient_email)
        if ident is None or not ident.service_url:
            return "unknown"
        if not ident.reachable:
            return "not_installed"
        conversation = msg.conversation_id or ident.conversation_id
        return Target(ident.service_url, conversation, ident.user_id, ident.tenant_id)

    async def _failed(self, job: Job, msg: outbox.Message, exc: ConnectorError) -> Outcome:
        if exc.status == 429:
            wait = exc.retry_after if exc.retry_after is not None else backoff(job.attempts)
            self._limiter.pause(min(wait, 30.0))
            return Throttled(wait, "429")
        if exc.status in RETRYABLE and job.attempts < MAX_ATTEMPTS:
            return Retry(backoff(job.attempts), str(exc.status))
        # Gone for good, or still failing after every retry: say so instead of leaving it pending.
        reason = (
            "blocked"
            if exc.code == "MessageWritesBlocked"
            else "not_installed"
            if exc.status in GONE
            else "failed"
        )
        async with self._uow() as uow:
            now = self._svc.clock.now()
            await outbox.record_dead(uow.conn, msg.key, f"{exc.status} {exc.code}", now)
            if msg.recipient_email and exc.status in GONE:
                ident = await identities.by_email(uow.conn, msg.recipient_email)
                if ident is not None:
                    await identities.set_unreachable(uow.conn, ident.user_id, now)
            await self._unreachable(uow, msg, reason, exc.status)
        return Dead(f"{exc.status} {exc.code}")

    async def _unreachable(self, uow: UnitOfWork, msg: outbox.Message, reason: str, status: int = 0) -> None:
        email, purpose, window_id = msg.recipient_email, msg.purpose, msg.window_id
        if self._on_undeliverable is not None:
            await self._on_undeliverable(self._svc, uow, msg)
        now = self._svc.clock.now()
        await records.record(
            uow.conn,
            now,
            "bot",
            AuditKind.MESSAGE_UNDELIVERABLE,
            {"message": msg.key, "to": email or "channel", "reason": reason},
            window_id,
        )
        if email is None or purpose == "alert":
            # Nobody to tell about a failed alert; it is in the audit trail and in `jobs`.
            return
        person = await people.get(uow.conn, email)
        ident = await identities.by_email(uow.conn, email)
        # Substitutes are often not on the roster: their Teams name, else the address's name part.
        name = person.name if person else (ident.name if ident and ident.name else email.split("@")[0])
        reason_key = Phrase(f"delivery.reason.{reason}" if reason != "failed" else "delivery.reason.unknown")
        await alert_admins(
            self._svc,
            uow,
            f"unreachable:{email}",
            "delivery.unreachable",
            window_id,
            name=name,
            email=email,
            reason=reason_key,
            status=status,
        )
