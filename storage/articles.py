"""Idempotent article writes: one row per page identity, its URL aliases, and its story.

A rerun over the same pages adds no rows and changes nothing unless a page did; two workers storing
copies of one story concurrently end with one story (see ``newsflow.storage.stories``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import LargeBinary, Text, any_, bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Session

from newsflow.core.urls import same_site
from newsflow.storage.locks import lock_store
from newsflow.storage.models import Article, ArticleBandKey, ArticleUrl
from newsflow.storage.records import ArticleRecord, StoreOutcome
from newsflow.storage.stories import CopyMatcher, Probe, find_edges, join_story, refresh_story, relink_stories
from newsflow.storage.types import UTCDateTime
from newsflow.storage.upsert import insert_ignore, insert_ignore_for

_CONTENT_FIELDS = (
    "canonical_url", "source", "title", "body", "published_at", "published_at_evidence", "modified_at",
    "modified_at_evidence", "authors", "language", "site_name", "description", "image_url", "removed",
    "topic", "topic_score", "topic_evidence", "topic_model", "extractor_version", "content_hash", "minhash",
    "declared_original", "dedup_version",
)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def known_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """The subset of ``urls`` (canonical forms) that already lead to a stored article."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(session.scalars(select(ArticleUrl.url).where(ArticleUrl.url.in_(chunk))))
    return found


def store_article(
    session: Session, record: ArticleRecord, matcher: CopyMatcher, *, now: datetime | None = None
) -> StoreOutcome:
    """Store one page's record in the session's transaction (the caller commits).

    The row is the page's identity (``newsflow.processing.identity``): an article found under the record's
    URL, or under one of its same-site aliases, is this page and is updated when the page changed; a
    new identity gets its own row and joins the story of the copies it is linked to. A copy never
    changes another page's row. Raises ``StoryMoved`` when a concurrent writer merged a story it
    wanted to join (retry the transaction).
    """
    now = now or utcnow()
    urls = tuple(dict.fromkeys((record.url, *record.aliases)))
    lock_store(session)  # article writes are serialised (newsflow.storage.locks says why)

    existing_id = _row_of(session, record.url, urls)
    if existing_id is not None:
        return _update_existing(session, existing_id, record, urls, matcher, now)

    probe = Probe(record.url, urls, record.content_hash, record.band_keys, record.minhash, record.declared_original)
    edges = find_edges(session, probe, matcher)
    if not edges and session.get_bind().dialect.name == "postgresql":
        article_id, story_id = _insert_first_of_story(session, record, urls, now)
        return StoreOutcome(kind="new_story", article_id=article_id, story_id=story_id)
    article = Article(url=record.url, first_seen_at=now, updated_at=now, **_content_values(record))
    story_id = join_story(session, article, edges, now)
    _add_aliases(session, article.id, urls)
    _insert_band_keys(session, article.id, record.band_keys)
    kind = "new_story" if not edges else _KIND_OF_LINK[article.story_link]
    return StoreOutcome(kind=kind, article_id=article.id, story_id=story_id, similarity=article.story_similarity,
                        matched_article_id=article.story_match_id)


#: The store outcome of a new article, by the link that put it in its story.
_KIND_OF_LINK = {"exact_text": "exact_copy", "near_copy": "near_copy", "canonical": "canonical_copy"}


def _row_of(session: Session, url: str, urls: tuple[str, ...]) -> int | None:
    """The stored article that is this page: the one holding its URL, else one whose own URL is a
    same-site variant of it (the page now names a canonical). A URL that only redirected to another
    article once does not make this page that article."""
    found = session.execute(_row_of_statement(session.get_bind().dialect.name), {"urls": list(urls)}).all()
    by_alias = {alias: article_id for alias, article_id, _ in found}
    if url in by_alias:
        return by_alias[url]
    return next((article_id for alias, article_id, own in found if alias == own and same_site(own, url)), None)


@lru_cache(maxsize=None)
def _row_of_statement(dialect: str):
    """Built once (see ``stories.candidate_query``); Core columns, and one array parameter on Postgres."""
    aliases, articles = ArticleUrl.__table__, Article.__table__
    wanted = (aliases.c.url == any_(bindparam("urls", type_=ARRAY(Text))) if dialect == "postgresql"
              else aliases.c.url.in_(bindparam("urls", expanding=True)))
    return (select(aliases.c.url, aliases.c.article_id, articles.c.url)
            .join(articles, articles.c.id == aliases.c.article_id).where(wanted))


def _insert_first_of_story(session: Session, record: ArticleRecord, urls: tuple[str, ...], now: datetime) -> tuple[int, int]:
    """Postgres: a page that is a copy of nothing stored, written in ONE statement: its story (of one,
    itself the representative), its row, its URLs and band keys. The same rows as ``join_story`` and
    the alias and band-key inserts write for it, in one round trip instead of six ORM flushes and
    statements (most pages start a story, and the store lock is held while they are written).
    Returns (article id, story id)."""
    session.flush()  # ORM changes of earlier pages in this transaction go first
    params = _content_values(record)
    params.update(url=record.url, now=now, urls=list(urls), band_keys=sorted(set(record.band_keys)))
    article_id, story_id = session.execute(_INSERT_FIRST_OF_STORY, params).one()
    return article_id, story_id


_INSERT_FIRST_OF_STORY = text(
    "WITH ids AS (SELECT nextval(pg_get_serial_sequence('articles', 'id')) AS article_id, "
    "                    nextval(pg_get_serial_sequence('stories', 'id')) AS story_id), "
    "story AS (INSERT INTO stories (id, representative_article_id, title, topic, article_count, first_seen_at, updated_at) "
    "          SELECT story_id, article_id, :title, :topic, 1, :now, :now FROM ids), "
    "article AS (INSERT INTO articles (id, url, story_id, story_link, story_similarity, story_match_id, first_seen_at, "
    "            updated_at, " + ", ".join(_CONTENT_FIELDS) + ") "
    "            SELECT article_id, :url, story_id, 'first', 1.0, NULL, :now, :now, "
    + ", ".join(f":{name}" for name in _CONTENT_FIELDS) + " FROM ids), "
    "alias AS (INSERT INTO article_urls (url, article_id) SELECT unnest(CAST(:urls AS text[])), article_id FROM ids "
    "          ON CONFLICT DO NOTHING), "
    "band AS (INSERT INTO article_band_keys (band_key, article_id) SELECT unnest(CAST(:band_keys AS bigint[])), article_id "
    "         FROM ids ON CONFLICT DO NOTHING) "
    "SELECT article_id, story_id FROM ids"
).bindparams(bindparam("authors", type_=JSONB), bindparam("removed", type_=JSONB), bindparam("topic_evidence", type_=JSONB),
             bindparam("now", type_=UTCDateTime), bindparam("published_at", type_=UTCDateTime),
             bindparam("modified_at", type_=UTCDateTime), bindparam("minhash", type_=LargeBinary))


def _content_values(record: ArticleRecord) -> dict:
    values = {name: getattr(record, name) for name in _CONTENT_FIELDS}
    values["authors"] = list(record.authors)
    values["topic_evidence"] = list(record.topic_evidence)
    values["removed"] = list(record.removed)
    return values


def _update_existing(
    session: Session, article_id: int, record: ArticleRecord, urls: tuple[str, ...], matcher: CopyMatcher, now: datetime
) -> StoreOutcome:
    article = session.get(Article, article_id)
    assert article is not None
    _add_aliases(session, article_id, urls)
    values = _content_values(record)
    values["source"] = article.source  # the first source that found it keeps the article
    if all(getattr(article, name) == value for name, value in values.items()):
        return StoreOutcome(kind="unchanged", article_id=article_id, story_id=article.story_id)
    relink = any(getattr(article, name) != values[name] for name in _LINK_FIELDS)
    for name, value in values.items():
        setattr(article, name, value)
    article.updated_at = now
    if relink:
        _replace_band_keys(session, article_id, record.band_keys)
        session.flush()
        relink_stories(session, [article_id], matcher, now)
    else:
        refresh_story(session, article.story_id, now)
    return StoreOutcome(kind="updated", article_id=article_id, story_id=article.story_id)


#: Fields whose change can move an article to another story (a new dedup version may judge its
#: copies differently, so reprocess relinks through here too).
_LINK_FIELDS = ("content_hash", "minhash", "declared_original", "dedup_version")


def _add_aliases(session: Session, article_id: int, urls: Iterable[str]) -> None:
    """Record the URLs as addresses of the article; a URL that already names another article keeps it."""
    rows = [{"url": url, "article_id": article_id} for url in urls]
    if rows:  # executemany: one cached statement whatever the number of rows
        session.execute(_insert_alias(session.get_bind().dialect.name), rows)


@lru_cache(maxsize=None)
def _insert_alias(dialect: str):
    return insert_ignore_for(dialect, ArticleUrl, ["url"])


def _replace_band_keys(session: Session, article_id: int, band_keys: Iterable[int]) -> None:
    session.execute(delete(ArticleBandKey).where(ArticleBandKey.article_id == article_id))
    _insert_band_keys(session, article_id, band_keys)


def _insert_band_keys(session: Session, article_id: int, band_keys: Iterable[int]) -> None:
    keys = sorted(set(band_keys))
    if not keys:
        return
    if session.get_bind().dialect.name == "postgresql":  # one statement, one array parameter
        session.execute(_INSERT_BAND_KEYS, {"keys": keys, "article_id": article_id})
        return
    rows = [{"band_key": key, "article_id": article_id} for key in keys]
    session.execute(insert_ignore(session, ArticleBandKey, ["band_key", "article_id"]), rows)


_INSERT_BAND_KEYS = text(
    "INSERT INTO article_band_keys (band_key, article_id) SELECT unnest(CAST(:keys AS bigint[])), :article_id "
    "ON CONFLICT DO NOTHING"
)
