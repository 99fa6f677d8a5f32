"""Read side: the clean records users list, stories with their copies, and runs from the fetches log (``newsflow status``)."""

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


# -- stories ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CopyView:
    """One article of a story: where it is, when it was first seen, and why it joined the story."""

    article_id: int
    site: str
    url: str
    first_seen_at: datetime
    story_link: str
    similarity: float
    matched_article_id: int | None

    def as_dict(self) -> dict:
        return {"article_id": self.article_id, "site": self.site, "url": self.url,
                "first_seen_at": self.first_seen_at.isoformat(), "story_link": self.story_link,
                "similarity": round(self.similarity, 4), "matched_article_id": self.matched_article_id}


@dataclass(frozen=True)
class StoryView:
    story_id: int
    title: str
    topic: str | None
    first_seen_at: datetime
    copies: tuple[CopyView, ...]

    def as_dict(self) -> dict:
        return {"story_id": self.story_id, "title": self.title, "topic": self.topic,
                "first_seen_at": self.first_seen_at.isoformat(), "copies": [c.as_dict() for c in self.copies]}


def list_stories(session: Session, *, since: datetime | None = None, topic: str | None = None, limit: int | None = 50) -> list[StoryView]:
    """Stories first seen since ``since`` (newest first, then by id), each with its copies in first-seen order."""
    from newsflow.storage.export import site_of

    query = select(Story).order_by(Story.first_seen_at.desc(), Story.id.desc())
    if since is not None:
        query = query.where(Story.first_seen_at >= since)
    if topic:
        query = query.where(Story.topic == topic)
    if limit:
        query = query.limit(limit)
    stories = list(session.scalars(query))
    copies: dict[int, list[CopyView]] = {s.id: [] for s in stories}
    if stories:
        rows = session.execute(
            select(Article.id, Article.story_id, Article.url, Article.first_seen_at, Article.story_link,
                   Article.story_similarity, Article.story_match_id)
            .where(Article.story_id.in_(list(copies)))
            .order_by(Article.first_seen_at, Article.id)
        )
        for article_id, story_id, url, seen, link, similarity, match in rows:
            copies[story_id].append(CopyView(article_id, site_of(url), url, seen, link, similarity, match))
    return [StoryView(s.id, s.title, s.topic, s.first_seen_at, tuple(copies[s.id])) for s in stories]


# -- runs (the fetches audit log grouped by run_id) ------------------------------------------------

#: Fetch statuses that are not failures (as ``newsflow.pipeline.report.NOT_FAILURES``; storage may not import it).
_NOT_FAILURES = frozenset({"fetched", "duplicate", "not_modified"})
#: The failure-jump rule of ``newsflow status`` (README, "Operate").
JUMP_MIN_SHARE = 0.5
JUMP_MIN_RATIO = 2.0
JUMP_HISTORY_RUNS = 5


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    started_at: datetime
    finished_at: datetime
    attempts: int


@dataclass
class SourceRunCounts:
    """One source in one run, from ``fetches``: attempted URLs and what became of them."""

    source: str
    attempted: int = 0
    new: int = 0        # fetched and stored as an article first seen in this run
    fetched: int = 0    # status fetched (new, updated, or copies)
    duplicates: int = 0  # status duplicate (unchanged) or not_modified
    failures: int = 0
    statuses: dict[str, int] | None = None

    @property
    def failure_share(self) -> float:
        return self.failures / self.attempted if self.attempted else 0.0


def recent_runs(session: Session, limit: int = 5) -> list[RunInfo]:
    """The most recent runs in ``fetches`` (by their last attempt), newest first."""
    rows = session.execute(
        select(Fetch.run_id, func.min(Fetch.attempted_at), func.max(Fetch.attempted_at), func.count())
        .where(Fetch.run_id.is_not(None))
        .group_by(Fetch.run_id)
        .order_by(func.max(Fetch.attempted_at).desc(), Fetch.run_id.desc())
        .limit(limit)
    )
    return [RunInfo(run_id, start, end, n) for run_id, start, end, n in rows]


def run_source_counts(session: Session, run_id: str) -> dict[str, SourceRunCounts]:
    """Per source of one run: attempted, new, fetched, duplicates, failures and counts by status."""
    counts: dict[str, SourceRunCounts] = {}
    for source, status, n in session.execute(
        select(Fetch.source, Fetch.status, func.count()).where(Fetch.run_id == run_id).group_by(Fetch.source, Fetch.status)
    ):
        c = counts.setdefault(source, SourceRunCounts(source, statuses={}))
        c.attempted += n
        c.statuses[status] = n
        if status == "fetched":
            c.fetched += n
        elif status in ("duplicate", "not_modified"):
            c.duplicates += n
        else:
            c.failures += n
    started = session.scalar(select(func.min(Fetch.attempted_at)).where(Fetch.run_id == run_id))
    if started is not None:
        for source, n in session.execute(
            select(Fetch.source, func.count(func.distinct(Fetch.article_id)))
            .join(Article, Article.id == Fetch.article_id)
            .where(Fetch.run_id == run_id, Fetch.status == "fetched", Article.first_seen_at >= started)
            .group_by(Fetch.source)
        ):
            counts[source].new = n
    return dict(sorted(counts.items()))


def failure_reasons(session: Session, run_id: str, limit: int = 10) -> list[tuple[str, str, int]]:
    """(status, reason, count) of the run's failed fetches, most frequent first."""
    rows = session.execute(
        select(Fetch.status, Fetch.reason, func.count().label("n"))
        .where(Fetch.run_id == run_id, Fetch.status.not_in(_NOT_FAILURES))
        .group_by(Fetch.status, Fetch.reason)
        .order_by(func.count().desc(), Fetch.status, Fetch.reason)
        .limit(limit)
    )
    return [(status, reason, n) for status, reason, n in rows]


@dataclass(frozen=True)
class HostHealth:
    host: str
    attempts: int
    timeouts: int
    failures: int


def worst_hosts(session: Session, run_id: str, limit: int = 5) -> list[HostHealth]:
    """Hosts of the run ranked by timeouts, then other failures (``fetches`` records no durations)."""
    from newsflow.storage.export import site_of

    per_host: dict[str, list[int]] = {}
    for url, status in session.execute(select(Fetch.url, Fetch.status).where(Fetch.run_id == run_id)):
        counts = per_host.setdefault(site_of(url), [0, 0, 0])
        counts[0] += 1
        counts[1] += status == "timeout"
        counts[2] += status not in _NOT_FAILURES
    ranked = sorted(per_host.items(), key=lambda item: (-item[1][1], -item[1][2], item[0]))
    return [HostHealth(host, *counts) for host, counts in ranked if counts[2]][:limit]


def is_failure_jump(share: float, previous: list[float]) -> bool:
    """The jump rule: failure share above 0.5 and at least twice the median of the previous runs' shares.

    With no previous run there is no baseline, so no jump.
    """
    if not previous or share <= JUMP_MIN_SHARE:
        return False
    ordered = sorted(previous)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return share >= JUMP_MIN_RATIO * median


def previous_failure_shares(session: Session, source: str, run: RunInfo, runs: int = JUMP_HISTORY_RUNS) -> list[float]:
    """The source's failure share in each of its ``runs`` runs before ``run`` (newest first)."""
    previous = list(session.scalars(
        select(Fetch.run_id)
        .where(Fetch.source == source, Fetch.run_id.is_not(None), Fetch.run_id != run.run_id)
        .group_by(Fetch.run_id)
        .having(func.max(Fetch.attempted_at) <= run.finished_at)
        .order_by(func.max(Fetch.attempted_at).desc())
        .limit(runs)
    ))
    shares = []
    for run_id in previous:
        counts = run_source_counts(session, run_id).get(source)
        if counts and counts.attempted:
            shares.append(counts.failure_share)
    return shares
