"""Quality commands: ``eval`` (figures on evaluation data) and ``train`` (rebuild the shipped models)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow.cli.app import UserError, eval_app, train_app, user_errors

DataOption = Annotated[Path, typer.Option(exists=True, help="Evaluation data (see ../shared/README.md).")]


@eval_app.command("extraction", epilog="Example: newsflow eval extraction --data ../shared/extraction")
def eval_extraction(data: DataOption, compare: Annotated[bool, typer.Option(help="Also run trafilatura when installed.")] = True) -> None:
    """F1 / precision / recall / accuracy and pages/s on an extraction benchmark."""
    from newsflow.dev.evaluation.extraction import main

    with user_errors():
        main(data, compare=compare)


@eval_app.command("dedup", epilog="Example: newsflow eval dedup --data ../shared/dedup/pairs_dev.jsonl")
def eval_dedup(
    data: DataOption,
    tune: Annotated[bool, typer.Option(help="Also rerun the threshold grid on the tuning part.")] = False,
) -> None:
    """Copy-verdict precision / recall (tuning, locked, overall, per kind) and both speeds."""
    from newsflow.dev.evaluation.dedup import main

    with user_errors():
        main(data, tune_thresholds=tune)


@eval_app.command("topics", epilog="Example: newsflow eval topics --data ../shared/topics/gold_dev.jsonl")
def eval_topics(data: DataOption) -> None:
    """Macro-F1, per-label precision / recall and docs/s of the topic classifier."""
    from newsflow.dev.evaluation.topics import main

    with user_errors():
        main(data)


@train_app.command("topics", epilog="Example: newsflow train topics --data ../shared/topics")
def train_topics(data: DataOption, out: Annotated[Optional[Path], typer.Option(help="Where to write the model (default: the shipped file).")] = None) -> None:
    """Reproduce the shipped topic model from the labelled data."""
    from newsflow.dev.training.topics import train

    with user_errors():
        typer.echo(f"wrote {train(data, out)}")


@train_app.command("wordvectors", epilog="Example: pip install -e '.[distill]' && newsflow train wordvectors")
def train_wordvectors(out: Annotated[Optional[Path], typer.Option(help="Where to write the table (default: the shipped file).")] = None) -> None:
    """Rebuild the topic classifier's static word vectors (needs: pip install -e '.[distill]')."""
    from newsflow.dev.training.wordvectors import build

    with user_errors():
        try:
            path = build(out)
        except RuntimeError as exc:
            raise UserError(str(exc)) from None
    typer.echo(f"wrote {path}")
