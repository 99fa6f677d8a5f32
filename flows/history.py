"""Recent flow runs from the Prefect API, for ``newsflow status`` (only flows/ may import prefect)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FlowRunInfo:
    flow: str
    name: str
    state: str
    start_time: datetime | None
    end_time: datetime | None

    def as_dict(self) -> dict:
        return {"flow": self.flow, "name": self.name, "state": self.state,
                "start_time": self.start_time.isoformat() if self.start_time else None,
                "end_time": self.end_time.isoformat() if self.end_time else None}


def recent_flow_runs(limit: int = 10) -> list[FlowRunInfo]:
    """The ``limit`` most recently started flow runs on the server PREFECT_API_URL names, newest first."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=limit)
        names: dict = {}
        for run in runs:
            if run.flow_id not in names:
                names[run.flow_id] = client.read_flow(run.flow_id).name
    return [
        FlowRunInfo(names[run.flow_id], run.name, run.state.name if run.state else "unknown",
                    run.start_time, run.end_time)
        for run in runs
    ]
