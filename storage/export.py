"""Export: stored articles as a stream of flat rows with stable, documented columns (constant memory).

The rows are read with ``yield_per`` (a server-side cursor on Postgres, ``stream_results``; SQLite's
cursor is lazy anyway), ``chunk`` rows at a time, so exporting a million articles holds one chunk in
memory. Writers (JSON lines, CSV, Parquet) live in ``newsflow.cli.data``.

Columns (README, "Export"), in this order:

- ``url``: the article's identity URL; ``canonical_url``: the page's own rel=canonical, as declared;
- ``site``: the URL's host without ``www.``; ``title``;
- ``published_at``, ``modified_at``: UTC datetimes or None;
- ``authors``: list of names; ``language``: ISO 639-1 code or None;
- ``topic``: geopolitics, celebrity or other; ``topic_score``: the classifier's score for that topic
  (the only score stored, not a distribution);
- ``story_id``; ``copies``: articles in the story (this one included); ``story_link``: why it joined
  its story (first, exact_text, near_copy, canonical);
- ``body``: the clean text; ``removed``: list of {reason, sample} blocks left out of the body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from newsflow.storage.models import Article, Story

EXPORT_COLUMNS: tuple[str, ...] = (
    "url", "canonical_url", "site", "title", "published_at", "modified_at", "authors", "language",
    "topic", "topic_score", "story_id", "copies", "story_link", "body", "removed",
)

#: Rows fetched from the database per round trip.
DEFAULT_CHUNK = 2000


@dataclass(frozen=True)
class ExportFilter:
    """Which articles to export. since/until: publication time, or first-seen time when undated."""

    since: datetime | None = None
    until: datetime | None = None
    topic: str | None = None
    source: str | None = None
    story: int | None = None


def site_of(url: str) -> str:
    """The host of a URL, lower case, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _filtered(query: Select, spec: ExportFilter) -> Select:
    when = func.coalesce(Article.published_at, Article.first_seen_at)
    if spec.since is not None:
        query = query.where(when >= spec.since)
    if spec.until is not None:
        query = query.where(when < spec.until)
    if spec.topic:
        query = query.where(Article.topic == spec.topic)
    if spec.source:
        query = query.where(Article.source == spec.source)
    if spec.story is not None:
        query = query.where(Article.story_id == spec.story)
    return query


def export_query(spec: ExportFilter = ExportFilter()) -> Select:
    """The export's SELECT: one row per article, in article id order (stable across runs)."""
    query = (
        select(
            Article.url, Article.canonical_url, Article.title, Article.published_at, Article.modified_at,
            Article.authors, Article.language, Article.topic, Article.topic_score, Article.story_id,
            Story.article_count, Article.story_link, Article.body, Article.removed,
        )
        .join(Story, Story.id == Article.story_id)
        .order_by(Article.id)
    )
    return _filtered(query, spec)


def count_export_rows(session: Session, spec: ExportFilter = ExportFilter()) -> int:
    """How many rows :func:`iter_export_rows` will yield (for progress bars)."""
    return session.scalar(_filtered(select(func.count()).select_from(Article), spec)) or 0


def iter_export_rows(session: Session, spec: ExportFilter = ExportFilter(), *, chunk: int = DEFAULT_CHUNK) -> Iterator[dict]:
    """Every matching article as a dict with :data:`EXPORT_COLUMNS` keys, streamed ``chunk`` rows at a time."""
    result = session.execute(export_query(spec).execution_options(yield_per=chunk))
    try:
        for (url, canonical, title, published, modified, authors, language, topic, score, story_id, copies,
             link, body, removed) in result:
            yield {
                "url": url, "canonical_url": canonical, "site": site_of(url), "title": title,
                "published_at": published, "modified_at": modified, "authors": list(authors or []),
                "language": language, "topic": topic, "topic_score": score, "story_id": story_id,
                "copies": copies, "story_link": link, "body": body, "removed": list(removed or []),
            }
    finally:
        result.close()
