"""Cross-run coordination in the database: URL claims with leases, and per-host pacing.

Concurrent runs (processes or machines) that discover the same URLs must fetch each one once:

- ``claim_urls``: a run takes a lease on each URL it is going to fetch. A URL can be taken when no
  run holds it, when its holder's lease expired without finishing (the holder was killed), or when
  it was finished *before the claiming run started* (a later run may fetch it again: ``--refresh``,
  a failure to retry). A URL finished by a concurrent run while this run was going is not refetched.
- ``renew_claims`` extends a live run's unfinished leases (its heartbeat); ``finish_claims`` marks
  URLs done; ``release_claims`` gives unfinished URLs back (a run stopped early).
- ``take_host_turn`` / ``end_host_turn``: per host, the earliest start of the next request, shared by
  every run. The caller that gets the turn holds the host (``next_at`` moves ``hold`` seconds on) until
  its request is over; ending the turn sets the next start ``delay`` after that. So a request to a host
  starts at least ``delay`` after the previous one *ended*, whichever process or machine sent it: the
  gap holds at the server however late a busy machine sends. A holder that dies frees the host after
  ``hold`` seconds.

Times are Unix seconds on the database's clock (``clock_timestamp()`` on Postgres, so several machines
agree), the local clock on SQLite (one machine). Postgres serialises a host's turns with a row lock
(``SELECT ... FOR UPDATE``); SQLite's ``BEGIN IMMEDIATE`` admits one writer at a time. Claims are
taken in sorted URL order with ``INSERT ... ON CONFLICT DO UPDATE ... WHERE``, so two runs never
deadlock and a URL is granted to exactly one of them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsflow.storage.models import HostSlot, UrlClaim

#: URLs per INSERT statement when claiming.
CHUNK = 500


def db_now(session: Session) -> float:
    """Unix seconds on the database's clock (Postgres) or this machine's (SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        return float(session.execute(text("SELECT extract(epoch FROM clock_timestamp())")).scalar_one())
    return time.time()


def _clock(session: Session):
    """:func:`db_now` as an SQL expression (Postgres) or a value: no round trip of its own."""
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", func.clock_timestamp())
    return time.time()


def _insert(session: Session, model):
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(model)


def claim_urls(session: Session, urls: Iterable[str], run_id: str, *, lease: float, run_started: float) -> set[str]:
    """Lease the URLs no other live run holds; return those granted to ``run_id`` (including its own)."""
    keys = sorted(set(urls))
    granted: set[str] = set()
    if not keys:
        return granted
    now = db_now(session)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        stmt = _insert(session, UrlClaim).values([{"url": u, "run_id": run_id, "expires_at": now + lease, "done_at": None} for u in chunk])
        current = UrlClaim.__table__.c
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"],
            set_={"run_id": stmt.excluded.run_id, "expires_at": stmt.excluded.expires_at, "done_at": None},
            where=(
                (current.run_id == run_id)
                | (current.done_at.is_(None) & (current.expires_at < now))
                | (current.done_at.is_not(None) & (current.done_at < run_started))
            ),
        ).returning(current.url)
        granted.update(session.execute(stmt).scalars())
    return granted


def renew_claims(session: Session, run_id: str, *, lease: float) -> int:
    """Extend the run's unfinished leases by ``lease`` seconds from now; the number renewed."""
    now = db_now(session)
    result = session.execute(
        update(UrlClaim).where(UrlClaim.run_id == run_id, UrlClaim.done_at.is_(None)).values(expires_at=now + lease)
    )
    return result.rowcount or 0


def finish_claims(session: Session, urls: Sequence[str], run_id: str) -> None:
    """Mark the run's claims on ``urls`` done (stored or recorded as failed)."""
    if urls:
        session.execute(
            update(UrlClaim).where(UrlClaim.run_id == run_id, UrlClaim.url.in_(sorted(set(urls)))).values(done_at=_clock(session))
        )


def release_claims(session: Session, run_id: str, urls: Sequence[str] | None = None) -> None:
    """Give back the run's unfinished claims (all of them, or those on ``urls``) to the next run."""
    stmt = delete(UrlClaim).where(UrlClaim.run_id == run_id, UrlClaim.done_at.is_(None))
    if urls is not None:
        if not urls:
            return
        stmt = stmt.where(UrlClaim.url.in_(sorted(set(urls))))
    session.execute(stmt)


def take_host_turn(session: Session, host: str, hold: float) -> float:
    """0 when the caller may start a request to ``host`` now (it then holds the host for up to ``hold``
    seconds, until ``end_host_turn``), else the seconds until the host's next start as known now (a
    holder may end sooner: ask again). Run in its own short transaction."""
    session.execute(_insert(session, HostSlot).values(host=host, next_at=0.0).on_conflict_do_nothing(index_elements=["host"]))
    query = select(HostSlot.next_at).where(HostSlot.host == host)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    next_at = session.execute(query).scalar_one()
    now = db_now(session)
    if now < next_at:
        return next_at - now
    session.execute(update(HostSlot).where(HostSlot.host == host).values(next_at=now + hold))
    return 0.0


def end_host_turn(session: Session, host: str, delay: float) -> None:
    """The holder's request is over: the next request to ``host`` starts ``delay`` seconds from now."""
    session.execute(update(HostSlot).where(HostSlot.host == host).values(next_at=db_now(session) + delay))


def defer_host(session: Session, host: str, seconds: float) -> None:
    """No run starts a request to ``host`` for ``seconds`` (e.g. after a Retry-After)."""
    session.execute(_insert(session, HostSlot).values(host=host, next_at=0.0).on_conflict_do_nothing(index_elements=["host"]))
    query = select(HostSlot.next_at).where(HostSlot.host == host)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    next_at = session.execute(query).scalar_one()
    until = db_now(session) + seconds
    if until > next_at:
        session.execute(update(HostSlot).where(HostSlot.host == host).values(next_at=until))
