"""Shared fixtures: the ../shared data directory, and databases (a private Postgres schema, SQLite).

Postgres tests use database ``test`` on 127.0.0.1:5432 (override with NEWSFLOW_TEST_POSTGRES_URL),
each session in its own schema, dropped afterwards. With NEWSFLOW_REQUIRE_POSTGRES=1 (CI), an
unreachable Postgres fails those tests instead of skipping them, and a run in which no Postgres
test passed fails as a whole.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REQUIRE_POSTGRES = os.environ.get("NEWSFLOW_REQUIRE_POSTGRES") == "1"
_postgres_passed = 0


def shared_dir() -> Path | None:
    """``../shared`` beside the repository (or NEWSFLOW_SHARED_DIR), if present."""
    path = Path(os.environ.get("NEWSFLOW_SHARED_DIR", REPO_ROOT.parent / "shared"))
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared not found: evaluation data is only present in the project's workspace")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A URL whose search_path is a fresh schema in the test database; the schema is dropped at the end."""
    from sqlalchemy import create_engine, text

    base = os.environ.get("NEWSFLOW_TEST_POSTGRES_URL", DEFAULT_PG_URL)
    schema = f"nf_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001
        message = f"Postgres at {base} is not usable: {exc}"
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message)
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def pg_database(postgres_url):
    """A migrated Postgres database, emptied after each test."""
    from newsflow.storage.db import Database

    database = Database(postgres_url).migrate()
    yield database
    _truncate(database)
    database.dispose()


@pytest.fixture
def sqlite_database(tmp_path):
    from newsflow.storage.db import Database

    database = Database(f"sqlite:///{tmp_path / 'newsflow.db'}").migrate()
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request):
    """Each storage test runs on SQLite and on real Postgres."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_database")
    return request.getfixturevalue("sqlite_database")


def _truncate(database) -> None:
    from sqlalchemy import text

    from newsflow.storage.models import Base

    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def pytest_runtest_logreport(report):
    global _postgres_passed
    if report.when == "call" and report.passed and "postgres" in report.keywords:
        _postgres_passed += 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"postgres tests passed: {_postgres_passed}")


def pytest_sessionfinish(session, exitstatus):
    if REQUIRE_POSTGRES and _postgres_passed == 0 and exitstatus == 0:
        session.exitstatus = 1
        print("\nNEWSFLOW_REQUIRE_POSTGRES=1 but no Postgres test passed: failing the run")


# -- flows run in-process against the test Postgres ------------------------------------------------


@pytest.fixture(scope="session")
def prefect_api():
    """Prefect's test harness: a temporary local API for flows run in-process."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def configure(monkeypatch, postgres_url):
    """Point settings at the test Postgres schema and allow only 127.0.0.1."""
    from newsflow.settings import get_settings

    def apply(**extra: str) -> None:
        env = {"NEWSFLOW_DATABASE_URL": postgres_url, "NEWSFLOW_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
               "NEWSFLOW_MIN_HOST_DELAY": "0", **extra}
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()

    yield apply
    get_settings.cache_clear()


@pytest.fixture
def clean_tables(postgres_url):
    from newsflow.storage.db import open_database

    yield
    _truncate(open_database(postgres_url))


def write_sources(tmp_path, *entries: tuple[str, str, str]):
    path = tmp_path / "sources.toml"
    path.write_text("".join(f'[[sources]]\nname = "{n}"\nkind = "{k}"\nurl = "{u}"\n\n' for n, k, u in entries))
    return path
