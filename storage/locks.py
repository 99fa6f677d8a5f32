"""Write serialisation: Postgres transaction-level advisory locks; SQLite's single writer.

Two workers that store two copies of one story at the same moment must not both create a story.
Each write takes advisory locks on every key it could collide on (its URLs, its content hash and
its MinHash band keys), in sorted order so that two writers can never deadlock. SQLite needs
nothing here: ``BEGIN IMMEDIATE`` (see ``newsflow.storage.db``) already admits one writer at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_key(value: str) -> int:
    """A stable signed 64-bit key for a string (URL, content hash)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def lock_keys(session: Session, keys: Iterable[int]) -> None:
    """Take transaction-level advisory locks on ``keys`` in sorted order (Postgres only)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    ordered = sorted(set(keys))
    if ordered:  # one round trip; the sorted subquery feeds the lock calls in key order
        session.execute(_LOCK_IN_ORDER, {"keys": ordered})


_LOCK_IN_ORDER = text(
    "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest(CAST(:keys AS bigint[])) AS k ORDER BY 1) AS ordered"
)
