"""End to end, against a real `prefect server` started here: honest run states and the shipped automations.

A process worker runs the `ingest/shard` deployment of deploy/prefect.yaml three times over a local site:
- good + a feed answering 404 + a feed on a refused (private) host: the run ends in the Completed-type
  state "Degraded" with the message "2 of 3 sources failed: ...", the tag `degraded`; both broken discovery tasks end Failed;
  the shipped `degraded run` automation sends its notification;
- only the broken sources: the run ends Failed and the shipped `failed or crashed run` automation fires;
- a dry run: tagged `dry-run`, named `...-dry-run`.
The automations' action is the shipped one (send-notification) with a Custom Webhook block pointed at
a receiver in this test, so a notification that arrives is the automation firing, end to end.
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.local_site import LocalSite, rss
from tests.test_operations_e2e import (
    BIN, RUN_TIMEOUT, Processes, _base_env, _cli, _deadline, _free_port, _left, _python, _run_deployment, _run_logs,
    _wait_for_server,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

TEST_BUDGET = 600
NOTIFY_TIMEOUT = 90

ARTICLE = "<html><head><title>Port reopens | Harbour Times</title></head><body><article><h1>Port reopens</h1>" + "".join(
    f"<p>The harbour authority said paragraph {i} of the report describes the reopening of the container port after repairs lasting several weeks.</p>"
    for i in range(6)) + "</article></body></html>"


class Webhook:
    """A loopback receiver for the Custom Webhook notification block: records every JSON body."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    hook.received.append(json.loads(self.rfile.read(length) or b"{}"))
                except ValueError:
                    hook.received.append({"raw": True})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "Webhook":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def wait_for(self, text: str, timeout: float, api: httpx.Client) -> dict:
        deadline = time.monotonic() + _left(timeout)
        while time.monotonic() < deadline:
            for message in self.received:
                if text in message.get("subject", ""):
                    return message
            time.sleep(1)
        pytest.fail(f"no notification with {text!r} within {timeout}s; received: {self.received}\n{_events(api)}")


def _events(api: httpx.Client) -> str:
    """The server's recent flow-run state and automation events (for a failure message)."""
    try:
        found = api.post("/events/filter", json={"filter": {"event": {"prefix": ["prefect.flow-run.", "prefect.automation."]}},
                                                 "limit": 50}).json()
        return "\n".join(f"{e['event']} {e['resource'].get('prefect.resource.name')} related="
                         f"{[r['prefect.resource.id'] for r in e.get('related', [])]} {json.dumps(e.get('payload'))[:300]}"
                         for e in found.get("events", []))
    except Exception as exc:  # noqa: BLE001
        return f"(no events: {exc})"


def _finished(api: httpx.Client, run_id: str, processes: Processes) -> dict:
    deadline = time.monotonic() + _left(RUN_TIMEOUT)
    while time.monotonic() < deadline:
        run = api.get(f"/flow_runs/{run_id}").raise_for_status().json()
        if (run.get("state") or {}).get("type") in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            return run
        time.sleep(1)
    pytest.fail(f"flow run {run_id} not finished\n{_run_logs(api, run_id)}\n--- worker ---\n{processes.log('worker')}")


def _all_logs(api: httpx.Client, run_id: str) -> str:
    """Every log line of the run, oldest first, untruncated (the e2e helper keeps only the tail)."""
    logs = api.post("/logs/filter", json={"logs": {"flow_run_id": {"any_": [run_id]}}, "sort": "TIMESTAMP_ASC",
                                          "limit": 200}).raise_for_status().json()
    return "\n".join(f"{log['level']} {log['message']}" for log in logs)


def _logs_with(api: httpx.Client, run_id: str, *texts: str, timeout: float = 60) -> str:
    """The run's logs, once they contain every one of ``texts`` (logs reach the server in batches)."""
    deadline = time.monotonic() + _left(timeout)
    logs = _all_logs(api, run_id)
    while not all(text in logs for text in texts) and time.monotonic() < deadline:
        time.sleep(1)
        logs = _all_logs(api, run_id)
    return logs


def _task_states(api: httpx.Client, run_id: str) -> dict[str, dict]:
    runs = api.post("/task_runs/filter", json={"flow_runs": {"id": {"any_": [run_id]}}}).raise_for_status().json()
    return {run["name"]: run["state"] for run in runs}


def test_run_states_and_automations_on_a_real_server(tmp_path, postgres_url):
    from sqlalchemy import text

    from newsflow.storage.db import Database
    from tests.conftest import _truncate

    _deadline[0] = time.monotonic() + TEST_BUDGET
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = _base_env(tmp_path / "prefect-home", api_url)
    worker_env = {**env, "NEWSFLOW_DATABASE_URL": postgres_url, "NEWSFLOW_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
                  "NEWSFLOW_MIN_HOST_DELAY": "0", "NEWSFLOW_MAX_RETRIES": "0", "PREFECT_WORKER_QUERY_SECONDS": "1"}
    processes = Processes(tmp_path)
    database = Database(postgres_url).migrate()
    routes = {"/ok.html": ("text/html; charset=utf-8", ARTICLE), "/feed.xml": ("application/rss+xml", rss([("ok", "{base}/ok.html")])),
              "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n")}
    with ExitStack() as stack:
        stack.callback(database.dispose)
        stack.callback(_truncate, database)
        stack.callback(processes.stop_all)
        api = stack.enter_context(httpx.Client(base_url=api_url, timeout=30))
        site = stack.enter_context(LocalSite(routes))
        hook = stack.enter_context(Webhook())
        sources = tmp_path / "states.toml"
        sources.write_text(
            f'[[sources]]\nname = "good"\nkind = "feed"\nurl = "{site.base_url}/feed.xml"\n\n'
            f'[[sources]]\nname = "gone"\nkind = "feed"\nurl = "{site.base_url}/nope.xml"\n\n'
            '[[sources]]\nname = "walled"\nkind = "feed"\nurl = "http://10.255.255.1/feed.xml"\n')

        server = processes.start("server", [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)], env)
        _wait_for_server(api, server, processes)
        _cli(["work-pool", "create", "newsflow-process", "--type", "process"], env)
        _cli(["deploy", "--prefect-file", "deploy/prefect.yaml", "--name", "shard"], env)
        _python(["-c", "from prefect.blocks.notifications import CustomWebhookNotificationBlock as B; "
                       f"B(name='ops', url={hook.url!r}, json_data={{'subject': '{{{{subject}}}}', 'body': '{{{{body}}}}'}}).save('ops')"], env)
        created = _python(["-m", "newsflow.cli", "automations", "--notify-block", "custom-webhook/ops"], env)
        assert "created 'newsflow - degraded run'" in created and "created 'newsflow - failed or crashed run'" in created, created
        processes.start("worker", [str(BIN / "prefect"), "worker", "start", "--pool", "newsflow-process", "--name", "states-worker",
                                   "--limit", "2"], worker_env)

        # Some sources failed: Completed, with a message naming them, tagged `degraded`; their discovery tasks Failed.
        degraded_id = _run_deployment(api, "ingest/shard", {"sources": str(sources)})
        run = _finished(api, degraded_id, processes)
        logs = _logs_with(api, degraded_id, "stored 1 (new 1: 1 new stories", "source gone failed: http_error")
        assert run["state"]["type"] == "COMPLETED", f"{run['state']}\n{logs}\n{processes.log('worker')}"
        assert run["state"]["name"] == "Degraded"
        message = run["state"]["message"]
        assert message.startswith("2 of 3 sources failed: "), message
        assert "gone (http_error: HTTP 404" in message and "walled (" in message and "good" not in message.split(": ", 1)[1]
        assert "degraded" in run["tags"] and "dry-run" not in run["tags"]
        tasks = _task_states(api, degraded_id)
        assert tasks["discover gone"]["type"] == "FAILED" and "HTTP 404" in tasks["discover gone"]["message"]
        assert tasks["discover walled"]["type"] == "FAILED"
        assert tasks["discover good"]["type"] == "COMPLETED"
        assert any(name.startswith("good ") and state["type"] == "COMPLETED" for name, state in tasks.items())
        # INFO per batch: stored / skipped / failed; a warning per failing source.
        assert "stored 1 (new 1: 1 new stories" in logs and "failed 0" in logs, logs
        assert "source gone failed: http_error" in logs, logs
        with database.engine.connect() as connection:
            statuses = dict(connection.execute(text(
                "SELECT url, http_status FROM fetches WHERE run_id = :r AND status = 'http_error'"), {"r": degraded_id}).all())
        assert statuses == {f"{site.base_url}/nope.xml": 404}
        notice = hook.wait_for(f"{run['name']} is degraded", NOTIFY_TIMEOUT, api)
        assert "2 of 3 sources failed" in notice["body"]

        # All sources failed: Failed, and the failed-runs automation fires.
        failed_id = _run_deployment(api, "ingest/shard", {"sources": str(sources), "only": ["gone", "walled"]})
        run = _finished(api, failed_id, processes)
        assert run["state"]["type"] == "FAILED", run["state"]
        assert "2 of 2 sources failed" in run["state"]["message"]
        notice = hook.wait_for(f"{run['name']} is Failed", NOTIFY_TIMEOUT, api)
        assert "2 of 2 sources failed" in notice["body"]
        assert not any(run["name"] in m.get("subject", "") and "degraded" in m.get("subject", "") for m in hook.received)

        # A dry run is tagged and named as one.
        dry_id = _run_deployment(api, "ingest/shard", {"sources": str(sources), "only": ["good"], "dry_run": True})
        run = _finished(api, dry_id, processes)
        assert run["state"]["type"] == "COMPLETED", run["state"]
        assert run["name"].endswith("-dry-run") and "dry-run" in run["tags"] and "degraded" not in run["tags"]
