"""Operations commands (serve, reprocess, automations), registered on the main ``newsflow`` app."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow.cli.app import app, require_prefect_server, user_errors


@app.command(epilog="Example: newsflow serve --sources sources.toml --interval 15")
def serve(
    sources: Annotated[Optional[Path], typer.Option(help="Sources file for the ingest deployments (default: sources.toml in the current folder).")] = None,
    deployment: Annotated[Optional[list[str]], typer.Option("--deployment", "-d", help="Serve only this deployment of deploy/prefect.yaml (repeatable).")] = None,
    interval: Annotated[Optional[float], typer.Option(min=0.1, help="Minutes between scheduled ingest runs (default: the file's, 15).")] = None,
    cron: Annotated[Optional[str], typer.Option(help="Cron schedule instead of an interval, e.g. '*/15 * * * *'.")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most N flow runs at once in this process.")] = None,
) -> None:
    """Serve the deployments of deploy/prefect.yaml from this process (one machine, no work pool).

    Needs a Prefect server (PREFECT_API_URL, e.g. from `prefect server start`). Stop with Ctrl-C;
    schedules stay active.
    """
    with user_errors():
        require_prefect_server("serve")
        from newsflow.settings import get_settings

        get_settings()  # a bad NEWSFLOW_ setting is one line now, not a failure in every served run
        if sources is not None:
            from newsflow.connectors.sources import load_sources

            load_sources(sources)
        from newsflow.flows.serve import serve as serve_deployments

        serve_deployments(sources=str(sources) if sources else None, names=deployment or None,
                          interval_minutes=interval, cron=cron, limit=limit)

@app.command(epilog="Example: newsflow reprocess --only example-world --dry-run")
def reprocess(
    force: Annotated[bool, typer.Option(help="Rebuild every archived article, not only those of another extractor/model version.")] = False,
    only: Annotated[Optional[list[str]], typer.Option(help="Only articles of this source (repeatable).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most N articles.")] = None,
    dry_run: Annotated[bool, typer.Option(help="Report what would change, store nothing.")] = False,
    topics_only: Annotated[bool, typer.Option("--topics-only", help="Only re-classify (the `reclassify` flow): no re-extraction.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Rebuild stored articles from the raw page archive (no fetching) and print per-field change counts."""
    from newsflow.cli import lifecycle

    with user_errors(), ExitStack() as api:
        server = lifecycle.launch_local_api()  # comes up while the settings, database and flows load
        from newsflow.settings import get_settings
        from newsflow.storage.db import open_database

        open_database(get_settings().database_url)
        from newsflow.flows.reprocess import reclassify, reprocess as reprocess_flow

        from newsflow.cli.data import progress_of_flow

        api.enter_context(lifecycle.local_api(server))
        run = reclassify if topics_only else reprocess_flow
        with progress_of_flow("reclassify" if topics_only else "reprocess", "articles"):
            result = run(force=force, only=only or None, limit=limit, dry_run=dry_run)
    if as_json:
        typer.echo(json.dumps(result))
        return
    typer.echo(format_reprocess(result))


@app.command(epilog="Example: newsflow automations --notify-block slack-webhook/ops")
def automations(
    notify_block: Annotated[Optional[str], typer.Option(help="Notification block for alerts, as <block-type-slug>/<name> (e.g. slack-webhook/ops).")] = None,
) -> None:
    """Create (or replace) the automations of deploy/automations/ on the Prefect server (PREFECT_API_URL)."""
    with user_errors():
        require_prefect_server("automations")
        from newsflow.flows.automations import apply_automations

        lines = apply_automations(notify_block=notify_block)
    for line in lines:
        typer.echo(line)


def format_reprocess(result: dict) -> str:
    """A terminal summary of a reprocess/reclassify result."""
    head = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.items() if k not in ("fields", "dry_run"))
    lines = [("[dry run] " if result.get("dry_run") else "") + head, "", "field         changed", "------------  -------"]
    lines += [f"{name:<12}  {count}" for name, count in result.get("fields", {}).items()]
    return "\n".join(lines)
