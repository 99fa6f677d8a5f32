"""Reprocessing from the raw page archive: records change with the extractor / model, nothing is refetched.

The demo site is ingested once through the ingest steps (newsflow.pipeline.ingest), then the extractor version
(and behaviour) or the topic model is changed with monkeypatch and ``newsflow.pipeline.reprocess`` rebuilds
the records. The site's request log proves that no page was fetched again. Runs on SQLite and Postgres.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

import newsflow.processing.classify as classify_module
import newsflow.processing.extract as extract_module
import newsflow.processing.page as pipeline_module
from newsflow.pipeline.reprocess import (
    TRACKED_FIELDS,
    current_versions,
    reclassify_articles,
    reprocess_articles,
    stale_article_ids,
    stale_topic_ids,
)
from newsflow.storage.models import Article, RawPage, Story

LIMIT_PER_SOURCE = 3


@pytest.fixture
def demo_site():
    """The demo site (not started): its ``requests`` log shows whether anything was fetched."""
    from newsflow.dev.demo.server import DemoSite

    return DemoSite()


@pytest.fixture
def ingested(database, demo_site, tmp_path):
    """The demo site ingested into ``database`` (a few URLs per source), through the ingest steps."""
    from newsflow.connectors.http import HttpConfig, PoliteClient
    from newsflow.connectors.sources import load_sources
    from newsflow.settings import Settings
    from newsflow.pipeline.ingest import discover_links, ingest_batch

    settings = Settings(database_url=database.url, allow_private_hosts="127.0.0.1", min_host_delay=0.0)
    with demo_site as site, PoliteClient(settings.http_config()) as client:
        for source in load_sources(site.write_sources(tmp_path / "sources.toml")):
            discovery = discover_links(source, database, client, limit=LIMIT_PER_SOURCE, refresh=False, run_id="ingest-1")
            ingest_batch(source, discovery.links, database, client, run_id="ingest-1")
    with database.sessions() as session:
        stored = session.scalar(select(func.count()).select_from(Article))
        archived = session.scalar(select(func.count()).select_from(RawPage))
    assert stored >= 3, "the ingest steps stored too few articles to test reprocessing"
    assert archived >= stored
    return database


def _articles(database) -> dict[int, dict]:
    with database.sessions() as session:
        return {a.id: {c: getattr(a, c) for cols in TRACKED_FIELDS.values() for c in cols} | {"extractor_version": a.extractor_version, "topic_model": a.topic_model}
                for a in session.scalars(select(Article))}


def _new_extractor(monkeypatch, version: str, change_title=lambda title: title, change_body=lambda body: body):
    """Pretend a new extractor shipped: a new version string and (optionally) different output."""
    original = pipeline_module.extract_article

    def extract(content, url, content_type=None):
        article = original(content, url, content_type=content_type)
        return dataclasses.replace(article, title=change_title(article.title), body=change_body(article.body))

    monkeypatch.setattr(extract_module, "EXTRACTOR_VERSION", version)
    monkeypatch.setattr(pipeline_module, "extract_article", extract)


def test_nothing_is_stale_right_after_ingest(ingested):
    with ingested.sessions() as session:
        assert stale_article_ids(session) == []
        assert stale_topic_ids(session) == []
        assert len(stale_article_ids(session, force=True)) == session.scalar(select(func.count()).select_from(Article))


def test_new_extractor_version_rebuilds_records_without_refetching(ingested, demo_site, monkeypatch):
    before = _articles(ingested)
    requests = len(demo_site.requests)
    _new_extractor(monkeypatch, "9.9.9-test", change_title=lambda title: f"{title} [v9]")

    with ingested.sessions() as session:
        stale = stale_article_ids(session)
    assert sorted(stale) == sorted(before)

    report = reprocess_articles(ingested, stale)

    assert len(demo_site.requests) == requests, "reprocessing fetched pages again"
    assert report.examined == len(before) and report.failed == 0 and report.no_archive == 0
    assert report.field_changes["title"] == len(before) == report.changed
    assert report.field_changes["body"] == 0 and report.field_changes["story"] == 0
    after = _articles(ingested)
    assert set(after) == set(before)  # updated in place: same ids, no new rows
    for article_id, row in after.items():
        assert row["title"] == f"{before[article_id]['title']} [v9]"
        assert row["extractor_version"] == "9.9.9-test"
        assert row["body"] == before[article_id]["body"]
    with ingested.sessions() as session:
        assert stale_article_ids(session) == []
    # A second pass finds nothing to do, and a forced one changes nothing.
    again = reprocess_articles(ingested, list(after))
    assert again.changed == 0 and again.unchanged == len(after)
    assert len(demo_site.requests) == requests


def test_reprocess_rededuplicates_when_bodies_change(ingested, monkeypatch):
    before = _articles(ingested)
    with ingested.sessions() as session:
        stories_before = session.scalar(select(func.count()).select_from(Story))
    assert stories_before >= 2
    same = "One identical body for every page, long enough to be an article. " * 10
    _new_extractor(monkeypatch, "9.9.9-dedup", change_body=lambda body: same)

    report = reprocess_articles(ingested, sorted(before))

    assert report.failed == 0
    assert report.field_changes["body"] == len(before)
    assert report.field_changes["fingerprint"] == len(before)
    with ingested.sessions() as session:
        stories = session.scalars(select(Story)).all()
        assert len(stories) == 1, "exact copies must end up in one story; emptied stories are removed"
        assert stories[0].article_count == len(before)
        assert {a.story_id for a in session.scalars(select(Article))} == {stories[0].id}
    assert report.field_changes["story"] >= stories_before - 1


def test_dry_run_reports_but_stores_nothing(ingested, monkeypatch):
    before = _articles(ingested)
    _new_extractor(monkeypatch, "9.9.9-dry", change_title=str.upper)

    report = reprocess_articles(ingested, sorted(before), dry_run=True)

    assert report.field_changes["title"] >= 1
    assert _articles(ingested) == before


def test_reclassify_relabels_only_stale_topics(ingested, monkeypatch):
    before = _articles(ingested)
    assert stale_topic_ids_count(ingested) == 0
    original = classify_module.classify

    def everything_is_celebrity(title, body, model=None):
        result = original(title, body, model)
        return dataclasses.replace(result, label="celebrity", scores={**result.scores, "celebrity": 0.99})

    monkeypatch.setattr(classify_module, "MODEL_VERSION", "topics-test-v2")
    monkeypatch.setattr(classify_module, "classify", everything_is_celebrity)
    with ingested.sessions() as session:
        ids = stale_topic_ids(session)
    assert sorted(ids) == sorted(before)

    report = reclassify_articles(ingested, ids)

    expected_moves = sum(1 for row in before.values() if row["topic"] != "celebrity")
    assert report.field_changes["topic"] == expected_moves
    assert report.field_changes["title"] == report.field_changes["body"] == 0
    after = _articles(ingested)
    assert {row["topic"] for row in after.values()} == {"celebrity"}
    assert {row["topic_model"] for row in after.values()} == {"topics-test-v2"}
    assert {row["extractor_version"] for row in after.values()} == {current_versions().extractor}
    with ingested.sessions() as session:
        assert {s.topic for s in session.scalars(select(Story))} == {"celebrity"}
        assert stale_topic_ids(session) == []


def stale_topic_ids_count(database) -> int:
    with database.sessions() as session:
        return len(stale_topic_ids(session))
