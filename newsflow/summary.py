"""The run summary: one row per source, printed by the CLI and published as the ``ingest-summary`` artifact."""

from __future__ import annotations

from collections.abc import Iterable

from newsflow.steps import SourceReport

SUMMARY_COLUMNS = (
    "source", "discovered", "new", "updated", "duplicates", "not_modified", "failed", "topics", "seconds",
)


def summary_rows(reports: Iterable[SourceReport]) -> list[dict]:
    """Flatten reports into table rows (failures and topics as 'status: n' strings)."""
    rows = []
    for r in reports:
        rows.append({
            "source": r.source,
            "discovered": r.discovered,
            "new": r.new_stories,
            "updated": r.updated,
            "duplicates": _pairs({"known_url": r.skipped_known, "unchanged": r.unchanged, "exact_copy": r.exact_copies, "near_copy": r.near_copies}),
            "not_modified": r.not_modified,
            "failed": _pairs(r.failed),
            "topics": _pairs(r.topics),
            "seconds": round(r.seconds, 2),
        })
    return rows


def _pairs(counts) -> str:
    return ", ".join(f"{key}: {value}" for key, value in sorted(dict(counts).items()) if value) or "-"


def format_table(rows: list[dict]) -> str:
    """A plain-text table for the terminal."""
    if not rows:
        return "(no sources)"
    widths = {c: max(len(c), *(len(str(row[c])) for row in rows)) for c in SUMMARY_COLUMNS}
    lines = ["  ".join(c.ljust(widths[c]) for c in SUMMARY_COLUMNS)]
    lines.append("  ".join("-" * widths[c] for c in SUMMARY_COLUMNS))
    lines += ["  ".join(str(row[c]).ljust(widths[c]) for c in SUMMARY_COLUMNS) for row in rows]
    return "\n".join(lines)
