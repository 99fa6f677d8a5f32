"""Migration 0002 re-splits syndicated copies that the first schema stored as aliases of an original."""

from __future__ import annotations

import hashlib
import zlib
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from tests.conftest import _truncate
from tests.syndication_site import T0, build_pages, render

BASES = {"wire": "http://wire.test", "daily": "http://daily.test", "farm": "http://farm.test"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_database(request, tmp_path):
    """A database at revision 0001 (the schema before story identity), emptied afterwards."""
    from newsflow.storage.db import Database, migrate

    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        database = Database(url)
        with database.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version, article_band_keys, article_urls, articles, "
                                    "stories, fetches, http_validators, raw_pages, url_claims, host_slots CASCADE"))
    else:
        database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(database.engine, "0001")
    yield database
    if request.param == "postgres":  # leave the shared test schema as the other tests expect it
        database.migrate()
        _truncate(database)
    database.dispose()


def test_cross_site_aliases_become_rows_of_their_own(old_database):
    from newsflow.pipeline.reprocess import orphan_page_ids, reprocess_articles, restore_orphan_pages, stale_article_ids
    from newsflow.storage.models import Article, ArticleUrl

    pages = {p.site + p.path: p for p in build_pages() if p.event == "e1"}
    wire, daily = (next(p for key, p in pages.items() if key.startswith(site)) for site in ("wire", "daily"))
    wire_url, daily_url = BASES["wire"] + wire.path, BASES["daily"] + daily.path
    with old_database.engine.begin() as c:  # what 0001 stored: the daily copy as another URL of the wire article
        c.execute(text("INSERT INTO stories (id, title, article_count, first_seen_at, updated_at) VALUES (1, 't', 1, :t, :t)"), {"t": T0})
        c.execute(text("INSERT INTO articles (id, url, source, title, body, story_id, story_similarity, content_hash, "
                       "authors, removed, topic_evidence, first_seen_at, updated_at) VALUES (1, :u, 'wire', :title, 'copy body', "
                       "1, 1.0, 'h', '[]', '[]', '[]', :t, :t)"), {"u": wire_url, "title": daily.title, "t": T0})
        for url in (wire_url, daily_url):
            c.execute(text("INSERT INTO article_urls (url, article_id) VALUES (:u, 1)"), {"u": url})
        for page, url in ((wire, wire_url), (daily, daily_url)):
            html = render(page, BASES).encode()
            c.execute(text("INSERT INTO raw_pages (url, source, fetched_at, content_type, sha256, content_zlib) "
                           "VALUES (:u, :s, :t, 'text/html', :h, :z)"),
                      {"u": url, "s": page.site, "t": T0 + timedelta(hours=1), "h": hashlib.sha256(html).hexdigest(), "z": zlib.compress(html)})
        if c.dialect.name == "postgresql":  # the rows above named their ids; move the sequences past them
            for table in ("stories", "articles"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 100)"))

    old_database.migrate()
    with old_database.sessions() as session:
        assert list(session.scalars(select(ArticleUrl.url))) == [wire_url]
        orphans = orphan_page_ids(session)
        stale = stale_article_ids(session)
    assert len(orphans) == 1 and stale == [1]

    restored = restore_orphan_pages(old_database, orphans)
    rebuilt = reprocess_articles(old_database, stale)
    assert (restored.restored, rebuilt.failed, restored.failed) == (1, 0, 0), restored.errors + rebuilt.errors
    with old_database.sessions() as session:
        rows = {a.url: a for a in session.scalars(select(Article))}
        assert orphan_page_ids(session) == [] and stale_article_ids(session) == []
    assert set(rows) == {wire_url, daily_url}
    assert rows[wire_url].title == wire.title, "the original's own page restored its fields"
    assert rows[daily_url].story_id == rows[wire_url].story_id and rows[daily_url].story_link == "near_copy"
