"""Recognising what a person wrote to the bot: Swedish command words first, English as well."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Command(StrEnum):
    HELP = "help"
    ME = "me"
    SUBSTITUTE = "substitute"
    NEW_WINDOW = "new_window"
    WINDOWS = "windows"
    MOVE_WINDOW = "move_window"
    CANCEL_WINDOW = "cancel_window"
    ANNOUNCE = "announce"
    SUPPLIER_LIST = "supplier_list"
    SUPPLIER_CHANNEL = "supplier_channel"
    START_CHECKIN = "start_checkin"
    LOCAL_READY = "local_ready"
    CITRIX_READY = "citrix_ready"
    # The supplier's decisions after a round's summary (in the supplier channel).
    SUPPLIER_GO = "supplier_go"
    SUPPLIER_FIXING = "supplier_fixing"
    SUPPLIER_FIXED = "supplier_fixed"
    SUPPLIER_ROLLBACK = "supplier_rollback"
    SUMMARY = "summary"
    RETEST = "retest"
    ALL_CLEAR = "all_clear"
    ABORT_WINDOW = "abort_window"
    EXTEND_WINDOW = "extend_window"
    STATUS = "status"
    ASSIGN = "assign"
    REPORT = "report"
    HISTORY = "history"
    JOBS = "jobs"
    NOTICE_TEXT = "notice_text"


# Who may run which command is decided by the router's table (``bot.bootstrap.build_routes``).

# command -> (Swedish words, English words). The first Swedish word is the one shown in help.
WORDS: dict[Command, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Command.HELP: (("hjälp", "hjalp", "?"), ("help",)),
    Command.ME: (("mina uppgifter",), ("me", "my details")),
    Command.SUBSTITUTE: (("ersättare", "ersattare"), ("substitute",)),
    Command.NEW_WINDOW: (("nytt fönster", "nytt fonster"), ("new window",)),
    Command.WINDOWS: (("fönster", "fonster"), ("windows",)),
    Command.MOVE_WINDOW: (("flytta fönster", "flytta fonster", "flytta"), ("move window",)),
    Command.CANCEL_WINDOW: (("avboka fönster", "avboka fonster", "avboka"), ("cancel window",)),
    Command.ANNOUNCE: (("meddela",), ("announce",)),
    Command.SUPPLIER_LIST: (("skicka lista", "testarlista"), ("send list", "tester list")),
    Command.SUPPLIER_CHANNEL: (("leverantörskanal", "leverantorskanal"), ("supplier channel",)),
    Command.START_CHECKIN: (("starta incheckning", "incheckning"), ("start check-in", "start checkin")),
    Command.LOCAL_READY: (("lokal klar",), ("local ready",)),
    Command.CITRIX_READY: (("citrix klar",), ("citrix ready",)),
    # "klartecken" is the supplier's go; the admin's all-clear to everyone is "klart".
    Command.SUPPLIER_GO: (("klartecken",), ("go", "go ahead")),
    Command.SUPPLIER_FIXING: (
        ("vi rättar", "vi rättar felen", "vi rattar", "vi rattar felen"),
        ("we fix", "we fix the faults"),
    ),
    Command.SUPPLIER_FIXED: (("rättat", "rattat"), ("fixed",)),
    Command.SUPPLIER_ROLLBACK: (("rullar tillbaka", "vi rullar tillbaka"), ("roll back", "we roll back")),
    Command.SUMMARY: (("sammanställ", "sammanstall", "sammanställning"), ("summary",)),
    Command.RETEST: (("testa om",), ("retest",)),
    Command.ALL_CLEAR: (("klart",), ("all clear",)),
    Command.ABORT_WINDOW: (("avbryt fönster", "avbryt fonster"), ("abort window",)),
    Command.EXTEND_WINDOW: (("förläng fönster", "forlang fonster", "förläng"), ("extend window",)),
    Command.STATUS: (("status",), ("status",)),
    Command.ASSIGN: (("tilldela",), ("assign",)),
    Command.REPORT: (("rapport",), ("report",)),
    Command.HISTORY: (("historik",), ("history",)),
    Command.JOBS: (("jobb",), ("jobs",)),
    Command.NOTICE_TEXT: (("meddelandetext",), ("notice text",)),
}


@dataclass(frozen=True)
class Parsed:
    command: Command
    args: str
    english: bool


def normalise(text: str) -> str:
    """Lower case, single spaces, no Teams mention markup, NFC (Teams may send decomposed å/ä/ö)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"<at>.*?</at>", " ", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("&nbsp;", " ")
    return " ".join(text.split())


# Longest phrases first so that "nytt fönster" wins over "fönster".
_TABLE: list[tuple[str, Command, bool]] = sorted(
    (
        (word, cmd, english)
        for cmd, (sv, en) in WORDS.items()
        for english, words in ((False, sv), (True, en))
        for word in words
    ),
    key=lambda item: -len(item[0]),
)


def parse(text: str) -> Parsed | None:
    """The command a message starts with, and the rest as arguments; None if none matches."""
    clean = normalise(text)
    lowered = clean.lower().lstrip("/")
    for word, command, english in _TABLE:
        if lowered == word or lowered.startswith(word + " "):
            offset = len(clean) - len(lowered)
            return Parsed(command, clean[offset + len(word) :].strip(), english)
    return None


def display_word(command: Command, english: bool) -> str:
    sv, en = WORDS[command]
    return en[0] if english else sv[0]
