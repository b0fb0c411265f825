"""Data protection in the database: anonymising old windows, forgetting a person.

The audit trail is append-only: no other code path updates or deletes audit rows. This package is
the one documented exception, and it only ever rewrites the personal fields of a row (``actor``
and the names and e-mail addresses inside ``detail``) to pseudonyms; the row itself, its kind,
its time and its window stay, so counts and timings survive. It never deletes an audit row.

Outside the audit trail it replaces personal data by the same pseudonyms (participants, prompts
and their answers, results and comments, assignments, rounds, windows, messages and their content,
jobs), and deletes what only serves to reach a person (the roster row, Teams identities, the
managers' list row, old messages that belong to no window).

Modules: ``inventory`` (who the database knows), ``retention`` (anonymising windows past the
retention period and removing stale rows outside windows), ``forget`` (one person, in the steps
of ``person``, ``erase`` and ``pseudonymise``), ``rewrite`` (the shared row-rewriting tools).
"""

from bot.store.privacy.forget import Forgotten, forget
from bot.store.privacy.inventory import known_people, user_ids_of, window_people
from bot.store.privacy.retention import (
    ANONYMISED,
    anonymise_window,
    remove_stale,
    retention_due,
    windows_to_anonymise,
)
from bot.store.privacy.rewrite import FINISHED_JOBS, Counts

__all__ = [
    "ANONYMISED",
    "FINISHED_JOBS",
    "Counts",
    "Forgotten",
    "anonymise_window",
    "forget",
    "known_people",
    "remove_stale",
    "retention_due",
    "user_ids_of",
    "window_people",
    "windows_to_anonymise",
]
