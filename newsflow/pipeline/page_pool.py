"""Page processing off the GIL: extraction, fingerprint and topic in a small pool of processes.

Why: measured with ``benchmarks/bench_pipeline.py`` on 2 cores, a run's own process is GIL-bound
(~0.9 of a core for fetching, processing and storing in its threads) while the second core idles.
Processing a page (~6 ms of CPU) is pure and its input and output are small, so it moves to worker
processes; fetching and storing, mostly waiting on sockets, stay in the run's threads.

``process_workers`` 0 processes pages in the calling thread (what reprocess and tests that patch the
processing functions use). A worker that dies (a page that crashes the parser) costs the pages in
flight, each recorded as failed with the reason; the pool is started again for the next page.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from newsflow.processing.page import ProcessedPage, process_page, warm_up

__all__ = ["PageProcessingCrashed", "process", "start", "start_in_background"]


class PageProcessingCrashed(RuntimeError):
    """The worker process processing the page died (the page is recorded as failed, the run goes on)."""


_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_workers = 0


def start(workers: int) -> None:
    """Start the pool (idempotent) and have every worker load the models now, not on its first page;
    with 0 workers, load them in this process."""
    global _pool, _workers
    if workers <= 0:
        warm_up()
        return
    with _lock:
        if _pool is not None and _workers == workers:
            return
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=_exit_with_parent, initargs=(os.getpid(),))
        _workers = workers
        for _ in range(workers):
            _pool.submit(warm_up)


def start_in_background(workers: int) -> threading.Thread:
    """:func:`start` in a daemon thread, while the run waits on its API and on discovery."""
    thread = threading.Thread(target=start, args=(workers,), name="newsflow-warm-up", daemon=True)
    thread.start()
    return thread


def _exit_with_parent(parent: int) -> None:
    """In a worker: end when the run's process is gone, even after a kill -9 (no orphaned workers).

    A thread polls the parent id: Linux's parent-death signal follows the *thread* that started the
    worker, and the pool starts workers from whichever thread submits first."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="newsflow-parent-watch", daemon=True).start()


def process(content: bytes, url: str, content_type: str | None, workers: int) -> ProcessedPage:
    """``process_page`` in a worker process (or here when ``workers`` is 0); raises what it raises."""
    if workers <= 0:
        return process_page(content, url, content_type)
    start(workers)
    pool = _pool
    assert pool is not None
    try:
        return pool.submit(process_page, content, url, content_type).result()
    except BrokenProcessPool as exc:
        with _lock:
            _discard(pool)
        raise PageProcessingCrashed(
            "the page-processing worker process died while this page was in it (a page that crashes "
            "the parser, or out of memory); the page is left for the next run") from exc


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    if _pool is pool:
        _pool = None
        pool.shutdown(wait=False, cancel_futures=True)

