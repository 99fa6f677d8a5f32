"""The ``ingest`` flow: discover -> fetch -> extract -> dedup -> classify -> store, per source.

One task per source for discovery and one per (host, batch of URLs) for the rest: never one task
per article, so the Prefect server stays responsive on large runs.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from newsflow.connectors.discover import DiscoveredLink
from newsflow.connectors.sources import Source, load_sources
from newsflow.flows.reporting import ProgressReporter, publish_run_report
from newsflow.flows.retry import transient_failure
from newsflow.pipeline.report import SourceReport
from newsflow.settings import get_settings
from newsflow.pipeline.ingest import Discovery, RunClaims, batches_by_host, claim_unclaimed, close_clients, discover_links, ingest_batch, shared_client, stop_requested
from newsflow.processing.classify import MODEL_VERSION
from newsflow.processing.extract import EXTRACTOR_VERSION
from newsflow.storage.db import open_database


def _max_workers() -> int:
    try:
        return get_settings().max_workers
    except Exception:  # bad settings are reported when the flow runs, not at import
        return 8


@task(name="discover", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=transient_failure, task_run_name="discover {source.name}")
def discover_source(source: Source, limit: int | None, refresh: bool, dry_run: bool) -> Discovery:
    settings = get_settings()
    db = open_database(settings.database_url)
    return discover_links(
        source, db, shared_client(settings.http_config(), db), limit=limit, refresh=refresh,
        run_id=flow_run.id, default_cap=settings.max_new_urls_per_source, record=not dry_run,
    )


@task(name="fetch-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=transient_failure, task_run_name="{source.name} {host} #{index}")
def ingest_links(source: Source, host: str, index: int, links: list[DiscoveredLink], refresh: bool, dry_run: bool) -> SourceReport:
    settings = get_settings()
    db = open_database(settings.database_url)
    return ingest_batch(
        source, links, db, shared_client(settings.http_config(), db),
        run_id=flow_run.id, refresh=refresh, dry_run=dry_run, archive=settings.archive_raw_pages,
    )


def _run_name() -> str:
    """e.g. ``ingest-sources-world+sports-20261128-1915``: the sources file, the chosen sources, the slot."""
    params = flow_run.parameters
    only = params.get("only")
    stem = Path(str(params.get("sources", "sources"))).stem
    name = f"ingest-{stem}" + (f"-{'+'.join(only)}" if only else "")
    scheduled = flow_run.scheduled_start_time
    return f"{name}-{scheduled:%Y%m%d-%H%M}" if scheduled else name


@flow(name="ingest", flow_run_name=_run_name, version=f"extractor-{EXTRACTOR_VERSION}+{MODEL_VERSION}", task_runner=ThreadPoolTaskRunner(max_workers=_max_workers()), log_prints=False)
def ingest(sources: str, only: list[str] | None = None, limit: int | None = None, refresh: bool = False, dry_run: bool = False) -> list[dict]:
    """Ingest every configured source (or only the named ones) once; return the per-source summary."""
    logger = get_run_logger()
    chosen = select_sources(load_sources(sources), only)
    settings = get_settings()
    db = open_database(settings.database_url)  # migrate once, before tasks start
    reports = {source.name: SourceReport(source=source.name) for source in chosen}
    failures = TaskFailures(logger)
    discoveries = {discover_source.with_options(tags=[f"source:{s.name}"]).submit(s, limit, refresh, dry_run): s for s in chosen}
    batches: dict = {}
    claimed = RunClaims(db, flow_run.id, lease=settings.claim_lease, shared=not dry_run)  # across runs too
    try:
        for future in as_completed(list(discoveries)):
            source = discoveries[future]
            discovery: Discovery | None = failures.result(future, reports[source.name], f"discovery of {source.name}")
            if discovery is None:
                continue
            links = claim_unclaimed(discovery.links, claimed)
            discovery.report.skipped_known += len(discovery.links) - len(links)
            reports[source.name].merge(discovery.report)
            logger.info("%s: %d links discovered, %d to fetch", source.name, discovery.report.discovered, len(links))
            for index, (host, batch) in enumerate(batches_by_host(links, settings.batch_size), start=1):
                if stop_requested():
                    break
                future = ingest_links.with_options(tags=[f"source:{source.name}"]).submit(source, host, index, batch, refresh, dry_run)
                batches[future] = (source, host, index, len(batch))
        progress = ProgressReporter()
        for done, future in enumerate(as_completed(list(batches)), start=1):
            source, host, index, size = batches[future]
            report: SourceReport | None = failures.result(future, reports[source.name], f"batch {host} #{index} of {source.name}", urls=size)
            if report is not None:
                reports[source.name].merge(report)
            progress.update(done, len(batches))
    finally:
        claimed.close()
        close_clients()
    rows = publish_run_report(list(reports.values()), dry_run=dry_run)
    if stop_requested():  # the caller (newsflow run) reports it and exits non-zero
        logger.warning("stopped on request after %d batch(es); the URLs not fetched are left for the next run", len(batches))
    failures.raise_if_any()
    return rows


class TaskFailures:
    """Tasks that failed after their retries: counted against their source, and the run fails at the end.

    One source's broken task never stops the others; the summary is published first.
    """

    def __init__(self, logger) -> None:
        self.logger = logger
        self.messages: list[str] = []

    def result(self, future, report: SourceReport, what: str, urls: int = 1):
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001  (anything a task raised after its retries)
            report.failed["task_error"] += urls
            self.messages.append(f"{what}: {type(exc).__name__}: {exc}")
            self.logger.error("%s failed: %s", what, exc)
            return None

    def raise_if_any(self) -> None:
        if self.messages:
            raise IngestTasksFailed(f"{len(self.messages)} task(s) failed: " + "; ".join(self.messages[:5]))


class IngestTasksFailed(RuntimeError):
    """Some ingest tasks failed after their retries (e.g. the database went away); see the run's logs."""


def select_sources(sources: list[Source], only: list[str] | None) -> list[Source]:
    """The sources named in ``only`` (all when empty); an unknown name is an error that lists the known ones."""
    if not only:
        return sources
    known = {s.name for s in sources}
    unknown = [name for name in only if name not in known]
    if unknown:
        from newsflow.connectors.sources import SourcesFileError

        raise SourcesFileError(f"unknown source(s) {', '.join(unknown)}; the sources file has: {', '.join(sorted(known))}")
    return [s for s in sources if s.name in set(only)]
