"""Quality commands: ``eval`` (figures on evaluation data) and ``train`` (rebuild the shipped models)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow.cli.app import UserError, eval_app, train_app, user_errors

DataOption = Annotated[Path, typer.Option(exists=True, help="Evaluation data (see ../shared/README.md).")]


@eval_app.command("extraction", epilog="Example: newsflow eval extraction --data ../shared/extraction --corpus ~/.cache/newsflow/extraction-corpus")
def eval_extraction(
    data: Annotated[Optional[Path], typer.Option(exists=True, help="Shared extraction pages (../shared/extraction).")] = None,
    corpus: Annotated[Optional[Path], typer.Option(help="Broad corpus cache built by benchmarks/build_extraction_corpus.py.")] = None,
    compare: Annotated[bool, typer.Option(help="Also run trafilatura when installed.")] = True,
    rounds: Annotated[int, typer.Option(help="Timed passes per extractor (the fastest counts).")] = 3,
) -> None:
    """F1 / precision / recall per corpus and language, side by side with trafilatura, and the speed ratio."""
    from newsflow.dev.evaluation.extraction import main

    if data is None and corpus is None:
        raise typer.BadParameter("give --data and/or --corpus")
    with user_errors():
        main(data, corpus=corpus, compare=compare, rounds=rounds)


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
    """Locked-split macro-F1 (overall and on agreed items), per-label P/R/F1, calibration, CV, docs/s."""
    from newsflow.dev.evaluation.topics import main

    with user_errors():
        main(data, progress=lambda msg: typer.echo(msg, err=True))


@train_app.command("topics", epilog="Example: newsflow train topics --data ../shared/topics")
def train_topics(data: DataOption, out: Annotated[Optional[Path], typer.Option(help="Where to write the model (default: the shipped file).")] = None) -> None:
    """Reproduce the shipped topic model from the labelled data (a directory or its gold_dev.jsonl)."""
    from newsflow.dev.training.topics import train

    with user_errors():
        typer.echo(f"wrote {train(data, out, progress=lambda msg: typer.echo(msg, err=True))}")


@train_app.command("wordvectors", epilog="Example: pip install -e '.[distill]' && newsflow train wordvectors")
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
