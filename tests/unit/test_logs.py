"""Logs carry no personal data: the ScrubFilter as a last guard, and a whole conversation logged at
DEBUG (every logger, ours and the libraries') without one e-mail address or message text in it."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot import logs
from bot.logs import ScrubFilter, scrub
from tests.conftest import Bot

TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXBhcnQ"


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("bot.test", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_scrub_removes_email_and_bearer_token() -> None:
    text = scrub(f"from anna.berg@kommun.example.se with Authorization: Bearer {TOKEN} ok")
    assert "anna.berg" not in text
    assert "@" not in text
    assert TOKEN not in text
    assert "Bearer [token]" in text
    assert text.endswith(" ok")


def test_filter_scrubs_message_and_arguments() -> None:
    record = _record("lookup for %s failed (%s)", "Anna.Berg@Kommun.Example.SE", f"Bearer {TOKEN}")
    assert ScrubFilter().filter(record) is True
    message = record.getMessage()
    assert "Anna.Berg" not in message
    assert "Kommun.Example" not in message
    assert TOKEN not in message
    assert message == "lookup for [e-post] failed (Bearer [token])"


def test_filter_through_a_handler_and_drops_exception_text() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubFilter())
    logger = logging.getLogger("tests.scrub")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise ValueError("no such user per.nystrom@kommun.example.se")
        except ValueError:
            logger.exception("send to %s failed", "per.nystrom@kommun.example.se")
        logger.warning("plain message without personal data")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    out = stream.getvalue()
    assert "per.nystrom" not in out
    assert "send to [e-post] failed" in out
    assert "plain message without personal data" in out


def test_filter_leaves_clean_records_untouched() -> None:
    record = _record("job %s (%s) failed", 12, "deliver")
    assert ScrubFilter().filter(record)
    assert record.getMessage() == "job 12 (deliver) failed"


@pytest.fixture
def roster_emails(example_roster: str) -> set[str]:
    emails: set[str] = set()
    for row in csv.DictReader(io.StringIO(example_roster)):
        emails.update(v.strip().lower() for k, v in row.items() if k and "email" in k and v and v.strip())
    assert len(emails) > 5
    return emails


@contextmanager
def app_logging(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """The app's logging set-up at its most verbose (LOG_LEVEL=DEBUG), with its scrubbing handler
    swapped for caplog's: the records are captured raw, as the code and libraries made them."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved_levels = {lg.name: lg.level for lg in loggers}
    try:
        logs.setup("DEBUG")
        root.handlers[:] = [caplog.handler]
        yield
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name in list(logging.root.manager.loggerDict):
            logging.getLogger(name).setLevel(saved_levels.get(name, logging.NOTSET))


SECRETS = ("britt.sund@kommun.example.se", "olle.okand@annan.example.se")
TEXTS = ("ersättare Britt Sund", "Britt Sund", "jag är olle")


def leaks(records: list[logging.LogRecord], emails: set[str], handler: logging.Handler) -> list[str]:
    found_all = []
    for record in records:
        formatted = handler.format(record).lower()
        found = [s for s in (*emails, *SECRETS) if s in formatted] + [
            t for t in TEXTS if t.lower() in formatted
        ]
        if found:
            found_all.append(f"{record.name}:{record.lineno}: {found} in {formatted[:200]!r}")
    return found_all


async def test_a_conversation_logs_no_personal_data(
    bot: Bot, example_roster: str, roster_emails: set[str], caplog: pytest.LogCaptureFixture
) -> None:
    """The raw records, without the ScrubFilter: the code itself must not log personal data.

    Found by this test: with LOG_LEVEL=DEBUG, aiosqlite logged every SQL statement with its
    parameters (e-mail addresses, names, message texts); bot.logs.setup now caps it at INFO.
    """
    with app_logging(caplog):
        assert logging.getLogger("bot.services").isEnabledFor(logging.DEBUG)
        await bot.import_roster(example_roster)
        karin = bot.teams.user("Karin Lindqvist", "karin.lindqvist@kommun.example.se")
        anders = bot.teams.user("Anders Holm", "anders.holm@kommun.example.se")
        stranger = bot.teams.user("Olle Okänd", "olle.okand@annan.example.se")
        await bot.teams.install(anders)
        for user, text in (
            (anders, "hjälp"),
            (anders, "mina uppgifter"),
            (anders, "ersättare Britt Sund, britt.sund@kommun.example.se"),
            (anders, "ersättare Lena Ek, lena.ek@"),
            (anders, "starta incheckning"),
            (karin, "hjälp"),
            (karin, "fönster"),
            (stranger, "hej, jag är olle.okand@annan.example.se"),
        ):
            await bot.teams.say(user, text)
        await bot.drain()
        # The checker finds a leak when there is one.
        logging.getLogger("bot.canary").debug("to %s: %s", "anders.holm@kommun.example.se", "Britt Sund")
    canary = [r for r in caplog.records if r.name == "bot.canary"]
    assert len(leaks(canary, roster_emails, caplog.handler)) == 1
    assert len(bot.connector.to_user(anders.user_id)) >= 5  # the conversation really happened
    records = [r for r in caplog.records if r.name != "bot.canary"]
    found = leaks(records, roster_emails, caplog.handler)
    assert not found, "\n".join(found)
