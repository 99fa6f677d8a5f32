"""The ephemeral Prefect API of a run: launched early without importing Prefect's server, used through
PREFECT_API_URL while entered, put back on the way out; nothing launched when a server is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = r"""
import json, os
import httpx
from newsflow.flows import local_api
from newsflow.flows.monitoring import prefect_api_url
import sys
server = local_api.launch_local_api()
assert "prefect.server.api.server" not in sys.modules
out = {"launched": server is not None}
if server is not None:
    from prefect.settings import PREFECT_API_URL
    with local_api.local_api(server) as url:
        out.update(url=url, env=os.environ.get("PREFECT_API_URL"), setting=PREFECT_API_URL.value(),
                   health=httpx.get(url + "/health").status_code, ui_link_for=prefect_api_url(),
                   server_imported_here="prefect.server.api.server" in sys.modules)
    out.update(env_after=os.environ.get("PREFECT_API_URL"), setting_after=PREFECT_API_URL.value())
    process = server.process
    server.stop()
    out["stopped"] = process.poll() is not None
print(json.dumps(out))
"""


def _probe(**env: str) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    done = subprocess.run([sys.executable, "-c", PROBE], env={**base, **env}, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_local_api_is_used_through_prefect_api_url_while_entered_and_put_back_after():
    out = _probe()
    assert out["launched"] and out["health"] == 200
    assert out["env"] == out["setting"] == out["url"] and out["url"].startswith("http://127.0.0.1:")
    assert out["ui_link_for"] is None, "a temporary server has no UI to link to"
    assert not out["server_imported_here"], "the server's application is imported by the child only"
    assert out["env_after"] is None and out["setting_after"] is None
    assert out["stopped"]


def test_nothing_is_launched_when_a_server_is_set():
    assert _probe(PREFECT_API_URL="http://127.0.0.1:9/api") == {"launched": False}


def test_a_local_api_that_does_not_come_up_is_one_line_and_exit_3(capsys):
    import pytest
    import typer

    from newsflow.cli.app import user_errors
    from newsflow.flows.local_api import LocalApiUnavailable

    with pytest.raises(typer.Exit) as stopped, user_errors():
        raise LocalApiUnavailable("the local Prefect API did not start within 1 s; raise X")
    assert stopped.value.exit_code == 3
    assert capsys.readouterr().err.strip() == "newsflow: the local Prefect API did not start within 1 s; raise X"
