"""Read side: the clean records users list and export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Article, Story


@dataclass(frozen=True)
class ArticleView:
    id: int
    url: str
    source: str
    title: str
    topic: str | None
    topic_score: float | None
    story_id: int
    story_size: int
    is_representative: bool
    published_at: datetime | None
    language: str | None
    first_seen_at: datetime
    body: str

    def as_dict(self, *, with_body: bool = True) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__ if with_body or k != "body"}
        for key in ("published_at", "first_seen_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def list_articles(session: Session, *, topic: str | None = None, since: datetime | None = None, limit: int | None = None) -> list[ArticleView]:
    """Stored articles, newest first, optionally filtered by topic and first-seen time."""
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
    return [
        ArticleView(a.id, a.url, a.source, a.title, a.topic, a.topic_score, a.story_id, count, rep == a.id,
                    a.published_at, a.language, a.first_seen_at, a.body)
        for a, count, rep in session.execute(query)
    ]


def table_counts(session: Session) -> dict[str, int]:
    """Row counts of the main tables (used by tests and the demo's rerun check)."""
    from storage.models import ArticleUrl, Fetch

    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Article, Story, ArticleUrl, Fetch)
    }
