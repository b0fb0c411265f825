"""E-mail to the external operations managers, through the same durable job table.

Sent with the standard library's smtplib in a worker thread (STARTTLS when configured): one
message per manager, so one bad address does not hold up the others, and each job is keyed so
that a repeat enqueues nothing.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from bot.config import Settings
from bot.domain.audit import AuditKind
from bot.domain.keys import short_hash
from bot.domain.people import Manager, is_email, normalise_email
from bot.services.context import Services
from bot.services.payloads import Email
from bot.services.ports import (
    Dead,
    Done,
    Job,
    JobHandler,
    Outcome,
    Retry,
    UnitOfWork,
    UnitOfWorkFactory,
    backoff,
)

EMAIL_JOB = "email"


async def managers(uow: UnitOfWork) -> list[Manager]:
    return await uow.managers.all()


def parse_managers_csv(text: str) -> tuple[list[Manager], list[str]]:
    """Columns name,email[,organisation]; every problem reported with its line number."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in header or "email" not in header:
        return [], ["Rad 1: rubrikraden ska vara name,email,organisation"]
    result: list[Manager] = []
    problems: list[str] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        row = {
            (k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str | None)
        }
        if not any(row.values()):
            continue
        email = normalise_email(row.get("email", ""))
        if not row.get("name"):
            problems.append(f"Rad {line}: namn saknas")
        if not is_email(email):
            problems.append(f"Rad {line}: e-postadressen {email!r} är inte giltig")
        elif email in seen:
            problems.append(f"Rad {line}: {email} finns redan")
        seen.add(email)
        result.append(Manager(email, row.get("name", ""), row.get("organisation", "")))
    return ([] if problems else result), problems


async def import_managers(
    uow_factory: UnitOfWorkFactory, text: str, now: dt.datetime, actor: str
) -> list[str]:
    parsed, problems = parse_managers_csv(text)
    if problems:
        return problems
    async with uow_factory() as uow:
        current = {m.email: m for m in await managers(uow)}
        wanted = {m.email: m for m in parsed}
        if current != wanted:
            await uow.managers.replace_all(parsed, now)
            await uow.audit.record(now, actor, AuditKind.MANAGERS_IMPORTED, {"count": len(parsed)})
    return []


def case_subject(case_number: str | None, subject: str) -> str:
    """The routine wants the case number on everything written about the window: first in the
    subject, where the ServiceDesk and the managers' filters look, when the window has one."""
    return f"{case_number}: {subject}" if case_number else subject


async def queue(
    svc: Services,
    uow: UnitOfWork,
    subject_key: str,
    to: list[str],
    subject: str,
    body: str,
    window_id: int | None,
) -> int:
    """One e-mail job per recipient, idempotent by (subject_key, recipient)."""
    now = svc.clock.now()
    for address in to:
        await uow.jobs.enqueue(
            f"{EMAIL_JOB}:{subject_key}:{short_hash(address)}",
            EMAIL_JOB,
            now,
            now,
            Email(address, subject, body).to_dict(),
            window_id,
        )
    return len(to)


def _send_sync(settings: Settings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.split("@")[-1])
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


def email_handler(svc: Services) -> JobHandler:
    async def handle(job: Job) -> Outcome:
        p = Email.of(job)
        try:
            await asyncio.to_thread(_send_sync, svc.settings, p.to, p.subject, p.body)
        except smtplib.SMTPRecipientsRefused:
            return Dead("recipient refused")
        except (smtplib.SMTPException, OSError) as exc:
            return Retry(backoff(job.attempts, cap=300), type(exc).__name__)
        async with svc.uow() as uow:
            await uow.audit.record(
                svc.clock.now(),
                "bot",
                AuditKind.EMAIL_SENT,
                {"to": p.to, "subject": p.subject},
                job.window_id,
            )
        return Done()

    return handle
