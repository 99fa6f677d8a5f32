"""The single-machine path: serve the deployments of ``deploy/prefect.yaml`` from this process.

``newsflow serve`` registers the same deployments as
``prefect deploy --prefect-file deploy/prefect.yaml --all`` (names, parameters, tags, schedules,
concurrency limits) but runs their flow runs itself, in subprocesses, instead of through a work pool
and a worker. Stopping it leaves the schedules active (``pause_on_shutdown=False``), so a restart or
a worker picks up where it left off.
"""

from __future__ import annotations

import copy
import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from prefect import serve as prefect_serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron, Interval, RRule

from newsflow.deploy import PREFECT_FILE


def deployment_specs(path: Path = PREFECT_FILE) -> list[dict[str, Any]]:
    """The ``deployments`` of a prefect.yaml (YAML anchors resolved)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return [copy.deepcopy(spec) for spec in data.get("deployments") or []]


def heartbeat_env(path: Path = PREFECT_FILE) -> dict[str, str]:
    """The heartbeat setting the file gives its flow runs (``definitions.work_pool.job_variables.env``)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    env = (((data.get("definitions") or {}).get("work_pool") or {}).get("job_variables") or {}).get("env") or {}
    return {key: str(value) for key, value in env.items() if key == "PREFECT_FLOWS_HEARTBEAT_FREQUENCY"}


def load_flow(entrypoint: str):
    """``flows/ingest.py:ingest`` -> the flow object, imported from the installed ``newsflow.flows``.

    The file's entrypoints are paths relative to a checkout (what ``prefect deploy`` needs); the
    folders are subpackages of ``newsflow``, so the same entrypoint names a module of the package.
    """
    path, _, attribute = entrypoint.partition(":")
    module = importlib.import_module("newsflow." + path.removesuffix(".py").replace("/", "."))
    return getattr(module, attribute)


def _schedules(spec: dict[str, Any], interval_minutes: float | None, cron: str | None) -> list:
    raw = list(spec.get("schedules") or [])
    if raw and (interval_minutes or cron):  # override the file's schedule (first one)
        raw = [{"interval": interval_minutes * 60} if interval_minutes else {"cron": cron}]
    schedules = []
    for item in raw:
        common = {"timezone": item.get("timezone"), "active": item.get("active", True) is not False}
        if item.get("interval") is not None:
            schedules.append(Interval(float(item["interval"]), **common))
        elif item.get("cron"):
            schedules.append(Cron(item["cron"], **common))
        elif item.get("rrule"):
            schedules.append(RRule(item["rrule"], **common))
    return schedules


def _concurrency(spec: dict[str, Any]) -> ConcurrencyLimitConfig | int | None:
    raw = spec.get("concurrency_limit")
    if isinstance(raw, dict) and raw.get("limit"):
        return ConcurrencyLimitConfig(
            limit=int(raw["limit"]),
            collision_strategy=ConcurrencyLimitStrategy(raw.get("collision_strategy") or "ENQUEUE"),
        )
    return raw if isinstance(raw, int) else None


def build_deployments(
    path: Path = PREFECT_FILE,
    *,
    sources: str | None = None,
    names: Sequence[str] | None = None,
    interval_minutes: float | None = None,
    cron: str | None = None,
) -> list:
    """RunnerDeployments equivalent to the file's deployments, for ``prefect.serve``.

    sources: the sources file for the ingest deployments (absolute path recommended);
    names: only these deployment names; interval_minutes / cron: replace the schedule of
    scheduled deployments.
    """
    deployments = []
    for spec in deployment_specs(path):
        if names and spec["name"] not in names:
            continue
        flow_object = load_flow(spec["entrypoint"])
        parameters = dict(spec.get("parameters") or {})
        if sources and "sources" in parameters:
            parameters["sources"] = str(sources)
        deployments.append(
            flow_object.to_deployment(
                name=spec["name"],
                description=spec.get("description"),
                tags=list(spec.get("tags") or []),
                parameters=parameters,
                schedules=_schedules(spec, interval_minutes, cron),
                concurrency_limit=_concurrency(spec),
            )
        )
    return deployments


def serve(
    *,
    sources: str | None = None,
    names: Sequence[str] | None = None,
    interval_minutes: float | None = None,
    cron: str | None = None,
    limit: int | None = None,
    path: Path = PREFECT_FILE,
) -> None:
    """Serve the deployments until interrupted; schedules stay active afterwards.

    Runs in the current folder: the sources file (default ``sources.toml`` here) is made absolute,
    so flow runs find it whatever folder they start in.
    """
    sources = str(Path(sources or "sources.toml").resolve())
    # Served flow runs (subprocesses) beat like worker-run ones, as automations/zombie-runs.yaml expects.
    os.environ.update(heartbeat_env(path))
    deployments = build_deployments(path, sources=sources, names=names, interval_minutes=interval_minutes, cron=cron)
    if not deployments:
        raise ValueError(f"no deployment named {', '.join(names or [])} in {path}")
    prefect_serve(*deployments, pause_on_shutdown=False, limit=limit)


if __name__ == "__main__":  # pragma: no cover
    serve()
