"""Everyday commands: ``run`` (one ingest run), ``demo`` (the offline demo) and ``articles`` (list records)."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow.cli.app import UserError, app, user_errors


def _prepare(sources: Path, only: list[str] | None):
    """Validate settings, the sources file and the database before starting a flow run."""
    from newsflow.connectors.sources import load_sources
    from newsflow.flows.ingest import select_sources
    from newsflow.settings import get_settings
    from newsflow.storage.db import check_database, open_database

    settings = get_settings()
    select_sources(load_sources(sources), only)
    check_database(settings.database_url, lock_timeout=settings.db_lock_timeout)  # one line, before any work
    open_database(settings.database_url)
    return settings


@app.command()
def run(
    sources: Annotated[Path, typer.Option(help="Sources file (TOML with [[sources]] tables).")],
    only: Annotated[Optional[list[str]], typer.Option(help="Ingest only this source (repeatable).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most N new URLs per source.")] = None,
    refresh: Annotated[bool, typer.Option(help="Fetch already-stored URLs again.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Fetch and process, store nothing.")] = False,
) -> None:
    """Run the ingest flow once and print a per-source summary."""
    from newsflow.cli import lifecycle
    from newsflow.flows.local_api import LocalApiUnavailable
    from newsflow.pipeline.ingest import request_stop, reset_stop, stop_requested

    with user_errors():
        _prepare(sources, only)
        try:
            lifecycle.start_local_api()
        except LocalApiUnavailable as exc:
            raise UserError(str(exc), exit_code=3) from None
        reset_stop()
        try:
            rows = lifecycle.run_with_signals(lambda: _run_ingest(str(sources), only, limit, refresh, dry_run), request_stop)
        except lifecycle.RunInterrupted as exc:
            raise UserError(str(exc), exit_code=143) from None
        except Exception as exc:  # the flow failed after publishing its summary: say so in one line
            raise UserError(f"the ingest run failed: {exc}", exit_code=1) from None
        if stop_requested():  # what it did (the summary) on stdout, then one line and a non-zero exit
            from newsflow.pipeline.report import format_table

            typer.echo(format_table(rows))
            raise UserError("the ingest run stopped on request: what it fetched is stored and recorded, "
                            "the URLs not fetched are left for the next run", exit_code=143)
    from newsflow.pipeline.report import format_table

    typer.echo(format_table(rows))


def _run_ingest(sources: str, only, limit, refresh, dry_run) -> list[dict]:
    from newsflow.flows.ingest import ingest

    return ingest(sources=sources, only=only or None, limit=limit, refresh=refresh, dry_run=dry_run)


@app.command()
def demo() -> None:
    """Serve the bundled demo site on 127.0.0.1, ingest it into the default database, print the records."""
    from newsflow.dev.demo.server import DemoSite

    os.environ.setdefault("NEWSFLOW_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    os.environ.setdefault("NEWSFLOW_MIN_HOST_DELAY", "0.05")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the demo prints its own summary
    with user_errors(), DemoSite(stable_ports=True) as site, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "demo-sources.toml"
        site.write_sources(sources)
        settings = _prepare(sources, None)
        rows = _run_ingest(str(sources), None, None, False, False)
        from newsflow.pipeline.report import format_table

        typer.echo(format_table(rows))
        typer.echo("")
        _print_records(settings.database_url)


def _print_records(database_url: str) -> None:
    from newsflow.storage.db import open_database
    from newsflow.storage.queries import list_articles

    with open_database(database_url).sessions() as session:
        views = list_articles(session)
    typer.echo(f"{len(views)} clean records in {len(set(v.article.story_id for v in views))} stories ({database_url}):")
    for view in views:
        article = view.article
        mark = "*" if view.is_representative else " "
        copies = f" [story {article.story_id}: {view.story_size} copies]" if view.story_size > 1 else f" [story {article.story_id}]"
        typer.echo(f"{mark} {article.topic or '-':<11} {article.title[:90]}{copies}")


@app.command()
def articles(
    topic: Annotated[Optional[str], typer.Option(help="geopolitics, celebrity or other.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published (or first seen) since this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines with the full records.")] = False,
    limit: Annotated[Optional[int], typer.Option(min=1)] = None,
) -> None:
    """List stored clean records."""
    from newsflow.settings import get_settings
    from newsflow.storage.db import open_database
    from newsflow.storage.queries import list_articles

    with user_errors():
        since_dt = _parse_since(since) if since else None
        with open_database(get_settings().database_url).sessions() as session:
            views = list_articles(session, topic=topic, since=since_dt, limit=limit)
    for view in views:
        if as_json:
            typer.echo(json.dumps(view.as_dict(), ensure_ascii=False))
        else:
            article = view.article
            when = article.published_at.date().isoformat() if article.published_at else "          "
            typer.echo(f"{when}  {article.topic or '-':<11} story {article.story_id:<5} {article.title[:80]}  {article.url}")


def _parse_since(value: str) -> datetime:
    from newsflow.core.dates import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise UserError(f"--since {value!r} is not a date (try 2026-11-28)")
    return parsed
