"""Stories: the copies of one event across sites, as clusters of articles (one home of story linking).

A story is a connected component of the copy graph. Two stored articles are linked by an edge when

- ``canonical``: one page's cross-site ``rel=canonical`` names the other (``declared_original``);
- ``exact_text``: their normalised bodies hash the same;
- ``near_copy``: they share an LSH band key and the copy matcher verifies the text (its similarity).

No publication-time window: content farms repost wire stories months later, and precision comes from
verifying the text. Candidate lookups are index queries (content hash, band keys, URLs).

Order independence: every edge is found when the later of its two articles is stored (band keys and
hashes are symmetric, and the matcher is always asked about a pair in one order, by URL), so the
final components do not depend on the order pages arrive in. Each article records its strongest edge
(``story_link``: canonical > exact_text > near_copy by similarity, ties by the matched URL) and the
article it matched; both endpoints of a new edge are updated, so that is order-independent too.

Concurrency (Postgres): writers first lock their URLs, hash and band keys (``newsflow.storage.locks``),
then the stories they will touch, each phase in sorted order. A story merged away between the read
and the lock raises :class:`StoryMoved`; the caller retries the whole transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Literal

from sqlalchemy import bindparam, delete, func, select, text, union_all, update
from sqlalchemy.orm import Session

from newsflow.storage.locks import lock_key, lock_keys
from newsflow.storage.models import Article, ArticleBandKey, ArticleUrl, Story

#: Verifies that two fingerprints (``Article.minhash`` bytes) are copies: their similarity, or None.
CopyMatcher = Callable[[bytes, bytes], float | None]

LinkKind = Literal["canonical", "exact_text", "near_copy"]
_KIND_RANK = {"canonical": 3, "exact_text": 2, "near_copy": 1, "first": 0}


class StoryMoved(RuntimeError):
    """A story this write wanted to join was merged by a concurrent writer; retry the transaction."""


@dataclass(frozen=True)
class Probe:
    """What story linking needs to know of one article (stored or about to be)."""

    url: str
    urls: tuple[str, ...]
    content_hash: str
    band_keys: tuple[int, ...]
    minhash: bytes | None
    declared_original: str | None


@dataclass(frozen=True)
class Edge:
    """A copy relation from the probed article to a stored one."""

    other_id: int
    other_url: str
    other_story: int
    kind: LinkKind
    similarity: float

    def strength(self) -> tuple:
        """Sort key, strongest first: kind, similarity, then the matched URL (deterministic)."""
        return _link_strength(self.kind, self.similarity, self.other_url)


def story_lock(story_id: int) -> int:
    return lock_key(f"story:{story_id}")


def find_edges(session: Session, probe: Probe, matcher: CopyMatcher, *, exclude_id: int | None = None) -> list[Edge]:
    """Every stored article the probe is a copy of, with the strongest relation to each."""
    found: dict[int, Edge] = {}

    def offer(edge: Edge) -> None:
        if edge.other_id != exclude_id and (edge.other_id not in found or edge.strength() < found[edge.other_id].strength()):
            found[edge.other_id] = edge

    named: set[int] = set()
    if probe.declared_original:  # this page names another site's page as its original
        named = set(session.scalars(select(ArticleUrl.article_id).where(ArticleUrl.url == probe.declared_original)))
    band_keys = sorted(set(probe.band_keys)) if probe.minhash is not None else []
    rows = session.execute(*candidate_query(probe, named, band_keys, session.get_bind().dialect.name))
    urls = set(probe.urls)
    for row in rows:
        if row.id in named or row.declared_original in urls:
            offer(Edge(row.id, row.url, row.story_id, "canonical", 1.0))
        elif row.content_hash == probe.content_hash:
            offer(Edge(row.id, row.url, row.story_id, "exact_text", 1.0))
        elif band_keys and row.minhash is not None:
            similarity = _verify(matcher, (probe.url, probe.minhash), (row.url, row.minhash))
            if similarity is not None:
                offer(Edge(row.id, row.url, row.story_id, "near_copy", round(similarity, 4)))
    return sorted(found.values(), key=lambda e: e.other_id)


def candidate_query(probe: Probe, named: Iterable[int], band_keys: Sequence[int], dialect: str = "postgresql"):
    """One round trip, each branch an index lookup (an OR across them scans the whole table): the
    stored articles with the probe's text, that name one of its URLs as original, that it names, or
    that share a band key with it. ``benchmarks/explain_candidates.py`` prints its plan at scale.
    An article can come back from several branches (``find_edges`` keeps its strongest edge).

    Returns (statement, parameters): the statement is built once per shape and reused (building and
    cache-keying a union per page cost more CPU than running it)."""
    named = sorted(named)
    statement = _candidate_statement(dialect, bool(named), bool(band_keys))
    params = {"content_hash": probe.content_hash, "urls": list(probe.urls)}
    if named:
        params["named"] = named
    if band_keys:
        params["band_keys"] = list(band_keys)
    return statement, params


@lru_cache(maxsize=None)
def _candidate_statement(dialect: str, with_named: bool, with_band_keys: bool):
    """The candidate union for a dialect. On Postgres every list is one array parameter (one plan
    whatever the number of keys), and band-key matches are collected first (``ARRAY(SELECT ...)``)
    and then looked up by primary key: an index lookup even on a table with no statistics yet,
    where a join may be planned as a hash join over all articles. Core, not ORM, statements: the
    ORM's per-execution compile state cost more CPU than the query."""
    if dialect == "postgresql":
        columns = "SELECT id, url, story_id, content_hash, declared_original, minhash FROM articles WHERE "
        branches = [columns + "content_hash = :content_hash",
                    columns + "declared_original = ANY(CAST(:urls AS text[]))"]
        if with_named:
            branches.append(columns + "id = ANY(CAST(:named AS bigint[]))")
        if with_band_keys:
            branches.append(columns + "id = ANY(ARRAY(SELECT DISTINCT article_id FROM article_band_keys "
                                      "WHERE band_key = ANY(CAST(:band_keys AS bigint[]))))")
        return text(" UNION ALL ".join(branches))
    table, bands = Article.__table__, ArticleBandKey.__table__
    columns = (table.c.id, table.c.url, table.c.story_id, table.c.content_hash, table.c.declared_original, table.c.minhash)
    branches = [select(*columns).where(table.c.content_hash == bindparam("content_hash")),
                select(*columns).where(table.c.declared_original.in_(bindparam("urls", expanding=True)))]
    if with_named:
        branches.append(select(*columns).where(table.c.id.in_(bindparam("named", expanding=True))))
    if with_band_keys:
        matched = select(bands.c.article_id).where(bands.c.band_key.in_(bindparam("band_keys", expanding=True)))
        branches.append(select(*columns).where(table.c.id.in_(matched)))
    return union_all(*branches)


def _verify(matcher: CopyMatcher, a: tuple[str, bytes], b: tuple[str, bytes]) -> float | None:
    """Ask the matcher about the pair in one order (by URL), whichever article arrived first."""
    first, second = sorted((a, b))
    return matcher(first[1], second[1])


def join_story(session: Session, article: Article, edges: Sequence[Edge], now: datetime) -> int:
    """Add a new article to the story its edges lead to, merging the stories they span (or a new one).

    The smallest story id survives a merge; the article and every matched article keep their
    strongest edge as ``story_link``. Returns the story id.
    """
    stories = sorted({edge.other_story for edge in edges})
    if stories:
        lock_keys(session, [story_lock(s) for s in stories])
        _check_not_moved(session, edges)
        target, merged = stories[0], stories[1:]
        if merged:
            session.execute(update(Article).where(Article.story_id.in_(merged)).values(story_id=target))
            session.execute(delete(Story).where(Story.id.in_(merged)))
    else:
        story = Story(title=article.title, topic=article.topic, article_count=0, first_seen_at=now, updated_at=now)
        session.add(story)
        session.flush()
        target = story.id
    article.story_id = target
    _set_link(article, min(edges, key=Edge.strength) if edges else None)
    session.add(article)
    session.flush()
    if edges:
        _upgrade_matched_links(session, article, edges)
        refresh_story(session, target, now)
    else:  # a story of one: its representative is known without asking the database
        story.article_count, story.representative_article_id = 1, article.id
    return target


def _check_not_moved(session: Session, edges: Sequence[Edge]) -> None:
    ids = [edge.other_id for edge in edges]
    current = dict(session.execute(select(Article.id, Article.story_id).where(Article.id.in_(ids))).all())
    if any(current.get(edge.other_id) != edge.other_story for edge in edges):
        raise StoryMoved("a matched article moved to another story while this write waited; retry")


def _set_link(article: Article, edge: Edge | None) -> None:
    if edge is None:
        article.story_link, article.story_match_id, article.story_similarity = "first", None, 1.0
    else:
        article.story_link, article.story_match_id, article.story_similarity = edge.kind, edge.other_id, edge.similarity


def _link_strength(kind: str, similarity: float, matched_url: str | None) -> tuple:
    """The sort key of a link, strongest first; an article's stored link ("first": none) compares too."""
    return (-_KIND_RANK[kind], -(similarity if kind != "first" else 0.0), matched_url or "")


def _upgrade_matched_links(session: Session, article: Article, edges: Sequence[Edge]) -> None:
    """Each matched article records this new edge when it is stronger than the edge it has."""
    matched = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_([e.other_id for e in edges])))}
    urls = _urls_of(session, {a.story_match_id for a in matched.values() if a.story_match_id})
    for edge in edges:
        other = matched[edge.other_id]
        reverse = Edge(article.id, article.url, article.story_id, edge.kind, edge.similarity)
        current = _link_strength(other.story_link, other.story_similarity, urls.get(other.story_match_id))
        if reverse.strength() < current:
            _set_link(other, reverse)


def _urls_of(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    return dict(session.execute(select(Article.id, Article.url).where(Article.id.in_(ids))).all())


def probe_of(session: Session, article: Article) -> Probe:
    """The probe of a stored article (its URLs and band keys as stored)."""
    urls = tuple(session.scalars(select(ArticleUrl.url).where(ArticleUrl.article_id == article.id)))
    band_keys = tuple(session.scalars(select(ArticleBandKey.band_key).where(ArticleBandKey.article_id == article.id)))
    return Probe(article.url, urls or (article.url,), article.content_hash, band_keys, article.minhash, article.declared_original)


def relink_stories(session: Session, article_ids: Iterable[int], matcher: CopyMatcher, now: datetime) -> set[int]:
    """Recompute the stories around articles whose content changed: they may join, merge or split.

    The articles' own edges are found afresh, then every article of every story involved is linked
    again from its stored fingerprint (edges within that set), and the components become the stories:
    each keeps the smallest old story id it holds, new ones are created, emptied ones deleted.
    Returns the story ids that now hold the articles.
    """
    changed = sorted(set(article_ids))
    stories: set[int] = set()
    for article_id in changed:
        article = session.get(Article, article_id)
        if article is None:
            continue
        stories.add(article.story_id)
        stories.update(edge.other_story for edge in find_edges(session, probe_of(session, article), matcher, exclude_id=article_id))
    if not stories:
        return set()
    lock_keys(session, [story_lock(s) for s in stories])
    members = list(session.scalars(select(Article).where(Article.story_id.in_(sorted(stories))).order_by(Article.id)))
    components, best = _components(session, members, matcher)
    kept = _assign_stories(session, components, now)
    for member in members:
        _set_link(member, best.get(member.id))
    session.flush()
    for story_id in sorted(set(stories) - kept):
        session.execute(delete(Story).where(Story.id == story_id))
    for story_id in sorted(kept):
        refresh_story(session, story_id, now)
    return {a.story_id for a in members if a.id in changed}


def _components(session: Session, members: list[Article], matcher: CopyMatcher) -> tuple[list[list[Article]], dict[int, Edge]]:
    """Connected components of the copy graph among ``members``, and each member's strongest edge."""
    by_id = {a.id: a for a in members}
    probes = {a.id: probe_of(session, a) for a in members}
    owner = {url: a_id for a_id, probe in probes.items() for url in probe.urls}
    parent = {a.id: a.id for a in members}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[int, Edge] = {}

    def link(a: int, b: int, kind: LinkKind, similarity: float) -> None:
        parent[root(a)] = root(b)
        for x, y in ((a, b), (b, a)):
            edge = Edge(y, by_id[y].url, by_id[y].story_id, kind, similarity)
            if x not in best or edge.strength() < best[x].strength():
                best[x] = edge

    ids = sorted(by_id)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            pa, pb = probes[a], probes[b]
            if owner.get(pa.declared_original or "") == b or owner.get(pb.declared_original or "") == a:
                link(a, b, "canonical", 1.0)
            elif pa.content_hash == pb.content_hash:
                link(a, b, "exact_text", 1.0)
            elif pa.minhash and pb.minhash and set(pa.band_keys) & set(pb.band_keys):
                similarity = _verify(matcher, (pa.url, pa.minhash), (pb.url, pb.minhash))
                if similarity is not None:
                    link(a, b, "near_copy", round(similarity, 4))
    groups: dict[int, list[Article]] = {}
    for a in ids:
        groups.setdefault(root(a), []).append(by_id[a])
    return sorted(groups.values(), key=lambda g: min(m.url for m in g)), best


def _assign_stories(session: Session, components: list[list[Article]], now: datetime) -> set[int]:
    """Give each component a story: the smallest old story id among its members not already taken."""
    taken: set[int] = set()
    for group in components:
        free = sorted({m.story_id for m in group} - taken)
        if free:
            story_id = free[0]
        else:
            story = Story(title=group[0].title, topic=group[0].topic, article_count=0, first_seen_at=now, updated_at=now)
            session.add(story)
            session.flush()
            story_id = story.id
        taken.add(story_id)
        for member in group:
            member.story_id = story_id
    session.flush()
    return taken


def refresh_story(session: Session, story_id: int, now: datetime) -> None:
    """Recount a story's copies and elect its representative (see ``representative_rank``)."""
    members = session.execute(
        select(Article.id, Article.url, Article.declared_original, Article.published_at, Article.first_seen_at,
               func.length(Article.body), Article.title, Article.topic)
        .where(Article.story_id == story_id)
    ).all()
    story = session.get(Story, story_id)
    if story is None or not members:
        return
    best = min(members, key=representative_rank)
    story.article_count = len(members)
    story.representative_article_id = best.id
    story.title = best.title
    story.topic = best.topic
    story.updated_at = now


def representative_rank(member) -> tuple:
    """Sort key: an original page before a declared copy, then the earliest credible publish time,
    then the fullest text, then the URL (so the choice does not depend on arrival order).

    A page whose rel=canonical points to another site declares itself a copy. A publish time is
    credible when present and not later than the day after we first saw the page.
    """
    published = member.published_at
    credible = published is not None and published <= member.first_seen_at + timedelta(days=1)
    published_key = published.timestamp() if credible else float("inf")
    return (bool(member.declared_original), published_key, -(member[5] or 0), member.url)
