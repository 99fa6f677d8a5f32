"""Process handling for ``newsflow run``: the local Prefect API, signals, no orphans.

- The ephemeral Prefect API (a ``uvicorn`` subprocess) is launched first, from the main thread, and
  comes up while the run reads its settings and loads its models; the run waits for it with a
  generous budget (``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS``, default 120 s unless the user
  set it), and tries once more when it does not come up. With ``PREFECT_API_URL`` set, nothing is
  started. (The Prefect part is in ``newsflow.flows.local_api``.)
- The server child dies with this process: on Linux it gets ``PR_SET_PDEATHSIG`` (SIGTERM) in the
  child before exec, so even a SIGKILL of the run ends it; normal exits stop it via ``atexit``.
- The flow runs in a worker thread; the main thread owns SIGTERM/SIGINT. The first signal asks the
  run to stop between URLs (``newsflow.pipeline.ingest.request_stop``): no new batch or URL starts,
  the running URLs finish and are recorded, the rest is given back to the next run. A second signal
  stops at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

STARTUP_TIMEOUT_SETTING = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
#: Used unless the user set the variable: a busy machine (8 runs starting at once, a CPU hog) needs it.
DEFAULT_STARTUP_TIMEOUT = "120"


def set_prefect_defaults() -> None:
    """Environment defaults for Prefect, set before it is imported; a user's own values win."""
    os.environ.setdefault(STARTUP_TIMEOUT_SETTING, DEFAULT_STARTUP_TIMEOUT)


def launch_local_api():
    """Launch the ephemeral Prefect API now, from the main thread, without waiting for it (or None:
    a server is set)."""
    from newsflow.flows.local_api import launch_local_api as launch

    return launch()


def local_api(server):
    """Context: Prefect uses ``server`` within, ready on entry (see ``newsflow.flows.local_api``)."""
    from newsflow.flows.local_api import local_api as use

    return use(server, STARTUP_TIMEOUT_SETTING)


class RunInterrupted(Exception):
    """A second SIGTERM/SIGINT arrived: stop now."""


def run_with_signals(work: Callable[[], Any], request_stop: Callable[[], None]) -> Any:
    """Run ``work`` in a thread; the first SIGTERM/SIGINT calls ``request_stop``, a second one raises
    :class:`RunInterrupted`. Returns what ``work`` returned or raises what it raised."""
    if threading.current_thread() is not threading.main_thread():  # signals belong to the main thread
        return work()
    outcome: dict[str, Any] = {}
    signals: list[int] = []

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001  (handed to the main thread)
            outcome["error"] = exc

    def on_signal(signum, _frame) -> None:
        signals.append(signum)
        if len(signals) == 1:
            print(f"newsflow: {signal.Signals(signum).name} received: stopping after the URLs being fetched "
                  "(send it again to stop now)", file=sys.stderr, flush=True)
            request_stop()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    worker = threading.Thread(target=target, name="newsflow-run", daemon=True)
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.2)
            if len(signals) > 1:
                raise RunInterrupted(f"stopped at once by a second {signal.Signals(signals[-1]).name}; "
                                     "the URLs being fetched are given to the next run when their claims expire")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
