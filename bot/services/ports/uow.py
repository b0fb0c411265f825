"""The unit of work: one transaction, and the repositories that work inside it.

``async with svc.uow() as uow:`` commits on success and rolls back on error; jobs and messages
written in it are announced to the worker after the commit. Handlers reach the database only
through the repositories below, never a connection.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.services.ports.day import (
    AssignmentRepository,
    DecisionRepository,
    ParticipantRepository,
    PromptRepository,
    RoundRepository,
    WindowRepository,
)
from bot.services.ports.jobs import JobRepository
from bot.services.ports.outbox import OutboxRepository
from bot.services.ports.privacy import PrivacyRepository
from bot.services.ports.records import (
    AuditRepository,
    ChannelRepository,
    IdentityRepository,
    InboundRepository,
    ManagerRepository,
    PeopleRepository,
    RecordReads,
    TextRepository,
)


class UnitOfWork(Protocol):
    windows: WindowRepository
    participants: ParticipantRepository
    prompts: PromptRepository
    rounds: RoundRepository
    assignments: AssignmentRepository
    decisions: DecisionRepository
    outbox: OutboxRepository
    jobs: JobRepository
    audit: AuditRepository
    inbound: InboundRepository
    channels: ChannelRepository
    texts: TextRepository
    people: PeopleRepository
    identities: IdentityRepository
    managers: ManagerRepository
    reports: RecordReads
    privacy: PrivacyRepository


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> AbstractAsyncContextManager[UnitOfWork]: ...
