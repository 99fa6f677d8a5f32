"""The database is checked before a run does any work: one line and a non-zero exit, no traceback.

Read-only SQLite (file; directory), a SQLite file locked by another writer longer than
NEWSFLOW_DB_LOCK_TIMEOUT, a schema written by a newer newsflow, a read-only Postgres
(default_transaction_read_only); and the ephemeral Prefect API that cannot start.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
NEWSFLOW = str(REPO / ".venv" / "bin" / "newsflow") if (REPO / ".venv" / "bin" / "newsflow").exists() else "newsflow"
#: Root writes read-only files: as root, the command runs without the capabilities that bypass file
#: permissions (so chmod 444 means read-only to it, as to any user).
NO_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


@pytest.fixture
def sources(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[sources]]\nname = "x"\nkind = "feed"\nurl = "http://127.0.0.1:9/feed.xml"\n')
    path.chmod(0o644)
    return path


def migrated_sqlite(folder: Path) -> str:
    from newsflow.storage.db import Database

    url = f"sqlite:///{folder / 'newsflow.db'}"
    database = Database(url).migrate()
    database.dispose()
    return url


def run_cli_process(tmp_path: Path, sources: Path, database_url: str, unprivileged: bool = False, **env_extra: str):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NEWSFLOW_", "PREFECT_"))}
    env.update({"NEWSFLOW_DATABASE_URL": database_url, "PREFECT_HOME": str(home / "prefect"), "HOME": str(home), **env_extra})
    command = [NEWSFLOW, "run", "--sources", str(sources)]
    if unprivileged and os.geteuid() == 0:
        command = NO_OVERRIDE + command
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=home)
    return result, time.monotonic() - started


def one_line(result) -> str:
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert len(lines) == 1, lines[:20]
    assert lines[0].startswith("newsflow: ")
    return lines[0]


@pytest.mark.slow
def test_a_read_only_sqlite_file_is_one_line_at_start(tmp_path, sources):
    folder = tmp_path / "db"
    folder.mkdir()
    url = migrated_sqlite(folder)
    (folder / "newsflow.db").chmod(0o444)
    result, seconds = run_cli_process(tmp_path, sources, url, unprivileged=True)
    assert result.returncode == 2
    line = one_line(result)
    assert "read-only" in line and "newsflow.db" in line, line
    print(f"\nread-only SQLite: one line after {seconds:.1f} s: {line}")


@pytest.mark.slow
def test_a_sqlite_file_in_a_read_only_directory_is_one_line_at_start(tmp_path, sources):
    folder = tmp_path / "db"
    folder.mkdir()
    url = migrated_sqlite(folder)
    folder.chmod(0o555)
    try:
        result, _ = run_cli_process(tmp_path, sources, url, unprivileged=True)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    line = one_line(result)
    assert "not writable" in line, line


@pytest.fixture
def cli(monkeypatch, tmp_path):
    from newsflow.settings import get_settings

    monkeypatch.chdir(tmp_path)
    import newsflow.flows.ingest  # noqa: F401  (Prefect sets up its logging here, not on CliRunner's stream)

    def invoke(database_url: str, sources: Path, **env: str):
        monkeypatch.setenv("NEWSFLOW_DATABASE_URL", database_url)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        from newsflow.cli import app

        started = time.monotonic()
        result = CliRunner().invoke(app, ["run", "--sources", str(sources)])
        return result, time.monotonic() - started

    yield invoke
    get_settings.cache_clear()


def test_a_locked_sqlite_file_fails_after_the_bounded_wait(cli, tmp_path, sources):
    url = migrated_sqlite(tmp_path)
    holder = sqlite3.connect(tmp_path / "newsflow.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        result, seconds = cli(url, sources, NEWSFLOW_DB_LOCK_TIMEOUT="1.5")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "is locked by another writer" in lines[0] and "NEWSFLOW_DB_LOCK_TIMEOUT" in lines[0], lines
    assert seconds >= 1.5, "it waited for the lock first"
    print(f"\nlocked SQLite: one line after {seconds:.1f} s (NEWSFLOW_DB_LOCK_TIMEOUT=1.5)")


def test_the_lock_wait_defaults_to_15_seconds(monkeypatch):
    from newsflow.settings import Settings

    monkeypatch.delenv("NEWSFLOW_DB_LOCK_TIMEOUT", raising=False)
    assert Settings().db_lock_timeout == 15
    monkeypatch.setenv("NEWSFLOW_DB_LOCK_TIMEOUT", "4")
    assert Settings().db_lock_timeout == 4


def test_a_schema_from_a_newer_newsflow_is_one_line(cli, tmp_path, sources):
    url = migrated_sqlite(tmp_path)
    with sqlite3.connect(tmp_path / "newsflow.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    result, _ = cli(url, sources)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "schema revision 0999, newer than this newsflow knows" in lines[0], lines


def test_an_unwritable_missing_database_folder_is_one_line(cli, tmp_path, sources):
    result, _ = cli(f"sqlite:///{tmp_path / 'absent' / 'newsflow.db'}", sources)
    assert result.exit_code == 2
    assert "does not exist" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.postgres
def test_a_read_only_postgres_is_one_line(cli, postgres_url, sources):
    from newsflow.storage.db import DatabaseError, check_database

    read_only = postgres_url + "%20-cdefault_transaction_read_only%3Don"
    with pytest.raises(DatabaseError, match="read-only"):
        check_database(read_only)
    result, _ = cli(read_only, sources)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "is read-only" in lines[0], lines
    check_database(postgres_url)  # the same database, writable


def test_the_ephemeral_api_start_up_budget_defaults_to_120_s_unless_set(monkeypatch):
    from newsflow.cli.lifecycle import STARTUP_TIMEOUT_SETTING, set_prefect_defaults

    monkeypatch.delenv(STARTUP_TIMEOUT_SETTING, raising=False)
    set_prefect_defaults()
    assert os.environ[STARTUP_TIMEOUT_SETTING] == "120"
    monkeypatch.setenv(STARTUP_TIMEOUT_SETTING, "300")
    set_prefect_defaults()
    assert os.environ[STARTUP_TIMEOUT_SETTING] == "300"


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_an_api_that_cannot_start_is_one_line_naming_the_setting_and_leaves_no_process(tmp_path, sources):
    url = migrated_sqlite(tmp_path)
    result, _ = run_cli_process(tmp_path, sources, url, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="0")
    assert result.returncode == 3, result.stderr[-2000:]
    line = [line for line in result.stderr.splitlines() if line.startswith("newsflow:")][-1]
    assert "Traceback" not in result.stderr
    assert "did not start" in line and "2 tries" in line
    assert "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS" in line and "prefect server start" in line and "PREFECT_API_URL" in line
    time.sleep(1)
    assert _processes_with(f"PREFECT_HOME={tmp_path / 'home' / 'prefect'}") == [], "no server left behind"


@pytest.mark.postgres
def test_a_locked_postgres_schema_fails_after_the_bounded_wait(pg_database):
    from sqlalchemy import text

    from newsflow.storage.db import DatabaseError, check_database

    with pg_database.engine.connect() as holder:
        holder.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))  # e.g. a migration elsewhere
        started = time.monotonic()
        with pytest.raises(DatabaseError, match="locked by another writer") as raised:
            check_database(pg_database.url, lock_timeout=1)
        assert time.monotonic() - started >= 1
        holder.rollback()
    assert "NEWSFLOW_DB_LOCK_TIMEOUT" in str(raised.value)
    check_database(pg_database.url, lock_timeout=1)
