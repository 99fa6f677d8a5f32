"""End to end: the ``ingest`` flow over a local site into Postgres; the seed page becomes one clean record."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.conftest import write_sources
from tests.local_site import LocalSite, rss

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("prefect_api")]

SEED_PATH = "/finance/2025-04-23/japan-vietnam-ties.html"


def counts(postgres_url) -> dict[str, int]:
    from newsflow.storage.db import open_database
    from newsflow.storage.queries import table_counts

    with open_database(postgres_url).sessions() as session:
        return table_counts(session)


def test_seed_page_becomes_one_clean_geopolitics_record(shared, tmp_path, configure, clean_tables, postgres_url):
    from newsflow.flows.ingest import ingest
    from newsflow.storage.db import open_database
    from newsflow.storage.models import Article

    expected = json.loads((shared / "seed" / "seed-expected.json").read_text(encoding="utf-8"))
    routes = {
        SEED_PATH: ("text/html; charset=utf-8", (shared / "seed" / "seed-page.html").read_bytes()),
        "/feed.xml": ("application/rss+xml", rss([(expected["title"], "{base}" + SEED_PATH + "?utm_source=rss"),
                                                  (expected["title"], "{base}" + SEED_PATH)])),
        "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
    }
    configure()
    with LocalSite(routes) as site:
        sources = write_sources(tmp_path, ("mirror", "feed", f"{site.base_url}/feed.xml"))
        rows = ingest(sources=str(sources))
        first = counts(postgres_url)
        ingest(sources=str(sources))
        assert counts(postgres_url)["articles"] == first["articles"] == 1
        assert counts(postgres_url)["stories"] == first["stories"] == 1

    assert rows[0]["source"] == "mirror" and rows[0]["new"] == 1
    with open_database(postgres_url).sessions() as session:
        article = session.scalars(select(Article)).one()
    assert article.title == expected["title"]
    assert article.body.split("\n\n") == expected["body_paragraphs"]
    assert article.topic == expected["topic"]
    for text in expected["must_not_contain"]:
        assert text not in article.body
    assert article.removed, "the stripped sidebars are recorded"
    assert article.published_at is not None and article.published_at_evidence


def test_every_failed_url_is_recorded_and_the_run_goes_on(tmp_path, configure, clean_tables, postgres_url):
    from newsflow.flows.ingest import ingest
    from newsflow.storage.db import open_database
    from newsflow.storage.models import Fetch

    article = "<html><head><title>Port reopens | Harbour Times</title></head><body><article><h1>Port reopens</h1>" + "".join(
        f"<p>The harbour authority said paragraph {i} of the report describes the reopening of the container port after repairs lasting several weeks.</p>" for i in range(6)
    ) + "</article></body></html>"
    routes = {
        "/ok.html": ("text/html; charset=utf-8", article),
        "/binary.pdf": ("application/pdf", b"%PDF-1.4 binary"),
        "/empty.html": ("text/html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        "/feed.xml": ("application/rss+xml", rss([("ok", "{base}/ok.html"), ("pdf", "{base}/binary.pdf"), ("gone", "{base}/missing.html"),
                                                  ("empty", "{base}/empty.html"), ("js", "javascript:alert(1)")])),
    }
    configure()
    with LocalSite(routes) as site:
        sources = write_sources(tmp_path, ("good", "feed", f"{site.base_url}/feed.xml"), ("broken", "feed", f"{site.base_url}/nope.xml"))
        rows = {row["source"]: row for row in ingest(sources=str(sources))}
    assert rows["good"]["new"] == 1
    with open_database(postgres_url).sessions() as session:
        statuses = {(f.url.rsplit("/", 1)[-1], f.status) for f in session.scalars(select(Fetch))}
        reasons = [f.reason for f in session.scalars(select(Fetch))]
    assert ("ok.html", "fetched") in statuses
    assert ("binary.pdf", "not_html") in statuses
    assert ("missing.html", "http_error") in statuses
    assert ("empty.html", "parse_error") in statuses
    assert any(url.startswith("javascript") or status == "invalid_url" for url, status in statuses)
    assert ("nope.xml", "http_error") in statuses
    assert all(reason for reason in reasons)


def test_conditional_get_on_rerun_and_refresh(tmp_path, configure, clean_tables, postgres_url):
    """Feeds are revalidated with their stored ETag; --refresh re-reads feeds and revalidates stored pages."""
    from newsflow.flows.ingest import ingest
    from newsflow.storage.db import open_database
    from newsflow.storage.models import Fetch

    body = "".join(f"<p>Paragraph {i} of a report on the regional rail strike, with enough words to count as an article body.</p>" for i in range(5))
    routes = {
        "/a.html": ("text/html; charset=utf-8", f"<html><head><title>Rail strike</title></head><body><article><h1>Rail strike</h1>{body}</article></body></html>"),
        "/feed.xml": ("application/rss+xml", rss([("Rail strike", "{base}/a.html")])),
    }
    configure()
    with LocalSite(routes) as site:
        sources = write_sources(tmp_path, ("rail", "feed", f"{site.base_url}/feed.xml"))
        ingest(sources=str(sources))
        rerun = ingest(sources=str(sources))
        assert site.not_modified == ["/feed.xml"]
        assert rerun[0]["not_modified"] == 1 and rerun[0]["discovered"] == 0
        ingest(sources=str(sources), refresh=True)
        assert site.not_modified == ["/feed.xml", "/a.html"]  # a refresh re-reads the feed in full
    with open_database(postgres_url).sessions() as session:
        statuses = [(f.url.rsplit("/", 1)[-1], f.status) for f in session.scalars(select(Fetch).order_by(Fetch.id))]
    assert statuses.count(("feed.xml", "not_modified")) == 1
    assert ("a.html", "not_modified") in statuses
    assert counts(postgres_url)["articles"] == 1


def test_a_crashing_task_costs_its_source_not_the_run(tmp_path, configure, clean_tables, postgres_url, monkeypatch):
    import newsflow.flows.ingest as ingest_module
    from newsflow.pipeline.ingest import ingest_batch as real_ingest_batch

    def flaky(source, *args, **kwargs):
        if source.name == "doomed":
            raise RuntimeError("extractor exploded")
        return real_ingest_batch(source, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "ingest_batch", flaky)
    body = "".join(f"<p>Paragraph {i}: the city council voted on the new tram line after a long public consultation.</p>" for i in range(5))
    routes = {
        "/a.html": ("text/html; charset=utf-8", f"<html><head><title>Tram vote</title></head><body><article><h1>Tram vote</h1>{body}</article></body></html>"),
        "/b.html": ("text/html; charset=utf-8", f"<html><head><title>Other</title></head><body><article><h1>Other</h1>{body.replace('tram', 'bus')}</article></body></html>"),
        "/a.xml": ("application/rss+xml", rss([("a", "{base}/a.html")])),
        "/b.xml": ("application/rss+xml", rss([("b", "{base}/b.html")])),
    }
    configure()
    with LocalSite(routes) as site:
        sources = write_sources(tmp_path, ("fine", "feed", f"{site.base_url}/a.xml"), ("doomed", "feed", f"{site.base_url}/b.xml"))
        with pytest.raises(ingest_module.IngestTasksFailed, match="extractor exploded"):
            ingest_module.ingest(sources=str(sources))
    assert counts(postgres_url)["articles"] == 1


def test_an_article_listed_by_two_sources_is_fetched_once_per_run(tmp_path, configure, clean_tables, postgres_url):
    from newsflow.flows.ingest import ingest

    body = "".join(f"<p>Paragraph {i}: the port authority confirmed new berths for container ships arriving next spring.</p>" for i in range(5))
    routes = {
        "/a.html": ("text/html; charset=utf-8", f"<html><head><title>Berths</title></head><body><article><h1>Berths</h1>{body}</article></body></html>"),
        "/rss.xml": ("application/rss+xml", rss([("Berths", "{base}/a.html?utm_source=rss")])),
        "/other.xml": ("application/rss+xml", rss([("Berths", "{base}/a.html")])),
    }
    configure()
    with LocalSite(routes) as site:
        sources = write_sources(tmp_path, ("rss", "feed", f"{site.base_url}/rss.xml"), ("other", "feed", f"{site.base_url}/other.xml"))
        rows = ingest(sources=str(sources))
        assert len([path for path in site.requests if path.startswith("/a.html")]) == 1
    assert sum(row["new"] for row in rows) == 1
    assert counts(postgres_url)["articles"] == 1
