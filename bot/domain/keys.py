"""Stable short keys for the outbox and the job table.

Keys end up in job rows and may be read by an operator or logged: they carry a hash of an e-mail
address or an activity, never the value itself. The lengths are part of the stored keys (a message
is sent once per key), so each caller keeps the length it always had.
"""

from __future__ import annotations

import hashlib


def short_hash(value: str, length: int = 16) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:length]
