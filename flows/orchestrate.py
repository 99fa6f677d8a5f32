"""Scale-out: the ``orchestrate`` flow shards the sources and runs one ``ingest`` deployment run per shard.

Shards run on whichever workers poll the pool (several machines: one worker each). Sources on the same
host always land in the same shard, so one process keeps that host's politeness limits. Overlapping
sources are harmless: the database's URL and content-hash uniqueness and advisory locks guarantee
that no article or story is stored twice.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.runtime import flow_run

from newsflow.connectors.sources import Source, load_sources

#: The ingest deployment made for shards (no schedule; several may run at once), see deploy/prefect.yaml.
SHARD_DEPLOYMENT = "ingest/shard"


def shard_sources(sources: Sequence[Source], shards: int) -> list[list[str]]:
    """Split source names into at most ``shards`` groups of similar size, keeping each host's sources together."""
    if shards < 1:
        raise ValueError("shards must be at least 1")
    by_host: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        by_host[urlsplit(source.url).netloc.lower()].append(source.name)
    groups: list[list[str]] = [[] for _ in range(min(shards, len(by_host)) or 1)]
    # Largest host groups first, each into the currently smallest shard (stable for equal sizes).
    for host in sorted(by_host, key=lambda h: (-len(by_host[h]), h)):
        smallest = min(range(len(groups)), key=lambda i: (len(groups[i]), i))
        groups[smallest].extend(by_host[host])
    return [sorted(group) for group in groups if group]


def _run_name() -> str:
    params = flow_run.parameters
    return f"orchestrate-{params.get('shards', 2)}-shards"


@flow(name="orchestrate", flow_run_name=_run_name)
def orchestrate(
    sources: str,
    shards: int = 2,
    only: list[str] | None = None,
    limit: int | None = None,
    refresh: bool = False,
    dry_run: bool = False,
    deployment: str = SHARD_DEPLOYMENT,
    wait: bool = True,
    timeout_minutes: float = 120,
) -> list[dict]:
    """Run ingest for the sources in ``shards`` parallel deployment runs; fail if a shard did not complete."""
    from newsflow.flows.ingest import DEGRADED_STATE, select_sources

    logger = get_run_logger()
    groups = shard_sources(select_sources(load_sources(sources), only), shards)
    runs = []
    for index, names in enumerate(groups, start=1):
        run = run_deployment(
            name=deployment,
            parameters={"sources": sources, "only": names, "limit": limit, "refresh": refresh, "dry_run": dry_run},
            timeout=0,  # submit all shards first, then wait below
            tags=[f"shard:{index}/{len(groups)}"],
            flow_run_name=f"ingest-shard-{index}-of-{len(groups)}",
        )
        logger.info("shard %d/%d: %d sources -> flow run %s", index, len(groups), len(names), run.id)
        runs.append((index, names, run))
    rows = [{"shard": i, "sources": ", ".join(names), "flow_run": run.name, "flow_run_id": str(run.id),
             "state": run.state.name if run.state else "Scheduled"} for i, names, run in runs]
    if wait:
        rows = _wait(rows, timeout_minutes * 60)
    create_table_artifact(table=rows, key="orchestrate-shards", description="The ingest runs of this orchestration, one per shard.")
    failed = [row for row in rows if wait and row["state"] not in ("Completed", DEGRADED_STATE)]
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(rows)} shards did not complete: "
                           + ", ".join(f"{row['flow_run']} ({row['state']})" for row in failed))
    degraded = [row for row in rows if row["state"] == DEGRADED_STATE]
    if degraded:  # completed, but some sources failed in these shards: the orchestration is Degraded too
        from prefect.states import Completed

        return Completed(name=DEGRADED_STATE, data=rows, message=f"{len(degraded)} of {len(rows)} shards degraded: "
                         + ", ".join(f"{row['flow_run']} ({row['sources']})" for row in degraded))
    return rows


def _wait(rows: list[dict], timeout: float, poll: float = 5.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    pending = {row["flow_run_id"]: row for row in rows}
    with get_client(sync_client=True) as client:
        while pending and time.monotonic() < deadline:
            for run_id, row in list(pending.items()):
                state = client.read_flow_run(run_id).state
                if state is not None:
                    row["state"] = state.name
                    if state.is_final():
                        del pending[run_id]
            if pending:
                time.sleep(poll)
    for row in pending.values():
        row["state"] = f"{row['state']} (still running after {timeout / 60:.0f} min)"
    return rows
