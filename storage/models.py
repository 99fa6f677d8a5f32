"""SQLAlchemy 2 models: the record store's schema (one schema for Postgres and SQLite).

Tables:
- ``stories``: one row per story: the copies of one event across sites (``newsflow.storage.stories``).
- ``articles``: one row per page identity (``newsflow.processing.identity``), copies on other sites
  included, each with why it joined its story (``story_link``) and the article it matched.
- ``article_urls``: every URL known to lead to an article (aliases: tracking params, AMP, redirects,
  a same-site canonical; never a page on another site).
- ``article_band_keys``: MinHash LSH band keys, the near-duplicate candidate index.
- ``fetches``: every URL attempted, with a status and a human reason (the audit log).
- ``http_validators``: ETag / Last-Modified per URL for conditional GET.
- ``raw_pages``: compressed raw HTML keyed by URL and fetch time, for reprocessing without refetching.
- ``url_claims``: which run is fetching a URL, until when (a lease), and when it finished
  (cross-run coordination, ``newsflow.storage.claims``).
- ``host_slots``: per host, the earliest time the next request may start, shared by all runs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from newsflow.storage.types import BigId, JsonDoc, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Story(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    representative_article_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str | None] = mapped_column(String(32), nullable=True)
    article_count: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    canonical_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    declared_original: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    published_at_evidence: Mapped[str | None] = mapped_column(String(32), nullable=True)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    modified_at_evidence: Mapped[str | None] = mapped_column(String(32), nullable=True)
    authors: Mapped[list] = mapped_column(JsonDoc, default=list)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    site_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    image_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    removed: Mapped[list] = mapped_column(JsonDoc, default=list)
    topic: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    topic_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    topic_evidence: Mapped[list] = mapped_column(JsonDoc, default=list)
    topic_model: Mapped[str | None] = mapped_column(String(64), nullable=True)
    extractor_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    story_similarity: Mapped[float] = mapped_column(Float, default=1.0)
    story_link: Mapped[str] = mapped_column(String(16), default="first")
    story_match_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    dedup_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ArticleUrl(Base):
    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class ArticleBandKey(Base):
    __tablename__ = "article_band_keys"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Fetch(Base):
    __tablename__ = "fetches"
    __table_args__ = (Index("ix_fetches_source_attempted_at", "source", "attempted_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    run_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text, index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    article_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HttpValidator(Base):
    __tablename__ = "http_validators"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RawPage(Base):
    __tablename__ = "raw_pages"
    __table_args__ = (UniqueConstraint("url", "sha256"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, index=True)
    source: Mapped[str] = mapped_column(String(200))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_type: Mapped[str | None] = mapped_column(Text, nullable=True)
    sha256: Mapped[str] = mapped_column(String(64))
    content_zlib: Mapped[bytes] = mapped_column(LargeBinary)


class UrlClaim(Base):
    """A run's lease on a URL (its canonical key). Times are Unix seconds on the database's clock."""

    __tablename__ = "url_claims"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    expires_at: Mapped[float] = mapped_column(Float)
    done_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class HostSlot(Base):
    """The earliest start (Unix seconds, database clock) of the next request to a host, across runs."""

    __tablename__ = "host_slots"

    host: Mapped[str] = mapped_column(Text, primary_key=True)
    next_at: Mapped[float] = mapped_column(Float)
