"""The wheel: it installs one import name, ``newsflow``, and works from an empty folder.

Builds the wheel from this checkout, installs it (without dependencies) into a fresh virtualenv
whose dependencies come from the running environment's site-packages (a path entry, so this
checkout's editable install is not visible there), then runs the demo, reprocess, and loads the
deployments and automations from the installed package data, all from an empty folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(REPO_ROOT)],
                   check=True, capture_output=True, timeout=600)
    (built,) = out.glob("newsflow-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A virtualenv holding only the wheel; dependencies reached through a .pth path entry."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True)
    python = home / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "newsflow-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True, timeout=600)
    return home


def run_in_empty_folder(installed: Path, tmp_path: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSFLOW_", "PREFECT_API_URL", "PYTHONPATH"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    return subprocess.run([str(installed / "bin" / args[0]), *args[1:]], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_the_wheel_installs_only_newsflow(wheel):
    top_level = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"newsflow"}


def test_demo_and_reprocess_run_from_an_empty_folder(installed, tmp_path):
    demo = run_in_empty_folder(installed, tmp_path, "newsflow", "demo")
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "24 clean records" in demo.stdout and (tmp_path / "newsflow.db").exists()
    where = run_in_empty_folder(installed, tmp_path, "python", "-c", "import newsflow; print(newsflow.__file__)")
    assert str(installed) in where.stdout, "the installed wheel, not the checkout, ran"
    again = run_in_empty_folder(installed, tmp_path, "newsflow", "reprocess", "--json")
    assert again.returncode == 0, again.stderr[-2000:]
    assert json.loads(again.stdout.strip().splitlines()[-1])["failed"] == 0


def test_deployments_and_automations_load_from_the_installed_package(installed, tmp_path):
    script = (
        "from newsflow.flows.serve import deployment_specs, load_flow\n"
        "from newsflow.flows.automations import load_automations\n"
        "specs = deployment_specs()\n"
        "print(len(specs), sorted({load_flow(s['entrypoint']).name for s in specs}))\n"
        "print(len([a for _, a in load_automations(block_document_id='00000000-0000-0000-0000-000000000000') if a]))\n"
    )
    result = run_in_empty_folder(installed, tmp_path, "python", "-c", script)
    assert result.returncode == 0, result.stderr[-2000:]
    count_line, automations_line = result.stdout.strip().splitlines()[-2:]
    assert count_line.startswith("5 ") and "'ingest'" in count_line and "'reprocess'" in count_line
    assert int(automations_line) == len(list((REPO_ROOT / "deploy" / "automations").glob("*.yaml")))
    help_text = run_in_empty_folder(installed, tmp_path, "newsflow", "serve", "--help")
    assert help_text.returncode == 0 and "deploy/prefect.yaml" in help_text.stdout
