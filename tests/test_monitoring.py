"""Monitoring that tells the truth: run states and tags, per-batch log lines, HTTP status of failed
discovery documents, the summary's ending, the UI table's empty cells, the SQLite WAL checkpoint.

Flows run in-process on Prefect's test harness (the e2e test, tests/test_run_states_e2e.py, does the
same against a real `prefect server` with the shipped automations) over local sites, into SQLite.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from tests.local_site import LocalSite, rss

ARTICLE = "<html><head><title>Port reopens | Harbour Times</title></head><body><article><h1>Port reopens</h1>" + "".join(
    f"<p>The harbour authority said paragraph {i} of the report describes the reopening of the container port after repairs lasting several weeks.</p>"
    for i in range(6)) + "</article></body></html>"
ROUTES = {"/ok.html": ("text/html; charset=utf-8", ARTICLE), "/feed.xml": ("application/rss+xml", rss([("ok", "{base}/ok.html")])),
          "/dead.xml": ("application/rss+xml", rss([("a", "{base}/gone-a.html"), ("b", "{base}/gone-b.html")]))}


# -- pure parts ------------------------------------------------------------------------------------


def test_batch_log_line_says_what_was_stored_skipped_and_failed_with_the_top_reason():
    from newsflow.pipeline.report import SourceReport

    report = SourceReport("world", new_stories=3, near_copies=1, updated=1, unchanged=2, not_modified=1, skipped_known=4,
                          failed=Counter({"http_error": 3, "timeout": 1}),
                          reasons=Counter({("http_error", "HTTP 404 Not Found"): 2, ("http_error", "HTTP 410 Gone"): 1, ("timeout", "read timeout"): 1}))
    assert report.describe() == (
        "stored 5 (new 4: 3 new stories, 1 copies; updated 1), skipped 7 (unchanged 2, not modified 1, known 4), "
        "failed 4 (http_error: 3, timeout: 1); top reason: http_error x2: HTTP 404 Not Found")
    assert SourceReport("quiet").describe().endswith("failed 0")


def test_top_failure_reasons_count_status_and_give_one_example():
    from newsflow.pipeline.report import top_failure_reasons

    rows = [SimpleNamespace(status=s, http_status=h, reason=r, url=u) for s, h, r, u in [
        ("http_error", 404, "HTTP 404 Not Found", "https://a.example/1"), ("http_error", 404, "HTTP 404 Not Found", "https://a.example/2"),
        ("blocked", None, "private address refused", "http://10.0.0.1/f"), ("fetched", 200, "stored", "https://a.example/3"),
        ("duplicate", 200, "known", "https://a.example/4"), ("skipped", None, "3 more", "")]]
    first, second = top_failure_reasons(rows)
    assert (first.count, first.status, first.http_status, first.example_url) == (2, "http_error", 404, "https://a.example/1")
    assert first.describe() == "    2  http_error (HTTP 404): HTTP 404 Not Found  e.g. https://a.example/1"
    assert (second.count, second.status, second.http_status) == (1, "blocked", None)


def test_the_ui_table_shows_empty_cells_as_a_dash_not_a_bullet():
    from newsflow.flows.reporting import artifact_rows
    from newsflow.pipeline.report import SourceReport, summary_rows

    (row,) = artifact_rows(summary_rows([SourceReport("world", discovered=2)]))
    # The UI renders table cells as markdown: "-" alone would be a list bullet; "\-" shows a dash.
    assert row["failed"] == row["copies"] == row["topics"] == "\\-"
    assert row["discovered"] == 2 and row["new"] == 0 and row["source"] == "world"


def test_a_404_feed_fails_discovery_and_records_its_http_status(sqlite_database):
    from newsflow.connectors.addresses import PrivateHostPolicy
    from newsflow.connectors.http import HttpConfig, PoliteClient
    from newsflow.connectors.sources import Source
    from newsflow.pipeline.ingest import discover_links
    from newsflow.storage.fetch_log import fetches_for_run

    config = HttpConfig(private_hosts=PrivateHostPolicy.parse("127.0.0.1"), min_host_delay=0.0, max_retries=0)
    with LocalSite(ROUTES) as site, PoliteClient(config) as client:
        broken = discover_links(Source("gone", "feed", f"{site.base_url}/nope.xml"), sqlite_database, client,
                                limit=None, refresh=False, run_id="r1")
        fine = discover_links(Source("world", "feed", f"{site.base_url}/feed.xml"), sqlite_database, client,
                              limit=None, refresh=False, run_id="r2")
    assert broken.failure.startswith("http_error: HTTP 404") and broken.links == []
    assert fine.failure is None and len(fine.links) == 1
    with sqlite_database.sessions() as session:
        (row,) = fetches_for_run(session, "r1")
    assert (row.status, row.http_status, row.url) == ("http_error", 404, f"{site.base_url}/nope.xml")


def test_checkpoint_makes_the_db_file_complete_on_its_own(tmp_path):
    from newsflow.storage.db import Database

    database = Database(f"sqlite:///{tmp_path / 'n.db'}").migrate()
    with database.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO http_validators (url, etag, updated_at) VALUES ('u', 'e', '2026-01-01')")
    assert (tmp_path / "n.db-wal").stat().st_size > 0
    database.checkpoint()
    assert (tmp_path / "n.db-wal").stat().st_size == 0
    shutil.copy(tmp_path / "n.db", tmp_path / "alone.db")  # the .db file without its side files
    with sqlite3.connect(tmp_path / "alone.db") as alone:
        assert alone.execute("SELECT count(*) FROM http_validators").fetchone() == (1,)
    database.dispose()


def test_the_degraded_automation_matches_the_state_the_flow_ends_in():
    from newsflow.flows.automations import load_automations
    from newsflow.flows.ingest import DEGRADED_STATE

    loaded = dict(load_automations(block_document_id="00000000-0000-0000-0000-000000000001"))
    degraded, failed = loaded["degraded-runs.yaml"], loaded["failed-runs.yaml"]
    assert degraded.trigger.expect == {f"prefect.flow-run.{DEGRADED_STATE}"}
    assert degraded.trigger.match_related.root == {"prefect.resource.role": "flow", "prefect.resource.name": "ingest"}
    assert {"prefect.flow-run.Failed", "prefect.flow-run.Crashed"} <= failed.trigger.expect


# -- flows in-process ------------------------------------------------------------------------------


@pytest.fixture
def sqlite_env(monkeypatch, tmp_path):
    from newsflow.settings import get_settings

    db = tmp_path / "newsflow.db"
    for key, value in {"NEWSFLOW_DATABASE_URL": f"sqlite:///{db}", "NEWSFLOW_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
                       "NEWSFLOW_MIN_HOST_DELAY": "0", "NEWSFLOW_MAX_RETRIES": "0"}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield db
    get_settings.cache_clear()


def _sources(tmp_path, site, *names: str):
    urls = {"good": f"{site.base_url}/feed.xml", "gone": f"{site.base_url}/nope.xml", "walled": "http://10.255.255.1/feed.xml",
            "dead": f"{site.base_url}/dead.xml"}
    path = tmp_path / "mon.toml"
    path.write_text("".join(f'[[sources]]\nname = "{n}"\nkind = "feed"\nurl = "{urls[n]}"\n\n' for n in names))
    return path


def _flow_run(state):
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(state.state_details.flow_run_id)


@pytest.mark.usefixtures("prefect_api")
def test_some_sources_failed_the_run_completes_with_a_message_and_the_degraded_tag(tmp_path, sqlite_env):
    from newsflow.flows.ingest import ingest

    with LocalSite(ROUTES) as site:
        state = ingest(sources=str(_sources(tmp_path, site, "good", "gone", "walled", "dead")), return_state=True)
    assert state.is_completed() and state.name == "Degraded"
    assert state.message.startswith("3 of 4 sources failed: gone (http_error: HTTP 404 Not Found")
    assert "walled (" in state.message and "dead (all 2 URLs failed; top: http_error: HTTP 404" in state.message
    assert "good" not in state.message
    rows = {row["source"]: row for row in state.result()}
    assert rows["good"]["new"] == 1 and rows["gone"]["failed"] == "http_error: 1"
    run = _flow_run(state)
    assert "degraded" in run.tags and "dry-run" not in run.tags


@pytest.mark.usefixtures("prefect_api")
def test_all_sources_failed_the_run_fails_and_a_healthy_run_is_plain_completed(tmp_path, sqlite_env):
    from newsflow.flows.ingest import AllSourcesFailed, ingest

    with LocalSite(ROUTES) as site:
        failed = ingest(sources=str(_sources(tmp_path, site, "gone", "walled")), return_state=True)
        healthy = ingest(sources=str(_sources(tmp_path, site, "good")), return_state=True)
    assert failed.is_failed() and "2 of 2 sources failed: gone (http_error: HTTP 404" in failed.message
    exc = failed.result(raise_on_failure=False)
    assert isinstance(exc, AllSourcesFailed) and {row["source"] for row in exc.rows} == {"gone", "walled"}
    assert healthy.is_completed() and not healthy.message
    assert "degraded" not in _flow_run(healthy).tags


@pytest.mark.usefixtures("prefect_api")
def test_a_dry_run_is_tagged_and_named_as_one(tmp_path, sqlite_env):
    from newsflow.flows.ingest import ingest

    with LocalSite(ROUTES) as site:
        state = ingest(sources=str(_sources(tmp_path, site, "good")), dry_run=True, return_state=True)
    run = _flow_run(state)
    assert state.is_completed() and run.name.startswith("ingest-mon-") and run.name.endswith("-dry-run") and "dry-run" in run.tags


# -- the command line ------------------------------------------------------------------------------


@pytest.mark.usefixtures("prefect_api")
def test_run_summary_ends_with_top_failure_reasons_and_where_to_look(tmp_path, sqlite_env, monkeypatch):
    from newsflow.cli import app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    with LocalSite(ROUTES) as site:
        result = runner.invoke(app, ["run", "--sources", str(_sources(tmp_path, site, "good", "gone"))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("source") and any(line.startswith("good ") for line in lines)
    assert f"Run Degraded: 1 of 2 sources failed: gone (http_error: HTTP 404 Not Found ({site.base_url}/nope.xml))" in lines
    reasons = lines.index("Top failure reasons (URLs, status, reason, example):")
    assert lines[reasons + 1].strip() == f"1  http_error (HTTP 404): HTTP 404 Not Found  e.g. {site.base_url}/nope.xml"
    assert lines[reasons + 2].startswith("Every failed URL of this run: newsflow failures --run ")
    assert lines[-1].startswith("In the Prefect UI: http") and "/runs/flow-run/" in lines[-1]
    run_id = lines[reasons + 2].rsplit(" ", 1)[1]

    # The WAL was checkpointed: newsflow.db alone holds the run.
    assert sqlite_env.with_name("newsflow.db-wal").stat().st_size == 0
    shutil.copy(sqlite_env, tmp_path / "alone.db")
    with sqlite3.connect(tmp_path / "alone.db") as alone:
        assert alone.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        assert alone.execute("SELECT http_status FROM fetches WHERE status = 'http_error'").fetchall() == [(404,)]

    failures = runner.invoke(app, ["failures", "--run", run_id])
    assert failures.exit_code == 0
    assert f"run {run_id}: 1 failed URLs" in failures.stdout
    assert f"gone  http_error  404  {site.base_url}/nope.xml  HTTP 404 Not Found" in failures.stdout
    latest = runner.invoke(app, ["failures"])
    assert f"run {run_id}:" in latest.stdout


@pytest.mark.usefixtures("prefect_api")
def test_run_whose_sources_all_failed_exits_1_after_the_summary(tmp_path, sqlite_env, monkeypatch):
    from newsflow.cli import app

    monkeypatch.chdir(tmp_path)
    with LocalSite(ROUTES) as site:
        result = CliRunner().invoke(app, ["run", "--sources", str(_sources(tmp_path, site, "gone"))])
    assert result.exit_code == 1
    assert result.stdout.startswith("source")
    assert "http_error (HTTP 404)" in result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("newsflow: the ingest run failed: 1 of 1 sources failed: gone (http_error")


@pytest.mark.usefixtures("prefect_api")
def test_an_orchestration_with_a_degraded_shard_is_degraded_not_failed(tmp_path, monkeypatch):
    from uuid import uuid4

    from prefect.states import Completed

    from newsflow.flows import orchestrate as module

    sources = tmp_path / "s.toml"
    sources.write_text("".join(f'[[sources]]\nname = "{n}"\nkind = "feed"\nurl = "https://{n}.example/f"\n\n' for n in ("a", "b")))
    states = iter([Completed(name="Degraded", message="1 of 1 sources failed: a (...)"), Completed()])
    monkeypatch.setattr(module, "run_deployment", lambda **kw: SimpleNamespace(id=uuid4(), name=kw["flow_run_name"], state=next(states)))
    monkeypatch.setattr(module, "_wait", lambda rows, timeout: rows)
    state = module.orchestrate(sources=str(sources), shards=2, return_state=True)
    assert state.is_completed() and state.name == "Degraded"
    assert state.message.startswith("1 of 2 shards degraded: ingest-shard-1-of-2 (")
    assert [row["state"] for row in state.result()] == ["Degraded", "Completed"]
