"""Per-host politeness: at most N requests in flight and a minimum gap between request starts.

Two layers: :class:`HostThrottle` bounds the requests in flight per host in this process and asks a
:class:`HostPacer` for each start. The default pacer, :class:`LocalPacer`, spaces starts within this
process; another pacer (e.g. one kept in the database, ``newsflow.pipeline.pacing``) can space them
across every process and machine that shares it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, runtime_checkable


@runtime_checkable
class HostPacer(Protocol):
    """Decides when the next request to a host may start."""

    def wait_turn(self, host: str, min_delay: float) -> None:
        """Block until a request to ``host`` may start; the next one then waits ``min_delay`` more."""

    def end_turn(self, host: str, min_delay: float) -> None:
        """The request started after ``wait_turn`` is over (answered or failed)."""

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (e.g. after a Retry-After)."""


class LocalPacer:
    """Start-to-start spacing per host inside this process (thread-safe)."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next_start: dict[str, float] = {}

    def wait_turn(self, host: str, min_delay: float) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + min_delay
        if start > now:
            self._sleep(start - now)

    def end_turn(self, host: str, min_delay: float) -> None:
        """Nothing to do: inside one process starts are spaced start-to-start."""

    def defer(self, host: str, seconds: float) -> None:
        with self._lock:
            until = self._clock() + seconds
            self._next_start[host] = max(self._next_start.get(host, until), until)


class HostThrottle:
    """Thread-safe per-host concurrency limit (in this process) plus a pacer's start-to-start delay."""

    def __init__(
        self,
        concurrency: int,
        *,
        pacer: HostPacer | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if concurrency < 1:
            raise ValueError("per-host concurrency must be at least 1")
        self._concurrency = concurrency
        self.pacer: HostPacer = pacer if pacer is not None else LocalPacer(clock=clock, sleep=sleep)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        """Hold one of the host's slots, starting no sooner than ``delay`` after the previous start."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        with semaphore:
            self.pacer.wait_turn(host, delay)
            try:
                yield
            finally:
                self.pacer.end_turn(host, delay)

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (e.g. after a Retry-After)."""
        self.pacer.defer(host, seconds)
