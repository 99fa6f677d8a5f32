"""Idempotent article writes: one row per page identity, its URL aliases, and its story.

A rerun over the same pages adds no rows and changes nothing unless a page did; two workers storing
copies of one story concurrently end with one story (see ``newsflow.storage.stories``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import Text, any_, bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from newsflow.core.urls import same_site
from newsflow.storage.locks import lock_store
from newsflow.storage.models import Article, ArticleBandKey, ArticleUrl
from newsflow.storage.new_stories import insert_first_of_stories, unrelated_pages
from newsflow.storage.records import ArticleRecord, StoreOutcome, content_values, urls_of
from newsflow.storage.stories import CopyMatcher, Probe, find_edges, join_story, refresh_story, relink_stories
from newsflow.storage.upsert import insert_ignore, insert_ignore_for


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


def store_articles(session: Session, records: Sequence[ArticleRecord], matcher: CopyMatcher, *,
                   now: datetime | None = None) -> list[StoreOutcome]:
    """:func:`store_article` for each record in turn, with the same rows and outcomes. On Postgres the
    pages that start a story of their own are found and written for the whole batch in two statements
    (``newsflow.storage.new_stories``); the others are stored one by one after them, in order."""
    now = now or utcnow()
    if session.get_bind().dialect.name != "postgresql" or len(records) < 2:
        return [store_article(session, record, matcher, now=now) for record in records]
    lock_store(session)
    outcomes: dict[int, StoreOutcome] = {}
    firsts = unrelated_pages(session, records)
    for position, (article_id, story_id) in zip(firsts, insert_first_of_stories(session, [records[p] for p in firsts], now)):
        outcomes[position] = StoreOutcome(kind="new_story", article_id=article_id, story_id=story_id)
    for position, record in enumerate(records):
        if position not in outcomes:
            outcomes[position] = store_article(session, record, matcher, now=now)
    return [outcomes[position] for position in range(len(records))]


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
    urls = urls_of(record)
    lock_store(session)  # article writes are serialised (newsflow.storage.locks says why)

    existing_id = _row_of(session, record.url, urls)
    if existing_id is not None:
        return _update_existing(session, existing_id, record, urls, matcher, now)

    probe = Probe(record.url, urls, record.content_hash, record.band_keys, record.minhash, record.declared_original)
    edges = find_edges(session, probe, matcher)
    if not edges and session.get_bind().dialect.name == "postgresql":  # one statement (newsflow.storage.new_stories)
        (article_id, story_id), = insert_first_of_stories(session, [record], now)
        return StoreOutcome(kind="new_story", article_id=article_id, story_id=story_id)
    article = Article(url=record.url, first_seen_at=now, updated_at=now, **content_values(record))
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


def _update_existing(
    session: Session, article_id: int, record: ArticleRecord, urls: tuple[str, ...], matcher: CopyMatcher, now: datetime
) -> StoreOutcome:
    article = session.get(Article, article_id)
    assert article is not None
    _add_aliases(session, article_id, urls)
    values = content_values(record)
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
