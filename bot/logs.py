"""Logging set-up. A filter scrubs e-mail addresses and tokens from every record as a last guard:
the code does not log personal data, and this keeps a slip from reaching the log."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[^\s@<>\"',;:()]+@[^\s@<>\"',;:()]+\.[A-Za-z]{2,}")
_TOKEN = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+")


def scrub(text: str) -> str:
    return _TOKEN.sub(r"\1[token]", _EMAIL.sub("[e-post]", text))


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # Exception texts can carry request data. Formatter.format() only rebuilds exc_text
            # when it is empty, so give it the scrubbed traceback here.
            record.exc_text = scrub(_FORMATTER.formatException(record.exc_info))
        return True


_FORMATTER = logging.Formatter()


def setup(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ScrubFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's access log has the request line only; bodies are never logged.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # aiosqlite logs every statement with its parameters (e-mails, names, message texts) at DEBUG.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
