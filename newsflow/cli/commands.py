"""Everyday commands: ``run`` (one ingest run), ``demo`` (the offline demo) and ``articles`` (list records)."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import ExitStack
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow.cli.app import UserError, app, user_errors

#: The topic labels (processing.classify.LABELS; the classifier's test keeps them in step).
Topic = Enum("Topic", {label: label for label in ("geopolitics", "celebrity", "other")}, type=str)


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


def _columns_help() -> str:
    from newsflow.pipeline.report import COLUMN_HELP

    return "\n\n".join(["The summary's columns:"] + [f"{name}: {what}." for name, what in COLUMN_HELP.items()])


@app.command(epilog="Example: newsflow run --sources sources.toml --only example-world --limit 20")
def run(
    sources: Annotated[Path, typer.Option(help="Sources file (TOML with [[sources]] tables).")],
    only: Annotated[Optional[list[str]], typer.Option(help="Ingest only this source (repeatable).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most N new URLs per source.")] = None,
    refresh: Annotated[bool, typer.Option(help="Fetch already-stored URLs again.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Fetch and process, store nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the per-source summary as one JSON line.")] = False,
) -> None:
    """Run the ingest flow once and print a per-source summary, its top failure reasons and where to look next."""
    from newsflow.cli import lifecycle

    with user_errors(), ExitStack() as api:
        server = lifecycle.launch_local_api()  # first: it comes up while the run imports, reads its settings, loads its models
        from newsflow.cli.data import progress_of_flow
        from newsflow.pipeline.ingest import request_stop, reset_stop, stop_requested

        settings = _prepare(sources, only)
        from newsflow.pipeline import page_pool  # light: processing only, no prefect

        page_pool.start_in_background(settings.process_workers)
        api.enter_context(lifecycle.local_api(server))
        reset_stop()
        try:
            with progress_of_flow("ingest", "batches"):
                rows, run_id, failure, state = lifecycle.run_with_signals(
                    lambda: _run_ingest_state(str(sources), only, limit, refresh, dry_run), request_stop)
        except lifecycle.RunInterrupted as exc:
            raise UserError(str(exc), exit_code=143) from None
        _checkpoint(settings.database_url)
        if stop_requested():  # what it did (the summary) on stdout, then one line and a non-zero exit
            from newsflow.pipeline.report import format_table

            typer.echo(format_table(rows))
            raise UserError("the ingest run stopped on request: what it fetched is stored and recorded, "
                            "the URLs not fetched are left for the next run", exit_code=143)
    if as_json:  # the rows (with CPU seconds by stage), for scripts and benchmarks
        typer.echo(json.dumps(rows))
        if failure is not None:
            raise typer.Exit(1)
        return
    from newsflow.pipeline.report import format_table

    if rows:
        typer.echo(format_table(rows))
    if failure is None and state.message:  # e.g. "Degraded: 2 of 5 sources failed: ..."
        typer.echo(f"\nRun {state.name}: {state.message}")
    typer.echo(_summary_ending(settings.database_url, run_id, dry_run))
    if failure is not None:  # the run failed (after publishing its summary): say so in one line
        typer.secho(f"newsflow: the ingest run failed: {failure}", err=True, fg="red")
        raise typer.Exit(1)


run.__doc__ = (run.__doc__ or "") + "\n\n" + _columns_help()


def _run_ingest_state(sources: str, only, limit, refresh, dry_run) -> tuple[list[dict], str | None, Exception | None, object]:
    """(summary rows, flow run id, the exception of a failed run or None, the run's final state)."""
    from newsflow.flows.ingest import ingest

    state = ingest(sources=sources, only=only or None, limit=limit, refresh=refresh, dry_run=dry_run, return_state=True)
    run_id = str(state.state_details.flow_run_id) if state.state_details.flow_run_id else None
    if state.is_completed():
        return state.result(), run_id, None, state
    exc = state.result(raise_on_failure=False)
    if not isinstance(exc, BaseException):
        exc = RuntimeError(state.message or state.name)
    return list(getattr(exc, "rows", []) or []), run_id, exc, state


def _run_ingest(sources: str, only, limit, refresh, dry_run) -> list[dict]:
    rows, _, failure, _ = _run_ingest_state(sources, only, limit, refresh, dry_run)
    if failure is not None:
        raise UserError(f"the ingest run failed: {failure}", exit_code=1)
    return rows


def _checkpoint(database_url: str) -> None:
    """SQLite: fold the WAL into the .db file, so it is complete on its own after the run."""
    from newsflow.storage.db import open_database

    open_database(database_url).checkpoint()


def _summary_ending(database_url: str, run_id: str | None, dry_run: bool) -> str:
    """The top failure reasons of the run and where to look next (command, UI link)."""
    from newsflow.pipeline.report import top_failure_reasons

    lines = [""]
    if dry_run:
        lines.append("Dry run: nothing stored and no fetches recorded; failures are in the run's logs.")
    elif run_id:
        from newsflow.storage.db import open_database
        from newsflow.storage.fetch_log import fetches_for_run

        with open_database(database_url).sessions() as session:
            reasons = top_failure_reasons(fetches_for_run(session, run_id))
        if reasons:
            lines.append("Top failure reasons (URLs, status, reason, example):")
            lines += [f"  {reason.describe()}" for reason in reasons]
            lines.append(f"Every failed URL of this run: newsflow failures --run {run_id}")
        else:
            lines.append("No URL failed in this run.")
    ui = _ui_url(run_id)
    if ui:
        lines.append(f"In the Prefect UI: {ui}")
    return "\n".join(lines)


def _ui_url(run_id: str | None) -> str | None:
    from newsflow.flows.monitoring import flow_run_ui_url

    return flow_run_ui_url(run_id)


@app.command(epilog="Example: newsflow demo   (then: newsflow stories)")
def demo() -> None:
    """Serve the bundled demo site on 127.0.0.1, ingest it into the default database, print the records."""
    from newsflow.cli import lifecycle
    from newsflow.dev.demo.server import DemoSite

    os.environ.setdefault("NEWSFLOW_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    os.environ.setdefault("NEWSFLOW_MIN_HOST_DELAY", "0.05")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the demo prints its own summary
    with user_errors(), DemoSite(stable_ports=True) as site, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "demo-sources.toml"
        site.write_sources(sources)
        server = lifecycle.launch_local_api()
        settings = _prepare(sources, None)
        with lifecycle.local_api(server):
            rows = _run_ingest(str(sources), None, None, False, False)
        _checkpoint(settings.database_url)
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


@app.command(epilog="Example: newsflow articles --topic geopolitics --since 2026-11-01 --json")
def articles(
    topic: Annotated[Optional[Topic], typer.Option(help="Only this topic.", case_sensitive=False)] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published (or first seen) since this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines with the full records.")] = False,
    limit: Annotated[Optional[int], typer.Option(min=1)] = None,
) -> None:
    """List stored clean records."""
    from newsflow.cli.data import open_existing_database
    from newsflow.settings import get_settings
    from newsflow.storage.queries import list_articles

    with user_errors():
        since_dt = _parse_since(since) if since else None
        with open_existing_database(get_settings().database_url).sessions() as session:
            views = list_articles(session, topic=topic.value if topic else None, since=since_dt, limit=limit)
    for view in views:
        if as_json:
            typer.echo(json.dumps(view.as_dict(), ensure_ascii=False))
        else:
            article = view.article
            when = article.published_at.date().isoformat() if article.published_at else "          "
            typer.echo(f"{when}  {article.topic or '-':<11} story {article.story_id:<5} {article.title[:80]}  {article.url}")


@app.command(epilog="Example: newsflow failures --run <run id from the summary> --limit 20")
def failures(
    run_id: Annotated[Optional[str], typer.Option("--run", help="Flow run id (default: the latest run that recorded fetches).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only this source.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most N URLs.")] = 50,
) -> None:
    """List the failed URLs of a run: status, HTTP status, URL and reason (from the fetches table)."""
    from sqlalchemy import func, select

    from newsflow.pipeline.report import NOT_FAILURES, top_failure_reasons
    from newsflow.settings import get_settings
    from newsflow.storage.db import open_database
    from newsflow.storage.models import Fetch

    with user_errors():
        with open_database(get_settings().database_url).sessions() as session:
            if run_id is None:
                run_id = session.scalar(select(Fetch.run_id).where(Fetch.run_id.is_not(None))
                                        .group_by(Fetch.run_id).order_by(func.max(Fetch.id).desc()).limit(1))
                if run_id is None:
                    raise UserError("no run has recorded fetches yet")
            query = select(Fetch).where(Fetch.run_id == run_id, Fetch.status.not_in(sorted(NOT_FAILURES)))
            if source:
                query = query.where(Fetch.source == source)
            rows = list(session.scalars(query.order_by(Fetch.id)))
    typer.echo(f"run {run_id}: {len(rows)} failed URLs")
    for reason in top_failure_reasons(rows):
        typer.echo(f"  {reason.describe()}")
    for row in rows[:limit]:
        typer.echo(f"{row.source}  {row.status}  {row.http_status or '-'}  {row.url or '-'}  {row.reason}")


def _parse_since(value: str) -> datetime:
    from newsflow.core.dates import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise UserError(f"--since {value!r} is not a date (try 2026-11-28)")
    return parsed
