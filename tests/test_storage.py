"""Storage: idempotent upserts, URL aliases, exact and near copies, story election; SQLite and Postgres."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select

from newsflow.storage.articles import known_urls, store_article
from newsflow.storage.fetch_log import FetchEntry, get_validators, record_fetches, save_validators
from newsflow.storage.archive import archive_page, latest_pages
from newsflow.storage.models import Article, ArticleBandKey, ArticleUrl, Story
from newsflow.storage.queries import list_articles, table_counts
from newsflow.storage.records import ArticleRecord

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def shares_band(new: bytes, stored: bytes) -> float:
    """Test matcher: candidates are copies (similarity 0.9); the band-key lookup did the choosing."""
    return 0.9


def never(new: bytes, stored: bytes) -> None:
    return None


def make_record(url="https://a.example/news/1", body="Body one.", **changes) -> ArticleRecord:
    base = ArticleRecord(
        url=url, source="site-a", title="Leaders meet", body=body, content_hash=f"hash:{body}",
        band_keys=(11, 22, 33), minhash=b"sig", published_at=T0, published_at_evidence="json-ld",
        language="en", topic="geopolitics", topic_score=0.9, topic_evidence=("summit",), topic_model="m1",
        removed=[{"reason": "related-list", "sample": "Star dates star"}],
    )
    return replace(base, **changes)


def test_rerun_adds_nothing_and_changes_nothing(database):
    record = make_record()
    with database.sessions.begin() as s:
        first = store_article(s, record, never, now=T0)
    with database.sessions() as s:
        before = s.get(Article, first.article_id).updated_at
    with database.sessions.begin() as s:
        again = store_article(s, record, never, now=T0 + timedelta(hours=1))
    assert (first.kind, again.kind) == ("new_story", "unchanged")
    with database.sessions() as s:
        assert table_counts(s)["articles"] == 1 and table_counts(s)["stories"] == 1
        assert s.get(Article, first.article_id).updated_at == before
        stored = s.get(Article, first.article_id)
        assert stored.removed == record.removed and stored.published_at == T0


def test_changed_page_updates_in_place(database):
    with database.sessions.begin() as s:
        first = store_article(s, make_record(), never, now=T0)
    changed = make_record(body="Body one, corrected.")
    with database.sessions.begin() as s:
        outcome = store_article(s, changed, never, now=T0 + timedelta(hours=2))
    assert outcome.kind == "updated" and outcome.article_id == first.article_id
    with database.sessions() as s:
        article = s.get(Article, first.article_id)
        assert article.body == "Body one, corrected." and article.updated_at == T0 + timedelta(hours=2)
        assert table_counts(s)["articles"] == 1


def test_second_url_for_stored_article_adds_no_row(database):
    with database.sessions.begin() as s:
        first = store_article(s, make_record(aliases=("https://a.example/news/1?utm_source=rss",)), never, now=T0)
    # The same page reached through another URL (a short link that redirects to it) is the same row.
    other_url = make_record(aliases=("https://a.example/s/x1",))
    with database.sessions.begin() as s:
        outcome = store_article(s, other_url, never, now=T0)
    assert outcome.article_id == first.article_id and outcome.kind == "unchanged"
    with database.sessions() as s:
        assert table_counts(s)["articles"] == 1
        assert known_urls(s, ["https://a.example/s/x1", "https://a.example/other"]) == {"https://a.example/s/x1"}


def test_exact_copy_on_another_site_joins_the_story(database):
    with database.sessions.begin() as s:
        first = store_article(s, make_record(), never, now=T0)
        copy = store_article(s, make_record(url="https://b.example/wire/9", source="site-b", band_keys=(7,)), never, now=T0)
    assert copy.kind == "exact_copy" and copy.story_id == first.story_id and copy.article_id != first.article_id
    with database.sessions() as s:
        assert s.get(Story, first.story_id).article_count == 2


def test_near_copy_found_through_band_keys_and_verified(database):
    with database.sessions.begin() as s:
        original = store_article(s, make_record(), never, now=T0)
        unrelated = store_article(s, make_record(url="https://b.example/x", body="Other", band_keys=(99,)), shares_band, now=T0)
        copy = store_article(s, make_record(url="https://c.example/y", body="Body one trimmed", band_keys=(22, 500)), shares_band, now=T0)
        rejected = store_article(s, make_record(url="https://d.example/z", body="Body again", band_keys=(33,)), never, now=T0)
    assert unrelated.kind == "new_story"
    assert copy.kind == "near_copy" and copy.story_id == original.story_id and copy.similarity == 0.9
    assert rejected.kind == "new_story"


def test_copy_months_later_still_joins_the_story(database):
    """No publication window: a content farm's repost ten weeks on is verified by its text alone."""
    with database.sessions.begin() as s:
        original = store_article(s, make_record(), never, now=T0)
        farm = store_article(s, make_record(url="https://farm.example/p/1", body="b2", published_at=T0 + timedelta(weeks=10)),
                             shares_band, now=T0 + timedelta(weeks=10))
        unrelated = store_article(s, make_record(url="https://c.example/z", body="b3", published_at=T0 + timedelta(weeks=3)), never, now=T0)
    assert farm.kind == "near_copy" and farm.story_id == original.story_id and farm.matched_article_id == original.article_id
    assert unrelated.story_id != original.story_id


def test_representative_is_earliest_credible_original(database):
    with database.sessions.begin() as s:
        copy = store_article(s, make_record(url="https://b.example/copy", canonical_url="https://wire.example/a",
                                            declared_original="https://wire.example/a", published_at=T0 - timedelta(hours=5)), never, now=T0)
        original = store_article(s, make_record(url="https://wire.example/a", body="Body one.", published_at=T0 - timedelta(hours=1)), never, now=T0)
        future = store_article(s, make_record(url="https://c.example/f", published_at=T0 + timedelta(days=300)), never, now=T0)
    assert copy.story_id == original.story_id == future.story_id
    with database.sessions() as s:
        story = s.get(Story, copy.story_id)
        assert story.representative_article_id == original.article_id and story.article_count == 3
        views = list_articles(s)
        assert sum(v.is_representative for v in views) == 1


def test_band_keys_replaced_on_update(database):
    with database.sessions.begin() as s:
        first = store_article(s, make_record(), never, now=T0)
        store_article(s, make_record(body="new body", band_keys=(44,)), never, now=T0)
    with database.sessions() as s:
        keys = s.scalars(select(ArticleBandKey.band_key).where(ArticleBandKey.article_id == first.article_id)).all()
    assert keys == [44]


def test_fetch_log_validators_and_archive(database):
    with database.sessions.begin() as s:
        record_fetches(s, "run-1", [FetchEntry("site-a", "https://a.example/gone", "http_error", "HTTP 410 Gone", T0, 410)])
        save_validators(s, "https://a.example/feed", '"v1"', None, T0)
        save_validators(s, "https://a.example/feed", '"v2"', "Fri, 20 Nov 2026 09:00:00 GMT", T0)
        for when, content in ((T0, b"<p>one</p>"), (T0 + timedelta(hours=1), b"<p>two</p>"), (T0 + timedelta(hours=2), b"<p>two</p>")):
            archive_page(s, url="https://a.example/n", source="site-a", fetched_at=when, content_type="text/html", content=content)
    with database.sessions() as s:
        assert get_validators(s, "https://a.example/feed") == ('"v2"', "Fri, 20 Nov 2026 09:00:00 GMT")
        assert get_validators(s, "https://a.example/none") == (None, None)
        pages = list(latest_pages(s))
        assert [(p.url, p.content, p.fetched_at) for p in pages] == [("https://a.example/n", b"<p>two</p>", T0 + timedelta(hours=1))]
        assert table_counts(s)["fetches"] == 1


def test_same_text_on_another_site_is_its_own_row_in_the_same_story(database):
    """Sites on one host but other ports are other sites: the copy gets its own row, never an alias."""
    with database.sessions.begin() as s:
        first = store_article(s, make_record(url="https://a.example:8001/news/1"), never, now=T0)
        copy = store_article(s, make_record(url="https://a.example:8002/news/1-slug", source="site-b", title="Copy title"), never, now=T0)
    assert copy.kind == "exact_copy" and copy.article_id != first.article_id and copy.story_id == first.story_id
    with database.sessions() as s:
        assert table_counts(s)["articles"] == 2
        assert known_urls(s, ["https://a.example:8001/news/1"]) == {"https://a.example:8001/news/1"}
        original, stored_copy = s.get(Article, first.article_id), s.get(Article, copy.article_id)
        assert original.title == "Leaders meet" and stored_copy.title == "Copy title"
        assert (stored_copy.story_link, stored_copy.story_match_id) == ("exact_text", first.article_id)
        assert (original.story_link, original.story_match_id) == ("exact_text", copy.article_id)


def test_a_copy_never_changes_the_stored_original(database):
    with database.sessions.begin() as s:
        first = store_article(s, make_record(), never, now=T0)
    copy = make_record(url="https://farm.example/copy", aliases=("https://a.example/news/1",), title="Farm title",
                       published_at=T0 + timedelta(days=21))
    with database.sessions.begin() as s:
        stored = store_article(s, copy, never, now=T0 + timedelta(days=21))
    assert stored.article_id != first.article_id and stored.kind == "exact_copy"
    with database.sessions() as s:
        original = s.get(Article, first.article_id)
        assert (original.title, original.published_at, original.updated_at) == ("Leaders meet", T0, T0)


def test_cross_site_canonical_links_the_copy_whichever_arrives_first(database):
    copy = make_record(url="https://farm.example/c", body="Rewritten", band_keys=(90,), declared_original="https://wire.example/a")
    original = make_record(url="https://wire.example/a", body="Original text", band_keys=(91,))
    for order in ((copy, original), (original, copy)):
        with database.sessions.begin() as s:
            s.execute(delete(ArticleUrl)), s.execute(delete(ArticleBandKey)), s.execute(delete(Article)), s.execute(delete(Story))
        with database.sessions.begin() as s:
            outcomes = [store_article(s, r, never, now=T0) for r in order]
        assert outcomes[0].story_id == outcomes[1].story_id
        with database.sessions() as s:
            links = dict(s.execute(select(Article.url, Article.story_link)).all())
        assert links == {"https://farm.example/c": "canonical", "https://wire.example/a": "canonical"}


def test_an_article_that_matches_two_stories_merges_them(database):
    with database.sessions.begin() as s:
        left = store_article(s, make_record(url="https://a.example/l", body="left", band_keys=(1,)), never, now=T0)
        right = store_article(s, make_record(url="https://b.example/r", body="right", band_keys=(2,)), never, now=T0)
        bridge = store_article(s, make_record(url="https://c.example/b", body="both", band_keys=(1, 2)), shares_band, now=T0)
    assert left.story_id != right.story_id and bridge.story_id == min(left.story_id, right.story_id)
    with database.sessions() as s:
        assert table_counts(s)["stories"] == 1 and s.get(Story, bridge.story_id).article_count == 3


def test_a_page_that_changes_into_another_story_leaves_and_splits_its_old_one(database):
    with database.sessions.begin() as s:
        a = store_article(s, make_record(url="https://a.example/1", body="wire", band_keys=(1,)), never, now=T0)
        b = store_article(s, make_record(url="https://b.example/1", body="wire", band_keys=(1,)), never, now=T0)
    assert a.story_id == b.story_id
    with database.sessions.begin() as s:
        moved = store_article(s, make_record(url="https://b.example/1", body="a different story", band_keys=(5,)), never, now=T0)
    assert moved.kind == "updated"
    with database.sessions() as s:
        stories = dict(s.execute(select(Article.url, Article.story_id)).all())
        assert stories["https://a.example/1"] != stories["https://b.example/1"]
        assert sorted(s.scalars(select(Story.article_count))) == [1, 1]
        assert set(s.scalars(select(Article.story_link))) == {"first"}


def test_a_redirect_that_now_leads_elsewhere_does_not_make_a_new_page_an_old_row(database):
    with database.sessions.begin() as s:
        first = store_article(s, make_record(aliases=("https://a.example/r/latest",)), never, now=T0)
    moved = make_record(url="https://a.example/news/2", body="Another story", band_keys=(77,), aliases=("https://a.example/r/latest",))
    renamed = make_record(url="https://a.example/news/1-slug", aliases=("https://a.example/news/1",))
    with database.sessions.begin() as s:
        other = store_article(s, moved, never, now=T0)
        same = store_article(s, renamed, never, now=T0)
    assert other.article_id != first.article_id and other.kind == "new_story"
    assert same.article_id == first.article_id, "a page that now names a same-site canonical keeps its row"
    with database.sessions() as s:
        assert s.get(Article, first.article_id).body == "Body one."


@pytest.mark.postgres
def test_postgres_commits_do_not_wait_for_disk_unless_the_url_asks(postgres_url):
    from sqlalchemy import text

    from newsflow.storage.db import Database

    durable = postgres_url + "%20-csynchronous_commit%3Don"  # appended to the URL's options (search_path)
    for url, expected in ((postgres_url, "off"), (durable, "on")):
        database = Database(url)
        with database.engine.connect() as connection:
            assert connection.execute(text("SHOW synchronous_commit")).scalar() == expected
        database.dispose()


def _story_rows(database) -> list[dict]:
    """Every stored row a new page writes, by value (ids as positions), for comparing dialects."""
    with database.sessions() as s:
        articles = s.scalars(select(Article).order_by(Article.url)).all()
        position = {a.id: n for n, a in enumerate(articles)}
        stories = {st.id: st for st in s.scalars(select(Story))}
        out = []
        for a in articles:
            story = stories[a.story_id]
            out.append({
                **{name: getattr(a, name) for name in ("url", "title", "body", "published_at", "authors", "removed",
                                                        "topic", "topic_score", "topic_evidence", "minhash", "story_link",
                                                        "story_similarity", "first_seen_at", "updated_at")},
                "match": position.get(a.story_match_id),
                "story": (story.title, story.topic, story.article_count, position[story.representative_article_id],
                          story.first_seen_at, story.updated_at),
                "same_story_as": sorted(position[b.id] for b in articles if b.story_id == a.story_id),
                "urls": sorted(s.scalars(select(ArticleUrl.url).where(ArticleUrl.article_id == a.id))),
                "band_keys": sorted(s.scalars(select(ArticleBandKey.band_key).where(ArticleBandKey.article_id == a.id))),
            })
        return out


@pytest.mark.postgres
def test_a_page_that_starts_a_story_is_stored_alike_on_postgres_and_sqlite(pg_database, sqlite_database):
    """Postgres writes such a page in one statement (story, row, URLs, band keys); SQLite through the ORM."""
    records = [make_record(aliases=("https://a.example/news/1?utm_source=x",), authors=("Ann Lee", "Bo Kim")),
               make_record(url="https://b.example/2", body="Another text.", band_keys=(44, 55), published_at=None,
                           published_at_evidence=None, removed=[]),
               make_record(url="https://c.example/copy", source="site-c", band_keys=(11, 99))]  # same text as the first
    outcomes = {}
    for database in (pg_database, sqlite_database):
        with database.sessions.begin() as s:
            outcomes[database.dialect] = [store_article(s, r, never, now=T0).kind for r in records]
    assert outcomes["postgresql"] == outcomes["sqlite"] == ["new_story", "new_story", "exact_copy"]
    pg, lite = _story_rows(pg_database), _story_rows(sqlite_database)
    assert pg == lite
    assert pg[0]["story"][2] == 2 and pg[0]["urls"] == ["https://a.example/news/1", "https://a.example/news/1?utm_source=x"]
    assert pg[0]["authors"] == ["Ann Lee", "Bo Kim"] and pg[0]["band_keys"] == [11, 22, 33]


@pytest.mark.postgres
def test_a_batch_is_stored_as_its_pages_one_by_one(pg_database, sqlite_database):
    """store_articles writes the batch's unrelated pages together (Postgres) and the rest in turn:
    the same outcomes and rows as store_article page by page."""
    from newsflow.storage.articles import store_articles
    from newsflow.storage.new_stories import unrelated_pages

    stored_before = make_record(url="https://z.example/old", body="An older text.", band_keys=(500, 501))
    batch = [
        make_record(url="https://a.example/1", body="Text one.", band_keys=(1, 2)),              # 0 unrelated
        make_record(url="https://b.example/2", body="Text two.", band_keys=(3, 4), authors=("Ann",)),  # 1 unrelated
        make_record(url="https://c.example/3", body="Text one.", band_keys=(1, 2)),              # 2 exact copy of 0
        make_record(url="https://d.example/4", body="Text four.", band_keys=(4, 40)),            # 3 shares a key with 1
        make_record(url="https://e.example/5", body="Text five.", band_keys=(501, 50)),           # 4 shares a key with the stored one
        make_record(url="https://f.example/6", body="Text six.", band_keys=(60,), declared_original="https://g.example/7"),
        make_record(url="https://g.example/7", body="Text seven.", band_keys=(70,)),             # 6 named by 5
        make_record(url="https://a.example/1", body="Text one, corrected.", band_keys=(1, 9)),   # 7 same page as 0
        make_record(url="https://h.example/8", body="Text eight.", band_keys=(80,), minhash=None),  # 8 unrelated
        make_record(url="https://i.example/9", body="Text nine.", band_keys=(90, 91), published_at=None),  # 9 unrelated
        make_record(url="https://j.example/10", body="Text ten.", band_keys=(100,),                # 10 unrelated
                    aliases=("https://j.example/10?utm_source=feed",), removed=[]),
    ]

    def shares_any(new: bytes, stored: bytes) -> float:
        return 0.9

    results = {}
    for name, database, batched in (("pg batch", pg_database, True), ("sqlite", sqlite_database, False)):
        with database.sessions.begin() as s:
            store_article(s, stored_before, shares_any, now=T0)
        with database.sessions.begin() as s:
            if batched:
                assert unrelated_pages(s, batch) == [8, 9, 10]
                outcomes = store_articles(s, batch, shares_any, now=T0)
            else:
                outcomes = [store_article(s, record, shares_any, now=T0) for record in batch]
        results[name] = ([o.kind for o in outcomes], _story_rows(database))
    assert results["pg batch"] == results["sqlite"]
    kinds = results["sqlite"][0]
    assert kinds == ["new_story", "new_story", "exact_copy", "near_copy", "near_copy", "new_story", "canonical_copy",
                     "updated", "new_story", "new_story", "new_story"]
