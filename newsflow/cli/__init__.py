"""The ``newsflow`` command line: the typer app with every command registered.

``app`` holds the shared pieces (the app, one-line user errors); each module below registers one
family of commands on it.
"""

from newsflow.cli.app import app
from newsflow.cli import commands, data, operations, quality  # noqa: F401  (they register their commands)

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover
    app()
