"""The value an HTTP fetch returns: :class:`FetchResult` and its :data:`FetchStatus` (one home).

A fetch never raises per URL: its status says what happened and ``reason`` says why, in a sentence
fit for the logs and the ``fetches`` table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

FetchStatus = Literal[
    "fetched",
    "not_modified",
    "http_error",
    "not_html",
    "too_large",
    "timeout",
    "blocked",
    "robots_disallowed",
    "network_error",
    "invalid_url",
    "redirect_error",
]


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one ``fetch``; ``reason`` is a sentence for logs and the records table."""

    url: str
    final_url: str
    status: FetchStatus
    reason: str
    http_status: int | None = None
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempted_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    elapsed: float = 0.0
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "fetched"
