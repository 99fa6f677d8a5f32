"""Idempotent article writes: URL aliases, exact and near-duplicate story assignment, story election.

A rerun over the same pages adds no rows and changes nothing unless a page did; two workers storing
copies of one story concurrently end with one story (see ``newsflow.storage.locks``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select, true
from sqlalchemy.orm import Session

from newsflow.storage.locks import lock_key, lock_keys
from newsflow.storage.models import Article, ArticleBandKey, ArticleUrl, Story
from newsflow.storage.records import ArticleRecord, Candidate, StoreOutcome
from newsflow.storage.upsert import insert_ignore

#: Decides whether a candidate is a copy of the record: the similarity if so, else None.
CopyMatcher = Callable[[ArticleRecord, Candidate], float | None]

_CONTENT_FIELDS = (
    "canonical_url", "source", "title", "body", "published_at", "published_at_evidence", "modified_at",
    "modified_at_evidence", "authors", "language", "site_name", "description", "image_url", "removed",
    "topic", "topic_score", "topic_evidence", "topic_model", "extractor_version", "content_hash", "minhash",
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
    session: Session, record: ArticleRecord, is_copy: CopyMatcher, *, now: datetime | None = None
) -> StoreOutcome:
    """Store one article in the session's transaction (the caller commits)."""
    now = now or utcnow()
    urls = tuple(dict.fromkeys((record.url, *record.aliases)))
    lock_keys(session, [*(lock_key(url) for url in urls), lock_key(record.content_hash), *record.band_keys])

    existing_id = session.scalar(select(ArticleUrl.article_id).where(ArticleUrl.url.in_(urls)).limit(1))
    if existing_id is None:
        existing_id = _same_text_on_same_host(session, record)
    if existing_id is not None:
        return _update_existing(session, existing_id, record, urls, now)

    story_id, similarity, kind = _find_story(session, record, is_copy)
    if story_id is None:
        story = Story(title=record.title, topic=record.topic, article_count=0, first_seen_at=now, updated_at=now)
        session.add(story)
        session.flush()
        story_id, similarity, kind = story.id, 1.0, "new_story"

    article = Article(
        url=record.url, story_id=story_id, story_similarity=similarity, first_seen_at=now, updated_at=now,
        **_content_values(record),
    )
    session.add(article)
    session.flush()
    _add_aliases(session, article.id, urls)
    _replace_band_keys(session, article.id, record.band_keys)
    refresh_story(session, story_id, now)
    return StoreOutcome(kind=kind, article_id=article.id, story_id=story_id, similarity=similarity)


def _same_text_on_same_host(session: Session, record: ArticleRecord) -> int | None:
    """A stored article with this exact text on this host: the new URL is another address for it."""
    host = urlsplit(record.url).hostname
    for article_id, url in session.execute(
        select(Article.id, Article.url).where(Article.content_hash == record.content_hash).order_by(Article.id)
    ):
        if urlsplit(url).hostname == host:
            return article_id
    return None


def _content_values(record: ArticleRecord) -> dict:
    values = {name: getattr(record, name) for name in _CONTENT_FIELDS}
    values["authors"] = list(record.authors)
    values["topic_evidence"] = list(record.topic_evidence)
    values["removed"] = list(record.removed)
    return values


def _update_existing(
    session: Session, article_id: int, record: ArticleRecord, urls: tuple[str, ...], now: datetime
) -> StoreOutcome:
    article = session.get(Article, article_id)
    assert article is not None
    _add_aliases(session, article_id, urls)
    values = _content_values(record)
    values["source"] = article.source  # the first source that found it keeps the article
    if all(getattr(article, name) == value for name, value in values.items()):
        return StoreOutcome(kind="unchanged", article_id=article_id, story_id=article.story_id)
    for name, value in values.items():
        setattr(article, name, value)
    article.updated_at = now
    _replace_band_keys(session, article_id, record.band_keys)
    refresh_story(session, article.story_id, now)
    return StoreOutcome(kind="updated", article_id=article_id, story_id=article.story_id)


def _find_story(
    session: Session, record: ArticleRecord, matcher: CopyMatcher, *, exclude_id: int | None = None, prefer_story: int | None = None
) -> tuple[int | None, float, str]:
    """The story of the best exact, then near copy among stored articles (ties go to ``prefer_story``)."""
    others = Article.id != exclude_id if exclude_id is not None else true()
    order = [Article.id] if prefer_story is None else [Article.story_id != prefer_story, Article.id]
    exact = session.scalar(
        select(Article.story_id).where(Article.content_hash == record.content_hash, others).order_by(*order).limit(1)
    )
    if exact is not None:
        return exact, 1.0, "exact_copy"
    if not record.band_keys:
        return None, 0.0, "new_story"
    rows = session.execute(
        select(Article.id, Article.story_id, Article.minhash, Article.language, Article.published_at)
        .where(others, Article.id.in_(select(ArticleBandKey.article_id).where(ArticleBandKey.band_key.in_(record.band_keys))))
        .order_by(Article.id)
    ).all()
    best: tuple[float, bool, int] | None = None
    for row in rows:
        similarity = is_copy_of(record, Candidate(*row), matcher)
        if similarity is not None:
            key = (similarity, row.story_id == prefer_story, row.story_id)
            best = key if best is None or key[:2] > best[:2] else best
    if best is None:
        return None, 0.0, "new_story"
    return best[2], best[0], "near_copy"


def reassign_story(session: Session, article_id: int, matcher: CopyMatcher, *, now: datetime | None = None) -> int:
    """Re-run story assignment for a stored article whose content changed; return its story id.

    The article joins the story of an exact or near copy (as a new article would); when it is no
    longer a copy of anything but shared a story, it gets one of its own. Emptied stories are removed.
    """
    now = now or utcnow()
    article = session.get(Article, article_id)
    assert article is not None
    old_story = article.story_id
    band_keys = tuple(session.scalars(select(ArticleBandKey.band_key).where(ArticleBandKey.article_id == article_id)))
    probe = ArticleRecord(
        url=article.url, source=article.source, title=article.title, body=article.body, content_hash=article.content_hash,
        band_keys=band_keys, minhash=article.minhash, language=article.language, published_at=article.published_at,
    )
    story_id, similarity, _ = _find_story(session, probe, matcher, exclude_id=article_id, prefer_story=old_story)
    if story_id is None:
        shared = session.scalar(select(func.count()).select_from(Article).where(Article.story_id == old_story, Article.id != article_id))
        if not shared:
            return old_story
        story = Story(title=article.title, topic=article.topic, article_count=0, first_seen_at=article.first_seen_at, updated_at=now)
        session.add(story)
        session.flush()
        story_id, similarity = story.id, 1.0
    if story_id == old_story:
        if similarity < 1.0 and article.story_similarity != similarity:
            article.story_similarity = similarity
        return old_story
    article.story_id, article.story_similarity = story_id, similarity
    session.flush()
    refresh_story(session, story_id, now)
    if session.scalar(select(func.count()).select_from(Article).where(Article.story_id == old_story)):
        refresh_story(session, old_story, now)
    else:
        session.delete(session.get(Story, old_story))
    return story_id


def is_copy_of(record: ArticleRecord, candidate: Candidate, matcher: CopyMatcher) -> float | None:
    """Store-level checks (same language, publication dates within a window) before the matcher."""
    if record.language and candidate.language and record.language != candidate.language:
        return None
    if record.published_at and candidate.published_at:
        if abs(record.published_at - candidate.published_at) > COPY_DATE_WINDOW:
            return None
    return matcher(record, candidate)


#: Syndicated copies appear within days of the original; older look-alikes are recurring reports.
COPY_DATE_WINDOW = timedelta(days=7)


def _add_aliases(session: Session, article_id: int, urls: Iterable[str]) -> None:
    rows = [{"url": url, "article_id": article_id} for url in urls]
    if rows:
        session.execute(insert_ignore(session, ArticleUrl, ["url"]).values(rows))


def _replace_band_keys(session: Session, article_id: int, band_keys: Iterable[int]) -> None:
    session.execute(delete(ArticleBandKey).where(ArticleBandKey.article_id == article_id))
    rows = [{"band_key": key, "article_id": article_id} for key in sorted(set(band_keys))]
    if rows:
        session.execute(insert_ignore(session, ArticleBandKey, ["band_key", "article_id"]).values(rows))


def refresh_story(session: Session, story_id: int, now: datetime) -> None:
    """Recount a story's copies and elect its representative (see ``representative_rank``)."""
    members = session.execute(
        select(Article.id, Article.url, Article.canonical_url, Article.published_at, Article.first_seen_at,
               func.length(Article.body), Article.title, Article.topic)
        .where(Article.story_id == story_id)
    ).all()
    story = session.get(Story, story_id)
    assert story is not None
    best = min(members, key=representative_rank)
    story.article_count = len(members)
    story.representative_article_id = best.id
    story.title = best.title
    story.topic = best.topic
    story.updated_at = now


def representative_rank(member) -> tuple:
    """Sort key: an original page before a copy, then the earliest credible publish time, then the fullest.

    A page whose rel=canonical points to another host declares itself a copy. A publish time is
    credible when present and not later than the day after we first saw the page.
    """
    declared_copy = bool(
        member.canonical_url and urlsplit(member.canonical_url).netloc != urlsplit(member.url).netloc
    )
    published = member.published_at
    credible = published is not None and published <= member.first_seen_at + timedelta(days=1)
    published_key = published.timestamp() if credible else float("inf")
    return (declared_copy, published_key, -(member[5] or 0), member.first_seen_at, member.id)
