"""Read side: the clean records users list and export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsflow.storage.models import Article, ArticleUrl, Fetch, Story

#: Internal columns left out of exported records.
_INTERNAL = {"minhash"}


@dataclass(frozen=True)
class ArticleView:
    """A stored article with its story's size and whether it represents the story."""

    article: Article
    story_size: int
    is_representative: bool

    def as_dict(self) -> dict:
        """Every stored field (JSON-ready), plus ``story_size`` and ``is_representative``."""
        data = {}
        for column in Article.__table__.columns:
            if column.key in _INTERNAL:
                continue
            value = getattr(self.article, column.key)
            data[column.key] = value.isoformat() if isinstance(value, datetime) else value
        data["story_size"] = self.story_size
        data["is_representative"] = self.is_representative
        return data


def list_articles(session: Session, *, topic: str | None = None, since: datetime | None = None, limit: int | None = None) -> list[ArticleView]:
    """Stored articles grouped by story, optionally filtered by topic and publication (or first-seen) time."""
    query = (
        select(Article, Story.article_count, Story.representative_article_id)
        .join(Story, Story.id == Article.story_id)
        .order_by(Article.story_id, Article.id)
    )
    if topic:
        query = query.where(Article.topic == topic)
    if since:
        query = query.where(func.coalesce(Article.published_at, Article.first_seen_at) >= since)
    if limit:
        query = query.limit(limit)
    return [ArticleView(article, count, rep == article.id) for article, count, rep in session.execute(query)]


def table_counts(session: Session) -> dict[str, int]:
    """Row counts of the main tables (used by tests and the demo's rerun check)."""
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Article, Story, ArticleUrl, Fetch)
    }
