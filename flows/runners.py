"""Task runner choice for CPU-heavy flows: threads (default) or Dask, picked by a setting or parameter.

``NEWSFLOW_TASK_RUNNER=dask`` (optionally ``NEWSFLOW_DASK_ADDRESS=tcp://scheduler:8786``; without it a
local cluster of ``NEWSFLOW_DASK_WORKERS`` processes is started per flow run) selects
``prefect_dask.DaskTaskRunner``; prefect-dask is imported only then (``pip install -e '.[dask]'``).
"""

from __future__ import annotations

import os

from prefect.task_runners import ThreadPoolTaskRunner

TASK_RUNNERS = ("threads", "dask")


class TaskRunnerError(ValueError):
    """The configured task runner cannot be used; the message says what to install or set."""


def _setting(name: str, default: str | None = None) -> str | None:
    """A ``NEWSFLOW_*`` setting (``default`` when unset or when the settings are invalid)."""
    try:
        from newsflow.settings import get_settings

        value = getattr(get_settings(), name)
    except Exception:  # noqa: BLE001 - bad settings are reported when the flow runs, not at import
        return default
    return default if value in (None, "") else str(value)


def task_runner_kind(kind: str | None = None) -> str:
    # Invalid settings (e.g. NEWSFLOW_TASK_RUNNER=ray, refused by Settings) still name the wrong value here.
    chosen = (kind or _setting("task_runner") or os.environ.get("NEWSFLOW_TASK_RUNNER") or "threads").strip().lower()
    if chosen not in TASK_RUNNERS:
        raise TaskRunnerError(f"task runner {chosen!r} is not one of {', '.join(TASK_RUNNERS)} (NEWSFLOW_TASK_RUNNER)")
    return chosen


def make_task_runner(kind: str | None = None, *, max_workers: int | None = None):
    """A fresh task runner of the chosen kind (Prefect duplicates it per flow run)."""
    chosen = task_runner_kind(kind)
    if chosen == "threads":
        return ThreadPoolTaskRunner(max_workers=max_workers or int(_setting("max_workers", "8") or 8))
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise TaskRunnerError("NEWSFLOW_TASK_RUNNER=dask needs prefect-dask: pip install -e '.[dask]'") from None
    address = _setting("dask_address")
    if address:
        return DaskTaskRunner(address=address)
    workers = int(_setting("dask_workers", str(os.cpu_count() or 2)) or 2)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
