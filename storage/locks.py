"""Write serialisation: Postgres transaction-level advisory locks; SQLite's single writer.

Two workers that store two copies of one story at the same moment must not both create a story.
Every transaction that stores articles first takes one store lock (:func:`lock_store`), so article
writes are serialised, as SQLite's ``BEGIN IMMEDIATE`` (see ``newsflow.storage.db``) already does.
Why one lock and not one per key the write could collide on (its URLs, content hash and 50 MinHash
band keys): a batch of 50 pages stored in one transaction would hold ~2,600 advisory locks, and
eight such transactions overflow Postgres' shared lock table (``max_locks_per_transaction`` 64 x
``max_connections``); striping the keys into fewer locks makes nearly every pair of batches collide
anyway. The store lock is held for one batch's writes (a few ms per page); fetching and extraction,
most of a page's cost, run outside it. Story locks (:func:`lock_keys`) order relinks and merges.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_key(value: str) -> int:
    """A stable signed 64-bit key for a string (URL, content hash)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def lock_store(session: Session) -> None:
    """Take the store lock for the session's transaction, once (Postgres; SQLite has one writer).

    Take it before any savepoint: rolling back to a savepoint releases the locks taken after it."""
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_HOLDS_STORE_LOCK) is transaction:
        return
    session.execute(_LOCK_ONE, {"key": STORE_LOCK})
    session.info[_HOLDS_STORE_LOCK] = session.get_transaction()


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


_LOCK_ONE = text("SELECT pg_advisory_xact_lock(:key)")
_HOLDS_STORE_LOCK = "newsflow.store_lock_transaction"
#: The advisory lock key every article-writing transaction takes first.
STORE_LOCK = lock_key("newsflow:store")
