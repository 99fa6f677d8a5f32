"""End to end through the command line, flows in-process on Postgres: ``run`` and ``reprocess`` report
progress through ``newsflow.pipeline.progress`` (plain lines when not a terminal), then ``stories``,
``export`` and ``status`` read what the run stored, and ``flows.history`` reads the Prefect runs."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from newsflow.cli import app

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("prefect_api")]
runner = CliRunner()


def test_run_reprocess_then_read_commands(tmp_path, configure, clean_tables, monkeypatch):
    from prefect.settings import PREFECT_API_URL

    from newsflow.dev.demo.server import DemoSite
    from newsflow.flows.history import recent_flow_runs

    configure()
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with DemoSite() as site:
        sources = site.write_sources(tmp_path / "sources.toml")
        result = runner.invoke(app, ["run", "--sources", str(sources), "--limit", "2"])
    assert result.exit_code == 0, result.output
    done = re.findall(r"^ingest: (\d+)/(\d+) batches \(100%\)", result.stderr, re.M)
    assert done and done[-1][0] == done[-1][1] and int(done[-1][0]) >= 1, result.stderr

    result = runner.invoke(app, ["reprocess", "--force", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^reprocess: 3/3 articles \(100%\)", result.stderr, re.M), result.stderr

    exported = runner.invoke(app, ["export"])
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert rows and f"export: {len(rows)}/{len(rows)} rows (100%)" in exported.stderr
    stories = runner.invoke(app, ["stories", "--json", "--limit", "1000"])
    listed = [json.loads(line) for line in stories.stdout.splitlines()]
    assert sum(len(s["copies"]) for s in listed) == len(rows)
    assert {c["url"] for s in listed for c in s["copies"]} == {r["url"] for r in rows}

    runs = recent_flow_runs()
    assert [r.flow for r in runs[:2]] == ["reprocess", "ingest"] and runs[1].state == "Completed"
    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
    status = runner.invoke(app, ["status", "--json"])
    assert status.exit_code == 0, status.output
    report = json.loads(status.stdout)
    assert len(report["runs"]) == 1 and sum(s["attempted"] for s in report["runs"][0]["sources"]) >= len(rows)
    assert sum(s["new"] for s in report["runs"][0]["sources"]) == len(rows)
    assert {r["flow"] for r in report["prefect"]["flow_runs"]} >= {"ingest", "reprocess"}
