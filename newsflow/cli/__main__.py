"""``python -m newsflow.cli``: the same as the ``newsflow`` command."""

from newsflow.cli import app

app()
