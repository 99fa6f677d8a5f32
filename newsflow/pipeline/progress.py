"""Progress listeners: long work (ingest batches, reprocess articles) reports ``(kind, done, total)``
here, and whoever subscribed (the command line's progress bar) is told. No listener, no cost.

Listeners are called in the reporting thread; one that raises is ignored (progress never fails work).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int], None]

_listeners: list[Listener] = []
_lock = threading.Lock()


def notify(kind: str, done: int, total: int) -> None:
    """Tell every listener that ``done`` of ``total`` units of ``kind`` work are finished."""
    for listener in list(_listeners):
        try:
            listener(kind, done, total)
        except Exception:  # noqa: BLE001 - a broken display must not break a run
            pass


@contextmanager
def listening(listener: Listener) -> Iterator[Listener]:
    """Subscribe ``listener`` for the duration of the block."""
    with _lock:
        _listeners.append(listener)
    try:
        yield listener
    finally:
        with _lock:
            _listeners.remove(listener)
