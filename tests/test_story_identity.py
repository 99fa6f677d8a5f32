"""Story identity on Postgres: every copy its own row, one story per event, whatever the order.

The pages are three sites republishing each other's wire stories (``tests.syndication_site``):
same-day copies with self-canonicals, a cross-site canonical, and content-farm reposts 3 and 10
weeks later.
"""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import _truncate, write_sources
from tests.local_site import LocalSite
from tests.syndication_site import T0, build_pages, expected_partition, render, routes_for

pytestmark = pytest.mark.postgres

BASES = {"wire": "http://wire.test", "daily": "http://daily.test", "farm": "http://farm.test"}


def processed_records():
    """Every page through the real processing path (extract, fingerprint, classify, identity)."""
    from newsflow.pipeline.ingest import build_record
    from newsflow.processing.page import process_page

    records = []
    for page in build_pages():
        url = BASES[page.site] + page.path
        records.append(build_record(page.site, process_page(render(page, BASES), url), requested_url=url, final_url=url))
    return records


def store_all(database, records, *, writers: int = 1) -> None:
    from newsflow.pipeline.ingest import copy_matcher
    from newsflow.storage.articles import store_article
    from newsflow.storage.stories import StoryMoved

    def store(record) -> None:
        for _ in range(10):
            try:
                with database.sessions.begin() as session:
                    store_article(session, record, copy_matcher, now=T0 + timedelta(weeks=11))
                return
            except StoryMoved:
                continue
        raise AssertionError(f"{record.url} kept moving")

    if writers == 1:
        for record in records:
            store(record)
        return
    barrier, errors = threading.Barrier(writers), []

    def work(share) -> None:
        try:
            barrier.wait()
            for record in share:
                store(record)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(records[i::writers],)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def state(database):
    """(story partition as sets of URLs, per-row fields that must not depend on arrival order)."""
    from newsflow.storage.models import Article

    with database.sessions() as session:
        articles = list(session.scalars(select(Article)))
    url_of = {a.id: a.url for a in articles}
    stories: dict[int, set[str]] = {}
    for a in articles:
        stories.setdefault(a.story_id, set()).add(a.url)
    rows = {a.url: (a.title, a.content_hash, a.declared_original, a.story_link, url_of.get(a.story_match_id), a.story_similarity)
            for a in articles}
    return {frozenset(urls) for urls in stories.values()}, rows


def test_one_story_per_event_every_copy_its_own_row(pg_database):
    records = processed_records()
    store_all(pg_database, records)
    partition, rows = state(pg_database)
    assert partition == expected_partition(build_pages(), BASES)
    assert len(rows) == len(records) == 14
    links = {url: row[3] for url, row in rows.items()}
    daily_e3 = next(url for url in rows if url.startswith(BASES["daily"] + "/news/e3-"))
    assert links[daily_e3] == "canonical" and rows[daily_e3][2] == BASES["wire"] + "/wire/2026/09/01/e3.html"
    farm_links = {links[url] for url in rows if url.startswith(BASES["farm"]) and "own-story" not in url}
    assert farm_links == {"near_copy"}, "the farm reposts weeks later joined by their text"
    assert links[BASES["farm"] + "/p/own-story.html"] == "first"


def test_partition_and_rows_do_not_depend_on_arrival_order(pg_database):
    records = processed_records()
    rng = random.Random(2026)
    seen = None
    for _ in range(20):
        order = records[:]
        rng.shuffle(order)
        _truncate(pg_database)
        store_all(pg_database, order)
        current = state(pg_database)
        assert seen is None or current == seen
        seen = current
    assert seen[0] == expected_partition(build_pages(), BASES)


@pytest.mark.parametrize("writers", [2, 8])
def test_concurrent_writers_give_the_serial_result(pg_database, writers):
    records = processed_records()
    store_all(pg_database, records)
    serial = state(pg_database)
    for attempt in range(3):
        _truncate(pg_database)
        order = records[:]
        random.Random(attempt).shuffle(order)
        store_all(pg_database, order + order[: len(order) // 2], writers=writers)  # some pages delivered twice
        assert state(pg_database) == serial


@pytest.mark.usefixtures("prefect_api")
def test_ingest_flow_over_three_sites_links_every_copy(tmp_path, configure, clean_tables, postgres_url):
    from newsflow.flows.ingest import ingest
    from newsflow.storage.db import open_database
    from newsflow.storage.models import Fetch

    pages = build_pages()
    sites = {name: LocalSite(routes_for(name, pages)) for name in BASES}
    with sites["wire"], sites["daily"], sites["farm"]:
        bases = {name: site.base_url for name, site in sites.items()}
        for page in pages:
            sites[page.site].routes[page.path] = ("text/html; charset=utf-8", render(page, bases))
        configure(NEWSFLOW_MAX_WORKERS="8", NEWSFLOW_BATCH_SIZE="2")
        sources = write_sources(tmp_path, *((name, "feed", f"{bases[name]}/feed.xml") for name in BASES))
        rows = ingest(sources=str(sources))
        again = ingest(sources=str(sources))
    database = open_database(postgres_url)
    partition, stored = state(database)
    assert partition == expected_partition(pages, bases)
    assert sum(row["new"] for row in rows) == len(stored) == len(pages)
    assert sum(row["new"] for row in again) == 0
    with database.sessions() as session:
        reasons = [f.reason for f in session.scalars(select(Fetch).where(Fetch.status == "fetched"))]
    assert any("a copy of article" in r for r in reasons) and any("its canonical link names article" in r for r in reasons)
