"""Source health: this run's failures per source, compared with the source's recent history in ``fetches``.

``failure_digest`` renders the run's notable failures as markdown (the ``ingest-failures`` artifact).
``rate_jumps`` finds sources whose failure rate or empty-body (``parse_error``) rate jumped compared
to their previous runs; ``emit_rate_jump_events`` sends one Prefect event per jump, which the
automation in ``deploy/automations/source-health.yaml`` turns into a notification: a site that
changed its layout (parse errors) or started blocking us (http errors, robots, timeouts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsflow.pipeline.report import NOT_FAILURES
from newsflow.storage.models import Fetch

#: Event names (automations match on them).
FAILURE_RATE_EVENT = "newsflow.source.failure-rate.jumped"
PARSE_ERROR_RATE_EVENT = "newsflow.source.parse-error-rate.jumped"


@dataclass(frozen=True)
class RateThresholds:
    """When a rate counts as a jump: enough attempts now and before, and clearly above the baseline."""

    min_attempts: int = 5           # attempts of the source in this run
    min_history_attempts: int = 10  # attempts in the previous runs compared against
    history_runs: int = 5           # how many previous runs of the source form the baseline
    min_increase: float = 0.25      # absolute increase of the rate (0.25 = 25 percentage points)
    min_ratio: float = 2.0          # and at least this multiple of the baseline
    history_days: float = 14        # only runs this recent count (keeps the query on a bounded slice)


@dataclass(frozen=True)
class RateJump:
    source: str
    kind: str  # "failure" or "parse_error"
    rate: float
    baseline: float
    attempts: int
    history_attempts: int
    history_runs: int
    statuses: dict[str, int]

    @property
    def event(self) -> str:
        return FAILURE_RATE_EVENT if self.kind == "failure" else PARSE_ERROR_RATE_EVENT

    def describe(self) -> str:
        what = "failure rate" if self.kind == "failure" else "empty-body (parse_error) rate"
        return (f"{self.source}: {what} {self.rate:.0%} in this run ({self.attempts} attempts) vs "
                f"{self.baseline:.0%} over its previous {self.history_runs} runs ({self.history_attempts} attempts)")


@dataclass
class _Counts:
    attempts: int = 0
    failures: int = 0
    parse_errors: int = 0
    statuses: Counter = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.statuses = Counter()

    def add(self, status: str, n: int = 1) -> None:
        self.attempts += n
        self.statuses[status] += n
        if status not in NOT_FAILURES:
            self.failures += n
        if status == "parse_error":
            self.parse_errors += n

    def rate(self, kind: str) -> float:
        if not self.attempts:
            return 0.0
        return (self.failures if kind == "failure" else self.parse_errors) / self.attempts


def _counts_for_run(session: Session, run_id: str) -> dict[str, _Counts]:
    counts: dict[str, _Counts] = defaultdict(_Counts)
    for source, status, n in session.execute(
        select(Fetch.source, Fetch.status, func.count()).where(Fetch.run_id == run_id).group_by(Fetch.source, Fetch.status)
    ):
        counts[source].add(status, n)
    return counts


def _history(session: Session, source: str, run_id: str, runs: int, since: datetime) -> tuple[_Counts, int]:
    """The source's counts over its ``runs`` most recent previous runs since ``since`` (by last attempt)."""
    previous = list(session.scalars(
        select(Fetch.run_id)
        .where(Fetch.source == source, Fetch.attempted_at >= since, Fetch.run_id.is_not(None), Fetch.run_id != run_id)
        .group_by(Fetch.run_id)
        .order_by(func.max(Fetch.attempted_at).desc())
        .limit(runs)
    ))
    counts = _Counts()
    if previous:
        for status, n in session.execute(
            select(Fetch.status, func.count()).where(Fetch.source == source, Fetch.run_id.in_(previous)).group_by(Fetch.status)
        ):
            counts.add(status, n)
    return counts, len(previous)


def rate_jumps(session: Session, run_id: str, thresholds: RateThresholds = RateThresholds()) -> list[RateJump]:
    """Sources whose failure or parse_error rate in run ``run_id`` jumped above their recent baseline."""
    jumps = []
    started = session.scalar(select(func.min(Fetch.attempted_at)).where(Fetch.run_id == run_id))
    if started is None:
        return jumps
    since = started - timedelta(days=thresholds.history_days)
    for source, now in sorted(_counts_for_run(session, run_id).items()):
        if now.attempts < thresholds.min_attempts:
            continue
        before, runs = _history(session, source, run_id, thresholds.history_runs, since)
        if before.attempts < thresholds.min_history_attempts:
            continue  # no baseline yet (a new source): nothing to compare with
        for kind in ("failure", "parse_error"):
            rate, baseline = now.rate(kind), before.rate(kind)
            if rate - baseline >= thresholds.min_increase and rate >= thresholds.min_ratio * baseline:
                jumps.append(RateJump(source, kind, round(rate, 4), round(baseline, 4), now.attempts, before.attempts,
                                      runs, dict(now.statuses)))
    return jumps


def emit_rate_jump_events(jumps: Sequence[RateJump], run_id: str | None) -> int:
    """One Prefect event per jump, about resource ``newsflow.source.<name>``, related to the flow run."""
    from prefect.events import emit_event

    related = [{"prefect.resource.id": f"prefect.flow-run.{run_id}", "prefect.resource.role": "flow-run"}] if run_id else []
    sent = 0
    for jump in jumps:
        event = emit_event(
            event=jump.event,
            resource={"prefect.resource.id": f"newsflow.source.{jump.source}", "prefect.resource.name": jump.source,
                      "newsflow.source": jump.source},
            related=related,
            payload={**asdict(jump), "message": jump.describe()},
        )
        sent += event is not None
    return sent


def failure_digest(rows: Sequence[Fetch], *, jumps: Sequence[RateJump] = (), max_examples: int = 10) -> str:
    """Markdown: failures of this run per source and status, with example URLs and reasons."""
    failures = [row for row in rows if row.status not in NOT_FAILURES]
    attempts = Counter(row.source for row in rows)
    lines = [f"# Notable failures: {len(failures)} of {len(rows)} attempted URLs", ""]
    if jumps:
        lines += ["## Sources that got worse", ""] + [f"- **{jump.describe()}**" for jump in jumps] + [""]
    if not failures:
        lines.append("No URL failed in this run." if rows else "No URL was attempted in this run.")
        return "\n".join(lines)
    by_source: dict[str, list[Fetch]] = defaultdict(list)
    for row in failures:
        by_source[row.source].append(row)
    for source in sorted(by_source, key=lambda s: (-len(by_source[s]), s)):
        items = by_source[source]
        statuses = Counter(row.status for row in items)
        summary = ", ".join(f"{status}: {n}" for status, n in statuses.most_common())
        lines += [f"## {source}: {len(items)} of {attempts[source]} failed ({summary})", "",
                  "| status | http | url | reason |", "|---|---|---|---|"]
        # A few examples of every status, most frequent status first.
        per_status = max(1, max_examples // max(1, len(statuses)))
        shown = 0
        for status, _ in statuses.most_common():
            for row in [r for r in items if r.status == status][:per_status]:
                lines.append(f"| {status} | {row.http_status or '-'} | {_cell(row.url)} | {_cell(row.reason, 200)} |")
                shown += 1
        if shown < len(items):
            lines.append(f"| ... | | {len(items) - shown} more | |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str | None, limit: int = 300) -> str:
    text = (text or "").replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prefect_api_url() -> str | None:
    """The Prefect server this process talks to (PREFECT_API_URL), or None (ephemeral local API)."""
    from prefect.settings import PREFECT_API_URL

    from newsflow.flows.local_api import is_local_api

    url = PREFECT_API_URL.value() or None
    return None if is_local_api(url) else url


def flow_run_ui_url(run_id: str | None) -> str | None:
    """The flow run's page in the Prefect UI, when a server is set (PREFECT_API_URL)."""
    from prefect.settings import PREFECT_UI_URL

    if not run_id or not prefect_api_url():
        return None
    ui = PREFECT_UI_URL.value()
    return f"{ui.rstrip('/')}/runs/flow-run/{run_id}" if ui else None
