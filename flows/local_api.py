"""The ephemeral Prefect API of a ``newsflow run``: started once, bounded, retried, and never orphaned.

Prefect's clients start ``SubprocessASGIServer()`` (a process-wide singleton) on first use, from
whatever thread needs it, with a 20 s default budget. ``start_local_api`` starts that same singleton
first, from the CLI's main thread, as :class:`OwnedServer`: the child gets ``PR_SET_PDEATHSIG`` on
Linux (the signal fires when the thread that forked it ends, hence the main thread), so a SIGKILL of
the run still ends its server; a start that times out is stopped and tried once more.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
from typing import Any

START_ATTEMPTS = 2
_PR_SET_PDEATHSIG = 1


class LocalApiUnavailable(RuntimeError):
    """The ephemeral Prefect API did not come up; the message names the setting and the alternative."""


def _die_with_parent() -> None:  # pragma: no cover  (runs in the child between fork and exec)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except Exception:
        pass


def _server_class():
    from prefect.server.api.server import SubprocessASGIServer

    class OwnedServer(SubprocessASGIServer):
        """Prefect's ephemeral server whose process ends with ours (Linux parent-death signal)."""

        def _run_uvicorn_command(self) -> subprocess.Popen[Any]:
            if not sys.platform.startswith("linux"):
                return super()._run_uvicorn_command()
            real_popen = subprocess.Popen

            def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
                kwargs.setdefault("preexec_fn", _die_with_parent)
                return real_popen(*args, **kwargs)

            subprocess.Popen = popen  # type: ignore[misc]  (only while Prefect spawns the server)
            try:
                return super()._run_uvicorn_command()
            finally:
                subprocess.Popen = real_popen  # type: ignore[misc]

    return OwnedServer


def start_local_api(setting_name: str = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"):
    """Start the ephemeral API now (main thread, bounded, retried once); None when PREFECT_API_URL is set."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    timeout = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
    server_class = _server_class()
    last = ""
    for _attempt in range(START_ATTEMPTS):
        server = server_class()
        try:
            server.start(timeout=timeout)
            return server
        except Exception as exc:  # noqa: BLE001  (Prefect raises RuntimeError; anything else is as fatal)
            last = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            server.stop()  # never leave a half-started server behind
    raise LocalApiUnavailable(
        f"the local Prefect API did not start within {timeout} s ({START_ATTEMPTS} tries; {last}); "
        f"raise {setting_name}, or run one shared server with `prefect server start` "
        "and export PREFECT_API_URL=http://127.0.0.1:4200/api"
    )


