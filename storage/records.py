"""Plain data handed to storage: what processing produced for one page, and what storing it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

StoreKind = Literal["new_story", "exact_copy", "near_copy", "canonical_copy", "updated", "unchanged"]


@dataclass(frozen=True)
class ArticleRecord:
    """A clean article ready to store: ``url``, ``aliases`` and ``declared_original`` are its page
    identity (``newsflow.processing.identity``)."""

    url: str
    source: str
    title: str
    body: str
    content_hash: str
    band_keys: tuple[int, ...]
    minhash: bytes | None
    aliases: tuple[str, ...] = ()
    declared_original: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None
    published_at_evidence: str | None = None
    modified_at: datetime | None = None
    modified_at_evidence: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    site_name: str | None = None
    description: str | None = None
    image_url: str | None = None
    removed: list[dict] = field(default_factory=list)
    topic: str | None = None
    topic_score: float | None = None
    topic_evidence: tuple[str, ...] = ()
    topic_model: str | None = None
    extractor_version: str | None = None
    dedup_version: str | None = None


#: The ``articles`` columns a record fills (besides its URL, story link and times).
CONTENT_FIELDS = (
    "canonical_url", "source", "title", "body", "published_at", "published_at_evidence", "modified_at",
    "modified_at_evidence", "authors", "language", "site_name", "description", "image_url", "removed",
    "topic", "topic_score", "topic_evidence", "topic_model", "extractor_version", "content_hash", "minhash",
    "declared_original", "dedup_version",
)


def content_values(record: ArticleRecord) -> dict:
    """The record's ``articles`` column values (:data:`CONTENT_FIELDS`), JSON columns as lists."""
    values = {name: getattr(record, name) for name in CONTENT_FIELDS}
    values["authors"] = list(record.authors)
    values["topic_evidence"] = list(record.topic_evidence)
    values["removed"] = list(record.removed)
    return values


def urls_of(record: ArticleRecord) -> tuple[str, ...]:
    """The record's URL and its aliases, once each, the URL first."""
    return tuple(dict.fromkeys((record.url, *record.aliases)))


@dataclass(frozen=True)
class StoreOutcome:
    """What storing one record did."""

    kind: StoreKind
    article_id: int
    story_id: int
    similarity: float = 1.0
    matched_article_id: int | None = None

    @property
    def is_new_article(self) -> bool:
        return self.kind in ("new_story", "exact_copy", "near_copy", "canonical_copy")
