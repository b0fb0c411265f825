"""Message catalogues. Swedish is the default language; English the second."""

from bot.i18n.catalog import CATALOG, Lang, Phrase, lang_for, t

__all__ = ["CATALOG", "Lang", "Phrase", "lang_for", "t"]
