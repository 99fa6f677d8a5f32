"""The ``newsflow`` command line (typer): run, demo, articles, eval, train, serve, reprocess."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

# Prefect's local server would try to send telemetry; newsflow often runs offline. Users may override.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

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

    from connectors.sources import SourcesFileError
    from storage.db import DatabaseError

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


def _prepare(sources: Path, only: list[str] | None):
    """Validate settings, the sources file and the database before starting a flow run."""
    from connectors.sources import load_sources
    from flows.ingest import select_sources
    from newsflow.settings import get_settings
    from storage.db import open_database

    settings = get_settings()
    select_sources(load_sources(sources), only)
    open_database(settings.database_url)
    return settings


@app.command()
def run(
    sources: Annotated[Path, typer.Option(help="Sources file (TOML with [[sources]] tables).")],
    only: Annotated[Optional[list[str]], typer.Option(help="Ingest only this source (repeatable).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most N new URLs per source.")] = None,
    refresh: Annotated[bool, typer.Option(help="Fetch already-stored URLs again.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Fetch and process, store nothing.")] = False,
) -> None:
    """Run the ingest flow once and print a per-source summary."""
    with user_errors():
        _prepare(sources, only)
        try:
            rows = _run_ingest(str(sources), only, limit, refresh, dry_run)
        except Exception as exc:  # the flow failed after publishing its summary: say so in one line
            raise UserError(f"the ingest run failed: {exc}", exit_code=1) from None
    from newsflow.summary import format_table

    typer.echo(format_table(rows))


def _run_ingest(sources: str, only, limit, refresh, dry_run) -> list[dict]:
    from flows.ingest import ingest

    return ingest(sources=sources, only=only or None, limit=limit, refresh=refresh, dry_run=dry_run)


@app.command()
def demo() -> None:
    """Serve the bundled demo site on 127.0.0.1, ingest it into the default database, print the records."""
    from newsflow.demo.server import DemoSite

    os.environ.setdefault("NEWSFLOW_ALLOW_PRIVATE_HOSTS", "127.0.0.1")
    os.environ.setdefault("NEWSFLOW_MIN_HOST_DELAY", "0.05")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the demo prints its own summary
    with user_errors(), DemoSite(stable_ports=True) as site, tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "demo-sources.toml"
        site.write_sources(sources)
        settings = _prepare(sources, None)
        rows = _run_ingest(str(sources), None, None, False, False)
        from newsflow.summary import format_table

        typer.echo(format_table(rows))
        typer.echo("")
        _print_records(settings.database_url)


def _print_records(database_url: str) -> None:
    from storage.db import open_database
    from storage.queries import list_articles

    with open_database(database_url).sessions() as session:
        views = list_articles(session)
    typer.echo(f"{len(views)} clean records in {len(set(v.article.story_id for v in views))} stories ({database_url}):")
    for view in views:
        article = view.article
        mark = "*" if view.is_representative else " "
        copies = f" [story {article.story_id}: {view.story_size} copies]" if view.story_size > 1 else f" [story {article.story_id}]"
        typer.echo(f"{mark} {article.topic or '-':<11} {article.title[:90]}{copies}")


@app.command()
def articles(
    topic: Annotated[Optional[str], typer.Option(help="geopolitics, celebrity or other.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published (or first seen) since this date.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines with the full records.")] = False,
    limit: Annotated[Optional[int], typer.Option(min=1)] = None,
) -> None:
    """List stored clean records."""
    from newsflow.settings import get_settings
    from storage.db import open_database
    from storage.queries import list_articles

    with user_errors():
        since_dt = _parse_since(since) if since else None
        with open_database(get_settings().database_url).sessions() as session:
            views = list_articles(session, topic=topic, since=since_dt, limit=limit)
    for view in views:
        if as_json:
            typer.echo(json.dumps(view.as_dict(), ensure_ascii=False))
        else:
            article = view.article
            when = article.published_at.date().isoformat() if article.published_at else "          "
            typer.echo(f"{when}  {article.topic or '-':<11} story {article.story_id:<5} {article.title[:80]}  {article.url}")


def _parse_since(value: str) -> datetime:
    from dateutil import parser

    try:
        parsed = parser.parse(value)
    except (ValueError, OverflowError):
        raise UserError(f"--since {value!r} is not a date (try 2026-11-28)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


DataOption = Annotated[Path, typer.Option(exists=True, help="Evaluation data (see ../shared/README.md).")]


@eval_app.command("extraction")
def eval_extraction(
    data: Annotated[Optional[Path], typer.Option(exists=True, help="Shared extraction pages (../shared/extraction).")] = None,
    corpus: Annotated[Optional[Path], typer.Option(help="Broad corpus cache built by benchmarks/build_extraction_corpus.py.")] = None,
    compare: Annotated[bool, typer.Option(help="Also run trafilatura when installed.")] = True,
    rounds: Annotated[int, typer.Option(help="Timed passes per extractor (the fastest counts).")] = 3,
) -> None:
    """F1 / precision / recall per corpus and language, side by side with trafilatura, and the speed ratio."""
    from newsflow.evaluation.extraction import main

    if data is None and corpus is None:
        raise typer.BadParameter("give --data and/or --corpus")
    main(data, corpus=corpus, compare=compare, rounds=rounds)


@eval_app.command("dedup")
def eval_dedup(data: DataOption) -> None:
    """Precision / recall of the near-duplicate detector and fingerprints/s on labelled pairs."""
    from newsflow.evaluation.dedup import main

    main(data)


@eval_app.command("topics")
def eval_topics(data: DataOption) -> None:
    """Macro-F1, per-label precision / recall and docs/s of the topic classifier."""
    from newsflow.evaluation.topics import main

    main(data)


@train_app.command("topics")
def train_topics(data: DataOption, out: Annotated[Optional[Path], typer.Option(help="Where to write the model (default: the shipped file).")] = None) -> None:
    """Reproduce the shipped topic model from the labelled data."""
    from newsflow.training.topics import train

    typer.echo(f"wrote {train(data, out)}")


@train_app.command("wordvectors")
def train_wordvectors(out: Annotated[Optional[Path], typer.Option(help="Where to write the table (default: the shipped file).")] = None) -> None:
    """Rebuild the topic classifier's static word vectors (needs: pip install -e '.[distill]')."""
    from newsflow.training.wordvectors import build

    with user_errors():
        try:
            path = build(out)
        except RuntimeError as exc:
            raise UserError(str(exc)) from None
    typer.echo(f"wrote {path}")


from newsflow.cli_ops import register_operations  # noqa: E402  (serve, reprocess)

register_operations(app)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
