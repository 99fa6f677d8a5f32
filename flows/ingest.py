"""The ``ingest`` flow: discover -> fetch -> extract -> dedup -> classify -> store, per source.

One task per source for discovery and one per (host, batch of URLs) for the rest: never one task
per article, so the Prefect server stays responsive on large runs.
"""

from __future__ import annotations

from collections import Counter
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
from newsflow.pipeline import page_pool
from newsflow.pipeline.progress import notify as notify_progress
from newsflow.pipeline.report import SourceReport, pairs
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
    discovery = discover_links(
        source, db, shared_client(settings.http_config(), db), limit=limit, refresh=refresh,
        run_id=flow_run.id, default_cap=settings.max_new_urls_per_source, record=not dry_run,
    )
    if discovery.failure:  # the task ends Failed (visible in the UI); the flow goes on with the others
        raise SourceUnreachable(source.name, discovery.failure)
    return discovery


@task(name="fetch-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=transient_failure, task_run_name="{source.name} {host} #{index}")
def ingest_links(source: Source, host: str, index: int, links: list[DiscoveredLink], refresh: bool, dry_run: bool) -> SourceReport:
    settings = get_settings()
    db = open_database(settings.database_url)
    report = ingest_batch(
        source, links, db, shared_client(settings.http_config(), db),
        run_id=flow_run.id, refresh=refresh, dry_run=dry_run, archive=settings.archive_raw_pages,
        process_workers=settings.process_workers,
    )
    get_run_logger().info("%s %s #%d: %d URLs: %s", source.name, host, index, len(links), report.describe())
    return report


def _run_name() -> str:
    """e.g. ``ingest-sources-world+sports-20261128-1915``: the sources file, the chosen sources, the slot."""
    params = flow_run.parameters
    only = params.get("only")
    stem = Path(str(params.get("sources", "sources"))).stem
    name = f"ingest-{stem}" + (f"-{'+'.join(only)}" if only else "")
    scheduled = flow_run.scheduled_start_time
    name = f"{name}-{scheduled:%Y%m%d-%H%M}" if scheduled else name
    return name + ("-dry-run" if params.get("dry_run") else "")


@flow(name="ingest", flow_run_name=_run_name, version=f"extractor-{EXTRACTOR_VERSION}+{MODEL_VERSION}", task_runner=ThreadPoolTaskRunner(max_workers=_max_workers()), log_prints=False)
def ingest(sources: str, only: list[str] | None = None, limit: int | None = None, refresh: bool = False, dry_run: bool = False) -> list[dict]:
    """Ingest every configured source (or only the named ones) once; return the per-source summary."""
    logger = get_run_logger()
    page_pool.start_in_background(get_settings().process_workers)  # models load while discovery runs
    if dry_run:
        add_run_tags(DRY_RUN_TAG)
    chosen = select_sources(load_sources(sources), only)
    settings = get_settings()
    db = open_database(settings.database_url)  # migrate once, before tasks start
    reports = {source.name: SourceReport(source=source.name) for source in chosen}
    failures = TaskFailures(logger)
    health = SourceHealth(logger)
    # No task tags: Prefect 3 checks tag concurrency limits for every tagged task run (an API call
    # through a new client per distinct tag set; measured ~2 s per task on the local API). Task run
    # names carry the source instead ("discover <source>", "<source> <host> #<batch>").
    discoveries = {discover_source.submit(s, limit, refresh, dry_run): s for s in chosen}
    batches: dict = {}
    claimed = RunClaims(db, flow_run.id, lease=settings.claim_lease, shared=not dry_run)  # across runs too
    try:
        for future in as_completed(list(discoveries)):
            source = discoveries[future]
            try:
                discovery: Discovery | None = failures.result(future, reports[source.name], f"discovery of {source.name}")
            except SourceUnreachable as exc:
                health.unreachable(reports[source.name], exc)
                continue
            if discovery is None:
                continue
            links = claim_unclaimed(discovery.links, claimed)
            discovery.report.skipped_known += len(discovery.links) - len(links)
            reports[source.name].merge(discovery.report)
            logger.info("%s: %d links discovered, %d to fetch, %d already stored, %d rejected%s", source.name, discovery.report.discovered,
                        len(links), discovery.report.skipped_known, sum(discovery.report.failed.values()),
                        f" ({pairs(discovery.report.failed)})" if discovery.report.failed else "")
            for index, (host, batch) in enumerate(batches_by_host(links, settings.batch_size), start=1):
                if stop_requested():
                    break
                future = ingest_links.submit(source, host, index, batch, refresh, dry_run)
                batches[future] = (source, host, index, len(batch))
        progress = ProgressReporter()
        for done, future in enumerate(as_completed(list(batches)), start=1):
            source, host, index, size = batches[future]
            report: SourceReport | None = failures.result(future, reports[source.name], f"batch {host} #{index} of {source.name}", urls=size)
            if report is not None:
                reports[source.name].merge(report)
            health.batch_done(source.name, size, report)
            progress.update(done, len(batches))
            notify_progress("ingest", done, len(batches))
    finally:
        claimed.close()
        close_clients()
    rows = publish_run_report(list(reports.values()), dry_run=dry_run)
    if stop_requested():  # the caller (newsflow run) reports it and exits non-zero
        logger.warning("stopped on request after %d batch(es); the URLs not fetched are left for the next run", len(batches))
    failures.raise_if_any()
    return health.final_state(rows, [s.name for s in chosen])


DRY_RUN_TAG = "dry-run"
#: When some (not all) sources failed, the run ends in a Completed-type state named "Degraded" (its
#: event, ``prefect.flow-run.Degraded``, is what automations match) and gets the tag ``degraded`` (a
#: filter in the UI's run list; the server caches a run's tags for its events, so automations cannot
#: rely on a tag added while the run is going).
DEGRADED_STATE = "Degraded"
DEGRADED_TAG = "degraded"


class SourceUnreachable(RuntimeError):
    """A source's discovery document could not be fetched or parsed: its discovery task fails."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source, self.reason = source, reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class AllSourcesFailed(RuntimeError):
    """Every source of the run failed: the run ends Failed; ``rows`` is the summary it published."""

    def __init__(self, message: str, rows: list[dict] | None = None) -> None:
        super().__init__(message)
        self.rows = rows or []


class SourceHealth:
    """Which sources failed in this run: discovery failed, or every URL it attempted failed.

    All failed: the run ends Failed. Some failed: Completed-type state "Degraded", with a state
    message naming them and the ``degraded`` tag (see README, Operate).
    """

    def __init__(self, logger) -> None:
        self.logger = logger
        self.failed: dict[str, str] = {}
        self.attempted: dict[str, int] = {}
        self.failed_urls: dict[str, int] = {}
        self.reasons: dict[str, Counter] = {}

    def unreachable(self, report: SourceReport, exc: SourceUnreachable) -> None:
        status = exc.reason.split(":", 1)[0]
        report.failed[status] += 1
        report.reasons[(status, exc.reason.split(": ", 1)[-1])] += 1
        self.failed[report.source] = exc.reason
        self.logger.warning("source %s failed: %s", report.source, exc.reason)

    def batch_done(self, source: str, size: int, report: SourceReport | None) -> None:
        self.attempted[source] = self.attempted.get(source, 0) + size
        failed = size if report is None else sum(report.failed.values())
        self.failed_urls[source] = self.failed_urls.get(source, 0) + failed
        if report is not None:
            self.reasons.setdefault(source, Counter()).update(report.reasons)

    def _all_urls_failed(self) -> None:
        for source, attempted in self.attempted.items():
            if attempted and self.failed_urls.get(source, 0) >= attempted and source not in self.failed:
                why = ""
                if self.reasons.get(source):
                    (status, reason), _ = self.reasons[source].most_common(1)[0]
                    why = f"; top: {status}: {reason}"
                self.failed[source] = f"all {attempted} URLs failed{why}"

    def final_state(self, rows: list[dict], names: list[str]):
        from prefect.states import Completed

        self._all_urls_failed()
        if not self.failed:
            return rows
        listed = "; ".join(f"{name} ({self.failed[name][:160]})" for name in names if name in self.failed)
        message = f"{len(self.failed)} of {len(names)} sources failed: {listed}"
        if len(self.failed) == len(names):
            raise AllSourcesFailed(message, rows)
        add_run_tags(DEGRADED_TAG)
        self.logger.warning("run degraded: %s", message)
        return Completed(name=DEGRADED_STATE, message=message, data=rows)


def add_run_tags(*tags: str) -> None:
    """Add tags to this flow run on the server (UI filter, automations); never fails the run."""
    run_id = flow_run.id
    if not run_id:
        return
    try:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            current = client.read_flow_run(run_id).tags or []
            client.update_flow_run(run_id, tags=sorted(set(current) | set(tags)))
    except Exception as exc:  # noqa: BLE001
        get_run_logger().warning("could not tag the run %s: %s", ", ".join(tags), exc)


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
        except SourceUnreachable:
            raise
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
