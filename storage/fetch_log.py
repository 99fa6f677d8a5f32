"""The audit log of attempted URLs, and HTTP validators for conditional GET."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsflow.storage.models import Fetch, HttpValidator
from newsflow.storage.upsert import insert_ignore


@dataclass(frozen=True)
class FetchEntry:
    """One attempted URL: status (fetched, not_modified, duplicate, http_error, ...) and a human reason."""

    source: str
    url: str
    status: str
    reason: str
    attempted_at: datetime
    http_status: int | None = None
    article_id: int | None = None


def record_fetches(session: Session, run_id: str | None, entries: Iterable[FetchEntry]) -> None:
    """Append entries to ``fetches`` (the caller commits)."""
    session.add_all(
        Fetch(run_id=run_id, source=e.source, url=e.url, status=e.status, reason=e.reason[:2000],
              http_status=e.http_status, article_id=e.article_id, attempted_at=e.attempted_at)
        for e in entries
    )


def get_validators(session: Session, url: str) -> tuple[str | None, str | None]:
    """The stored (ETag, Last-Modified) of a URL, for a conditional GET."""
    row = session.get(HttpValidator, url)
    return (row.etag, row.last_modified) if row else (None, None)


def save_validators(session: Session, url: str, etag: str | None, last_modified: str | None, now: datetime) -> None:
    """Remember a response's validators (no-op when it sent none)."""
    if not etag and not last_modified:
        return
    session.execute(insert_ignore(session, HttpValidator, ["url"]).values(url=url, etag=None, last_modified=None, updated_at=now))
    row = session.get(HttpValidator, url)
    assert row is not None
    if (row.etag, row.last_modified) != (etag, last_modified):
        row.etag, row.last_modified, row.updated_at = etag, last_modified, now


def fetches_for_run(session: Session, run_id: str) -> list[Fetch]:
    return list(session.scalars(select(Fetch).where(Fetch.run_id == run_id).order_by(Fetch.id)))
