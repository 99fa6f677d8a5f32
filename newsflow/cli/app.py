"""The ``newsflow`` typer app and what every command shares: one-line user errors."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

import typer

# Prefect's local server would try to send telemetry; newsflow often runs offline. Users may override.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# A generous start-up budget for the ephemeral Prefect API on a busy machine (newsflow.cli.lifecycle).
from newsflow.cli.lifecycle import set_prefect_defaults  # noqa: E402

set_prefect_defaults()

app = typer.Typer(help="newsflow: scheduled news ingestion into clean, de-duplicated, classified records.", no_args_is_help=True, pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Print quality and speed figures on an evaluation data set.", no_args_is_help=True)
train_app = typer.Typer(help="Train the shipped models from data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 2 (or ``exit_code``)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn known configuration problems into a one-line message and a non-zero exit."""
    from pydantic import ValidationError

    from newsflow.connectors.sources import SourcesFileError
    from newsflow.storage.db import DatabaseError

    try:
        yield
    except (UserError, SourcesFileError, DatabaseError) as exc:
        typer.secho(f"newsflow: {exc}", err=True, fg="red")
        raise typer.Exit(getattr(exc, "exit_code", 2)) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = "NEWSFLOW_" + str(first["loc"][0]).upper() if first.get("loc") else "a NEWSFLOW_ setting"
        typer.secho(f"newsflow: bad setting {field}: {first['msg']}", err=True, fg="red")
        raise typer.Exit(2) from None
