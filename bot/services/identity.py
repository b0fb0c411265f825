"""Who is writing: Teams identity matched to the roster by e-mail; welcome on installation."""

from __future__ import annotations

import logging

from bot.i18n import lang_for, t
from bot.services.context import Member, Services, Who
from bot.services.payloads import SyncTeam
from bot.services.ports import UnitOfWork
from bot.services.turns import Turn

log = logging.getLogger(__name__)

SYNC_TEAM = "sync_team"


class UnknownSender(Exception):
    """The turn's sender has no known e-mail yet: look them up in Teams, then run the turn again."""


async def check_known(uow: UnitOfWork, turn: Turn) -> None:
    """Raise ``UnknownSender`` if Teams has not told us the sender's e-mail yet.

    Checked first thing in the turn's transaction, so that raising rolls back nothing: the lookup
    is a call to Teams, which must not run inside a transaction (on SQLite it would hold the
    write lock), and a known sender, nearly every turn, needs no transaction of its own for it.
    """
    known = await uow.identities.by_user_id(turn.user_id)
    if known is None or not known.email:
        raise UnknownSender


async def lookup(svc: Services, turn: Turn) -> Member | None:
    """Ask Teams for the sender's e-mail (outside any transaction)."""
    try:
        return await svc.directory.member(turn.service_url, turn.conversation_id, turn.user_id)
    except Exception:  # noqa: BLE001 - lookup is best effort; the turn still runs
        log.warning("member lookup failed for a turn", exc_info=False)
        return None


async def remember(svc: Services, uow: UnitOfWork, turn: Turn, member: Member | None) -> Who:
    """Store what the turn tells about the sender and resolve them against the roster."""
    now = svc.clock.now()
    await uow.identities.upsert(
        turn.user_id,
        now,
        aad_object_id=turn.aad_object_id or (member.aad_object_id if member else None),
        email=member.email if member else None,
        name=(member.name if member else None) or turn.user_name,
        tenant_id=turn.tenant_id,
        service_url=turn.service_url,
        conversation_id=turn.conversation_id if turn.personal else None,
        locale=turn.locale,
        timezone=turn.timezone,
    )
    ident = await uow.identities.by_user_id(turn.user_id)
    email = ident.email if ident else None
    person = await uow.people.get(email) if email else None
    is_admin = bool(email) and ((person is not None and person.is_admin) or email in svc.settings.admins)
    name = (person.name if person else None) or (ident.name if ident else None) or turn.user_name or ""
    lang = lang_for(turn.locale or (ident.locale if ident else None), default=svc.settings.language)
    is_supplier = person is not None and person.is_supplier
    return Who(turn.user_id, email, name, person, is_admin, lang, is_supplier=is_supplier)


async def welcome(svc: Services, uow: UnitOfWork, turn: Turn, who: Who) -> None:
    now = svc.clock.now()
    if not turn.personal:
        # Teams reports a team installation twice (installationUpdate and conversationUpdate).
        await uow.outbox.put(
            f"welcome:channel:{turn.channel_conversation_id}",
            {"type": "message", "text": t("welcome.channel", who.lang), "textFormat": "markdown"},
            now,
            purpose="welcome",
            conversation=(turn.service_url, turn.channel_conversation_id),
        )
        if turn.team_id:
            await uow.jobs.enqueue(
                f"{SYNC_TEAM}:{turn.team_id}:{now.date().isoformat()}",
                SYNC_TEAM,
                now,
                now,
                SyncTeam(turn.service_url, turn.team_id, turn.tenant_id).to_dict(),
            )
        return
    first_name = who.name.split(" ")[0]
    if who.is_supplier and not who.is_admin:
        text = t("supplier.welcome", who.lang, name=first_name)
    elif who.person is not None or who.is_admin:
        text = t("welcome.known", who.lang, name=first_name)
    else:
        text = t("welcome.unknown", who.lang)
    # One welcome per user, however often Teams reports the installation.
    await uow.outbox.put(
        f"welcome:{turn.user_id}",
        {"type": "message", "text": text, "textFormat": "markdown"},
        now,
        purpose="welcome",
        conversation=(turn.service_url, turn.conversation_id),
    )


async def sync_team(svc: Services, service_url: str, team_id: str, tenant_id: str | None) -> int:
    """Record every member of a team the bot was added to, so the bot can write to them later."""
    members = await svc.directory.team_members(service_url, team_id)
    now = svc.clock.now()
    async with svc.uow() as uow:
        for m in members:
            await uow.identities.upsert(
                m.user_id,
                now,
                email=m.email,
                name=m.name,
                aad_object_id=m.aad_object_id,
                tenant_id=tenant_id,
                service_url=service_url,
            )
    return len(members)
