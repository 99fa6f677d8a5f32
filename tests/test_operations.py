"""Operations pieces that need no Prefect server: deploy/ files, serve's deployments, sharding, task
runner choice, the failure digest and the source-health rate-jump detection."""

from __future__ import annotations

import inspect
import os
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from newsflow.connectors.sources import Source
from tests.conftest import REPO_ROOT

PREFECT_FILE = REPO_ROOT / "deploy" / "prefect.yaml"
INGEST_PARAMETERS = {"sources", "only", "limit", "refresh", "dry_run"}


# ------------------------------------------------------------------------------------- deploy/prefect.yaml


def _specs() -> dict[str, dict]:
    from newsflow.flows.serve import deployment_specs

    return {spec["name"]: spec for spec in deployment_specs(PREFECT_FILE)}


def test_scheduled_deployment_spec():
    spec = _specs()["scheduled"]
    assert spec["entrypoint"] == "flows/ingest.py:ingest"
    assert spec["work_pool"]["name"] == "newsflow-process"
    assert spec["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    assert spec["schedules"][0]["interval"] == 900 and spec["schedules"][0]["active"] is True
    assert set(spec["parameters"]) == INGEST_PARAMETERS
    assert {"newsflow", "ingest", "scheduled"} <= set(spec["tags"])


def test_workers_run_from_the_local_checkout():
    data = yaml.safe_load(PREFECT_FILE.read_text())
    assert data["pull"] == [{"prefect.deployments.steps.set_working_directory": {"directory": "{{ repo-root.stdout }}"}}]
    build = data["build"][0]["prefect.deployments.steps.run_shell_script"]
    assert build["id"] == "repo-root" and build["script"] == "pwd"
    assert "git_clone" not in PREFECT_FILE.read_text()


@pytest.mark.parametrize("name", ["scheduled", "shard", "orchestrate", "reprocess", "reclassify"])
def test_every_deployment_matches_its_flow(name):
    from newsflow.flows.serve import load_flow

    spec = _specs()[name]
    flow = load_flow(spec["entrypoint"])
    accepted = set(inspect.signature(flow.fn).parameters)
    assert set(spec["parameters"]) <= accepted, f"{name}: parameters the flow does not take"
    assert "newsflow" in spec["tags"]


def test_serve_builds_the_same_deployments():
    from prefect.client.schemas.objects import ConcurrencyLimitStrategy

    from newsflow.flows.serve import build_deployments

    deployments = {d.name: d for d in build_deployments(sources="/srv/sources.toml", interval_minutes=5)}
    assert set(deployments) == set(_specs())
    scheduled = deployments["scheduled"]
    assert scheduled.parameters["sources"] == "/srv/sources.toml"
    assert scheduled.concurrency_limit == 1
    assert scheduled.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.CANCEL_NEW
    assert [s.schedule.interval for s in scheduled.schedules] == [timedelta(minutes=5)]
    assert deployments["reprocess"].schedules == [] or not deployments["reprocess"].schedules
    assert "sources" not in deployments["reprocess"].parameters


def test_serve_does_not_pause_schedules_on_shutdown(monkeypatch):
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "180")  # restored afterwards
    import newsflow.flows.serve as serve_module

    captured = {}
    monkeypatch.setattr(serve_module, "prefect_serve", lambda *deps, **kwargs: captured.update(deps=deps, **kwargs))
    monkeypatch.chdir(REPO_ROOT)
    serve_module.serve(names=["scheduled"], limit=2)
    assert captured["pause_on_shutdown"] is False and captured["limit"] == 2
    assert os.environ["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"] == "30"
    assert [d.name for d in captured["deps"]] == ["scheduled"]


def test_automations_are_valid():
    from newsflow.flows.automations import load_automations

    loaded = dict(load_automations(block_document_id="00000000-0000-0000-0000-000000000001"))
    assert set(loaded) == {"failed-runs.yaml", "zombie-runs.yaml", "source-health.yaml", "degraded-runs.yaml"}
    zombie = loaded["zombie-runs.yaml"]
    assert zombie.trigger.posture == "Proactive" and zombie.trigger.within == timedelta(seconds=90)
    assert zombie.actions[0].type == "change-flow-run-state"
    # Tuned to the heartbeat the deployments pin: three intervals.
    from newsflow.flows.serve import heartbeat_env

    heartbeat = int(heartbeat_env()["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"])
    assert zombie.trigger.within == timedelta(seconds=3 * heartbeat)
    assert zombie.trigger.match_related.root == {"prefect.resource.role": "tag", "prefect.resource.id": "prefect.tag.newsflow"}
    assert all(spec["work_pool"]["job_variables"]["env"]["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"] == str(heartbeat)
               for spec in _specs().values())
    health = loaded["source-health.yaml"].trigger
    from newsflow.flows.monitoring import FAILURE_RATE_EVENT, PARSE_ERROR_RATE_EVENT

    assert health.expect == {FAILURE_RATE_EVENT, PARSE_ERROR_RATE_EVENT}
    assert {"prefect.flow-run.Failed", "prefect.flow-run.Crashed"} == loaded["failed-runs.yaml"].trigger.expect
    # Without a notification block only the zombie automation can be created.
    assert [name for name, automation in load_automations() if automation is not None] == ["zombie-runs.yaml"]


def test_compose_and_env_files():
    compose = yaml.safe_load((REPO_ROOT / "deploy" / "compose.yaml").read_text())
    assert {"postgres", "prefect-server", "worker", "deploy"} <= set(compose["services"])
    env = (REPO_ROOT / "deploy" / "prefect-server.env").read_text()
    assert "PREFECT_SERVER_DATABASE_CONNECTION_URL=postgresql+asyncpg://" in env
    assert "NEWSFLOW_DATABASE_URL=" in (REPO_ROOT / "deploy" / "worker.env").read_text()


# ------------------------------------------------------------------------------------- scale-out


def test_shards_keep_hosts_together_and_balance():
    from newsflow.flows.orchestrate import shard_sources

    sources = [
        Source("a-rss", "feed", "https://a.example/rss"), Source("a-map", "sitemap", "https://a.example/sitemap.xml"),
        Source("b", "feed", "https://b.example/feed"), Source("c", "feed", "https://c.example/feed"),
        Source("d", "listing", "https://d.example/news/"),
    ]
    shards = shard_sources(sources, 2)
    assert sorted(name for shard in shards for name in shard) == sorted(s.name for s in sources)
    assert any({"a-rss", "a-map"} <= set(shard) for shard in shards)
    assert sorted(len(shard) for shard in shards) == [2, 3]
    assert shard_sources(sources, 10) == sorted(shard_sources(sources, 10))  # at most one shard per host
    assert len(shard_sources(sources, 10)) == 4
    assert shard_sources(sources, 1) == [sorted(s.name for s in sources)]
    with pytest.raises(ValueError):
        shard_sources(sources, 0)


def test_task_runner_choice(monkeypatch):
    from prefect.task_runners import ThreadPoolTaskRunner

    from newsflow.flows.runners import TaskRunnerError, make_task_runner, task_runner_kind
    from newsflow.settings import get_settings

    def use(kind: str | None) -> None:
        if kind is None:
            monkeypatch.delenv("NEWSFLOW_TASK_RUNNER", raising=False)
        else:
            monkeypatch.setenv("NEWSFLOW_TASK_RUNNER", kind)
        get_settings.cache_clear()

    use(None)
    assert isinstance(make_task_runner(), ThreadPoolTaskRunner)
    use("Dask")
    assert task_runner_kind() == "dask"
    try:
        import prefect_dask  # noqa: F401
    except ImportError:
        with pytest.raises(TaskRunnerError, match="prefect-dask"):
            make_task_runner()
    use("ray")
    with pytest.raises(TaskRunnerError):
        task_runner_kind()
    use(None)


# ------------------------------------------------------------------------------------- source health


def _fetches(session, run_id: str, source: str, statuses: dict[str, int], when: datetime) -> None:
    from newsflow.storage.fetch_log import FetchEntry, record_fetches

    entries = [FetchEntry(source, f"https://{source}.example/{run_id}/{status}/{i}", status, f"{status} reason", when, 200)
               for status, n in statuses.items() for i in range(n)]
    record_fetches(session, run_id, entries)


def test_rate_jump_detects_a_layout_change(database):
    from newsflow.flows.monitoring import FAILURE_RATE_EVENT, PARSE_ERROR_RATE_EVENT, rate_jumps

    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    with database.sessions.begin() as session:
        for day in range(6):  # a healthy history: 1 parse error in 10
            _fetches(session, f"run-{day}", "ledger", {"fetched": 9, "parse_error": 1}, start + timedelta(days=day))
            _fetches(session, f"run-{day}", "steady", {"fetched": 10}, start + timedelta(days=day))
        _fetches(session, "now", "ledger", {"fetched": 2, "parse_error": 8}, start + timedelta(days=7))
        _fetches(session, "now", "steady", {"fetched": 9, "http_error": 1}, start + timedelta(days=7))
        _fetches(session, "now", "newcomer", {"parse_error": 10}, start + timedelta(days=7))  # no history
    with database.sessions() as session:
        jumps = rate_jumps(session, "now")
    assert {(j.source, j.kind) for j in jumps} == {("ledger", "failure"), ("ledger", "parse_error")}
    parse = next(j for j in jumps if j.kind == "parse_error")
    assert parse.event == PARSE_ERROR_RATE_EVENT and parse.rate == 0.8 and parse.baseline == 0.1
    assert parse.history_runs == 5 and parse.history_attempts == 50
    assert "80%" in parse.describe() and "10%" in parse.describe()
    assert next(j for j in jumps if j.kind == "failure").event == FAILURE_RATE_EVENT


def test_rate_jump_events_are_emitted(monkeypatch):
    import prefect.events

    from newsflow.flows.monitoring import RateJump, emit_rate_jump_events

    sent = []
    monkeypatch.setattr(prefect.events, "emit_event", lambda **kwargs: sent.append(kwargs) or object())
    jump = RateJump("ledger", "parse_error", 0.8, 0.1, 10, 50, 5, {"fetched": 2, "parse_error": 8})
    assert emit_rate_jump_events([jump], "1234") == 1
    event = sent[0]
    assert event["event"] == "newsflow.source.parse-error-rate.jumped"
    assert event["resource"]["prefect.resource.id"] == "newsflow.source.ledger"
    assert event["related"] == [{"prefect.resource.id": "prefect.flow-run.1234", "prefect.resource.role": "flow-run"}]
    assert event["payload"]["rate"] == 0.8 and "ledger" in event["payload"]["message"]


def test_failure_digest(database):
    from newsflow.flows.monitoring import RateJump, failure_digest
    from newsflow.storage.fetch_log import fetches_for_run

    when = datetime(2026, 11, 28, tzinfo=timezone.utc)
    with database.sessions.begin() as session:
        _fetches(session, "r1", "ledger", {"fetched": 5, "parse_error": 3, "http_error": 2}, when)
        _fetches(session, "r1", "courier", {"fetched": 4, "duplicate": 1}, when)
    with database.sessions() as session:
        rows = fetches_for_run(session, "r1")
    jump = RateJump("ledger", "parse_error", 0.3, 0.0, 10, 40, 4, {})
    text = failure_digest(rows, jumps=[jump])
    assert text.startswith("# Notable failures: 5 of 15 attempted URLs")
    assert "## ledger: 5 of 10 failed (parse_error: 3, http_error: 2)" in text
    assert "courier" not in text.split("## Sources that got worse")[1].split("## ledger")[1]
    assert "https://ledger.example/r1/parse_error/0" in text and "Sources that got worse" in text
    assert failure_digest([]) .endswith("No URL was attempted in this run.")
    assert failure_digest(rows[-5:]).endswith("No URL failed in this run.")


def test_cli_registers_operations():
    from typer.testing import CliRunner

    from newsflow.cli import app

    runner = CliRunner()
    for command in ("serve", "reprocess", "automations"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
    assert "--topics-only" in runner.invoke(app, ["reprocess", "--help"]).output


def test_cli_reprocess_prints_field_counts(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import newsflow.flows.reprocess
    from newsflow.cli import app
    from newsflow.settings import get_settings

    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return {"examined": 3, "changed": 1, "unchanged": 2, "not_article": 0, "no_archive": 0, "failed": 0,
                "fields": {"title": 1, "body": 0, "story": 0}, "dry_run": True}

    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    monkeypatch.setattr(newsflow.flows.reprocess, "reprocess", fake)
    try:
        result = CliRunner().invoke(app, ["reprocess", "--dry-run", "--only", "ledger"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert calls == [{"force": False, "only": ["ledger"], "limit": None, "dry_run": True}]
    assert "[dry run] examined: 3, changed: 1" in result.output
    assert "title         1" in result.output


def test_rate_jump_ignores_old_history(database):
    from newsflow.flows.monitoring import rate_jumps

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with database.sessions.begin() as session:
        for day in range(6):  # healthy, but months ago
            _fetches(session, f"old-{day}", "ledger", {"fetched": 10}, start + timedelta(days=day))
        _fetches(session, "now", "ledger", {"parse_error": 10}, start + timedelta(days=100))
    with database.sessions() as session:
        assert rate_jumps(session, "now") == []
