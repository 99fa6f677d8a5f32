"""Conditional GET: where the client keeps ETag / Last-Modified between runs.

The client stays storage-agnostic: it talks to any ``ValidatorStore`` (the flows pass one backed by
the database; tests may pass ``MemoryValidators``).
"""

from __future__ import annotations

import threading
from typing import Protocol


class ValidatorStore(Protocol):
    def get(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) last seen for ``url``."""

    def save(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of a fresh response."""


class MemoryValidators:
    """A process-local ValidatorStore."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[str | None, str | None]] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            return self._data.get(url, (None, None))

    def save(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self._data[url] = (etag, last_modified)
