"""Runtime settings, read from ``NEWSFLOW_*`` environment variables (pydantic-settings).

Read at the top only (the CLI and the flows) and handed down as plain config objects
(:meth:`Settings.http_config`, :meth:`Settings.ingest_config`): the layers below never import this module.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from newsflow.connectors.addresses import PrivateHostPolicy
from newsflow.connectors.http import HttpConfig

DEFAULT_DATABASE_URL = "sqlite:///newsflow.db"


class Settings(BaseSettings):
    """All knobs an operator may set; every one has a safe default."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", extra="ignore")

    database_url: str = Field(DEFAULT_DATABASE_URL, description="SQLAlchemy URL of the record store.")
    allow_private_hosts: str = Field(
        "", description="'true' to allow all non-public addresses, or a comma list of hosts/CIDRs."
    )
    user_agent: str = Field("newsflow/0.1 (+https://github.com/newsflow/newsflow)")
    contact: str = Field("", description="Contact (URL or e-mail) appended to the User-Agent.")
    connect_timeout: float = Field(5.0, gt=0)
    read_timeout: float = Field(15.0, gt=0)
    total_timeout: float = Field(30.0, gt=0, description="Hard cap on one request, all bytes included.")
    max_body_bytes: int = Field(5_000_000, gt=0, description="Cap on a decompressed response body.")
    max_redirects: int = Field(5, ge=0)
    max_retries: int = Field(2, ge=0, description="Retries of a transient failure (timeouts, 429, 5xx).")
    max_retry_after: float = Field(60.0, ge=0, description="Longest Retry-After honoured, in seconds.")
    circuit_breaker_threshold: int = Field(5, ge=1, description="Consecutive failures that open a host's breaker.")
    circuit_breaker_cooldown: float = Field(300.0, ge=0, description="Seconds a host's breaker stays open.")
    per_host_concurrency: int = Field(2, ge=1)
    min_host_delay: float = Field(1.0, ge=0, description="Seconds between requests to one host.")
    max_workers: int = Field(8, ge=1, description="Threads of the ingest flow's task runner.")
    process_workers: int = Field(default_factory=lambda: max(0, min((os.cpu_count() or 1) - 1, 4)), ge=0,
                                 description="Processes that extract, fingerprint and classify pages (0: in the fetching threads); default: cores - 1, at most 4.")
    batch_size: int = Field(50, ge=1, le=200, description="URLs per fetch task (one host per batch).")
    max_new_urls_per_source: int = Field(500, ge=1)
    db_lock_timeout: float = Field(15.0, gt=0, description="Seconds to wait for a locked database at start before giving up.")
    claim_lease: float = Field(300.0, gt=0, description="Seconds a run's URL claims outlive its last heartbeat (a killed run's URLs then go to the next run).")
    archive_raw_pages: bool = Field(True, description="Keep compressed raw pages for reprocessing.")
    task_runner: Literal["threads", "dask"] = Field("threads", description="Task runner of reprocess/reclassify: 'threads' or 'dask'.")
    dask_address: str = Field("", description="Existing Dask scheduler (tcp://host:8786); empty: a local cluster.")
    dask_workers: int = Field(2, ge=1, description="Processes of the local Dask cluster.")

    @field_validator("task_runner", mode="before")
    @classmethod
    def _task_runner_lowercase(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _database_url_has_scheme(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError(
                "NEWSFLOW_DATABASE_URL must be an SQLAlchemy URL such as "
                "'postgresql+psycopg://user@host/db' or 'sqlite:///newsflow.db'"
            )
        return value

    @property
    def private_host_policy(self) -> PrivateHostPolicy:
        return PrivateHostPolicy.parse(self.allow_private_hosts)

    @property
    def full_user_agent(self) -> str:
        return f"{self.user_agent} {self.contact}".strip() if self.contact else self.user_agent

    def http_config(self, **overrides: object) -> HttpConfig:
        """The HTTP layer's config for these settings, with optional overrides."""
        return HttpConfig(**{
            "user_agent": self.full_user_agent,
            "connect_timeout": self.connect_timeout,
            "read_timeout": self.read_timeout,
            "total_timeout": self.total_timeout,
            "max_body_bytes": self.max_body_bytes,
            "max_redirects": self.max_redirects,
            "per_host_concurrency": self.per_host_concurrency,
            "min_host_delay": self.min_host_delay,
            "private_hosts": self.private_host_policy,
            "max_retries": self.max_retries,
            "max_retry_after": self.max_retry_after,
            "circuit_breaker_threshold": self.circuit_breaker_threshold,
            "circuit_breaker_cooldown": self.circuit_breaker_cooldown,
            **overrides,
        })


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
