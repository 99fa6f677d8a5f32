"""Per-host circuit breaker: after N consecutive failures a host is skipped for a cool-down."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _HostState:
    failures: int = 0
    open_until: float | None = None
    probing: bool = False


class CircuitBreaker:
    """Closed → open after ``threshold`` consecutive failures → one probe after ``cooldown`` (half-open)."""

    def __init__(self, threshold: int, cooldown: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._threshold, self._cooldown, self._clock = threshold, cooldown, clock
        self._lock = threading.Lock()
        self._hosts: dict[str, _HostState] = {}

    def refusal(self, host: str) -> str | None:
        """None when a request may go to ``host``; otherwise the reason it may not."""
        with self._lock:
            state = self._hosts.get(host)
            if state is None or state.open_until is None:
                return None
            left = state.open_until - self._clock()
            if left <= 0 and not state.probing:
                state.probing = True  # half-open: this caller is the probe
                return None
            wait = f"next try in {max(left, 0):.0f} s" if left > 0 else "a probe request is in flight"
            return f"circuit open for {host} after {state.failures} consecutive failures ({wait})"

    def record(self, host: str, *, failed: bool) -> None:
        """Count the outcome of one fetch to ``host``."""
        with self._lock:
            if not failed:
                self._hosts.pop(host, None)
                return
            state = self._hosts.setdefault(host, _HostState())
            state.probing = False
            state.failures += 1
            if state.failures >= self._threshold:
                state.open_until = self._clock() + self._cooldown

    def release(self, host: str) -> None:
        """End a half-open probe that made no request (e.g. refused by robots.txt)."""
        with self._lock:
            state = self._hosts.get(host)
            if state is not None:
                state.probing = False
