"""Ports the services depend on: the clock, the unit of work with its repositories, and the
value types that cross them. The store and the workers implement them; tests fake them."""

from bot.services.ports.clock import Clock, SystemClock
from bot.services.ports.jobs import (
    Dead,
    Done,
    Finished,
    Job,
    JobHandler,
    JobInfo,
    JobState,
    Outcome,
    Retry,
    backoff,
)
from bot.services.ports.outbox import DELIVER, Message, MessageState, delivery_job_key
from bot.services.ports.records import Channel, Identity
from bot.services.ports.uow import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "DELIVER",
    "Channel",
    "Clock",
    "Dead",
    "Done",
    "Finished",
    "Identity",
    "Job",
    "JobHandler",
    "JobInfo",
    "JobState",
    "Message",
    "MessageState",
    "Outcome",
    "Retry",
    "SystemClock",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "backoff",
    "delivery_job_key",
]
