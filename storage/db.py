"""Engines, sessions and automatic migrations for Postgres (production) and SQLite (default).

``check_database`` is the gate before a run does any work: an unreachable, read-only, locked or
too-new database raises one :class:`DatabaseError` whose message says what to fix.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Any constant: serialises concurrent ``migrate`` calls on one Postgres database.
_MIGRATION_LOCK_KEY = 0x6E657773666C6F77  # "newsflow"


class DatabaseError(RuntimeError):
    """The record store cannot be used; the message says what to check."""


#: Seconds a SQLite writer waits for another one during a run (the start-up check waits less).
SQLITE_BUSY_TIMEOUT = 60.0
#: Default bound on waiting for a locked database at start (NEWSFLOW_DB_LOCK_TIMEOUT).
DEFAULT_LOCK_TIMEOUT = 15.0


def make_engine(url: str, *, busy_timeout: float = SQLITE_BUSY_TIMEOUT) -> Engine:
    """Create an engine; SQLite gets a busy timeout and single-writer ``BEGIN IMMEDIATE`` transactions."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": busy_timeout, "check_same_thread": False})
            _use_immediate_transactions(engine)
            return engine
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
        if "synchronous_commit" not in url:
            _use_fast_commits(engine)
        return engine
    except (ArgumentError, ImportError, ValueError) as exc:
        raise DatabaseError(f"cannot use NEWSFLOW_DATABASE_URL={_redact(url)!r}: {exc}") from None


def _use_fast_commits(engine: Engine) -> None:
    """Postgres: commits do not wait for their WAL to reach disk (``synchronous_commit=off``).

    An ingest run commits once per page; waiting for each fsync made storing 6x slower. A Postgres
    crash can lose the last moments of committed writes (never corrupt or half-write them): their
    URLs are then not known as stored, so the next run fetches and stores them again. For durable
    commits, add ``-c synchronous_commit=on`` to the URL's ``options`` (``?options=-csynchronous_commit%3Don``).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        dbapi_connection.commit()


def _use_immediate_transactions(engine: Engine) -> None:
    """SQLite: take the write lock at BEGIN, so concurrent writers queue instead of failing mid-way."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest (or the given) Alembic revision; safe from concurrent processes."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except OperationalError as exc:
        raise DatabaseError(
            f"database {_redact(engine.url.render_as_string(hide_password=True))} is unreachable: "
            f"{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}"
        ) from None


def _script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def check_database(url: str, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
    """Raise :class:`DatabaseError` (one line) unless the database can be used by a run right now.

    Checked: reachable; writable (SQLite file and directory; Postgres ``transaction_read_only``, which
    ``default_transaction_read_only`` and standbys set); a schema revision this code knows (not one
    written by a newer newsflow); not locked by another writer for more than ``lock_timeout`` seconds.
    """
    shown = _redact(url)
    engine = make_engine(url, busy_timeout=lock_timeout)
    try:
        if engine.dialect.name == "sqlite":
            _check_sqlite_paths(url)
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SET lock_timeout = {int(lock_timeout * 1000)}")
            _check_schema_version(connection, shown)
            connection.rollback()
            _check_writable(connection, shown, lock_timeout)
    except OperationalError as exc:
        raise DatabaseError(_describe_operational(exc, shown, lock_timeout)) from None
    except DBAPIError as exc:
        raise DatabaseError(f"database {shown} cannot be used: {_first_line(exc)}") from None
    finally:
        engine.dispose()


def _first_line(exc: DBAPIError) -> str:
    message = str(exc.orig if exc.orig is not None else exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def _describe_operational(exc: OperationalError, shown: str, lock_timeout: float) -> str:
    message = _first_line(exc)
    lowered = message.lower()
    if "locked" in lowered or "lock timeout" in lowered:
        return (f"database {shown} is locked by another writer and stayed locked for {lock_timeout:.0f} s "
                f"(NEWSFLOW_DB_LOCK_TIMEOUT): {message}")
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
        return f"database {shown} is read-only: {message}; newsflow needs to write to it"
    return f"database {shown} is unreachable: {message}"


def _check_sqlite_paths(url: str) -> None:
    """A SQLite file needs a writable file and a writable directory (journal and WAL files beside it)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DatabaseError(f"database {url!r}: the directory {str(folder)!r} does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(f"database {url!r} is read-only: the file {str(path)!r} is not writable; newsflow needs to write to it")
    if not os.access(folder, os.W_OK | os.X_OK):
        what = "its directory" if path.exists() else "the directory that would hold it"
        raise DatabaseError(f"database {url!r} is not writable: {what} {str(folder)!r} is not writable "
                            "(SQLite keeps its journal and WAL files beside the database)")


def _check_schema_version(connection, shown: str) -> None:
    if not inspect(connection).has_table("alembic_version"):
        return
    revisions = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
    script = _script_directory()
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = [rev for rev in revisions if rev not in known]
    if unknown:
        raise DatabaseError(
            f"database {shown} has schema revision {unknown[0]}, newer than this newsflow knows (its newest is "
            f"{script.get_current_head()}): it was migrated by a newer newsflow; upgrade newsflow to use it"
        )


def _check_writable(connection, shown: str, lock_timeout: float) -> None:
    """Take the write lock (bounded wait) and try a write that is rolled back."""
    if connection.dialect.name == "postgresql":
        with connection.begin() as transaction:
            if connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "on":
                raise DatabaseError(f"database {shown} is read-only (transaction_read_only is on: "
                                    "default_transaction_read_only or a standby); newsflow needs to write to it")
            deadline = time.monotonic() + lock_timeout
            while not connection.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}).scalar():
                if time.monotonic() > deadline:
                    raise DatabaseError(f"database {shown} is locked: another process has been migrating it for more "
                                        f"than {lock_timeout:.0f} s (NEWSFLOW_DB_LOCK_TIMEOUT)")
                time.sleep(0.2)
            transaction.rollback()
        return
    with connection.begin() as transaction:  # BEGIN IMMEDIATE: waits up to lock_timeout for other writers
        connection.exec_driver_sql("CREATE TABLE newsflow_write_check (x INTEGER)")
        transaction.rollback()


class Database:
    """One engine plus a session factory; the unit the flows and the CLI pass around."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> "Database":
        migrate(self.engine)
        return self

    def checkpoint(self) -> None:
        """SQLite: move the write-ahead log into the .db file (``PRAGMA wal_checkpoint(TRUNCATE)``), so the
        file is complete on its own; a no-op on other databases."""
        if self.dialect == "sqlite":
            connection = self.engine.raw_connection()  # outside a transaction: no BEGIN IMMEDIATE first
            try:
                connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                connection.close()

    def dispose(self) -> None:
        self.engine.dispose()


@lru_cache(maxsize=8)
def open_database(url: str) -> Database:
    """The migrated database for a URL, created once per process (tasks in threads share it)."""
    return Database(url).migrate()
