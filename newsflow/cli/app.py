"""The ``newsflow`` typer app and what every command shares: one-line user errors."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Any, Iterator

import typer
from typer.core import TyperGroup

# Prefect's local server would try to send telemetry; newsflow often runs offline. Users may override.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# A generous start-up budget for the ephemeral Prefect API on a busy machine (newsflow.cli.lifecycle).
from newsflow.cli.lifecycle import set_prefect_defaults  # noqa: E402

set_prefect_defaults()



def _click_class(name: str) -> type[Exception]:
    """A click exception class as the installed typer uses it (recent typers vendor click)."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


_UsageError, _ClickException = _click_class("UsageError"), _click_class("ClickException")


class OneLineErrors(TyperGroup):
    """Bad arguments (click usage errors) as one line on stderr, exit status 2; ``--help`` unchanged."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except _UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `newsflow` or `newsflow eval` alone: the help
                typer.echo(exc.ctx.get_help())
            else:
                where = exc.ctx.command_path if exc.ctx is not None else "newsflow"
                typer.echo(f"newsflow: {exc.format_message()} (see `{where} --help`)", err=True)
            sys.exit(exc.exit_code)
        except _ClickException as exc:
            typer.echo(f"newsflow: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


# rich_markup_mode=None: help texts render as written (rich markup would eat "[[sources]]", ".[distill]").
app = typer.Typer(help="newsflow: scheduled news ingestion into clean, de-duplicated, classified records.", no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode=None, cls=OneLineErrors)
eval_app = typer.Typer(help="Print quality and speed figures on an evaluation data set.", no_args_is_help=True, rich_markup_mode=None)
train_app = typer.Typer(help="Train the shipped models from data.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


#: How to get a Prefect server; printed when a command needs one and PREFECT_API_URL is not set.
START_A_SERVER = ("start one with `prefect server start` and, in this shell, "
                  "`export PREFECT_API_URL=http://127.0.0.1:4200/api`")


def require_prefect_server(command: str) -> str:
    """PREFECT_API_URL, or a UserError saying how to start a server (serve/automations need a real one)."""
    from newsflow.flows.monitoring import prefect_api_url

    url = prefect_api_url()
    if not url:
        raise UserError(f"`newsflow {command}` needs a Prefect server but PREFECT_API_URL is not set: {START_A_SERVER}")
    return url


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
    from newsflow.flows.local_api import LocalApiUnavailable
    from newsflow.storage.db import DatabaseError

    try:
        yield
    except (UserError, SourcesFileError, DatabaseError, LocalApiUnavailable) as exc:
        typer.secho(f"newsflow: {exc}", err=True, fg="red")
        raise typer.Exit(getattr(exc, "exit_code", 2)) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = "NEWSFLOW_" + str(first["loc"][0]).upper() if first.get("loc") else "a NEWSFLOW_ setting"
        shown = isinstance(first.get("input"), (str, int, float)) and field != "NEWSFLOW_DATABASE_URL"  # may hold a password
        got = f" (got {first['input']!r})" if shown else ""
        typer.secho(f"newsflow: bad setting {field}: {first['msg']}{got}", err=True, fg="red")
        raise typer.Exit(2) from None
