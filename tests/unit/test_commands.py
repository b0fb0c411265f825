"""Recognising commands (bot.domain.commands.parse): Swedish first, English too, as Teams sends them."""

from __future__ import annotations

import pytest

from bot.domain.commands import WORDS, Command, Parsed, display_word, normalise, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Swedish and English words.
        ("hjälp", Parsed(Command.HELP, "", False)),
        ("hjalp", Parsed(Command.HELP, "", False)),
        ("?", Parsed(Command.HELP, "", False)),
        ("help", Parsed(Command.HELP, "", True)),
        ("mina uppgifter", Parsed(Command.ME, "", False)),
        ("me", Parsed(Command.ME, "", True)),
        ("my details", Parsed(Command.ME, "", True)),
        ("ersättare Lena Ek, lena@kommun.se", Parsed(Command.SUBSTITUTE, "Lena Ek, lena@kommun.se", False)),
        ("substitute Lena Ek, lena@kommun.se", Parsed(Command.SUBSTITUTE, "Lena Ek, lena@kommun.se", True)),
        ("lokal klar", Parsed(Command.LOCAL_READY, "", False)),
        ("local ready", Parsed(Command.LOCAL_READY, "", True)),
        ("citrix klar", Parsed(Command.CITRIX_READY, "", False)),
        ("status", Parsed(Command.STATUS, "", False)),
        ("start check-in 3", Parsed(Command.START_CHECKIN, "3", True)),
        ("testa om 3", Parsed(Command.RETEST, "3", False)),
        # Longest match: "nytt fönster" is not "fönster" with arguments.
        (
            "nytt fönster 2026-12-09 08:30-16:30 ärende SD-12345",
            Parsed(Command.NEW_WINDOW, "2026-12-09 08:30-16:30 ärende SD-12345", False),
        ),
        ("nytt fonster 2026-12-09", Parsed(Command.NEW_WINDOW, "2026-12-09", False)),
        ("fönster", Parsed(Command.WINDOWS, "", False)),
        ("fönster 3", Parsed(Command.WINDOWS, "3", False)),
        ("flytta fönster 3 2026-12-10", Parsed(Command.MOVE_WINDOW, "3 2026-12-10", False)),
        ("flytta 3 2026-12-10", Parsed(Command.MOVE_WINDOW, "3 2026-12-10", False)),
        ("avboka fönster 3", Parsed(Command.CANCEL_WINDOW, "3", False)),
        ("new window 2026-12-09", Parsed(Command.NEW_WINDOW, "2026-12-09", True)),
        ("windows", Parsed(Command.WINDOWS, "", True)),
        ("klart 3", Parsed(Command.ALL_CLEAR, "3", False)),
        # "klartecken" is the supplier's go (with a comment); the admin's all-clear is "klart".
        ("klartecken", Parsed(Command.SUPPLIER_GO, "", False)),
        ("klartecken Allt ser bra ut", Parsed(Command.SUPPLIER_GO, "Allt ser bra ut", False)),
        ("go ahead", Parsed(Command.SUPPLIER_GO, "", True)),
        ("go", Parsed(Command.SUPPLIER_GO, "", True)),
        ("vi rättar felen", Parsed(Command.SUPPLIER_FIXING, "", False)),
        ("vi rättar SSBTEK först", Parsed(Command.SUPPLIER_FIXING, "SSBTEK först", False)),
        ("we fix", Parsed(Command.SUPPLIER_FIXING, "", True)),
        ("rättat", Parsed(Command.SUPPLIER_FIXED, "", False)),
        ("ra\u0308ttat", Parsed(Command.SUPPLIER_FIXED, "", False)),
        ("fixed", Parsed(Command.SUPPLIER_FIXED, "", True)),
        (
            "vi rullar tillbaka databasen svarar inte",
            Parsed(Command.SUPPLIER_ROLLBACK, "databasen svarar inte", False),
        ),
        ("rullar tillbaka", Parsed(Command.SUPPLIER_ROLLBACK, "", False)),
        ("roll back", Parsed(Command.SUPPLIER_ROLLBACK, "", True)),
        ("sammanställning", Parsed(Command.SUMMARY, "", False)),
        ("starta incheckning", Parsed(Command.START_CHECKIN, "", False)),
        ("incheckning", Parsed(Command.START_CHECKIN, "", False)),
        # Teams mention markup in a channel, with a non-breaking space.
        ("<at>Servicefönster</at> lokal klar", Parsed(Command.LOCAL_READY, "", False)),
        ("<at>Bot</at>&nbsp;citrix ready", Parsed(Command.CITRIX_READY, "", True)),
        ("<AT>Bot</AT> <p>status</p>", Parsed(Command.STATUS, "", False)),
        # Teams may send å/ä/ö decomposed (NFD).
        ("hja\u0308lp", Parsed(Command.HELP, "", False)),
        ("nytt fo\u0308nster 2026-12-09", Parsed(Command.NEW_WINDOW, "2026-12-09", False)),
        ("sammansta\u0308ll", Parsed(Command.SUMMARY, "", False)),
        # Case, extra spaces and a leading slash do not matter.
        ("HJÄLP", Parsed(Command.HELP, "", False)),
        ("Lokal Klar", Parsed(Command.LOCAL_READY, "", False)),
        ("  Nytt   Fönster   2026-12-09  ", Parsed(Command.NEW_WINDOW, "2026-12-09", False)),
        ("/help", Parsed(Command.HELP, "", True)),
        # The arguments keep their case (case numbers, names).
        ("Ersättare Lena EK, Lena@Kommun.se", Parsed(Command.SUBSTITUTE, "Lena EK, Lena@Kommun.se", False)),
        (
            "nytt fönster 2026-12-09 Ärende SD-12345",
            Parsed(Command.NEW_WINDOW, "2026-12-09 Ärende SD-12345", False),
        ),
    ],
)
def test_parse(text: str, expected: Parsed) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "<at>Bot</at>",
        "hej",
        "hjälpa",  # a word that starts like a command is not the command
        "meddelande",
        "mer",
        "lokal",
        "klar",
        "nytt",
        "vad är status?",
        "windowsupdate",
    ],
)
def test_unknown_text_is_none(text: str) -> None:
    assert parse(text) is None


def test_every_command_word_is_recognised_as_its_own_command() -> None:
    for command, (swedish, english) in WORDS.items():
        for word in swedish:
            assert parse(word) == Parsed(command, "", False), word
            assert parse(word.upper() + " x") == Parsed(command, "x", False), word
        for word in english:
            found = parse(word)
            assert found is not None, word
            assert found.command is command, word
            # "status" is the same word in both languages; Swedish wins.
            assert found.english is (word not in swedish), word


def test_every_command_has_words_in_both_languages() -> None:
    assert set(WORDS) == set(Command)
    for command in Command:
        swedish, english = WORDS[command]
        assert swedish
        assert english
        assert display_word(command, english=False) == swedish[0]
        assert display_word(command, english=True) == english[0]


def test_normalise() -> None:
    assert normalise("<at>Bot</at>  Lokal\u00a0 klar ") == "Lokal klar"
    assert normalise("hja\u0308lp") == "hjälp"
    assert normalise("<at>\nBot\n</at>a&nbsp;b") == "a b"
