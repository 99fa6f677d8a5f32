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
    #: (status, reason) of every failure, counted: the log lines' and summary's "top reason".
    reasons: Counter = field(default_factory=Counter)

    _COUNTS = ("discovered", "skipped_known", "new_stories", "exact_copies", "near_copies", "canonical_copies", "updated", "unchanged", "not_modified", "seconds")

    def merge(self, other: "SourceReport") -> None:
        for name in self._COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed.update(other.failed)
        self.topics.update(other.topics)
        self.cpu_seconds.update(other.cpu_seconds)
        self.reasons.update(other.reasons)

    @property
    def stored(self) -> int:
        """Records written: new articles (new stories and copies) and updated ones."""
        return self.new_stories + self.exact_copies + self.near_copies + self.canonical_copies + self.updated

    def describe(self) -> str:
        """One log line: what was stored, skipped and failed, with the top failure reason."""
        new = self.new_stories + self.exact_copies + self.near_copies + self.canonical_copies
        failed = sum(self.failed.values())
        line = (f"stored {self.stored} (new {new}: {self.new_stories} new stories, {new - self.new_stories} copies; "
                f"updated {self.updated}), skipped {self.unchanged + self.not_modified + self.skipped_known} "
                f"(unchanged {self.unchanged}, not modified {self.not_modified}, known {self.skipped_known}), failed {failed}")
        if failed:
            line += f" ({pairs(self.failed)})"
        if self.reasons:
            (status, reason), count = self.reasons.most_common(1)[0]
            line += f"; top reason: {status} x{count}: {reason}"
        return line


SUMMARY_COLUMNS = (
    "source", "discovered", "new", "new_stories", "copies", "updated", "duplicates", "not_modified", "failed", "topics", "seconds",
)


#: What each summary column counts (``newsflow run --help`` and the README say the same).
COLUMN_HELP = {
    "discovered": "article URLs the source listed",
    "new": "records stored in this run, copies included (every copy on another site is a record of its own)",
    "new_stories": "of those, the records that started a new story",
    "copies": "of those, the records that joined an existing story, by why (exact_text, near_copy, canonical)",
    "updated": "stored records whose page changed",
    "duplicates": "URLs not stored again: known_url (stored before, not fetched) and unchanged (fetched, same page)",
    "not_modified": "URLs the server answered 304 Not Modified",
    "failed": "URLs (and discovery documents) that failed, by status; `newsflow failures` says why",
    "topics": "topic labels of the processed pages",
}


def summary_rows(reports: Iterable[SourceReport]) -> list[dict]:
    """Flatten reports into table rows (failures and topics as 'status: n' strings); see COLUMN_HELP."""
    rows = []
    for r in reports:
        rows.append({
            "source": r.source,
            "discovered": r.discovered,
            "new": r.new_stories + r.exact_copies + r.near_copies + r.canonical_copies,
            "new_stories": r.new_stories,
            "copies": pairs({"exact_text": r.exact_copies, "near_copy": r.near_copies, "canonical": r.canonical_copies}),
            "updated": r.updated,
            "duplicates": pairs({"known_url": r.skipped_known, "unchanged": r.unchanged}),
            "not_modified": r.not_modified,
            "failed": pairs(r.failed),
            "topics": pairs(r.topics),
            "seconds": round(r.seconds, 2),
            "cpu_seconds": {stage: round(value, 4) for stage, value in sorted(r.cpu_seconds.items())},
        })
    return rows


def pairs(counts) -> str:
    """The non-zero counts as 'status: n, status: n', sorted by key; '-' when there are none."""
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


@dataclass(frozen=True)
class FailureReason:
    """One line of the run's top failure reasons: how many URLs, their status, a reason, an example."""

    count: int
    status: str
    http_status: int | None
    reason: str
    example_url: str

    def describe(self) -> str:
        http = f" (HTTP {self.http_status})" if self.http_status else ""
        return f"{self.count:>5}  {self.status}{http}: {self.reason[:120]}  e.g. {self.example_url or '-'}"


def top_failure_reasons(fetches: Iterable, n: int = 5) -> list[FailureReason]:
    """The most frequent failures among ``fetches`` rows (objects with status, http_status, reason,
    url), grouped by status and HTTP status, with the most common reason and one example URL each."""
    groups: dict[tuple[str, int | None], list] = {}
    for row in fetches:
        if row.status not in NOT_FAILURES and row.status != "skipped":
            groups.setdefault((row.status, row.http_status), []).append(row)
    reasons = []
    for (status, http_status), rows in groups.items():
        reason, _ = Counter(row.reason or "" for row in rows).most_common(1)[0]
        example = next((row.url for row in rows if row.url), "")
        reasons.append(FailureReason(len(rows), status, http_status, reason, example))
    return sorted(reasons, key=lambda r: (-r.count, r.status))[:n]
