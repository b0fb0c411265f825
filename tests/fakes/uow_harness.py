"""Driving the real handlers on the fake unit of work, without a database or HTTP.

``FakeBot`` holds the services (real routes, a ``FakeClock``, a ``FakeUnitOfWorkFactory``, a
``FakeDirectory``), sends turns through ``bot.services.router.handle_turn`` the way the Teams
adapter would build them, and runs due jobs through ``bot.services.jobs.handlers(svc)`` the way
``JobRunner.drain`` does. Deliveries are simulated: a message is marked sent (Teams is not
modelled, so no message is ever undeliverable). An exception in a job handler is raised, not
retried, so that a test sees it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from bot.config import Settings
from bot.services import jobs as job_handlers
from bot.services import router
from bot.services.context import Directory, Member, Services
from bot.services.ports import DELIVER, Dead, Done, Finished, Job, JobState, MessageState, Outcome, Retry
from bot.services.routes import RosterHooks, Routes
from bot.services.turns import Turn, TurnKind, TurnResult
from bot.services.wiring import build_hooks, build_routes
from tests.fakes.clock import FakeClock
from tests.fakes.uow import FakeUnitOfWorkFactory
from tests.fakes.uow_db import FakeDatabase, Row

SERVICE_URL = "https://smba.example.test/emea/"
TENANT = "tenant-1"
WORKER = "test-worker"
# What the handlers' tests must not load: the database, the web and the Bot Framework.
ADAPTERS = (
    "sqlalchemy",
    "aiosqlite",
    "asyncpg",
    "alembic",
    "aiohttp",
    "botbuilder",
    "botframework",
    "bot.store",
    "bot.teams",
    "bot.workers",
)


def real_wiring() -> tuple[Routes, RosterHooks]:
    """The real command and verb tables with their permissions, and the roster's hooks."""
    return build_routes(), build_hooks()


@dataclass(frozen=True)
class FakeUser:
    user_id: str
    name: str
    email: str
    locale: str = "sv-SE"

    @property
    def conversation_id(self) -> str:
        return f"a:1on1-{self.user_id}"


@dataclass
class FakeDirectory(Directory):
    """Teams' member lookup: knows the users it is given; records every lookup."""

    members: dict[str, Member] = field(default_factory=dict)
    lookups: list[tuple[str, str, str]] = field(default_factory=list)

    async def member(self, service_url: str, conversation_id: str, user_id: str) -> Member | None:
        self.lookups.append((service_url, conversation_id, user_id))
        return self.members.get(user_id)

    async def team_members(self, service_url: str, team_id: str) -> list[Member]:
        self.lookups.append((service_url, team_id, "*"))
        return list(self.members.values())


class FakeBot:
    def __init__(self, start: dt.datetime, **settings: Any) -> None:
        self.clock = FakeClock(start)
        self.uow = FakeUnitOfWorkFactory()
        self.db: FakeDatabase = self.uow.db
        self.directory = FakeDirectory()
        routes, hooks = real_wiring()
        self.svc = Services(
            Settings(local=True, **settings), self.clock, self.uow, self.directory, routes, hooks
        )
        self._ids = itertools.count(1)

    def user(self, name: str, email: str, locale: str = "sv-SE") -> FakeUser:
        """Someone in Teams; the directory tells their e-mail on their first turn."""
        user = FakeUser(f"29:{re.sub(r'[^a-z]+', '-', name.lower())}", name, email, locale)
        self.directory.members[user.user_id] = Member(user.user_id, email, name, None)
        return user

    def _turn(self, user: FakeUser, kind: TurnKind, **fields: Any) -> Turn:
        return Turn(
            kind=kind,
            activity_id=f"activity-{next(self._ids)}",
            user_id=user.user_id,
            user_name=user.name,
            aad_object_id=None,
            conversation_id=user.conversation_id,
            conversation_type="personal",
            service_url=SERVICE_URL,
            tenant_id=TENANT,
            team_id=None,
            locale=user.locale,
            timezone="Europe/Stockholm",
            **fields,
        )

    async def say(self, user: FakeUser, text: str) -> TurnResult | None:
        """A message in the user's personal chat with the bot."""
        return await router.handle_turn(self.svc, self._turn(user, TurnKind.MESSAGE, text=text))

    async def click(
        self,
        user: FakeUser,
        card: dict[str, Any],
        verb: str,
        inputs: dict[str, Any] | None = None,
        *,
        invoke: bool = True,
    ) -> TurnResult:
        """Press the button ``verb`` of ``card``: Action.Execute (an invoke) or, with ``invoke=False``,
        Action.Submit, carrying the button's data and the card's inputs, as Teams sends them."""
        action = find_action(card, verb)
        data = {**(action.get("data") or {}), **(inputs or {})}
        turn = self._turn(
            user,
            TurnKind.CARD_ACTION,
            verb=action.get("verb") if invoke else data.get("verb"),
            data=data,
            invoke=invoke,
        )
        result = await router.handle_turn(self.svc, turn)
        assert result is not None
        return result

    async def run_jobs(self, *, max_rounds: int = 100) -> list[Job]:
        """Run every job due now until none is (timers, refreshes, deliveries); the jobs run."""
        handlers = job_handlers.handlers(self.svc)
        ran: list[Job] = []
        for _ in range(max_rounds):
            async with self.uow() as uow:
                claimed = uow.jobs.claim(self.clock.now(), WORKER, 100, self.svc.settings.job_lease_seconds)
            if not claimed:
                return ran
            for job in claimed:
                handler = handlers.get(job.kind)
                if job.kind == DELIVER:
                    outcome: Outcome = await self._deliver(job)
                else:
                    outcome = Dead(f"no handler for {job.kind}") if handler is None else await handler(job)
                await self._finish(job, outcome)
                ran.append(job)
        raise AssertionError(f"jobs still due after {max_rounds} rounds")

    async def _deliver(self, job: Job) -> Outcome:
        async with self.uow() as uow:
            msg = await uow.outbox.get(str(job.payload["message"]))
            if msg is None or msg.state in (MessageState.CANCELLED, MessageState.DEAD):
                return Done()
            if msg.activity_id and msg.sent_version >= msg.version:
                return Done()
            conversation = msg.conversation_id or f"conversation:{msg.recipient_email or msg.channel_purpose}"
            activity = msg.activity_id or f"sent-{msg.id}"
            uow.outbox.record_sent(msg.key, msg.version, conversation, activity, self.clock.now())
        return Done()

    async def _finish(self, job: Job, outcome: Outcome) -> None:
        now = self.clock.now()
        async with self.uow() as uow:
            if isinstance(outcome, Retry):
                uow.jobs.retry_later(
                    job, now + dt.timedelta(seconds=outcome.after_seconds), now, outcome.error
                )
            elif isinstance(outcome, Dead):
                await uow.jobs.finish(job, JobState.DEAD, now, outcome.error)
            elif isinstance(outcome, Done):
                await uow.jobs.finish(job, JobState.DONE, now)
            else:
                assert isinstance(outcome, Finished)

    # --- what ended up in the database ---

    def messages(
        self, *, to: str | None = None, key: str | None = None, purpose: str | None = None
    ) -> list[Row]:
        """Outbox messages (to an e-mail, with a key prefix, of a purpose), in the order written."""
        return self.db.select(
            "messages",
            lambda r: (
                (to is None or r.recipient_email == to)
                and (key is None or r.key.startswith(key))
                and (purpose is None or r.purpose == purpose)
            ),
        )

    def message(self, key: str) -> Row:
        found = self.db.first("messages", lambda r: r.key == key)
        assert found is not None, f"no message {key!r}"
        return found

    def jobs(self, *, key: str | None = None, kind: str | None = None, state: str | None = None) -> list[Row]:
        return self.db.select(
            "jobs",
            lambda r: (
                (key is None or r.key.startswith(key))
                and (kind is None or r.kind == kind)
                and (state is None or r.state == state)
            ),
        )

    def prompts(self, *, kind: str | None = None, to: str | None = None) -> list[Row]:
        return self.db.select(
            "prompts",
            lambda r: (kind is None or r.kind == kind) and (to is None or r.recipient_email == to),
            order=lambda r: (r.created_at, r.id),
        )

    def participant(self, email: str) -> Row:
        found = self.db.first("participants", lambda r: r.email == email)
        assert found is not None, f"no participant {email}"
        return found

    def audit(self, kind: str | None = None) -> list[Row]:
        return self.db.select("audit", lambda r: kind is None or r.kind == kind)


# --- reading cards ---


def card_of(message: Row | TurnResult | None) -> dict[str, Any]:
    """The Adaptive Card of an outbox message or of an invoke's answer."""
    if isinstance(message, TurnResult):
        assert message.card is not None, f"no card, message: {message.message!r}"
        return message.card
    assert message is not None
    attachments = message.content.get("attachments") or []
    assert attachments, f"message {message.key!r} has no card: {message.content}"
    card: dict[str, Any] = attachments[0]["content"]
    return card


def _walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_walk(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_walk(item))
    return found


def card_text(card: dict[str, Any]) -> str:
    """All visible text of a card, for assertions."""
    return "\n".join(
        e[k] for e in _walk(card) for k in ("text", "title", "value", "label") if isinstance(e.get(k), str)
    )


def find_action(card: dict[str, Any], verb: str) -> dict[str, Any]:
    for element in _walk(card):
        if element.get("type") in ("Action.Execute", "Action.Submit") and (
            element.get("verb") == verb or (element.get("data") or {}).get("verb") == verb
        ):
            return element
    raise AssertionError(f"no button {verb!r} on the card: {card_text(card)[:200]!r}")


def case_inputs(card: dict[str, Any]) -> list[str]:
    """The test cases a checklist card asks about (its ``o_<case>`` inputs), in order."""
    return [
        e["id"][2:] for e in _walk(card) if e.get("type") == "Input.ChoiceSet" and e["id"].startswith("o_")
    ]


def card_title(card: dict[str, Any]) -> str:
    """The first text of a card's body (its heading)."""
    for element in card.get("body") or []:
        if isinstance(element, dict) and element.get("type") == "TextBlock":
            return str(element.get("text", ""))
    return ""
