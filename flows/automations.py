"""Create the automations of ``deploy/automations/*.yaml`` on the Prefect server (idempotent).

A file whose actions need a notification block carries the placeholder ``<NOTIFICATION_BLOCK_ID>``;
``apply_automations(notify_block="slack-webhook/ops")`` fills in that block's id. An automation that
already exists under the same name is replaced.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from prefect.client.orchestration import get_client
from prefect.events.schemas.automations import AutomationCore

from newsflow.deploy import AUTOMATIONS_DIR

BLOCK_PLACEHOLDER = "<NOTIFICATION_BLOCK_ID>"


def load_automations(directory: Path = AUTOMATIONS_DIR, block_document_id: str | None = None) -> list[tuple[str, AutomationCore | None]]:
    """(file name, automation) per file; the automation is None when it needs a block and none was given."""
    loaded = []
    for path in sorted(Path(directory).glob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        if BLOCK_PLACEHOLDER in text:
            if not block_document_id:
                loaded.append((path.name, None))
                continue
            text = text.replace(BLOCK_PLACEHOLDER, str(block_document_id))
        loaded.append((path.name, AutomationCore.model_validate(yaml.safe_load(text))))
    return loaded


def apply_automations(directory: Path = AUTOMATIONS_DIR, notify_block: str | None = None) -> list[str]:
    """Create (or replace) the automations; return one line per file saying what happened."""
    with get_client(sync_client=True) as client:
        block_id = None
        if notify_block:
            block_type, _, name = notify_block.partition("/")
            if not name:
                raise ValueError("--notify-block must be <block-type-slug>/<block-name>, e.g. slack-webhook/ops")
            block_id = str(client.read_block_document_by_name(name=name, block_type_slug=block_type).id)
        report = []
        for file_name, automation in load_automations(directory, block_id):
            if automation is None:
                report.append(f"{file_name}: skipped (needs --notify-block)")
                continue
            for existing in client.read_automations_by_name(automation.name):
                client.delete_automation(existing.id)
            report.append(f"{file_name}: created {automation.name!r} ({client.create_automation(automation)})")
        return report
