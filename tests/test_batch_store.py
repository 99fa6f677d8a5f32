"""A batch is fetched and processed page by page, then stored in one transaction; a page that cannot
be stored costs that page only; pages may be processed in worker processes."""

from __future__ import annotations

import os
import random
from concurrent.futures.process import BrokenProcessPool

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from newsflow.connectors.addresses import PrivateHostPolicy
from newsflow.connectors.http import HttpConfig, PoliteClient
from newsflow.connectors.links import DiscoveredLink
from newsflow.connectors.sources import Source
from newsflow.pipeline import ingest as ingest_module
from newsflow.pipeline import page_pool
from newsflow.pipeline.ingest import ingest_batch
from newsflow.processing.page import process_page
from newsflow.storage.models import Article, Fetch, RawPage
from tests.local_site import LocalSite

WORDS = "harbour council treaty river minister budget rail festival summit drought vote envoy market".split()


def _page(title: str, seed: int) -> str:
    rng = random.Random(seed)
    paragraphs = "".join(f"<p>{' '.join(rng.choice(WORDS) for _ in range(60))}.</p>" for _ in range(4))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>")


@pytest.fixture
def site():
    routes = {f"/a/{i}": ("text/html; charset=utf-8", _page(f"Story number {i}", i)) for i in range(6)}
    with LocalSite(routes) as served:
        yield served


def _client() -> PoliteClient:
    return PoliteClient(HttpConfig(private_hosts=PrivateHostPolicy.parse("127.0.0.1"), min_host_delay=0.0,
                                   connect_timeout=2.0, read_timeout=2.0, total_timeout=3.0))


def _links(site) -> list[DiscoveredLink]:
    return [DiscoveredLink(f"{site.base_url}/a/{i}", None, None, "s") for i in range(6)]


def test_a_batch_is_stored_with_every_attempt_recorded_once(database, site):
    with _client() as client:
        report = ingest_batch(Source("s", "feed", f"{site.base_url}/feed"), _links(site), database, client,
                              run_id="run-1", archive=True)
    assert report.new_stories == 6 and not report.failed
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 6
        assert session.scalar(select(func.count()).select_from(RawPage)) == 6
        fetches = session.scalars(select(Fetch)).all()
    assert sorted(f.url for f in fetches) == sorted(link.url for link in _links(site))
    assert all(f.status == "fetched" and f.article_id is not None and f.run_id == "run-1" for f in fetches)


def test_a_page_that_cannot_be_stored_costs_only_that_page(database, site, monkeypatch):
    real = ingest_module.store_articles

    def store_articles(session, records, matcher):
        if any(record.url.endswith("/a/3") for record in records):
            raise IntegrityError("INSERT", {}, Exception("value too long for the column"))
        return real(session, records, matcher)

    monkeypatch.setattr(ingest_module, "store_articles", store_articles)
    with _client() as client:
        report = ingest_batch(Source("s", "feed", f"{site.base_url}/feed"), _links(site), database, client,
                              run_id="run-2", archive=True)
    assert report.new_stories == 5 and report.failed == {"store_error": 1}
    with database.sessions() as session:
        stored = set(session.scalars(select(Article.url)))
        fetches = {f.url: f for f in session.scalars(select(Fetch))}
    assert len(stored) == 5 and not any(url.endswith("/a/3") for url in stored)
    assert len(fetches) == 6, "every attempt is recorded exactly once, the failed one too"
    bad = fetches[f"{site.base_url}/a/3"]
    assert bad.status == "store_error" and "value too long" in bad.reason and bad.article_id is None


def test_pages_processed_in_a_worker_process_equal_those_processed_here():
    html = _page("A worker's story", 99).encode()
    here = process_page(html, "https://example.org/a/99", "text/html")
    there = page_pool.process(html, "https://example.org/a/99", "text/html", workers=1)
    assert (there.article.title, there.article.body) == (here.article.title, here.article.body)
    assert there.fingerprint.to_bytes() == here.fingerprint.to_bytes()
    assert there.topic.label == here.topic.label


def test_a_dead_worker_costs_the_page_in_flight_and_the_pool_starts_again():
    html = _page("After the crash", 7).encode()
    page_pool.start(1)
    with pytest.raises(BrokenProcessPool):
        page_pool._pool.submit(os._exit, 1).result(timeout=60)  # a page that kills its worker
    with pytest.raises(page_pool.PageProcessingCrashed, match="worker process died"):
        page_pool.process(html, "https://example.org/a/7", "text/html", workers=1)
    page = page_pool.process(html, "https://example.org/a/7", "text/html", workers=1)
    assert page.article.title == "After the crash"
