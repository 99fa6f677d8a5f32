"""What a run publishes to the Prefect UI: the ``ingest-summary`` table artifact, run progress, the
``ingest-failures`` markdown artifact and source-health events (see ``newsflow.flows.monitoring``)."""

from __future__ import annotations

import logging
from uuid import UUID

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, update_progress_artifact
from prefect.exceptions import MissingContextError
from prefect.runtime import flow_run

from newsflow.pipeline.report import SourceReport, summary_rows


class ProgressReporter:
    """A progress artifact for the run, updated as batches finish."""

    def __init__(self) -> None:
        self._artifact_id: UUID | None = None

    def update(self, done: int, total: int) -> None:
        percent = 100.0 * done / total if total else 100.0
        if self._artifact_id is None:
            self._artifact_id = create_progress_artifact(percent, key="ingest-progress", description="Batches of URLs done")
        else:
            update_progress_artifact(self._artifact_id, percent)


def publish_run_report(reports: list[SourceReport], *, dry_run: bool = False) -> list[dict]:
    """Write the per-source summary table artifact and return its rows."""
    rows = summary_rows(reports)
    create_table_artifact(
        table=artifact_rows(rows),
        key="ingest-summary",
        description=("Dry run: nothing stored. " if dry_run else "") + "Per-source results of this ingest run.",
    )
    if not dry_run:  # a dry run records no fetches
        publish_failures(flow_run.id)
    return rows


def artifact_rows(rows: list[dict]) -> list[dict]:
    """The rows as the UI should show them: the UI renders table cells as markdown, where a lone "-"
    (an empty cell) becomes a bullet; escaped, it shows as "-"."""
    return [{key: (EMPTY_CELL if value in ("-", "", None) else value) for key, value in row.items() if key != "cpu_seconds"}
            for row in rows]


#: An empty cell of a table artifact: markdown for a literal "-".
EMPTY_CELL = "\\-"


def publish_failures(run_id: str | None) -> None:
    """The ``ingest-failures`` markdown artifact and source-health events; never fails the run."""
    if not run_id:
        return
    logger = _logger()
    try:
        from newsflow.flows.monitoring import emit_rate_jump_events, failure_digest, rate_jumps
        from newsflow.settings import get_settings
        from newsflow.storage.db import open_database
        from newsflow.storage.fetch_log import fetches_for_run

        with open_database(get_settings().database_url).sessions() as session:
            rows = fetches_for_run(session, run_id)
            jumps = rate_jumps(session, run_id)
            markdown = failure_digest(rows, jumps=jumps)
        create_markdown_artifact(markdown, key="ingest-failures", description="URLs that failed in this run, by source and status.")
        for jump in jumps:
            logger.warning("source health: %s", jump.describe())
        emit_rate_jump_events(jumps, run_id)
    except Exception as exc:  # noqa: BLE001 - reporting must not turn a finished run into a failed one
        logger.warning("could not publish the failure report: %s: %s", type(exc).__name__, exc)


def _logger() -> logging.Logger | logging.LoggerAdapter:
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger(__name__)
