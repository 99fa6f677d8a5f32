"""Engines, sessions and automatic migrations for Postgres (production) and SQLite (default)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Any constant: serialises concurrent ``migrate`` calls on one Postgres database.
_MIGRATION_LOCK_KEY = 0x6E657773666C6F77  # "newsflow"


class DatabaseError(RuntimeError):
    """The record store cannot be used; the message says what to check."""


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets a busy timeout and single-writer ``BEGIN IMMEDIATE`` transactions."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})
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
