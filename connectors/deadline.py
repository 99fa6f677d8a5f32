"""A per-request wall-clock deadline, read by the network layer on every socket operation."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("newsflow_http_deadline", default=None)


class DeadlineExceeded(Exception):
    """The request's total time budget is spent."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Within the block, socket operations must finish ``seconds`` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining(timeout: float | None) -> float | None:
    """``timeout`` shortened to the time left; raise DeadlineExceeded when none is left."""
    end = _deadline.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise DeadlineExceeded("total time budget exceeded")
    return left if timeout is None else min(timeout, left)


def expired() -> bool:
    """True when a deadline is set and has passed."""
    end = _deadline.get()
    return end is not None and time.monotonic() >= end
