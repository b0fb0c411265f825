"""Adaptive Cards (schema 1.5) as pure functions of view data; no database, no Teams calls."""
