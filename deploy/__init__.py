"""Where newsflow runs: the Prefect deployment file and the automations, shipped as package data.

``PREFECT_FILE`` and ``AUTOMATIONS_DIR`` point at the files inside the installed package, so
``newsflow serve`` and ``newsflow automations`` work from any folder, not only from a checkout.
"""

from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
PREFECT_FILE = DEPLOY_DIR / "prefect.yaml"
AUTOMATIONS_DIR = DEPLOY_DIR / "automations"

__all__ = ["AUTOMATIONS_DIR", "DEPLOY_DIR", "PREFECT_FILE"]
