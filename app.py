"""The service-window bot: serve it, or run one of its operator commands.

    python app.py [serve] [--local]       serve POST /api/messages and GET /healthz
    python app.py migrate                 apply database migrations
    python app.py roster import FILE.csv  replace the roster (all rows checked first)
    python app.py roster export           print the roster as CSV
    python app.py managers import FILE.csv   replace the operations managers' e-mail list
    python app.py jobs                    list pending, failed and dead jobs
    python app.py report N --format md|csv|html [--out FILE] [--lang sv|en]   a window's full report
    python app.py person forget EMAIL     remove a person's data; keep the record under a pseudonym
    python app.py retention run [--days N]   anonymise windows older than RETENTION_DAYS now
    python app.py manifest build [--out DIR] [--local]   build the Teams app package

Every command applies the migrations it needs, so each works on a fresh installation.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot import logs
from bot.config import ConfigError, Settings, load_settings

log = logging.getLogger("app")

BANNER = """
==========================================================================
  LOCAL MODE: authentication is OFF. Listening on 127.0.0.1 only.
  For trying the bot (Agents Playground, tests), never for production.
==========================================================================
"""


def _settings(local: bool) -> Settings:
    try:
        return load_settings(local=local)
    except ConfigError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.bootstrap import create_app

    settings = _settings(args.local)
    logs.setup(settings.log_level)
    if settings.local:
        print(BANNER, file=sys.stderr, flush=True)
        log.warning("local mode: authentication is off")
    app = create_app(settings)
    web.run_app(app, host=settings.bind_host, port=settings.port, print=lambda m: log.info("%s", m))
    return 0


def cmd_migrate(_args: argparse.Namespace) -> int:
    from bot.store import db

    settings = _settings(True)
    db.upgrade_sync(settings.database_url)
    print(f"Database is at migration {db.head_revision()}.")
    return 0


def _read(path: Path) -> str | None:
    """A UTF-8 (or UTF-8 with BOM, as Excel saves) file, or None after saying why not."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Kan inte läsa {path}: {exc}", file=sys.stderr)
        return None


async def _roster_import(settings: Settings, path: Path) -> int:
    from bot.services.ports import SystemClock
    from bot.services.roster import import_roster
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    text = _read(path)
    if text is None:
        return 1
    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        result = await import_roster(UnitOfWorkFactory(engine), text, SystemClock().now(), "cli")
    finally:
        await engine.dispose()
    if result.problems:
        print(f"Inget importerades: {len(result.problems)} fel i {path.name}.", file=sys.stderr)
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Listan importerad: {result.added} nya, {result.changed} ändrade, {result.removed} borttagna.")
    return 0


async def _roster_export(settings: Settings) -> int:
    from bot.services.roster import export_roster
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        sys.stdout.write(await export_roster(UnitOfWorkFactory(engine)))
    finally:
        await engine.dispose()
    return 0


async def _managers_import(settings: Settings, path: Path) -> int:
    from bot.services.mail import import_managers
    from bot.services.ports import SystemClock
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    text = _read(path)
    if text is None:
        return 1
    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        problems = await import_managers(UnitOfWorkFactory(engine), text, SystemClock().now(), "cli")
    finally:
        await engine.dispose()
    if problems:
        print(f"Inget importerades: {len(problems)} fel i {path.name}.", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("Listan över verksamhetschefer är importerad.")
    return 0


def cmd_managers(args: argparse.Namespace) -> int:
    return asyncio.run(_managers_import(_settings(True), Path(args.file)))


async def _template(settings: Settings, action: str, path: Path | None) -> int:
    from bot.domain.template import TemplateError
    from bot.services.ports import SystemClock
    from bot.services.templates import current_template, load_template_file, save_template, template_yaml
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    template = None
    if action == "import":
        assert path is not None
        try:
            template = load_template_file(path)
        except (TemplateError, OSError) as exc:
            print(f"Mallen importerades inte: {exc}", file=sys.stderr)
            return 1
    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        async with UnitOfWorkFactory(engine)() as uow:
            if template is not None:
                await save_template(uow, template, "cli", SystemClock().now())
                cases = sum(len(c) for c in template.areas.values())
                print(
                    f"Mallen {template.name!r} är importerad: {len(template.areas)} områden, "
                    f"{cases} punkter. "
                    "Den gäller fönster som startar från och med nu."
                )
            else:
                sys.stdout.write(template_yaml(await current_template(uow)))
    finally:
        await engine.dispose()
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    return asyncio.run(_template(_settings(True), args.action, Path(args.file) if args.file else None))


def cmd_roster(args: argparse.Namespace) -> int:
    settings = _settings(True)
    if args.action == "import":
        return asyncio.run(_roster_import(settings, Path(args.file)))
    return asyncio.run(_roster_export(settings))


async def _jobs(settings: Settings, show_all: bool) -> int:
    from bot.store import db
    from bot.store import jobs as jobstore
    from bot.store.jobs import JobState

    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    states: tuple[JobState, ...] = (JobState.PENDING, JobState.RUNNING, JobState.FAILED, JobState.DEAD)
    if show_all:
        states = tuple(JobState)
    try:
        async with engine.connect() as conn:
            rows = await jobstore.list_jobs(conn, states)
    finally:
        await engine.dispose()
    if not rows:
        print("Inga väntande, misslyckade eller döda jobb.")
        return 0
    print(f"{'id':>6}  {'state':<9} {'kind':<16} {'due (UTC)':<20} {'tries':>5}  error")
    for r in rows:
        due = r.due_at.strftime("%Y-%m-%d %H:%M:%S")
        print(f"{r.id:>6}  {r.state:<9} {r.kind:<16} {due:<20} {r.attempts:>5}  {r.last_error or ''}")
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    return asyncio.run(_jobs(_settings(True), args.all))


async def _report(settings: Settings, window_id: int, fmt: str, lang: str) -> str | None:
    from bot.report.render import render
    from bot.services.ports import SystemClock
    from bot.services.report import full_report
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        async with UnitOfWorkFactory(engine)() as uow:
            report = await full_report(uow, window_id, SystemClock().now(), history=fmt == "html")
    finally:
        await engine.dispose()
    return None if report is None else render(report, fmt, "en" if lang == "en" else "sv")


def cmd_report(args: argparse.Namespace) -> int:
    text = asyncio.run(_report(_settings(True), args.window, args.format, args.lang))
    if text is None:
        print(f"Fönster {args.window} finns inte. Se vilka som finns med 'fönster' i Teams.", file=sys.stderr)
        return 1
    if args.out:
        # A BOM lets Excel read å, ä and ö in the CSV file.
        Path(args.out).write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
        print(f"Rapporten för fönster {args.window} skrevs till {args.out}.")
    else:
        sys.stdout.write(text)
    return 0


async def _person_forget(settings: Settings, email: str) -> int:
    from bot.services.ports import SystemClock
    from bot.services.privacy import forget_lines, forget_person
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        async with UnitOfWorkFactory(engine)() as uow:
            result = await forget_person(uow, email, SystemClock().now(), "cli")
    finally:
        await engine.dispose()
    print("\n".join(forget_lines(result)))
    return 0 if result.found else 1


def cmd_person(args: argparse.Namespace) -> int:
    return asyncio.run(_person_forget(_settings(True), args.email))


async def _retention(settings: Settings, days: int | None) -> int:
    from bot.services.ports import SystemClock
    from bot.services.privacy import retention_line, run_retention
    from bot.store import db
    from bot.store.uow import UnitOfWorkFactory

    await db.upgrade(settings.database_url)
    engine = db.create_engine(settings.database_url)
    try:
        async with UnitOfWorkFactory(engine)() as uow:
            days = settings.retention_days if days is None else days
            result = await run_retention(uow, SystemClock().now(), settings.zone, days, "cli")
    finally:
        await engine.dispose()
    print(retention_line(result))
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    if args.days is not None and args.days < 1:
        print("--days måste vara minst 1.", file=sys.stderr)
        return 2
    return asyncio.run(_retention(_settings(True), args.days))


def cmd_manifest(args: argparse.Namespace) -> int:
    from manifest.build import main as manifest_main

    argv = [args.action]
    if args.out:
        argv += ["--out", args.out]
    if args.local:
        argv.append("--local")
    return manifest_main(argv)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="app.py", description="The service-window bot for Procapita omsorg.")
    p.add_argument("--local", action="store_true", help="local mode: no authentication, 127.0.0.1 only")
    sub = p.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve the bot (default)")
    serve.add_argument("--local", action="store_true", help="local mode: no authentication, 127.0.0.1 only")
    sub.add_parser("migrate", help="apply database migrations")
    roster = sub.add_parser("roster", help="import or export the roster")
    roster_sub = roster.add_subparsers(dest="action", required=True)
    imp = roster_sub.add_parser("import", help="replace the roster from a CSV file")
    imp.add_argument("file")
    roster_sub.add_parser("export", help="print the roster as CSV")
    managers = sub.add_parser(
        "managers", help="import the external operations managers (name,email,organisation)"
    )
    managers_sub = managers.add_subparsers(dest="action", required=True)
    managers_imp = managers_sub.add_parser("import", help="replace the managers' list from a CSV file")
    managers_imp.add_argument("file")
    template = sub.add_parser("template", help="the test template (checklist per area)")
    template.add_argument("action", choices=["import", "export"])
    template.add_argument("file", nargs="?", help="YAML or CSV file (import)")
    jobs = sub.add_parser("jobs", help="list pending, failed and dead jobs")
    jobs.add_argument("--all", action="store_true", help="include finished jobs")
    report = sub.add_parser("report", help="a window's full report, with the audit trail as an appendix")
    report.add_argument("window", type=int, help="the window's number (see 'fönster' in Teams)")
    report.add_argument("--format", choices=["md", "csv", "html"], default="md")
    report.add_argument("--out", default=None, help="write to this file instead of standard output")
    report.add_argument("--lang", choices=["sv", "en"], default="sv")
    person = sub.add_parser("person", help="data protection for one person")
    person_sub = person.add_subparsers(dest="action", required=True)
    forget = person_sub.add_parser("forget", help="remove a person's data; keep the record under a pseudonym")
    forget.add_argument("email")
    retention = sub.add_parser("retention", help="anonymise personal data older than RETENTION_DAYS")
    retention.add_argument("action", choices=["run"])
    retention.add_argument("--days", type=int, default=None, help="override RETENTION_DAYS for this run")
    manifest = sub.add_parser("manifest", help="Teams app package")
    manifest.add_argument("action", choices=["build"])
    manifest.add_argument("--out", default=None)
    manifest.add_argument("--local", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.command or "serve"
    if command == "serve":
        return cmd_serve(args)
    handlers = {
        "migrate": cmd_migrate,
        "roster": cmd_roster,
        "managers": cmd_managers,
        "template": cmd_template,
        "jobs": cmd_jobs,
        "report": cmd_report,
        "person": cmd_person,
        "retention": cmd_retention,
        "manifest": cmd_manifest,
    }
    return handlers[command](args)


if __name__ == "__main__":
    raise SystemExit(main())
