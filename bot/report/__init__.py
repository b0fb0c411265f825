"""Renderers of the record of a window: pure functions from ``bot.domain.report`` to text."""
