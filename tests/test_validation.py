"""Inputs are checked: the sources file against its schema, settings' choices and ranges, CLI choices,
commands that need a Prefect server; and help texts render as written."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from newsflow.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch, tmp_path):
    from newsflow.settings import get_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("COLUMNS", "250")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output.strip()


GOOD = "[[sources]]\nname = 'world'\nkind = 'feed'\nurl = 'https://e.example/f'\n"


@pytest.mark.parametrize(
    ("extra", "line", "expected"),
    [
        ("max_new_url = 10\n", 10, "source 'sports': unknown key 'max_new_url'; did you mean max_new_urls?"),
        ("max_new_urls = 'ten'\n", 10, "source 'sports': max_new_urls must be a positive integer, not str 'ten'"),
        ("max_new_urls = 0\n", 10, "source 'sports': max_new_urls must be a positive integer, not int 0"),
        ("tags = 'a'\n", 10, "source 'sports': tags must be a list of strings"),
        ("tag = ['a']\n", 10, "source 'sports': unknown key 'tag'; did you mean tags?"),
    ],
)
def test_sources_file_schema_errors_name_the_line_and_source(tmp_path, extra, line, expected):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD + "\n[[sources]]\nname = 'sports'\nkind = 'feed'\nurl = 'https://e.example/s'\n" + extra)
    code, output = run("run", "--sources", str(path))
    assert code == 2, output
    assert len(output.splitlines()) == 1
    assert output.startswith(f"newsflow: {path}:{line}: {expected}"), output


def test_misspelt_kind_and_wrong_type_of_a_required_key(tmp_path):
    from newsflow.connectors.sources import SourcesFileError, load_sources

    path = tmp_path / "s.toml"
    path.write_text("[[sources]]\nname = 'x'\nkind = 'feeds'\nurl = 'https://e.example/f'\n")
    with pytest.raises(SourcesFileError, match=r"s.toml:3: source 'x': kind 'feeds' is not one of feed, sitemap, listing; did you mean feed\?"):
        load_sources(path)
    path.write_text("[[sources]]\nname = 'x'\nkind = 'feed'\nurl = 42\n")
    with pytest.raises(SourcesFileError, match=r"s.toml:4: source 'x': url must be an http:// or https:// URL, not int 42"):
        load_sources(path)
    path.write_text("[[source]]\nname = 'x'\n")
    with pytest.raises(SourcesFileError, match=r"has no \[\[sources\]\] tables"):
        load_sources(path)
    path.write_text(GOOD + "[[sorces]]\nname = 'y'\n")
    with pytest.raises(SourcesFileError, match=r"s.toml:5: unknown table 'sorces'; did you mean sources\?"):
        load_sources(path)


def test_valid_file_with_every_key_loads(tmp_path):
    from newsflow.connectors.sources import load_sources

    path = tmp_path / "s.toml"
    path.write_text(GOOD + "max_new_urls = 5\ntags = ['a', 'b']\n")
    (source,) = load_sources(path)
    assert source.max_new_urls == 5 and source.tags == ("a", "b")


def test_unknown_task_runner_is_one_line_listing_the_choices(tmp_path, monkeypatch):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    monkeypatch.setenv("NEWSFLOW_TASK_RUNNER", "ray")
    code, output = run("run", "--sources", str(path))
    assert code == 2
    assert output == "newsflow: bad setting NEWSFLOW_TASK_RUNNER: Input should be 'threads' or 'dask' (got 'ray')"


@pytest.mark.parametrize(("name", "value", "says"), [("BATCH_SIZE", "500", "less than or equal to 200"),
                                                     ("MAX_WORKERS", "0", "greater than or equal to 1"),
                                                     ("READ_TIMEOUT", "soon", "valid number")])
def test_settings_ranges_are_checked_at_start(tmp_path, monkeypatch, name, value, says):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    monkeypatch.setenv(f"NEWSFLOW_{name}", value)
    code, output = run("run", "--sources", str(path))
    assert code == 2 and output.startswith(f"newsflow: bad setting NEWSFLOW_{name}:") and says in output
    assert len(output.splitlines()) == 1


def test_task_runner_accepts_its_choices_in_any_case(monkeypatch):
    from newsflow.settings import Settings

    monkeypatch.setenv("NEWSFLOW_TASK_RUNNER", " Dask ")
    assert Settings().task_runner == "dask"


def test_articles_topic_must_be_a_label(tmp_path):
    from newsflow.cli.commands import Topic
    from newsflow.processing.classify import LABELS
    from newsflow.storage.db import Database

    Database(f"sqlite:///{tmp_path / 'cli.db'}").migrate().dispose()  # read-only commands need an existing database

    assert tuple(t.value for t in Topic) == LABELS
    code, output = run("articles", "--topic", "foo")
    assert code == 2
    assert "'foo' is not one of" in output and all(label in output for label in LABELS)
    code, _ = run("articles", "--topic", "Geopolitics")
    assert code == 0


@pytest.mark.parametrize("command", [["serve"], ["automations"]])
def test_serve_and_automations_need_a_prefect_server(command, monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        code, output = run(*command)
    assert code == 2
    assert output == (f"newsflow: `newsflow {command[0]}` needs a Prefect server but PREFECT_API_URL is not set: start one with "
                      "`prefect server start` and, in this shell, `export PREFECT_API_URL=http://127.0.0.1:4200/api`")


def _help(*args: str) -> str:
    code, output = run(*args, "--help")
    assert code == 0, output
    return re.sub(r"\s+", " ", output)


def test_help_texts_render_as_written():
    assert "TOML with [[sources]] tables" in _help("run")
    assert "pip install -e '.[distill]'" in _help("train", "wordvectors")


def test_run_help_says_what_the_summary_columns_count():
    from newsflow.pipeline.report import COLUMN_HELP, SUMMARY_COLUMNS

    text = _help("run")
    assert set(COLUMN_HELP) == set(SUMMARY_COLUMNS) - {"source", "seconds"}
    for name, what in COLUMN_HELP.items():
        assert f"{name}: {what}." in text, name


def test_serve_checks_settings_before_serving(monkeypatch):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.setenv("NEWSFLOW_TASK_RUNNER", "ray")
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        code, output = run("serve")
    assert code == 2 and output == "newsflow: bad setting NEWSFLOW_TASK_RUNNER: Input should be 'threads' or 'dask' (got 'ray')"
