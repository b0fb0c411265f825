"""Roster commands: import and export the CSV, my details, registering my substitute."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.domain.audit import AuditKind
from bot.domain.people import Role, Substitute, is_email, normalise_email
from bot.domain.roster import parse_roster_csv, write_roster_csv
from bot.i18n import Lang, t
from bot.services.context import Services, Who, reply
from bot.services.ports import UnitOfWork, UnitOfWorkFactory
from bot.services.turns import Turn
from cards.me import me_card


@dataclass(frozen=True)
class ImportResult:
    problems: list[str]
    added: int = 0
    changed: int = 0
    removed: int = 0


async def import_roster(
    uow_factory: UnitOfWorkFactory, text: str, now: dt.datetime, actor: str
) -> ImportResult:
    """Validate every row; write only if the whole file is good. Idempotent."""
    parsed = parse_roster_csv(text)
    if parsed.problems:
        return ImportResult([str(p) for p in parsed.problems])
    async with uow_factory() as uow:
        added, changed, removed = await uow.people.replace_all(parsed.people, now)
        if added or changed or removed:
            await uow.audit.record(
                now,
                actor,
                AuditKind.ROSTER_IMPORTED,
                {"added": added, "changed": changed, "removed": removed},
            )
    return ImportResult([], added, changed, removed)


async def export_roster(uow_factory: UnitOfWorkFactory) -> str:
    async with uow_factory() as uow:
        return write_roster_csv(await uow.people.all())


async def cmd_me(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, _args: str) -> None:
    if who.person is None:
        await reply(svc, uow, turn, t("error.not_on_roster", who.lang, admins=""))
        return
    window_text = await svc.hooks.next_window_text(svc, uow, who) if svc.hooks.next_window_text else None
    await reply(svc, uow, turn, card=me_card(who.person, window_text, who.lang))


_SUB = re.compile(r"^(?P<name>[^,;<>]+?)\s*[,;]\s*(?P<email>\S+)$")


async def cmd_substitute(svc: Services, uow: UnitOfWork, turn: Turn, who: Who, args: str) -> None:
    lang = who.lang
    if who.person is None:
        await reply(svc, uow, turn, t("error.not_on_roster", lang, admins=""))
        return
    if who.person.role is not Role.TESTER:
        await reply(svc, uow, turn, t("substitute.not_tester", lang))
        return
    match = _SUB.match(args.strip().strip("<>"))
    if not match:
        await reply(svc, uow, turn, t("substitute.usage", lang))
        return
    name, email = match["name"].strip(), normalise_email(match["email"].strip("<>"))
    # Teams turns typed addresses into mailto links: "[a@b.se](mailto:a@b.se)".
    link = re.match(r"^\[([^\]]+)\]\(mailto:[^)]+\)$", email)
    if link:
        email = normalise_email(link.group(1))
    error = validate_substitute(who.person.email, name, email, lang)
    if error:
        await reply(svc, uow, turn, error)
        return
    substitute = Substitute(name, email)
    await save_substitute(svc, uow, who.person.email, substitute)
    await reply(svc, uow, turn, t("substitute.saved", lang, name=name, email=email))


def validate_substitute(own_email: str, name: str, email: str, lang: Lang) -> str | None:
    """A Swedish (or English) sentence saying what is wrong, or None."""
    if not name or not email:
        return t("substitute.usage", lang)
    if not is_email(email):
        return t("substitute.bad_email", lang, email=email)
    if email == own_email:
        return t("substitute.self", lang)
    return None


async def save_substitute(svc: Services, uow: UnitOfWork, tester_email: str, substitute: Substitute) -> None:
    now = svc.clock.now()
    await uow.people.set_substitute(tester_email, substitute, now)
    await uow.audit.record(
        now, tester_email, AuditKind.SUBSTITUTE_REGISTERED, {"substitute": substitute.email}
    )
    for hook in svc.hooks.substitute_changed:
        await hook(svc, uow, tester_email, substitute)
