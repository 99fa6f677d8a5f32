"""The ``reprocess`` and ``reclassify`` flows: rebuild stored articles from the raw page archive.

reprocess:  re-extract, re-fingerprint (re-deduplicate) and re-classify every article whose stored
            ``extractor_version`` or ``topic_model`` is not the running code's, from its newest
            archived page. Nothing is fetched. Batches of articles are tasks, run on threads or on
            Dask (``NEWSFLOW_TASK_RUNNER=dask``, see ``newsflow.flows.runners``).
reclassify: only re-label articles whose ``topic_model`` differs (classify(title, body); cheap).

Both publish a table artifact of per-field change counts and a markdown summary.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runtime import flow_run

from newsflow.flows.retry import transient_failure
from newsflow.flows.runners import make_task_runner
from newsflow.pipeline.progress import notify as notify_progress
from newsflow.pipeline.reprocess import (
    ReprocessReport,
    chunks,
    current_versions,
    orphan_page_ids,
    reclassify_articles,
    reprocess_articles,
    restore_orphan_pages,
    stale_article_ids,
    stale_topic_ids,
)
from newsflow.settings import get_settings
from newsflow.storage.db import open_database


@task(name="select-articles", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=transient_failure)
def select_articles(kind: str, force: bool, only: list[str] | None, limit: int | None) -> list[int]:
    db = open_database(get_settings().database_url)
    with db.sessions() as session:
        if kind == "reclassify":
            return stale_topic_ids(session, force=force, sources=only, limit=limit)
        return stale_article_ids(session, force=force, sources=only, limit=limit)


@task(name="reprocess-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=transient_failure, task_run_name="reprocess #{index} ({size} articles)")
def reprocess_batch(index: int, size: int, article_ids: list[int], dry_run: bool) -> ReprocessReport:
    return reprocess_articles(open_database(get_settings().database_url), article_ids, dry_run=dry_run)


@task(name="select-orphan-pages", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=transient_failure)
def select_orphan_pages(only: list[str] | None, limit: int | None) -> list[int]:
    db = open_database(get_settings().database_url)
    with db.sessions() as session:
        return orphan_page_ids(session, sources=only, limit=limit)


@task(name="restore-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=transient_failure, task_run_name="restore #{index} ({size} pages)")
def restore_batch(index: int, size: int, page_ids: list[int], dry_run: bool) -> ReprocessReport:
    return restore_orphan_pages(open_database(get_settings().database_url), page_ids, dry_run=dry_run)


@task(name="reclassify-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=transient_failure, task_run_name="reclassify #{index} ({size} articles)")
def reclassify_batch(index: int, size: int, article_ids: list[int], dry_run: bool) -> ReprocessReport:
    return reclassify_articles(open_database(get_settings().database_url), article_ids, dry_run=dry_run)


def _run_name(kind: str):
    def name() -> str:
        params = flow_run.parameters
        versions = current_versions()
        stem = f"{kind}-{versions.extractor}-{versions.topic_model}" if kind == "reprocess" else f"{kind}-{versions.topic_model}"
        flags = [flag for flag in ("force", "dry_run") if params.get(flag)]
        only = params.get("only")
        return stem + "".join(f"-{flag.replace('_', '-')}" for flag in flags) + (f"-{'+'.join(only)}" if only else "")

    return name


def _run(kind: str, force: bool, only: list[str] | None, limit: int | None, dry_run: bool, batch_size: int) -> dict:
    logger = get_run_logger()
    open_database(get_settings().database_url)  # migrate once, before tasks start
    ids = select_articles(kind, force, only, limit)
    versions = current_versions()
    logger.info("%s: %d articles to rebuild (extractor %s, topic model %s)%s", kind, len(ids), versions.extractor,
                versions.topic_model, " [dry run]" if dry_run else "")
    batch_task = reprocess_batch if kind == "reprocess" else reclassify_batch
    futures = [batch_task.submit(i, len(chunk), chunk, dry_run) for i, chunk in enumerate(chunks(ids, batch_size), start=1)]
    report = ReprocessReport()
    for future in as_completed(futures):
        report.merge(future.result())
        notify_progress(kind, report.examined, len(ids))
    if kind == "reprocess":  # pages an older schema merged into another site's article get their own rows
        orphans = select_orphan_pages(only, limit)
        restores = [restore_batch.submit(i, len(chunk), chunk, dry_run) for i, chunk in enumerate(chunks(orphans, batch_size), start=1)]
        for future in as_completed(restores):
            report.merge(future.result())
    return publish_reprocess_report(kind, report, dry_run=dry_run)


def publish_reprocess_report(kind: str, report: ReprocessReport, *, dry_run: bool) -> dict:
    """The ``<kind>-changes`` table (per-field change counts) and a ``<kind>-summary`` markdown artifact."""
    versions = current_versions()
    prefix = "Dry run: nothing stored. " if dry_run else ""
    create_table_artifact(
        table=report.field_rows(), key=f"{kind}-changes",
        description=f"{prefix}Articles whose field changed when rebuilt with extractor {versions.extractor}, topic model {versions.topic_model}.",
    )
    lines = [f"# {kind}: {report.changed} of {report.examined} articles changed", ""]
    if dry_run:
        lines += ["**Dry run**: nothing was stored.", ""]
    lines += [f"- extractor `{versions.extractor}`, topic model `{versions.topic_model}`"]
    lines += [f"- {name.replace('_', ' ')}: {value}" for name, value in report.totals().items()]
    if report.topic_moves:
        lines += ["", "## Topic changes", "", "| from -> to | articles |", "|---|---|"]
        lines += [f"| {move} | {count} |" for move, count in report.topic_moves.most_common()]
    if report.errors:
        lines += ["", "## Not rebuilt (first ones)", ""] + [f"- {error}" for error in report.errors]
    create_markdown_artifact("\n".join(lines), key=f"{kind}-summary", description=f"{prefix}What this {kind} run did.")
    return {**report.totals(), "fields": {row["field"]: row["changed"] for row in report.field_rows()}, "dry_run": dry_run}


@flow(name="reprocess", flow_run_name=_run_name("reprocess"), task_runner=make_task_runner())
def reprocess(force: bool = False, only: list[str] | None = None, limit: int | None = None, dry_run: bool = False, batch_size: int = 100) -> dict:
    """Rebuild stored articles from archived raw pages when the extractor or topic model changed (no fetching).

    force: rebuild every archived article, not just those made by another version.
    only: source names; limit: at most N articles; dry_run: report the changes, store nothing.
    """
    return _run("reprocess", force, only, limit, dry_run, batch_size)


@flow(name="reclassify", flow_run_name=_run_name("reclassify"), task_runner=make_task_runner())
def reclassify(force: bool = False, only: list[str] | None = None, limit: int | None = None, dry_run: bool = False, batch_size: int = 500) -> dict:
    """Re-label stored articles whose topic model is not the current one (classification only)."""
    return _run("reclassify", force, only, limit, dry_run, batch_size)
