"""The run report: what each source did (:class:`SourceReport`) and its summary table, printed by the
CLI and published as the ``ingest-summary`` artifact."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Fetch statuses that are not failures.
NOT_FAILURES = frozenset({"fetched", "duplicate", "not_modified"})


@dataclass
class SourceReport:
    """What one source's discovery and batches did; summed into the run summary."""

    source: str
    discovered: int = 0
    skipped_known: int = 0
    new_stories: int = 0
    exact_copies: int = 0
    near_copies: int = 0
    canonical_copies: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: int = 0
    failed: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    #: Thread CPU seconds by stage (fetch, extract, dedup, classify, store).
    cpu_seconds: Counter = field(default_factory=Counter)

    _COUNTS = ("discovered", "skipped_known", "new_stories", "exact_copies", "near_copies", "canonical_copies", "updated", "unchanged", "not_modified", "seconds")

    def merge(self, other: "SourceReport") -> None:
        for name in self._COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed.update(other.failed)
        self.topics.update(other.topics)
        self.cpu_seconds.update(other.cpu_seconds)


SUMMARY_COLUMNS = (
    "source", "discovered", "new", "new_stories", "copies", "updated", "duplicates", "not_modified", "failed", "topics", "seconds",
)


def summary_rows(reports: Iterable[SourceReport]) -> list[dict]:
    """Flatten reports into table rows (failures and topics as 'status: n' strings).

    new: articles stored (every copy on another site is a record of its own); new_stories: those
    that started a story; copies: those that joined one, by why; duplicates: URLs already stored.
    """
    rows = []
    for r in reports:
        rows.append({
            "source": r.source,
            "discovered": r.discovered,
            "new": r.new_stories + r.exact_copies + r.near_copies + r.canonical_copies,
            "new_stories": r.new_stories,
            "copies": _pairs({"exact_text": r.exact_copies, "near_copy": r.near_copies, "canonical": r.canonical_copies}),
            "updated": r.updated,
            "duplicates": _pairs({"known_url": r.skipped_known, "unchanged": r.unchanged}),
            "not_modified": r.not_modified,
            "failed": _pairs(r.failed),
            "topics": _pairs(r.topics),
            "seconds": round(r.seconds, 2),
            "cpu_seconds": {stage: round(value, 4) for stage, value in sorted(r.cpu_seconds.items())},
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
