"""End to end: a real Prefect server, `prefect deploy` of deploy/prefect.yaml, a process worker, a
manual run of `ingest/scheduled` with custom parameters against the demo site, then `reprocess`.

One server and one worker on loopback, a small site (3 URLs per source), bounded waits; every
subprocess is stopped (process group) even when the test fails. Needs Postgres (``postgres_url``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

BIN = Path(sys.executable).parent
SERVER_START_TIMEOUT = 150
CLI_TIMEOUT = 240
RUN_TIMEOUT = 360
TEST_BUDGET = 720  # the whole test, whatever the single steps allow (CI must finish in 15 minutes)
_deadline = [float("inf")]


def _left(limit: float) -> float:
    """Seconds a step may take: its own limit, capped by what is left of the test's budget."""
    left = _deadline[0] - time.monotonic()
    if left <= 0:
        pytest.fail(f"end-to-end test over its {TEST_BUDGET}s budget")
    return min(limit, left)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _base_env(home: Path, api_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSFLOW_"))}
    env.update({
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_CLI_PROMPT": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
        # Only manual runs in this test: no scheduler creating runs of `scheduled` behind our back.
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    return env


class Processes:
    """Background subprocesses, each in its own process group, stopped in reverse order."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: list[tuple[str, subprocess.Popen, Path]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = self.logs / f"{name}.log"
        handle = log.open("wb")
        proc = subprocess.Popen(args, cwd=REPO_ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        handle.close()
        self.running.append((name, proc, log))
        return proc

    def log(self, name: str) -> str:
        for proc_name, _, log in self.running:
            if proc_name == name:
                return log.read_text(errors="replace")[-6000:]
        return ""

    def stop_all(self) -> None:
        for _, proc, _ in reversed(self.running):
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _cli(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([str(BIN / "prefect"), *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                            timeout=_left(CLI_TIMEOUT), start_new_session=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"prefect {' '.join(args)} failed:\n{output[-4000:]}"
    return output


def _python(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                            timeout=_left(CLI_TIMEOUT), start_new_session=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"python {' '.join(args)} failed:\n{output[-4000:]}"
    return output


def _wait_for_server(api: httpx.Client, server: subprocess.Popen, processes: Processes) -> None:
    deadline = time.monotonic() + _left(SERVER_START_TIMEOUT)
    while time.monotonic() < deadline:
        assert server.poll() is None, f"prefect server exited:\n{processes.log('server')}"
        try:
            if api.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    pytest.fail(f"prefect server not healthy after {SERVER_START_TIMEOUT}s:\n{processes.log('server')}")


def _run_deployment(api: httpx.Client, name: str, parameters: dict) -> str:
    """Create a run of the deployment; a 503 (the server's SQLite busy under load) is retried, as
    Prefect's own client does."""
    deployment = api.get(f"/deployments/name/{name}").raise_for_status().json()
    for attempt in range(5):
        response = api.post(f"/deployments/{deployment['id']}/create_flow_run", json={"parameters": parameters})
        if response.status_code != 503 or attempt == 4:
            return response.raise_for_status().json()["id"]
        time.sleep(2 ** attempt)
    raise AssertionError("unreachable")


def _wait_for_run(api: httpx.Client, run_id: str, processes: Processes) -> dict:
    deadline = time.monotonic() + _left(RUN_TIMEOUT)
    while time.monotonic() < deadline:
        run = api.get(f"/flow_runs/{run_id}").raise_for_status().json()
        state = run.get("state") or {}
        if state.get("type") in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            if state["type"] != "COMPLETED":
                pytest.fail(f"flow run {run['name']} ended {state.get('name')}: {state.get('message')}\n"
                            f"{_run_logs(api, run_id)}\n--- worker ---\n{processes.log('worker')}")
            return run
        time.sleep(1)
    pytest.fail(f"flow run {run_id} not finished after {RUN_TIMEOUT}s\n{_run_logs(api, run_id)}\n"
                f"--- worker ---\n{processes.log('worker')}")


def _run_logs(api: httpx.Client, run_id: str) -> str:
    try:
        logs = api.post("/logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200}).json()
        return "\n".join(f"{log['level']} {log['message']}" for log in logs)[-6000:]
    except Exception as exc:  # noqa: BLE001
        return f"(no logs: {exc})"


def _artifacts(api: httpx.Client, run_id: str) -> dict[str, dict]:
    found = api.post("/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run_id]}}}).raise_for_status().json()
    return {artifact["key"]: artifact for artifact in found if artifact.get("key")}


def _count(database, table: str, where: str = "", **params) -> int:
    from sqlalchemy import text

    with database.engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table} {where}"), params).scalar_one()


def test_scheduled_deployment_runs_on_a_worker_and_reprocess_does_not_refetch(tmp_path, postgres_url):
    from newsflow.dev.demo.server import DemoSite
    from newsflow.storage.db import Database
    from tests.conftest import _truncate

    started = time.monotonic()
    _deadline[0] = started + TEST_BUDGET
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = _base_env(tmp_path / "prefect-home", api_url)
    worker_env = {
        **env,
        "NEWSFLOW_DATABASE_URL": postgres_url,
        "NEWSFLOW_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
        "NEWSFLOW_MIN_HOST_DELAY": "0.05",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
    }
    processes = Processes(tmp_path)
    database = Database(postgres_url).migrate()
    timings: dict[str, float] = {}
    with ExitStack() as stack:
        stack.callback(database.dispose)
        stack.callback(_truncate, database)
        stack.callback(processes.stop_all)
        api = stack.enter_context(httpx.Client(base_url=api_url, timeout=30))
        site = stack.enter_context(DemoSite())
        sources = site.write_sources(tmp_path / "e2e-sources.toml")

        server = processes.start("server", [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)], env)
        _wait_for_server(api, server, processes)
        timings["server up"] = time.monotonic() - started

        _cli(["work-pool", "create", "newsflow-process", "--type", "process"], env)
        deploy_output = _cli(["deploy", "--prefect-file", "deploy/prefect.yaml", "--all"], env)
        timings["deployed"] = time.monotonic() - started

        # The deployment as registered: schedule, concurrency, tags, parameters, local pull step.
        scheduled = api.get("/deployments/name/ingest/scheduled").raise_for_status().json()
        assert scheduled["work_pool_name"] == "newsflow-process", deploy_output
        assert scheduled["global_concurrency_limit"]["limit"] == 1
        assert scheduled["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
        assert [s["schedule"].get("interval") for s in scheduled["schedules"]] == [900.0]
        assert {"newsflow", "ingest", "scheduled"} <= set(scheduled["tags"])
        assert scheduled["job_variables"]["env"] == {"PREFECT_FLOWS_HEARTBEAT_FREQUENCY": "30"}
        assert set(scheduled["parameters"]) == {"sources", "only", "limit", "refresh", "dry_run"}
        assert scheduled["pull_steps"] == [
            {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO_ROOT)}}
        ]
        for name in ("ingest/shard", "orchestrate/orchestrate", "reprocess/reprocess", "reclassify/reclassify"):
            api.get(f"/deployments/name/{name}").raise_for_status()

        # Automations: a notification block (a webhook nobody listens to), then all of deploy/automations/.
        _python(["-c", "from prefect.blocks.notifications import CustomWebhookNotificationBlock as B; "
                       "B(name='ops', url='http://127.0.0.1:9/hook').save('ops')"], env)
        created = _python(["-m", "newsflow.cli", "automations", "--notify-block", "custom-webhook/ops"], env)
        automations = api.post("/automations/filter", json={}).raise_for_status().json()
        assert {a["name"] for a in automations} == {
            "newsflow - failed or crashed run", "newsflow - crash zombie runs",
            "newsflow - source failure or parse-error rate jumped", "newsflow - degraded run"}, created
        timings["automations"] = time.monotonic() - started

        worker = processes.start("worker", [str(BIN / "prefect"), "worker", "start", "--pool", "newsflow-process",
                                            "--name", "e2e-worker", "--limit", "3"], worker_env)

        # A manual run with custom parameters: the test site's sources file, 3 URLs per source.
        run_id = _run_deployment(api, "ingest/scheduled", {"sources": str(sources), "limit": 3})
        run = _wait_for_run(api, run_id, processes)
        timings["ingest done"] = time.monotonic() - started
        assert worker.poll() is None
        assert run["name"].startswith("ingest-e2e-sources")
        assert run["parameters"]["limit"] == 3 and run["parameters"]["sources"] == str(sources)

        artifacts = _artifacts(api, run_id)
        summary = artifacts["ingest-summary"]
        assert summary["type"] == "table"
        rows = json.loads(summary["data"]) if isinstance(summary["data"], str) else summary["data"]
        assert {row["source"] for row in rows} == {s["name"] for s in site.sources()}
        assert sum(row["new"] for row in rows) >= 1
        assert artifacts["ingest-progress"]["type"] == "progress" and artifacts["ingest-progress"]["data"] == 100.0
        assert artifacts["ingest-failures"]["type"] == "markdown"
        assert "attempted URLs" in artifacts["ingest-failures"]["data"]

        task_runs = api.post("/task_runs/filter", json={"flow_runs": {"id": {"any_": [run_id]}}}).raise_for_status().json()
        names = {task_run["name"] for task_run in task_runs}
        assert {f"discover {s['name']}" for s in site.sources()} <= names
        assert any(name.startswith(f"{rows[0]['source']} ") and " #" in name for name in names)  # batch tasks
        assert not any(task_run["tags"] for task_run in task_runs)  # tags would cost a concurrency call each

        # Stored: records, the audit log of this run, the raw page archive.
        articles = _count(database, "articles")
        assert articles == sum(row["new"] for row in rows)
        assert _count(database, "fetches", "WHERE run_id = :run_id", run_id=run_id) >= articles
        assert _count(database, "raw_pages") >= articles

        # Replay from the archive: no request reaches the site.
        requests_after_ingest = len(site.requests)
        assert requests_after_ingest > 0
        reprocess_id = _run_deployment(api, "reprocess/reprocess", {"force": True})
        _wait_for_run(api, reprocess_id, processes)
        timings["reprocess done"] = time.monotonic() - started
        assert len(site.requests) == requests_after_ingest
        changes = _artifacts(api, reprocess_id)["reprocess-changes"]
        fields = json.loads(changes["data"]) if isinstance(changes["data"], str) else changes["data"]
        assert {row["field"] for row in fields} >= {"title", "body", "topic", "published_at", "story"}
        assert [row for row in fields if row["changed"]] == []  # same code, same records: a replay is idempotent
        assert _count(database, "articles") == articles

        # Scale-out: the orchestrator shards the sources (one shard per host here) and runs
        # `ingest/shard` once per shard as subflows; a dry run keeps it light.
        orchestrate_id = _run_deployment(api, "orchestrate/orchestrate", {"sources": str(sources), "shards": 2, "limit": 1, "dry_run": True})
        _wait_for_run(api, orchestrate_id, processes)
        timings["orchestrate done"] = time.monotonic() - started
        shards = _artifacts(api, orchestrate_id)["orchestrate-shards"]
        shard_rows = json.loads(shards["data"]) if isinstance(shards["data"], str) else shards["data"]
        assert len(shard_rows) == 2 and {row["state"] for row in shard_rows} == {"Completed"}
        sharded = sorted(name for row in shard_rows for name in row["sources"].split(", "))
        assert sharded == sorted(s["name"] for s in site.sources())
        children = api.post("/flow_runs/filter", json={"flow_runs": {"parent_flow_run_id": {"any_": [orchestrate_id]}}}).raise_for_status().json()
        assert len(children) == 2 and {run["deployment_id"] for run in children} == {
            api.get("/deployments/name/ingest/shard").raise_for_status().json()["id"]}
        assert _count(database, "articles") == articles  # dry run
    print("e2e timings (s):", {k: round(v, 1) for k, v in timings.items()})
