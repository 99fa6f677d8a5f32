"""The ephemeral Prefect API of a ``newsflow run``: started early, bounded, retried, and never orphaned.

Left to itself, Prefect starts its temporary server (``SubprocessASGIServer``) on a client's first
call, after importing the whole server application into the calling process only to launch it
(about 3 s of CPU on the run's critical path). Here the same server (Prefect's own ``uvicorn``
command and environment) is launched without that import, as early as the run can, so that it comes
up while the run reads its settings, loads its models and imports its flows; the run then talks to
it as to any Prefect server, through ``PREFECT_API_URL``, for as long as :func:`local_api` is
entered. So a run without a server goes through the same client path as one with a server.

- The child gets ``PR_SET_PDEATHSIG`` on Linux (the signal fires when the thread that forked it
  ends, hence the main thread), so a SIGKILL of the run still ends its server; a normal exit stops
  it (``atexit``). A start that times out is stopped and tried once more; a port taken in the
  meantime (uvicorn exits with 3) is replaced by another.
- One server per process: later runs in the same process reuse it while it is alive.
- :func:`is_local_api` tells the server this module started from one the user set: there is no UI
  to link to, and commands that need a lasting server (``serve``, ``automations``) still refuse.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib.util
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

START_ATTEMPTS = 2
_PR_SET_PDEATHSIG = 1
#: uvicorn's exit code when its port is taken.
_PORT_IN_USE = 3
_PORT_RANGE = range(8000, 9000)  # Prefect's own range for its temporary server


class LocalApiUnavailable(RuntimeError):
    """The ephemeral Prefect API did not come up; the message names the setting and the alternative.
    The command line prints it as one line and exits with ``exit_code``."""

    exit_code = 3


def _die_with_parent() -> None:  # pragma: no cover  (runs in the child between fork and exec)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except Exception:
        pass


class LocalApi:
    """Prefect's temporary server in a child process of this one."""

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def launch(self) -> None:
        """Start the child (returns at once; :meth:`wait_ready` waits for it). Prefect is not
        imported here: the child reads the same environment and Prefect profile as this process."""
        spec = importlib.util.find_spec("prefect")
        if spec is None or spec.origin is None:
            raise LocalApiUnavailable("Prefect is not installed: pip install -e . (it is a dependency)")
        self.port = _free_port()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent), "--factory",
                   "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
                   "--log-level", "error", "--lifespan", "on"]
        linux = sys.platform.startswith("linux")
        self.process = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent if linux else None)

    def wait_ready(self, timeout: float) -> None:
        """Wait until the API answers its health check; relaunch on a taken port; raise on timeout."""
        import httpx

        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                assert self.process is not None
                code = self.process.poll()
                if code == _PORT_IN_USE:
                    self.launch()
                    continue
                if code is not None:
                    raise RuntimeError(f"the server process exited with code {code}")
                try:
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        raise TimeoutError(f"no answer from {self.api_url}/health")

    def stop(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _free_port() -> int:
    for _ in range(50):
        port = random.choice(_PORT_RANGE)
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no free port in {_PORT_RANGE.start}-{_PORT_RANGE.stop - 1} for the local Prefect API")


_SERVER: LocalApi | None = None


def _server_wanted() -> bool:
    """No server set (environment or Prefect profile) and Prefect's ephemeral mode allowed."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    return not PREFECT_API_URL.value() and bool(PREFECT_SERVER_EPHEMERAL_ENABLED.value())


def launch_local_api() -> LocalApi | None:
    """Launch the ephemeral API in the background (from the main thread), unless a server is set;
    returns it without waiting (hand it to :func:`local_api`). A live one of this process is reused.

    The child is launched before Prefect is imported here (a second of CPU it need not wait for);
    when Prefect then says a server is set after all (a Prefect profile, a test harness), the child
    is stopped at once."""
    global _SERVER
    if os.environ.get("PREFECT_API_URL"):
        return None
    if _SERVER is None or not _SERVER.alive():
        server = LocalApi()
        server.launch()
        if not _server_wanted():
            server.stop()
            return None
        _SERVER = server
        atexit.register(server.stop)
    elif not _server_wanted():
        return None
    return _SERVER


@contextlib.contextmanager
def local_api(server: LocalApi | None,
              setting_name: str = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") -> Iterator[str | None]:
    """Within: Prefect talks to ``server`` (from :func:`launch_local_api`; None: the server that is
    set), once it answers, bounded by the start-up setting and tried twice; yields its URL or None."""
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    if server is None:
        yield None
        return
    timeout = float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    last = ""
    for attempt in range(START_ATTEMPTS):
        try:
            if not server.alive():
                server.launch()
            server.wait_ready(timeout)
            break
        except Exception as exc:  # noqa: BLE001  (a timeout, a crashed child: as fatal)
            last = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            server.stop()  # never leave a half-started server behind
    else:
        raise LocalApiUnavailable(
            f"the local Prefect API did not start within {timeout:g} s ({START_ATTEMPTS} tries; {last}); "
            f"raise {setting_name}, or run one shared server with `prefect server start` "
            "and export PREFECT_API_URL=http://127.0.0.1:4200/api")
    with _api_url_set(server.api_url):
        yield server.api_url


def is_local_api(url: str | None) -> bool:
    """Whether ``url`` is the API of the ephemeral server this process started."""
    return bool(url) and _SERVER is not None and url == _SERVER.api_url


@contextlib.contextmanager
def _api_url_set(url: str) -> Iterator[None]:
    """``PREFECT_API_URL`` is ``url`` within, for every thread: the environment variable and Prefect's
    process-wide settings (its global settings context, read again from the environment); both are
    put back as they were on the way out."""
    import prefect.context

    previous_env, previous_context = os.environ.get("PREFECT_API_URL"), prefect.context.GLOBAL_SETTINGS_CONTEXT
    os.environ["PREFECT_API_URL"] = url
    prefect.context.GLOBAL_SETTINGS_CONTEXT = prefect.context.root_settings_context()
    try:
        yield
    finally:
        if previous_env is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous_env
        prefect.context.GLOBAL_SETTINGS_CONTEXT = previous_context
