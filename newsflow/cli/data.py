"""Analyst and operator commands: ``export``, ``stories``, ``status``; plus what long commands share:
a progress display (a rich bar on a terminal, plain log lines otherwise) and opening an existing
database without ever creating one."""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Optional

import typer

from newsflow.cli.app import UserError, app, user_errors

#: ``newsflow status`` exit code when the last run had a source whose failure share jumped.
JUMP_EXIT_CODE = 3


# -- shared helpers ---------------------------------------------------------------------------------


def open_existing_database(url: str):
    """The database at ``url``; a SQLite file that does not exist is a one-line error, never created."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from newsflow.storage.db import open_database

    try:
        parsed = make_url(url)
    except ArgumentError:
        parsed = None  # open_database reports the bad URL in one line
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).is_file():
            raise UserError(f"no database at {path or ':memory:'} (NEWSFLOW_DATABASE_URL={url}); "
                            "`newsflow run` or `newsflow demo` creates it")
    return open_database(url)


def _database():
    from newsflow.settings import get_settings

    return open_existing_database(get_settings().database_url)


def parse_when(value: str | None, option: str) -> datetime | None:
    """A date option (``--since 2026-11-28``, ISO datetimes too) as an aware UTC datetime."""
    if value is None:
        return None
    from newsflow.core.dates import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise UserError(f"{option} {value!r} is not a date (try 2026-11-28)")
    return parsed


class ProgressDisplay:
    """Counts and ETA of long work: a rich progress bar on a terminal (stderr), else log lines to stderr
    at most every ``interval`` seconds and once at the end."""

    def __init__(self, label: str, unit: str, total: int | None = None, *, interactive: bool | None = None,
                 interval: float = 5.0) -> None:
        self.label, self.unit, self.total, self.interval = label, unit, total, interval
        self.interactive = sys.stderr.isatty() if interactive is None else interactive
        self.done = 0
        self._started = self._last_line = time.monotonic()
        self._printed: int | None = None
        self._bar = None
        self._task = None

    def __enter__(self) -> "ProgressDisplay":
        if self.interactive:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn(self.unit), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        return self

    def update(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=self.total)
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval:
            self._last_line = now
            self._line()

    def advance(self, n: int = 1) -> None:
        self.update(self.done + n)

    def _line(self) -> None:
        self._printed = self.done
        elapsed = time.monotonic() - self._started
        if self.total:
            rate = self.done / elapsed if elapsed > 0 else 0.0
            eta = f", ETA {(self.total - self.done) / rate:.0f}s" if rate and self.done < self.total else ""
            text = f"{self.label}: {self.done}/{self.total} {self.unit} ({100.0 * self.done / self.total:.0f}%), {elapsed:.1f}s{eta}"
        else:
            text = f"{self.label}: {self.done} {self.unit}, {elapsed:.1f}s"
        typer.echo(text, err=True)

    def __exit__(self, exc_type, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif exc_type is None and self._printed != self.done:
            self._line()


@contextmanager
def progress_of_flow(label: str, unit: str) -> Iterator[ProgressDisplay]:
    """Show the progress a flow run in this process reports through ``newsflow.pipeline.progress``."""
    from newsflow.pipeline.progress import listening

    with ProgressDisplay(label, unit) as display, listening(lambda _kind, done, total: display.update(done, total)):
        yield display


# -- export -----------------------------------------------------------------------------------------


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def write_jsonl(rows: Iterable[dict], out: IO[str]) -> int:
    """One JSON object per line; datetimes as ISO 8601 (UTC)."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict], out: IO[str]) -> int:
    """A header of :data:`EXPORT_COLUMNS`; lists (authors, removed) as JSON text, datetimes as ISO 8601, None empty."""
    from newsflow.storage.export import EXPORT_COLUMNS

    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    n = 0
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in EXPORT_COLUMNS])
        n += 1
    return n


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def parquet_schema():
    import pyarrow as pa

    timestamp = pa.timestamp("us", tz="UTC")
    return pa.schema([
        ("url", pa.string()), ("canonical_url", pa.string()), ("site", pa.string()), ("title", pa.string()),
        ("published_at", timestamp), ("modified_at", timestamp), ("authors", pa.list_(pa.string())),
        ("language", pa.string()), ("topic", pa.string()), ("topic_score", pa.float64()),
        ("story_id", pa.int64()), ("copies", pa.int64()), ("story_link", pa.string()), ("body", pa.string()),
        ("removed", pa.list_(pa.struct([("reason", pa.string()), ("sample", pa.string())]))),
    ])


def require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise UserError("--format parquet needs pyarrow: pip install 'newsflow[parquet]'") from None


def write_parquet(rows: Iterable[dict], out: IO[bytes], *, row_group: int = 20_000) -> int:
    """Parquet (zstd), one row group per ``row_group`` rows: memory holds one row group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= row_group:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _counted(rows: Iterable[dict], display: ProgressDisplay, every: int = 1000) -> Iterator[dict]:
    n = 0
    for row in rows:
        yield row
        n += 1
        if n % every == 0:
            display.update(n)
    display.update(n)


@app.command(epilog="Example: newsflow export --format csv --topic geopolitics --since 2026-11-01 -o geo.csv")
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet (needs the [parquet] extra).")] = ExportFormat.jsonl,
    since: Annotated[Optional[str], typer.Option(help="Published (or first seen, when undated) at or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published (or first seen) before this date (exclusive).")] = None,
    topic: Annotated[Optional[str], typer.Option(help="geopolitics, celebrity or other.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only articles of this source (its name in the sources file).")] = None,
    story: Annotated[Optional[int], typer.Option(min=1, help="Only the copies of this story id.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Output file; '-' or absent: stdout.")] = None,
) -> None:
    """Export stored articles, streamed (constant memory), with stable columns (README, "Export")."""
    from newsflow.storage.export import ExportFilter, count_export_rows, iter_export_rows

    with user_errors():
        spec = ExportFilter(since=parse_when(since, "--since"), until=parse_when(until, "--until"),
                            topic=topic, source=source, story=story)
        if format is ExportFormat.parquet:
            require_pyarrow()
        to_stdout = output in (None, "-")
        if not to_stdout and not Path(output).parent.is_dir():
            raise UserError(f"--output {output}: folder {Path(output).parent} does not exist")
        if not to_stdout and Path(output).is_dir():
            raise UserError(f"--output {output} is a folder; name a file")
        db = _database()
        with db.sessions() as session:
            total = count_export_rows(session, spec)
            with ProgressDisplay("export", "rows", total) as display:
                rows = _counted(iter_export_rows(session, spec), display)
                if format is ExportFormat.parquet:
                    if to_stdout:
                        write_parquet(rows, sys.stdout.buffer)
                    else:
                        with open(output, "wb") as out:
                            write_parquet(rows, out)
                else:
                    writer = write_jsonl if format is ExportFormat.jsonl else write_csv
                    if to_stdout:
                        try:
                            writer(rows, sys.stdout)
                            sys.stdout.flush()
                        except BrokenPipeError:  # `newsflow export | head`: the reader left; stop quietly
                            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                            raise typer.Exit(1) from None
                    else:
                        with open(output, "w", encoding="utf-8", newline="") as out:
                            writer(rows, out)


# -- stories ----------------------------------------------------------------------------------------


@app.command(epilog="Example: newsflow stories --since 2026-11-28 --topic geopolitics")
def stories(
    since: Annotated[Optional[str], typer.Option(help="Stories first seen at or after this date.")] = None,
    topic: Annotated[Optional[str], typer.Option(help="geopolitics, celebrity or other.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most N stories.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per story, with its copies.")] = False,
) -> None:
    """One line per story (newest first) and its copies: site, URL, first seen, how each was matched."""
    from newsflow.storage.queries import list_stories

    with user_errors():
        since_dt = parse_when(since, "--since")
        with _database().sessions() as session:
            views = list_stories(session, since=since_dt, topic=topic, limit=limit)
    for view in views:
        if as_json:
            typer.echo(json.dumps(view.as_dict(), ensure_ascii=False))
            continue
        typer.echo(f"story {view.story_id}  {view.first_seen_at:%Y-%m-%d %H:%M}  {view.topic or '-':<11} "
                   f"{len(view.copies)} {'copy' if len(view.copies) == 1 else 'copies'}  {view.title[:90]}")
        for copy in view.copies:
            how = copy.story_link if copy.story_link == "first" else f"{copy.story_link} {copy.similarity:.2f} of #{copy.matched_article_id}"
            typer.echo(f"    {copy.first_seen_at:%Y-%m-%d %H:%M}  {copy.site:<24} {how:<28} {copy.url}")


# -- status -----------------------------------------------------------------------------------------


@app.command(epilog="Example: newsflow status --runs 3   (exit 3: the last run's failure share jumped)")
def status(
    runs: Annotated[int, typer.Option(min=1, help="How many recent runs to show.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """The last runs from the database (and Prefect, when PREFECT_API_URL is set): per source attempted,
    new, duplicates and failures, failure reasons and the worst hosts.

    Exits 3 when a source of the last run failed on more than half its URLs and at least twice its
    median failure share over its previous 5 runs.
    """
    with user_errors():
        db = _database()
        with db.sessions() as session:
            report = _status_report(session, runs)
        report["prefect"] = _prefect_runs()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, default=_json_default))
    else:
        typer.echo(_format_status(report))
    if report["jumps"]:
        raise typer.Exit(JUMP_EXIT_CODE)


def _status_report(session, runs: int) -> dict:
    from newsflow.storage.queries import (
        failure_reasons, is_failure_jump, previous_failure_shares, recent_runs, run_source_counts, worst_hosts,
    )

    report: dict = {"runs": [], "jumps": []}
    for index, run in enumerate(recent_runs(session, runs)):
        counts = run_source_counts(session, run.run_id)
        sources = []
        for c in counts.values():
            entry = {"source": c.source, "attempted": c.attempted, "new": c.new, "fetched": c.fetched,
                     "duplicates": c.duplicates, "failures": c.failures, "failure_share": round(c.failure_share, 3),
                     "statuses": c.statuses}
            if index == 0:
                previous = previous_failure_shares(session, c.source, run)
                entry["previous_failure_shares"] = [round(s, 3) for s in previous]
                if is_failure_jump(c.failure_share, previous):
                    report["jumps"].append({"source": c.source, "failure_share": round(c.failure_share, 3),
                                            "previous_failure_shares": entry["previous_failure_shares"]})
            sources.append(entry)
        report["runs"].append({
            "run_id": run.run_id, "started_at": run.started_at, "finished_at": run.finished_at, "attempts": run.attempts,
            "sources": sources,
            "failure_reasons": [{"status": s, "reason": r, "count": n} for s, r, n in failure_reasons(session, run.run_id)],
            "worst_hosts": [vars(h) for h in worst_hosts(session, run.run_id)],
        })
    return report


def _prefect_runs() -> dict | None:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        return None
    try:
        from newsflow.flows.history import recent_flow_runs

        return {"api_url": url, "flow_runs": [r.as_dict() for r in recent_flow_runs()]}
    except Exception as exc:  # noqa: BLE001 - the database report stands on its own
        return {"api_url": url, "error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}


def _format_status(report: dict) -> str:
    lines: list[str] = []
    if not report["runs"]:
        lines.append("no runs recorded yet (the fetches table is empty)")
    for run in report["runs"]:
        lines.append(f"run {run['run_id']}  {run['started_at']:%Y-%m-%d %H:%M:%S} -> {run['finished_at']:%H:%M:%S}  {run['attempts']} URLs attempted")
        lines.append(f"  {'source':<24} {'attempted':>9} {'new':>6} {'fetched':>7} {'duplicates':>10} {'failures':>8}  share")
        for s in run["sources"]:
            lines.append(f"  {s['source']:<24} {s['attempted']:>9} {s['new']:>6} {s['fetched']:>7} {s['duplicates']:>10} {s['failures']:>8}  {s['failure_share']:.0%}")
        if run["failure_reasons"]:
            lines.append("  failure reasons:")
            lines += [f"    {r['count']:>5}  {r['status']}: {r['reason'][:100]}" for r in run["failure_reasons"]]
        if run["worst_hosts"]:
            lines.append("  worst hosts (by timeouts, then failures; fetches record no durations):")
            lines += [f"    {h['host']:<30} {h['timeouts']} timeouts, {h['failures']} failures of {h['attempts']}" for h in run["worst_hosts"]]
        lines.append("")
    prefect = report.get("prefect")
    if prefect is not None:
        if "error" in prefect:
            lines.append(f"prefect ({prefect['api_url']}): cannot read flow runs: {prefect['error']}")
        else:
            lines.append(f"prefect flow runs ({prefect['api_url']}):")
            lines += [f"  {r['start_time'] or '-':<32} {r['flow']:<12} {r['state']:<10} {r['name']}" for r in prefect["flow_runs"]]
    for jump in report["jumps"]:
        previous = ", ".join(f"{s:.0%}" for s in jump["previous_failure_shares"])
        lines.append(f"JUMP: {jump['source']} failed on {jump['failure_share']:.0%} of its URLs in the last run (previous runs: {previous})")
    return "\n".join(lines).rstrip()
