"""Settings, read once from the environment and validated before the bot starts.

Every setting the code reads is listed in ``SETTINGS`` (name, default, meaning) so that
the deploy guide can be checked against it by a test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.people import is_email
from bot.i18n import Lang

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/servicewindow.db"

# name -> (default, meaning). Kept in one table so docs/deploy.md can be tested against it.
SETTINGS: dict[str, tuple[str, str]] = {
    "MicrosoftAppId": ("", "Azure Bot app (client) id. Empty only in local mode."),
    "MicrosoftAppPassword": ("", "Client secret of the Azure Bot app."),
    "MicrosoftAppType": ("SingleTenant", "SingleTenant or MultiTenant."),
    "MicrosoftAppTenantId": ("", "Entra tenant id; required for SingleTenant."),
    "DATABASE_URL": (DEFAULT_DATABASE_URL, "SQLAlchemy async URL (sqlite+aiosqlite or postgresql+asyncpg)."),
    "PORT": ("3978", "HTTP port of the bot endpoint."),
    "HOST": ("0.0.0.0", "Interface to bind (local mode always binds 127.0.0.1)."),
    "BOT_LOCAL": ("0", "1 = local mode: no authentication, loopback only (for the Agents Playground)."),
    "BOT_ADMINS": ("", "Comma-separated e-mails that are system administrators besides roster admins."),
    "BOT_TIMEZONE": ("Europe/Stockholm", "Time zone of windows, schedules and texts."),
    "BOT_LANGUAGE": ("sv", "Default language of the bot's texts (sv or en)."),
    "CHECKIN_TIMEOUT_SECONDS": (
        "900",
        "Seconds without an answer at check-in before the substitute is asked.",
    ),
    "CHECKLIST_REMINDER_SECONDS": ("1800", "Seconds before a tester who has not submitted is reminded."),
    "ANNOUNCE_REMINDER_DAYS": ("3", "Days before the window that silent test resources are reminded."),
    "USER_NOTICE_DAYS": ("10", "Days before the window the admin is reminded to publish the user notice."),
    "OVERDUE_GRACE_SECONDS": ("3600", "A timer later than this after its due time is not run as if on time."),
    "SEND_RATE_GLOBAL": ("50", "Outbound sends per second for this replica (Teams: 50/s per bot in all)."),
    "SEND_RATE_PER_CONVERSATION": (
        "7",
        "Outbound sends per second to one conversation (Teams: 7/s); Teams' longer limits always apply.",
    ),
    "WORKER_POLL_SECONDS": ("0.5", "How often the job worker looks for due jobs."),
    "JOB_LEASE_SECONDS": ("60", "How long a claimed job is held before another worker may take it over."),
    "SMTP_HOST": ("", "SMTP server for e-mail to operations managers; empty = no e-mail."),
    "SMTP_PORT": ("587", "SMTP port."),
    "SMTP_USER": ("", "SMTP user name (optional)."),
    "SMTP_PASSWORD": ("", "SMTP password (optional)."),
    "SMTP_FROM": ("", "Sender address of the bot's e-mail."),
    "SMTP_STARTTLS": ("1", "1 = upgrade the SMTP connection with STARTTLS."),
    "BOT_OPENID_METADATA_URL": (
        "https://login.botframework.com/v1/.well-known/openidconfiguration",
        "Where Bot Framework signing keys are published (tests point it at a local server).",
    ),
    "BOT_TOKEN_ENDPOINT": (
        "",
        "OAuth token endpoint for outbound calls; default: the tenant's login.microsoftonline.com endpoint.",
    ),
    "LOG_LEVEL": ("INFO", "Python log level."),
    "RETENTION_DAYS": (
        "730",
        "Days after a window's date when its personal data is anonymised (results and timings are kept).",
    ),
}


class ConfigError(ValueError):
    """A setting is missing or invalid; the message names the setting."""


_GUID = re.compile(r"^[0-9a-fA-F-]{36}$")


@dataclass(frozen=True)
class Settings:
    """The validated configuration of one bot process."""

    app_id: str = ""
    app_password: str = ""
    app_type: str = "SingleTenant"
    tenant_id: str = ""
    database_url: str = DEFAULT_DATABASE_URL
    port: int = 3978
    host: str = "0.0.0.0"
    local: bool = False
    admins: frozenset[str] = field(default_factory=frozenset)
    timezone: str = "Europe/Stockholm"
    language: Lang = "sv"
    checkin_timeout_seconds: int = 900
    checklist_reminder_seconds: int = 1800
    announce_reminder_days: int = 3
    user_notice_days: int = 10
    overdue_grace_seconds: int = 3600
    send_rate_global: float = 50.0
    send_rate_per_conversation: float = 7.0
    worker_poll_seconds: float = 0.5
    job_lease_seconds: int = 60
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""
    smtp_starttls: bool = True
    openid_metadata_url: str = SETTINGS["BOT_OPENID_METADATA_URL"][0]
    token_endpoint: str = ""
    log_level: str = "INFO"
    retention_days: int = 730

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def auth_enabled(self) -> bool:
        return not self.local

    @property
    def smtp_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def bind_host(self) -> str:
        # Local mode has no authentication, so it must never be reachable from the network.
        return "127.0.0.1" if self.local else self.host

    @property
    def outbound_token_endpoint(self) -> str:
        if self.token_endpoint:
            return self.token_endpoint
        tenant = self.tenant_id if self.app_type == "SingleTenant" else "botframework.com"
        return f"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"


def _int(env: Mapping[str, str], name: str, minimum: int = 0) -> int:
    raw = env.get(name, SETTINGS[name][0]).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str) -> float:
    raw = env.get(name, SETTINGS[name][0]).strip()
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be greater than 0, got {raw}")
    return value


def _bool(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, SETTINGS[name][0]).strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("", "0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1 or 0, got {raw!r}")


def _str(env: Mapping[str, str], name: str) -> str:
    return env.get(name, SETTINGS[name][0]).strip()


def _app_type(env: Mapping[str, str]) -> str:
    app_type = _str(env, "MicrosoftAppType") or "SingleTenant"
    if app_type not in ("SingleTenant", "MultiTenant"):
        raise ConfigError(f"MicrosoftAppType must be SingleTenant or MultiTenant, got {app_type!r}")
    return app_type


def _check_credentials(env: Mapping[str, str], app_id: str, app_type: str, tenant: str) -> None:
    """Outside local mode the bot authenticates; refuse to start without what that needs."""
    # An empty app id silently disables botbuilder's authentication; we refuse instead.
    if not app_id:
        raise ConfigError(
            "MicrosoftAppId is not set: set it (and MicrosoftAppPassword) for production, "
            "or start in local mode with --local or BOT_LOCAL=1"
        )
    if not _GUID.match(app_id):
        raise ConfigError(f"MicrosoftAppId must be a GUID, got {app_id!r}")
    if not _str(env, "MicrosoftAppPassword"):
        raise ConfigError("MicrosoftAppPassword is not set")
    if app_type == "SingleTenant" and not _GUID.match(tenant):
        raise ConfigError("MicrosoftAppTenantId must be the tenant's GUID for a SingleTenant bot")


def _timezone(env: Mapping[str, str]) -> str:
    timezone = _str(env, "BOT_TIMEZONE")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"BOT_TIMEZONE is not a known time zone: {timezone!r}") from None
    return timezone


def _language(env: Mapping[str, str]) -> Lang:
    match _str(env, "BOT_LANGUAGE"):
        case "sv":
            return "sv"
        case "en":
            return "en"
        case other:
            raise ConfigError(f"BOT_LANGUAGE must be sv or en, got {other!r}")


def _database_url(env: Mapping[str, str]) -> str:
    database_url = _str(env, "DATABASE_URL")
    if not database_url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        raise ConfigError("DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
    return database_url


def _admins(env: Mapping[str, str]) -> frozenset[str]:
    admins = frozenset(a.strip().lower() for a in _str(env, "BOT_ADMINS").split(",") if a.strip())
    for admin in admins:
        if not is_email(admin):
            raise ConfigError(f"BOT_ADMINS contains something that is not an e-mail address: {admin!r}")
    return admins


def _port(env: Mapping[str, str]) -> int:
    port = _int(env, "PORT", 1)
    if port > 65535:
        raise ConfigError(f"PORT must be at most 65535, got {port}")
    return port


def _smtp_host_and_sender(env: Mapping[str, str]) -> tuple[str, str]:
    smtp_host = _str(env, "SMTP_HOST")
    smtp_from = _str(env, "SMTP_FROM")
    if smtp_host and not is_email(smtp_from):
        raise ConfigError("SMTP_FROM must be an e-mail address when SMTP_HOST is set")
    return smtp_host, smtp_from


def _log_level(env: Mapping[str, str]) -> str:
    log_level = _str(env, "LOG_LEVEL").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}")
    return log_level


def load_settings(env: Mapping[str, str] | None = None, *, local: bool | None = None) -> Settings:
    """Read and validate settings; raise ConfigError naming the first bad setting."""
    env = os.environ if env is None else env
    is_local = bool(local) or _bool(env, "BOT_LOCAL")
    app_id = _str(env, "MicrosoftAppId")
    app_type = _app_type(env)
    tenant = _str(env, "MicrosoftAppTenantId")
    if not is_local:
        _check_credentials(env, app_id, app_type, tenant)
    # The checks run in this order, so the error names the first bad setting as before.
    timezone = _timezone(env)
    language = _language(env)
    database_url = _database_url(env)
    admins = _admins(env)
    port = _port(env)
    smtp_host, smtp_from = _smtp_host_and_sender(env)
    log_level = _log_level(env)
    return Settings(
        app_id=app_id,
        app_password=_str(env, "MicrosoftAppPassword"),
        app_type=app_type,
        tenant_id=tenant,
        database_url=database_url,
        port=port,
        host=_str(env, "HOST"),
        local=is_local,
        admins=admins,
        timezone=timezone,
        language=language,
        checkin_timeout_seconds=_int(env, "CHECKIN_TIMEOUT_SECONDS", 1),
        checklist_reminder_seconds=_int(env, "CHECKLIST_REMINDER_SECONDS", 1),
        announce_reminder_days=_int(env, "ANNOUNCE_REMINDER_DAYS", 0),
        user_notice_days=_int(env, "USER_NOTICE_DAYS", 0),
        overdue_grace_seconds=_int(env, "OVERDUE_GRACE_SECONDS", 1),
        send_rate_global=_float(env, "SEND_RATE_GLOBAL"),
        send_rate_per_conversation=_float(env, "SEND_RATE_PER_CONVERSATION"),
        worker_poll_seconds=_float(env, "WORKER_POLL_SECONDS"),
        job_lease_seconds=_int(env, "JOB_LEASE_SECONDS", 1),
        smtp_host=smtp_host,
        smtp_port=_int(env, "SMTP_PORT", 1),
        smtp_user=_str(env, "SMTP_USER"),
        smtp_password=_str(env, "SMTP_PASSWORD"),
        smtp_from=smtp_from,
        smtp_starttls=_bool(env, "SMTP_STARTTLS"),
        openid_metadata_url=_str(env, "BOT_OPENID_METADATA_URL"),
        token_endpoint=_str(env, "BOT_TOKEN_ENDPOINT"),
        log_level=log_level,
        retention_days=_int(env, "RETENTION_DAYS", 1),
    )
