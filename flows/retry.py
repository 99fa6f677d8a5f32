"""Retry policy for tasks: only transient failures (a dropped database connection) are retried.

Per-URL network retries happen inside the HTTP client; a task retry is safe because every write
is an idempotent upsert.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError


def transient_failure(task, task_run, state) -> bool:
    """Prefect ``retry_condition_fn``: retry when the task died of a lost or busy database."""
    try:
        state.result()
    except OperationalError:
        return True
    except DBAPIError as exc:
        return bool(exc.connection_invalidated)
    except Exception:
        return False
    return False
