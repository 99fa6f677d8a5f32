"""``newsflow stories`` and ``newsflow status`` (and the progress display and listeners): SQLite and Postgres."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from typer.testing import CliRunner

from newsflow.cli import app
from newsflow.storage.articles import store_article
from newsflow.storage.fetch_log import FetchEntry, record_fetches
from newsflow.storage.queries import is_failure_jump, list_stories
from newsflow.storage.records import ArticleRecord

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
runner = CliRunner()


def near(new: bytes, stored: bytes) -> float:
    return 0.87


def record(url: str, body: str, band: int, **changes) -> ArticleRecord:
    base = ArticleRecord(
        url=url, source="wire", title="Leaders meet", body=body, content_hash=f"hash:{body}", band_keys=(band,),
        minhash=b"sig", published_at=T0, language="en", topic="geopolitics", topic_score=0.9, topic_model="m1",
    )
    return replace(base, **changes)


@pytest.fixture
def use_db(monkeypatch):
    from newsflow.settings import get_settings

    def apply(database):
        monkeypatch.setenv("NEWSFLOW_DATABASE_URL", database.url)
        monkeypatch.delenv("PREFECT_API_URL", raising=False)
        get_settings.cache_clear()
        return database

    yield apply
    get_settings.cache_clear()


# -- stories ----------------------------------------------------------------------------------------


@pytest.fixture
def stories_db(database, use_db):
    """Story 1 (older): a wire piece, its exact copy and a near copy; story 2 (a day later): one celebrity piece."""
    with database.sessions.begin() as s:
        wire = store_article(s, record("https://wire.example/a", "Leaders met.", 1), near, now=T0)
        exact = store_article(s, record("https://www.daily.example/a", "Leaders met.", 2, source="daily"), near, now=T0 + timedelta(hours=1))
        close = store_article(s, record("https://farm.example/a", "Leaders met, farm.", 1, source="farm"), near, now=T0 + timedelta(hours=2))
        star = store_article(s, record("https://gossip.example/s", "Star seen.", 9, source="gossip", topic="celebrity", title="Star"),
                             lambda a, b: None, now=T0 + timedelta(days=1))
    assert (exact.kind, close.kind, star.kind) == ("exact_copy", "near_copy", "new_story")
    assert wire.story_id == exact.story_id == close.story_id != star.story_id
    return use_db(database), (wire, exact, close, star)


def test_list_stories_newest_first_with_copies_in_first_seen_order(stories_db):
    database, (wire, exact, close, star) = stories_db
    with database.sessions() as s:
        views = list_stories(s)
    assert [v.story_id for v in views] == [star.story_id, wire.story_id]
    copies = views[1].copies
    assert [c.site for c in copies] == ["wire.example", "daily.example", "farm.example"]
    assert [c.first_seen_at for c in copies] == [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2)]
    assert copies[1].story_link == "exact_text" and copies[1].matched_article_id == wire.article_id
    assert copies[2].story_link == "near_copy" and copies[2].similarity == pytest.approx(0.87)
    assert copies[2].matched_article_id == wire.article_id


def test_list_stories_filters(stories_db):
    database, (wire, _, _, star) = stories_db
    with database.sessions() as s:
        assert [v.story_id for v in list_stories(s, topic="geopolitics")] == [wire.story_id]
        assert [v.story_id for v in list_stories(s, since=T0 + timedelta(hours=3))] == [star.story_id]
        assert [v.story_id for v in list_stories(s, limit=1)] == [star.story_id]


def test_stories_command_text_and_json(stories_db):
    database, (wire, exact, close, star) = stories_db
    result = runner.invoke(app, ["stories"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"story {star.story_id}  2026-11-21 09:00  celebrity") and "1 copy  Star" in lines[0]
    assert lines[2].startswith(f"story {wire.story_id}  2026-11-20 09:00  geopolitics") and "3 copies" in lines[2]
    assert "farm.example" in lines[5] and f"near_copy 0.87 of #{wire.article_id}" in lines[5] and lines[5].endswith("https://farm.example/a")
    result = runner.invoke(app, ["stories", "--json", "--topic", "geopolitics"])
    (story,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert story["story_id"] == wire.story_id and [c["story_link"] for c in story["copies"]][1:] == ["exact_text", "near_copy"]
    assert story["copies"][1]["url"] == "https://www.daily.example/a" and story["copies"][1]["first_seen_at"] == "2026-11-20T10:00:00+00:00"


def test_stories_bad_since(stories_db):
    result = runner.invoke(app, ["stories", "--since", "yesterday-ish"])
    assert result.exit_code == 2 and result.output.strip() == "newsflow: --since 'yesterday-ish' is not a date (try 2026-11-28)"


# -- status -----------------------------------------------------------------------------------------


def fetches(session, run_id: str, source: str, at: datetime, ok: int, failed: int, *, failure: str = "http_error",
            host: str | None = None, article_id: int | None = None) -> None:
    host = host or f"{source}.example"
    entries = [FetchEntry(source, f"https://{host}/ok/{run_id}/{i}", "fetched", "stored", at, 200, article_id) for i in range(ok)]
    entries += [FetchEntry(source, f"https://{host}/bad/{run_id}/{i}", failure, f"HTTP 503 from {host}" if failure == "http_error" else "read timeout", at, 503)
                for i in range(failed)]
    record_fetches(session, run_id, entries)


def test_jump_rule():
    assert is_failure_jump(0.8, [0.1, 0.1, 0.2, 0.0, 0.1])  # above half, 8x the median
    assert not is_failure_jump(0.5, [0.0])                   # not above half
    assert not is_failure_jump(0.7, [0.4, 0.3, 0.5])         # above half but under 2x the median 0.4
    assert is_failure_jump(0.8, [0.4, 0.3, 0.5, 0.2])        # median 0.35: 0.8 >= 0.7
    assert not is_failure_jump(0.9, [])                       # no history, no baseline


@pytest.fixture
def runs_db(database, use_db):
    """Five ordinary runs (world fails 1 in 10, sports 0), then a last run in which world fails 8 in 10."""
    with database.sessions.begin() as s:
        for n in range(1, 6):
            at = T0 + timedelta(hours=n)
            fetches(s, f"run-{n}", "world", at, 9, 1)
            fetches(s, f"run-{n}", "sports", at, 5, 0)
    return use_db(database)


def add_last_run(database, world_failed: int, **kwargs) -> None:
    with database.sessions.begin() as s:
        at = T0 + timedelta(hours=10)
        fetches(s, "run-6", "world", at, 10 - world_failed, world_failed, **kwargs)
        fetches(s, "run-6", "sports", at, 4, 1, failure="timeout", host="slow.example")


def test_status_exit_3_when_the_last_runs_failure_share_jumped(runs_db):
    add_last_run(runs_db, 8)
    result = runner.invoke(app, ["status", "--runs", "2"])
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert out.startswith("run run-6  2026-11-20 19:00:00 -> 19:00:00  15 URLs attempted")
    assert "run run-5" in out and "run run-4" not in out
    world = next(line for line in out.splitlines() if line.strip().startswith("world") and "80%" in line)
    assert world.split()[:6] == ["world", "10", "0", "2", "0", "8"]
    assert "8  http_error: HTTP 503 from world.example" in out
    assert "1  timeout: read timeout" in out
    hosts = out[out.index("worst hosts"):].splitlines()
    assert "slow.example" in hosts[1] and "1 timeouts" in hosts[1] and "world.example" in hosts[2]
    assert out.splitlines()[-1] == "JUMP: world failed on 80% of its URLs in the last run (previous runs: 10%, 10%, 10%, 10%, 10%)"


def test_status_exit_0_without_a_jump_and_json(runs_db):
    add_last_run(runs_db, 2)
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["jumps"] == [] and report["prefect"] is None
    assert [r["run_id"] for r in report["runs"]] == ["run-6", "run-5", "run-4"]
    sports = {s["source"]: s for s in report["runs"][0]["sources"]}["sports"]
    assert (sports["attempted"], sports["failures"], sports["statuses"]) == (5, 1, {"fetched": 4, "timeout": 1})
    assert sports["previous_failure_shares"] == [0.0] * 5


def test_status_counts_new_articles_first_seen_in_the_run(database, use_db):
    with database.sessions.begin() as s:
        old = store_article(s, record("https://wire.example/old", "Old.", 1), lambda a, b: None, now=T0)
        new = store_article(s, record("https://wire.example/new", "New.", 2), lambda a, b: None, now=T0 + timedelta(hours=2))
        fetches(s, "run-1", "world", T0, 1, 0, article_id=old.article_id)
        fetches(s, "run-2", "world", T0 + timedelta(hours=2), 1, 0, article_id=new.article_id)
        fetches(s, "run-2", "world", T0 + timedelta(hours=2), 1, 0, article_id=old.article_id, host="wire2.example")
    use_db(database)
    report = json.loads(runner.invoke(app, ["status", "--json"]).stdout)
    last = report["runs"][0]["sources"][0]
    assert (last["attempted"], last["fetched"], last["new"]) == (2, 2, 1)


def test_status_on_an_empty_log(database, use_db):
    use_db(database)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0 and result.stdout.strip() == "no runs recorded yet (the fetches table is empty)"


def test_status_reads_prefect_when_an_api_is_set(runs_db, monkeypatch):
    import newsflow.flows.history as history

    add_last_run(runs_db, 2)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.setattr(history, "recent_flow_runs", lambda limit=10: [
        history.FlowRunInfo("ingest", "ingest-sources-20261120-1900", "Completed", T0, T0 + timedelta(minutes=2))])
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0
    assert "prefect flow runs (http://127.0.0.1:4200/api):" in result.stdout
    assert "ingest       Completed  ingest-sources-20261120-1900" in result.stdout

    def unreachable(limit=10):
        raise RuntimeError("All connection attempts failed")

    monkeypatch.setattr(history, "recent_flow_runs", unreachable)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0
    assert "prefect (http://127.0.0.1:4200/api): cannot read flow runs: RuntimeError: All connection attempts failed" in result.stdout


# -- progress -----------------------------------------------------------------------------------------


def test_progress_listeners_are_called_and_removed():
    from newsflow.pipeline.progress import listening, notify

    seen = []

    def broken(kind, done, total):
        raise ValueError("a broken display")

    with listening(lambda *args: seen.append(args)), listening(broken):
        notify("ingest", 1, 4)
        notify("ingest", 4, 4)
    notify("ingest", 5, 5)
    assert seen == [("ingest", 1, 4), ("ingest", 4, 4)]


def test_progress_display_plain_lines_and_rich_bar(capsys):
    from newsflow.cli.data import ProgressDisplay

    with ProgressDisplay("export", "rows", 10, interactive=False, interval=0.0) as display:
        display.update(5)
        display.update(10)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("export: 5/10 rows (50%)") and "ETA" in lines[0]
    assert lines[-1].startswith("export: 10/10 rows (100%)") and "ETA" not in lines[-1]

    with ProgressDisplay("reprocess", "articles", interactive=True) as display:
        display.update(3, 7)
        display.update(7)
        assert display._bar.tasks[0].completed == 7 and display._bar.tasks[0].total == 7
    assert "reprocess" in capsys.readouterr().err


def test_unreachable_database_for_every_read_command(monkeypatch):
    from newsflow.settings import get_settings

    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", "postgresql+psycopg://nobody:s3cret@127.0.0.1:1/none")
    get_settings.cache_clear()
    try:
        for command in (["articles"], ["export"], ["stories"], ["status"]):
            result = runner.invoke(app, command)
            assert result.exit_code == 2, (command, result.output)
            line = result.output.strip()
            assert len(line.splitlines()) == 1 and "127.0.0.1:1/none" in line and "is unreachable" in line
            assert "s3cret" not in line
    finally:
        get_settings.cache_clear()


def test_read_commands_never_create_a_sqlite_file(tmp_path, monkeypatch):
    from newsflow.settings import get_settings

    path = tmp_path / "absent.db"
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    try:
        for command in (["articles"], ["export"], ["stories"], ["status"]):
            result = runner.invoke(app, command)
            assert result.exit_code == 2 and result.output.strip().startswith(f"newsflow: no database at {path}")
            assert not path.exists()
    finally:
        get_settings.cache_clear()


def test_every_command_has_an_example_in_its_help():
    import typer

    root = typer.main.get_command(app)
    paths = []
    for name, command in root.commands.items():
        subcommands = getattr(command, "commands", None)
        paths += [[name, sub] for sub in subcommands] if subcommands else [[name]]
    assert {"export", "stories", "status", "run", "reprocess"} <= {p[0] for p in paths}
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run"], "Missing option '--sources'. (see `"),  # the CliRunner's program name is 'root'
        (["stories", "--limit", "0"], "'--limit'"),
        (["status", "--runs", "x"], "'--runs'"),
        (["export", "--bogus"], "No such option: --bogus"),
        (["reprocess", "--limit", "-1"], "'--limit'"),
        (["eval", "topics"], "Missing option '--data'"),
        (["nosuch"], "No such command 'nosuch'"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.startswith("newsflow: ") and message in result.output and len(result.output.strip().splitlines()) == 1
