"""Raw page archive: compressed HTML keyed by URL and fetch time, for reprocessing without refetching."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsflow.storage.models import RawPage
from newsflow.storage.upsert import insert_ignore


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    source: str
    fetched_at: datetime
    content_type: str | None
    content: bytes


@dataclass(frozen=True)
class PackedPage:
    """A page as the archive stores it: hashed and compressed (done before the write transaction,
    where compressing would hold the store lock)."""

    url: str
    source: str
    fetched_at: datetime
    content_type: str | None
    sha256: str
    content_zlib: bytes


def pack_page(page: ArchivedPage) -> PackedPage:
    return PackedPage(page.url, page.source, page.fetched_at, page.content_type,
                      hashlib.sha256(page.content).hexdigest(), zlib.compress(page.content, 6))


def archive_page(session: Session, *, url: str, source: str, fetched_at: datetime, content_type: str | None, content: bytes) -> None:
    """Keep a raw page; an identical page already archived for the URL is not stored twice."""
    archive_pages(session, [pack_page(ArchivedPage(url, source, fetched_at, content_type, content))])


def archive_pages(session: Session, pages: Iterable[PackedPage]) -> None:
    """:func:`archive_page` for many packed pages, in one executemany."""
    rows = [{"url": p.url, "source": p.source, "fetched_at": p.fetched_at, "content_type": p.content_type,
             "sha256": p.sha256, "content_zlib": p.content_zlib} for p in pages]
    if rows:
        session.execute(insert_ignore(session, RawPage, ["url", "sha256"]), rows)


def latest_pages(session: Session, batch_size: int = 200) -> Iterator[ArchivedPage]:
    """The newest archived page of every URL, in URL order."""
    newest = (
        select(RawPage.url, func.max(RawPage.fetched_at).label("fetched_at")).group_by(RawPage.url).subquery()
    )
    query = (
        select(RawPage)
        .join(newest, (RawPage.url == newest.c.url) & (RawPage.fetched_at == newest.c.fetched_at))
        .order_by(RawPage.url, RawPage.id)
        .execution_options(yield_per=batch_size)
    )
    seen: set[str] = set()
    for page in session.scalars(query):
        if page.url in seen:
            continue
        seen.add(page.url)
        yield ArchivedPage(page.url, page.source, page.fetched_at, page.content_type, zlib.decompress(page.content_zlib))
