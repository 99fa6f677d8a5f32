"""Reprocess stored articles from the raw page archive, without fetching again (plain functions).

``flows/reprocess.py`` wraps them in Prefect tasks:

stale_article_ids:   articles whose stored ``extractor_version`` / ``topic_model`` / ``dedup_version``
                     differ from the code's.
orphan_page_ids / restore_orphan_pages: archived pages that no article holds (copies that an older
                     schema merged into another site's article): stored as articles of their own.
reprocess_articles:  re-extract, re-fingerprint, re-classify and re-store articles from their newest
                     archived page, through the same path as ingest (``process_page`` ->
                     ``build_record`` -> ``store_article``), then re-check their story (dedup).
stale_topic_ids / reclassify_articles: the cheap path when only the topic model changed.

Every function reports what it changed per field (title, body, dates, topic, story, ...).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

import newsflow.processing.classify as classify_module
import newsflow.processing.dedup as dedup_module
import newsflow.processing.extract as extract_module
from newsflow.processing.page import NotAnArticle, ProcessedPage, process_page
from newsflow.storage.articles import store_article
from newsflow.storage.stories import refresh_story
from newsflow.storage.db import Database
from newsflow.storage.models import Article, ArticleUrl, RawPage

#: Reported field -> the article columns it covers. "story" is the story the article belongs to.
TRACKED_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "body": ("body",),
    "published_at": ("published_at", "published_at_evidence"),
    "modified_at": ("modified_at", "modified_at_evidence"),
    "authors": ("authors",),
    "language": ("language",),
    "metadata": ("canonical_url", "site_name", "description", "image_url"),
    "topic": ("topic",),
    "topic_score": ("topic_score",),
    "fingerprint": ("content_hash",),
    "story": ("story_id",),
}

MAX_ERRORS_KEPT = 20


@dataclass(frozen=True)
class Versions:
    extractor: str
    topic_model: str
    dedup: str


def current_versions() -> Versions:
    """The extractor, topic model and dedup versions of the running code (read at call time)."""
    return Versions(extract_module.EXTRACTOR_VERSION, classify_module.MODEL_VERSION, dedup_module.DEDUP_VERSION)


@dataclass
class ReprocessReport:
    """What one reprocess (or reclassify) batch did; batches are merged into the run's report."""

    examined: int = 0
    changed: int = 0
    unchanged: int = 0
    not_article: int = 0
    no_archive: int = 0
    restored: int = 0
    failed: int = 0
    field_changes: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    topic_moves: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def merge(self, other: "ReprocessReport") -> None:
        for name in ("examined", "changed", "unchanged", "not_article", "no_archive", "restored", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.field_changes.update(other.field_changes)
        self.topic_moves.update(other.topic_moves)
        for key, url in other.examples.items():
            self.examples.setdefault(key, url)
        self.errors.extend(other.errors[: max(0, MAX_ERRORS_KEPT - len(self.errors))])

    def note_changes(self, changed_fields: Iterable[str], url: str) -> None:
        changed = list(changed_fields)
        if changed:
            self.changed += 1
            for name in changed:
                self.field_changes[name] += 1
                self.examples.setdefault(name, url)
        else:
            self.unchanged += 1

    def field_rows(self) -> list[dict]:
        """One row per tracked field (the table artifact)."""
        return [
            {"field": name, "changed": self.field_changes.get(name, 0), "example": self.examples.get(name, "")}
            for name in TRACKED_FIELDS
        ]

    def totals(self) -> dict:
        return {
            "examined": self.examined, "changed": self.changed, "unchanged": self.unchanged,
            "not_article": self.not_article, "no_archive": self.no_archive, "restored": self.restored,
            "failed": self.failed,
        }


# --------------------------------------------------------------------------------------------- selection


def stale_article_ids(
    session: Session,
    *,
    force: bool = False,
    sources: Sequence[str] | None = None,
    limit: int | None = None,
    versions: Versions | None = None,
) -> list[int]:
    """Articles with an archived page whose extractor, topic model or dedup version is not the current one."""
    versions = versions or current_versions()
    archived = exists(
        select(RawPage.id).join(ArticleUrl, ArticleUrl.url == RawPage.url).where(ArticleUrl.article_id == Article.id)
    )
    query = select(Article.id).where(archived).order_by(Article.id)
    if not force:
        query = query.where(
            or_(
                Article.extractor_version.is_distinct_from(versions.extractor),
                Article.topic_model.is_distinct_from(versions.topic_model),
                Article.dedup_version.is_distinct_from(versions.dedup),
            )
        )
    if sources:
        query = query.where(Article.source.in_(list(sources)))
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def stale_topic_ids(
    session: Session, *, force: bool = False, sources: Sequence[str] | None = None, limit: int | None = None,
    model_version: str | None = None,
) -> list[int]:
    """Articles labelled by another topic model than the current one."""
    model_version = model_version or current_versions().topic_model
    query = select(Article.id).order_by(Article.id)
    if not force:
        query = query.where(Article.topic_model.is_distinct_from(model_version))
    if sources:
        query = query.where(Article.source.in_(list(sources)))
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def orphan_page_ids(session: Session, *, sources: Sequence[str] | None = None, limit: int | None = None) -> list[int]:
    """The newest archived page of every URL that no article holds (not an alias of any row)."""
    held = exists(select(ArticleUrl.url).where(ArticleUrl.url == RawPage.url))
    newest = select(func.max(RawPage.id)).where(~held)
    if sources:
        newest = newest.where(RawPage.source.in_(list(sources)))
    query = newest.group_by(RawPage.url).order_by(func.max(RawPage.id))
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def chunks(items: Sequence, size: int) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def newest_archived_page(session: Session, article_id: int) -> RawPage | None:
    """The most recently fetched raw page of the article's own URLs (never another site's copy)."""
    return session.scalars(
        select(RawPage)
        .join(ArticleUrl, ArticleUrl.url == RawPage.url)
        .where(ArticleUrl.article_id == article_id)
        .order_by(RawPage.fetched_at.desc(), RawPage.id.desc())
        .limit(1)
    ).first()


# --------------------------------------------------------------------------------------------- reprocess


def snapshot(article: Article) -> dict[str, object]:
    return {column: getattr(article, column) for columns in TRACKED_FIELDS.values() for column in columns}


def changed_fields(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return [name for name, columns in TRACKED_FIELDS.items() if any(before[c] != after[c] for c in columns)]


def reprocess_articles(db: Database, article_ids: Sequence[int], *, dry_run: bool = False) -> ReprocessReport:
    """Rebuild each article from its newest archived page; one transaction per article, nothing raises."""
    from newsflow.pipeline.ingest import build_record, copy_matcher  # the ingest path

    report = ReprocessReport()
    for article_id in article_ids:
        report.examined += 1
        try:
            with _unit_of_work(db, dry_run) as session:
                article = session.get(Article, article_id)
                page = newest_archived_page(session, article_id) if article is not None else None
                if article is None or page is None:
                    report.no_archive += 1
                    continue
                before = snapshot(article)
                processed = _process_archived(page, report)
                if processed is None:
                    continue  # the stored article stays as it is
                feed_date = article.published_at if article.published_at_evidence == "feed" else None
                record = build_record(article.source, processed, requested_url=page.url, final_url=page.url, listed_published_at=feed_date)
                outcome = store_article(session, record, copy_matcher)  # relinks its story when its copies may differ
                session.flush()
                stored = session.get(Article, outcome.article_id)
                report.note_changes(changed_fields(before, snapshot(stored)), article.url)
        except Exception as exc:  # noqa: BLE001 - one bad page must cost one article, not the run
            report.failed += 1
            _keep_error(report, f"article {article_id}: {type(exc).__name__}: {exc}")
    return report


def restore_orphan_pages(db: Database, page_ids: Sequence[int], *, dry_run: bool = False) -> ReprocessReport:
    """Store each orphan archived page as the article of its own URL, linked to its story."""
    from newsflow.pipeline.ingest import build_record, copy_matcher  # the ingest path

    report = ReprocessReport()
    for page_id in page_ids:
        report.examined += 1
        try:
            with _unit_of_work(db, dry_run) as session:
                page = session.get(RawPage, page_id)
                if page is None:
                    report.no_archive += 1
                    continue
                processed = _process_archived(page, report)
                if processed is None:
                    continue
                record = build_record(page.source, processed, requested_url=page.url, final_url=page.url)
                outcome = store_article(session, record, copy_matcher)
                report.restored += outcome.is_new_article
                report.note_changes(["story"] if outcome.is_new_article else [], page.url)
        except Exception as exc:  # noqa: BLE001 - one bad page must cost one page, not the run
            report.failed += 1
            _keep_error(report, f"raw page {page_id}: {type(exc).__name__}: {exc}")
    return report


def _process_archived(page: RawPage, report: ReprocessReport) -> ProcessedPage | None:
    """An archived page through the processing stages; None (counted, reason kept) when not an article."""
    try:
        return process_page(zlib.decompress(page.content_zlib), page.url, page.content_type)
    except NotAnArticle as exc:
        report.not_article += 1
        _keep_error(report, f"{page.url}: {exc}")
        return None


@contextmanager
def _unit_of_work(db: Database, dry_run: bool) -> Iterator[Session]:
    """A session whose work is committed at the end, or rolled back on error or in a dry run."""
    session = db.sessions()
    try:
        yield session
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _keep_error(report: ReprocessReport, message: str) -> None:
    if len(report.errors) < MAX_ERRORS_KEPT:
        report.errors.append(message[:500])


# --------------------------------------------------------------------------------------------- reclassify


def reclassify_articles(db: Database, article_ids: Sequence[int], *, dry_run: bool = False) -> ReprocessReport:
    """Re-label articles with the current topic model: classify(title, body) only, no extraction."""
    report = ReprocessReport()
    model_version = current_versions().topic_model
    now = datetime.now(timezone.utc)
    for ids in chunks(list(article_ids), 200):
        try:
            with _unit_of_work(db, dry_run) as session:
                stories: set[int] = set()
                for article in session.scalars(select(Article).where(Article.id.in_(ids)).order_by(Article.id)):
                    report.examined += 1
                    before = snapshot(article)
                    result = classify_module.classify(article.title, article.body)
                    article.topic = result.label
                    article.topic_score = round(result.scores[result.label], 4)
                    article.topic_evidence = list(result.evidence)
                    article.topic_model = model_version
                    changed = changed_fields(before, snapshot(article))
                    if changed:
                        article.updated_at = now
                        stories.add(article.story_id)
                    if before["topic"] != article.topic:
                        report.topic_moves[f"{before['topic'] or '-'} -> {article.topic}"] += 1
                    report.note_changes(changed, article.url)
                session.flush()
                for story_id in sorted(stories):
                    refresh_story(session, story_id, now)
        except Exception as exc:  # noqa: BLE001
            report.failed += len(ids)
            _keep_error(report, f"articles {ids[0]}..{ids[-1]}: {type(exc).__name__}: {exc}")
    return report
