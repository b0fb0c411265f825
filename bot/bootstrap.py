"""Wiring: settings + clock -> engine, connector, services, job runner and the aiohttp app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

import bot
from bot.config import Settings
from bot.services import day, identity, ports, privacy, router
from bot.services import jobs as feature_jobs
from bot.services.context import Directory, Services
from bot.services.payloads import SyncTeam
from bot.services.ports import Clock, Done, JobHandler, Outcome, SystemClock
from bot.services.turns import Turn, TurnResult
from bot.services.wiring import build_hooks, build_routes
from bot.store import db
from bot.store.jobs import Job
from bot.store.outbox import DELIVER
from bot.store.uow import UnitOfWorkFactory
from bot.teams.auth import KeyStore, TokenValidator
from bot.teams.connector import Connector, TokenProvider
from bot.teams.directory import ConnectorDirectory
from bot.teams.endpoint import MAX_BODY, make_messages_handler
from bot.workers.delivery import Delivery
from bot.workers.ratelimit import RateLimiter
from bot.workers.runner import JobRunner

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Everything one running bot holds; tests reach in through ``app[RUNTIME]``."""

    settings: Settings
    engine: AsyncEngine
    services: Services
    runner: JobRunner
    connector: Connector
    session: aiohttp.ClientSession


RUNTIME = web.AppKey("runtime", Runtime)
MessagesHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]
HANDLER: web.AppKey[MessagesHandler] = web.AppKey("messages_handler")


def build_services(
    settings: Settings, clock: Clock, uow: ports.UnitOfWorkFactory, directory: Directory
) -> Services:
    """The services with their routes and hooks: real adapters here, fakes in tests."""
    return Services(settings, clock, uow, directory, build_routes(), build_hooks())


def _job_handlers(svc: Services, delivery: Delivery) -> dict[str, JobHandler]:
    async def sync_team(job: Job) -> Outcome:
        p = SyncTeam.of(job)
        await identity.sync_team(svc, p.service_url, p.team_id, p.tenant_id)
        return Done()

    handlers: dict[str, JobHandler] = {DELIVER: delivery, identity.SYNC_TEAM: sync_team}
    handlers.update(feature_jobs.handlers(svc))
    return handlers


async def start_runtime(
    settings: Settings, clock: Clock | None = None, *, start_worker: bool = True
) -> Runtime:
    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    session = aiohttp.ClientSession()
    tokens = (
        None
        if settings.local
        else TokenProvider(session, settings.outbound_token_endpoint, settings.app_id, settings.app_password)
    )
    connector = Connector(session, settings.app_id or "servicewindow-bot", tokens, settings.tenant_id)
    uow = UnitOfWorkFactory(engine)
    services = build_services(settings, clock or SystemClock(), uow, ConnectorDirectory(connector))
    limiter = RateLimiter(settings.send_rate_global, settings.send_rate_per_conversation)
    delivery = Delivery(services, connector, limiter, on_undeliverable=day.on_undeliverable, uow=uow)
    runner = JobRunner(
        uow,
        services.clock,
        _job_handlers(services, delivery),
        poll_seconds=settings.worker_poll_seconds,
        lease_seconds=settings.job_lease_seconds,
        daily=privacy.RetentionSchedule(services),
    )
    uow.after_commit = runner.wake
    if start_worker:
        await runner.start()
    return Runtime(settings, engine, services, runner, connector, session)


async def stop_runtime(rt: Runtime) -> None:
    await rt.runner.stop()
    await rt.session.close()
    await rt.engine.dispose()


def create_app(
    settings: Settings, clock: Clock | None = None, *, start_worker: bool = True
) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        rt = await start_runtime(settings, clock, start_worker=start_worker)
        app[RUNTIME] = rt
        validator = (
            None
            if settings.local
            else TokenValidator(settings.app_id, KeyStore(settings.openid_metadata_url, rt.session))
        )

        async def process(turn: Turn) -> TurnResult | None:
            return await router.handle_turn(rt.services, turn)

        app[HANDLER] = make_messages_handler(settings, validator, process)
        yield
        await stop_runtime(rt)

    async def messages(request: web.Request) -> web.StreamResponse:
        handler = request.app[HANDLER]
        response: web.StreamResponse = await handler(request)
        return response

    async def healthz(request: web.Request) -> web.Response:
        rt = request.app[RUNTIME]
        reachable = True
        current = None
        try:
            async with rt.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            current = await db.current_revision(rt.engine)
        except Exception:  # noqa: BLE001 - health reports, it does not raise
            reachable = False
        head = db.head_revision()
        ok = reachable and current == head
        body = {
            "status": "ok" if ok else "degraded",
            "version": bot.__version__,
            "database": {"reachable": reachable, "dialect": rt.engine.dialect.name},
            "migration": {"current": current, "head": head},
            "auth": "off (local mode)" if settings.local else "on",
        }
        return web.json_response(body, status=200 if ok else 503)

    app.cleanup_ctx.append(lifecycle)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    return app
