"""``newsflow export``: stable columns, filters, streaming (a server-side cursor on Postgres), the three
formats, stdout, the missing-pyarrow message, and never creating a database. SQLite and Postgres."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from newsflow.cli import app
from newsflow.storage.articles import store_article
from newsflow.storage.export import EXPORT_COLUMNS, ExportFilter, count_export_rows, iter_export_rows
from newsflow.storage.records import ArticleRecord

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
runner = CliRunner()


def never(new: bytes, stored: bytes) -> None:
    return None


def record(url: str, body: str, **changes) -> ArticleRecord:
    base = ArticleRecord(
        url=url, source="wire", title="Leaders meet", body=body, content_hash=f"hash:{body}",
        band_keys=(hash(body) & 0xFFFF,), minhash=b"sig", published_at=T0, published_at_evidence="json-ld",
        language="en", topic="geopolitics", topic_score=0.91, topic_evidence=("summit",), topic_model="m1",
        authors=("Ann Lee", "Bo Chen"), removed=[{"reason": "related-list", "sample": "Star dates star"}],
        canonical_url=url,
    )
    return replace(base, **changes)


@pytest.fixture
def seeded(database):
    """Three articles: a wire story and its same-text copy on another site (one story, 2 copies),
    and an undated celebrity piece of another source first seen a day later."""
    with database.sessions.begin() as s:
        a = store_article(s, record("https://www.wire.example/world/summit", "Leaders met today."), never, now=T0)
        b = store_article(s, record("https://daily.example/summit-copy", "Leaders met today.", source="daily",
                                    canonical_url=None, authors=()), never, now=T0 + timedelta(hours=1))
        c = store_article(s, record("https://gossip.example/star", "A star was seen.", source="gossip", topic="celebrity",
                                    topic_score=0.77, published_at=None, published_at_evidence=None, removed=[]),
                          never, now=T0 + timedelta(days=1))
    assert (a.kind, b.kind, c.kind) == ("new_story", "exact_copy", "new_story")
    return database, (a, b, c)


def test_rows_have_the_documented_columns_and_values(seeded):
    database, (a, b, c) = seeded
    with database.sessions() as s:
        rows = list(iter_export_rows(s))
        assert count_export_rows(s) == 3
    assert [tuple(r) for r in rows] == [EXPORT_COLUMNS] * 3
    wire, copy, star = rows
    assert wire["url"] == "https://www.wire.example/world/summit" and wire["site"] == "wire.example"
    assert wire["canonical_url"] == wire["url"] and copy["canonical_url"] is None
    assert wire["authors"] == ["Ann Lee", "Bo Chen"] and copy["authors"] == []
    assert wire["published_at"] == T0 and star["published_at"] is None
    assert (wire["topic"], wire["topic_score"], star["topic"], star["topic_score"]) == ("geopolitics", 0.91, "celebrity", 0.77)
    assert wire["story_id"] == copy["story_id"] == a.story_id != star["story_id"]
    assert (wire["copies"], copy["copies"], star["copies"]) == (2, 2, 1)
    # both endpoints of an edge record it (storage.stories): the wire piece too matched its copy
    assert (wire["story_link"], copy["story_link"], star["story_link"]) == ("exact_text", "exact_text", "first")
    assert wire["body"] == "Leaders met today." and wire["removed"] == [{"reason": "related-list", "sample": "Star dates star"}]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (ExportFilter(topic="celebrity"), ["https://gossip.example/star"]),
        (ExportFilter(source="daily"), ["https://daily.example/summit-copy"]),
        # since/until on the publication time, or the first-seen time when undated (the star piece)
        (ExportFilter(since=T0 + timedelta(hours=12)), ["https://gossip.example/star"]),
        (ExportFilter(until=T0 + timedelta(hours=12)), ["https://www.wire.example/world/summit", "https://daily.example/summit-copy"]),
        (ExportFilter(since=T0, until=T0 + timedelta(seconds=1), source="wire"), ["https://www.wire.example/world/summit"]),
    ],
)
def test_filters(seeded, spec, expected):
    database, _ = seeded
    with database.sessions() as s:
        assert [r["url"] for r in iter_export_rows(s, spec)] == expected
        assert count_export_rows(s, spec) == len(expected)


def test_story_filter_gives_its_copies(seeded):
    database, (a, _, _) = seeded
    with database.sessions() as s:
        assert {r["site"] for r in iter_export_rows(s, ExportFilter(story=a.story_id))} == {"wire.example", "daily.example"}


def test_rows_are_streamed_in_chunks(seeded):
    """One chunk at a time: on Postgres through a server-side (named) cursor; the same rows at any chunk size."""
    database, _ = seeded
    cursors: list[str] = []

    def on_execute(conn, cursor, statement, parameters, context, executemany):
        if "FROM articles JOIN stories" in statement:
            cursors.append(type(cursor).__name__)

    event.listen(database.engine, "before_cursor_execute", on_execute)
    try:
        with database.sessions() as s:
            stream = iter_export_rows(s, chunk=1)
            first = next(stream)
            rest = list(stream)
    finally:
        event.remove(database.engine, "before_cursor_execute", on_execute)
    with database.sessions() as s:
        assert [first, *rest] == list(iter_export_rows(s, chunk=1000))
    assert len(cursors) == 1
    if database.dialect == "postgresql":
        assert cursors == ["ServerCursor"]


# -- the command ------------------------------------------------------------------------------------


@pytest.fixture
def cli_db(seeded, monkeypatch):
    from newsflow.settings import get_settings

    database, outcomes = seeded
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database, outcomes
    get_settings.cache_clear()


def test_jsonl_to_stdout(cli_db):
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(r) for r in rows] == [list(EXPORT_COLUMNS)] * 3
    assert rows[0]["published_at"] == "2026-11-20T09:00:00+00:00" and rows[2]["published_at"] is None
    assert rows[0]["authors"] == ["Ann Lee", "Bo Chen"] and rows[1]["copies"] == 2
    # not a terminal: the progress is a plain line on stderr, never mixed into the data
    assert "export: 3/3 rows (100%)" in result.stderr


def test_csv_to_file(cli_db, tmp_path):
    out = tmp_path / "geo.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--topic", "geopolitics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(EXPORT_COLUMNS) and len(rows) == 2
    assert json.loads(rows[0]["authors"]) == ["Ann Lee", "Bo Chen"] and rows[1]["canonical_url"] == ""
    assert rows[0]["copies"] == "2" and rows[0]["published_at"] == "2026-11-20T09:00:00+00:00"


def test_csv_dash_is_stdout(cli_db):
    result = runner.invoke(app, ["export", "--format", "csv", "--source", "gossip", "-o", "-"])
    assert result.exit_code == 0
    assert [r["url"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["https://gossip.example/star"]


def test_parquet_round_trip(cli_db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "all.parquet"
    result = runner.invoke(app, ["export", "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names == list(EXPORT_COLUMNS) and table.num_rows == 3
    rows = table.to_pylist()
    assert rows[0]["published_at"] == T0 and rows[0]["authors"] == ["Ann Lee", "Bo Chen"]
    assert rows[0]["removed"] == [{"reason": "related-list", "sample": "Star dates star"}]
    assert [r["copies"] for r in rows] == [2, 2, 1]


def test_parquet_of_nothing_is_a_valid_empty_file(cli_db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "none.parquet"
    assert runner.invoke(app, ["export", "-f", "parquet", "--topic", "sports", "-o", str(out)]).exit_code == 0
    assert pq.read_table(out).num_rows == 0


def test_parquet_without_pyarrow_is_one_line(cli_db, monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    result = runner.invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / "x.parquet")])
    assert result.exit_code == 2
    assert result.output.strip() == "newsflow: --format parquet needs pyarrow: pip install 'newsflow[parquet]'"
    assert not (tmp_path / "x.parquet").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "someday"], "--since 'someday' is not a date"),
        (["--until", "nope"], "--until 'nope' is not a date"),
        (["--format", "xml"], "'xml' is not one of"),
        (["--story", "0"], "--story"),
        (["-o", "/no/such/folder/x.jsonl"], "folder /no/such/folder does not exist"),
        (["-o", "/tmp"], "--output /tmp is a folder"),
    ],
)
def test_bad_arguments_are_one_line_exit_2(cli_db, args, message):
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_a_missing_sqlite_file_is_not_created(tmp_path, monkeypatch):
    from newsflow.settings import get_settings

    path = tmp_path / "absent.db"
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    result = runner.invoke(app, ["export"])
    get_settings.cache_clear()
    assert result.exit_code == 2
    assert result.output.strip() == (f"newsflow: no database at {path} (NEWSFLOW_DATABASE_URL=sqlite:///{path}); "
                                     "`newsflow run` or `newsflow demo` creates it")
    assert not path.exists()
