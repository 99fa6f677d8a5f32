"""Runs that survive each other, kills, a restarting database and a busy machine (issue 15).

Every scenario runs the real ``newsflow run`` command in subprocesses (each with its own ephemeral
Prefect API, default settings) against a throwaway Postgres cluster started here (never the shared
one) and a local site on 127.0.0.1 that logs the time of every request.

The site: 40 distinct articles listed by eight overlapping feeds (feed k: articles 5k .. 5k+9, mod 40).
In the 8-run scenario run i reads feeds i and i+1 (15 articles, 10 of them shared with a neighbour),
so runs overlap and all 40 are covered; the other scenarios read all eight feeds. The reference is
one clean run over the eight feeds.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.pg_cluster import PgCluster, wait_until

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
NEWSFLOW = str(REPO / ".venv" / "bin" / "newsflow") if (REPO / ".venv" / "bin" / "newsflow").exists() else "newsflow"
MIN_HOST_DELAY = 0.25
ARTICLES = 40
FEEDS = {str(k): [(5 * k + j) % 40 for j in range(10)] for k in range(8)}
ALL_FEEDS = "".join(FEEDS)
#: Measured figures, printed at the end of the module (pytest -s) and asserted on in each test.
FIGURES: dict[str, object] = {}

_WORDS = ("harbour council minister treaty border election parliament summit river railway budget court "
          "senate governor festival museum orchestra drought harvest vaccine hospital school bridge tunnel "
          "airport strike union factory export tariff currency inflation pension reform protest coalition "
          "ceasefire embassy delegation pipeline reactor satellite glacier wildfire flood storm coast island "
          "village mayor judge verdict inquiry scandal merger startup archive library stadium marathon").split()


def article_html(index: int) -> str:
    rng = random.Random(index)
    title = f"Report {index}: {' '.join(rng.sample(_WORDS, 4))}"
    paragraphs = "".join(
        f"<p>{' '.join(rng.choice(_WORDS) for _ in range(40))} number {index}-{p}.</p>" for p in range(6)
    )
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


class TimedSite:
    """The test site; ``log`` holds (monotonic time, path) of every request, in arrival order."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                with site.lock:
                    site.log.append((time.monotonic(), self.path))
                body, kind = site.route(self.path)
                if body is None:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def route(self, path: str):
        if path == "/robots.txt":
            return "User-agent: *\nAllow: /\n", "text/plain"
        if path.startswith("/feed-") and path.endswith(".xml"):
            items = "".join(f"<item><title>Report {i}</title><link>{self.base}/news/{i}.html</link></item>"
                            for i in FEEDS.get(path[6:-4], ()))
            return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
                    f"<link>{self.base}/</link>{items}</channel></rss>"), "application/rss+xml"
        if path.startswith("/news/") and path.endswith(".html"):
            index = int(path[6:-5])
            return (article_html(index), "text/html; charset=utf-8") if 0 <= index < ARTICLES else (None, "")
        return None, ""

    def mark(self) -> int:
        with self.lock:
            return len(self.log)

    def since(self, mark: int) -> list[tuple[float, str]]:
        with self.lock:
            return list(self.log[mark:])

    def sources(self, folder: Path, name: str, feeds: str) -> Path:
        path = folder / f"{name}.toml"
        path.write_text("".join(f'[[sources]]\nname = "feed-{f}"\nkind = "feed"\nurl = "{self.base}/feed-{f}.xml"\n\n' for f in feeds))
        return path


@pytest.fixture(scope="module")
def cluster():
    try:
        pg = PgCluster().init()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"cannot start a throwaway Postgres cluster: {exc}")
    yield pg
    pg.destroy()


@pytest.fixture(scope="module")
def site():
    served = TimedSite()
    yield served
    served.server.shutdown()


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs")
    (folder / "prefect").mkdir()
    return folder


def run_env(work: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NEWSFLOW_", "PREFECT_"))}
    env.update({
        "NEWSFLOW_DATABASE_URL": database_url, "NEWSFLOW_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
        "NEWSFLOW_MIN_HOST_DELAY": str(MIN_HOST_DELAY), "NEWSFLOW_BATCH_SIZE": "5",
        "PREFECT_HOME": str(work / "prefect"), "PREFECT_LOGGING_LEVEL": "WARNING",
        **extra,
    })
    return env


def start_run(work: Path, sources: Path, env: dict[str, str], name: str) -> subprocess.Popen:
    out = open(work / f"{name}.out", "w")
    err = open(work / f"{name}.err", "w")
    return subprocess.Popen([NEWSFLOW, "run", "--sources", str(sources)], env=env, stdout=out, stderr=err, cwd=work)


def finish(process: subprocess.Popen, work: Path, name: str, timeout: float = 400) -> tuple[int, str]:
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = -9
    return code, (work / f"{name}.err").read_text()


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def query(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def stored_rows(url: str) -> tuple[dict, set]:
    """(url -> (title, content hash, topic)) and the stories as a partition of URLs."""
    articles = query(url, "SELECT url, title, content_hash, topic, story_id FROM articles")
    stories: dict[int, set[str]] = {}
    for row in articles:
        stories.setdefault(row[4], set()).add(row[0])
    return {row[0]: row[1:4] for row in articles}, {frozenset(members) for members in stories.values()}


def fetched_articles(url: str) -> int:
    rows = query(url, "SELECT count(*) FROM fetches WHERE url LIKE '%/news/%' AND status = 'fetched'")
    return rows[0][0]


@pytest.fixture(scope="module")
def reference(cluster, site, work):
    """One clean run over the three feeds: the rows every scenario must end with."""
    url = cluster.create_database("reference")
    sources = site.sources(work, "reference", ALL_FEEDS)
    code, err = finish(start_run(work, sources, run_env(work, url), "reference"), work, "reference")
    assert code == 0, err
    rows = stored_rows(url)
    assert len(rows[0]) == ARTICLES
    return rows


def test_eight_concurrent_runs_fetch_each_url_once_and_share_host_pacing(cluster, site, work, reference):
    url = cluster.create_database("eight")
    pairs = [f"{i}{(i + 1) % 8}" for i in range(8)]
    mark = site.mark()
    started = time.monotonic()
    runs = [start_run(work, site.sources(work, f"eight-{i}", feeds), run_env(work, url), f"eight-{i}") for i, feeds in enumerate(pairs)]
    results = [finish(run, work, f"eight-{i}") for i, run in enumerate(runs)]
    wall = time.monotonic() - started
    for code, err in results:
        assert code == 0, err[-3000:]
    requests = site.since(mark)
    article_fetches = [path for _, path in requests if path.startswith("/news/")]
    per_url = {path: article_fetches.count(path) for path in set(article_fetches)}
    times = sorted(t for t, _ in requests)
    gaps = [b - a for a, b in zip(times, times[1:])]
    FIGURES.update({"8 runs: article fetches": len(article_fetches), "8 runs: distinct URLs": len(per_url),
                    "8 runs: max fetches of one URL": max(per_url.values()), "8 runs: requests to the host": len(times),
                    "8 runs: smallest gap (s)": round(min(gaps), 4), "8 runs: wall time (s)": round(wall, 1),
                    "8 runs: articles fetched per run": sorted(n for (n,) in query(
                        url, "SELECT count(*) FROM fetches WHERE url LIKE '%/news/%' GROUP BY run_id"))})
    print(f"\n8 concurrent runs: {FIGURES}")
    assert len(per_url) == ARTICLES and set(per_url.values()) == {1}, f"each article fetched once: {per_url}"
    # Every request (robots.txt, feeds, articles) of all 8 runs to the one host 127.0.0.1, arrival to
    # arrival at the server: the shared pacing keeps them MIN_HOST_DELAY apart.
    assert min(gaps) >= MIN_HOST_DELAY, f"smallest gap between two requests: {min(gaps):.4f} s"
    assert stored_rows(url) == reference, "the same rows as one run"
    assert query(url, "SELECT count(*) FROM articles")[0][0] == ARTICLES, "no duplicates"
    assert fetched_articles(url) == ARTICLES
    assert query(url, "SELECT count(*) FROM url_claims WHERE done_at IS NULL")[0][0] == 0


def test_kill_9_mid_run_leaves_no_process_and_a_rerun_completes_it(cluster, site, work, reference):
    url = cluster.create_database("killed")
    sources = site.sources(work, "killed", ALL_FEEDS)
    env = run_env(work, url, NEWSFLOW_CLAIM_LEASE="3")
    run = start_run(work, sources, env, "killed")
    assert wait_until(lambda: query(url, "SELECT count(*) FROM fetches WHERE url LIKE '%/news/%'")[0][0] >= 5
                      if _has_table(url, "fetches") else False, timeout=300), (work / "killed.err").read_text()
    helpers = descendants(run.pid)
    assert helpers, "the run has its Prefect server child"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert wait_until(lambda: not any(alive(pid) for pid in helpers), timeout=15), \
        f"left running after kill -9: {[pid for pid in helpers if alive(pid)]}"
    unfinished = query(url, "SELECT count(*) FROM url_claims WHERE done_at IS NULL")[0][0]
    assert unfinished > 0, "the killed run held claims"
    rerun = start_run(work, sources, env, "killed-rerun")
    code, err = finish(rerun, work, "killed-rerun")
    assert code == 0, err[-3000:]
    assert stored_rows(url) == reference
    assert query(url, "SELECT count(*) FROM url_claims WHERE done_at IS NULL")[0][0] == 0
    FIGURES["kill -9: unfinished claims picked up by the rerun"] = unfinished


def _has_table(url: str, name: str) -> bool:
    return bool(query(url, f"SELECT 1 FROM information_schema.tables WHERE table_name = '{name}'"))


def test_sigterm_stops_between_urls_records_what_it_did_and_exits_non_zero(cluster, site, work):
    url = cluster.create_database("terminated")
    sources = site.sources(work, "terminated", ALL_FEEDS)
    run = start_run(work, sources, run_env(work, url), "terminated")
    assert wait_until(lambda: _has_table(url, "fetches") and query(url, "SELECT count(*) FROM fetches WHERE url LIKE '%/news/%'")[0][0] >= 3,
                      timeout=300), (work / "terminated.err").read_text()
    helpers = descendants(run.pid)
    run.send_signal(signal.SIGTERM)
    code, err = finish(run, work, "terminated", timeout=120)
    assert code == 143, err[-3000:]
    assert "Traceback" not in err
    last = [line for line in err.splitlines() if line.startswith("newsflow:")][-1]
    assert "stopped on request" in last, err[-2000:]
    assert wait_until(lambda: not any(alive(pid) for pid in helpers), timeout=15)
    attempted = query(url, "SELECT count(*) FROM fetches WHERE url LIKE '%/news/%'")[0][0]
    stored = query(url, "SELECT count(*) FROM articles")[0][0]
    assert 0 < attempted < ARTICLES, "it stopped early"
    assert stored == attempted, "every URL it fetched is stored and recorded"
    assert query(url, "SELECT count(*) FROM url_claims WHERE done_at IS NULL")[0][0] == 0, "the rest is given back"
    FIGURES["SIGTERM: URLs done before stopping"] = attempted


def test_postgres_restart_mid_run(cluster, site, work, reference):
    url = cluster.create_database("restarted")
    sources = site.sources(work, "restarted", ALL_FEEDS)
    run = start_run(work, sources, run_env(work, url), "restarted")
    assert wait_until(lambda: _has_table(url, "fetches") and query(url, "SELECT count(*) FROM fetches WHERE url LIKE '%/news/%'")[0][0] >= 5,
                      timeout=300), (work / "restarted.err").read_text()
    cluster.stop("fast")
    time.sleep(10)
    cluster.start()
    code, err = finish(run, work, "restarted")
    assert code == 0, err[-3000:]
    assert stored_rows(url) == reference


def test_a_loaded_machine_still_completes(cluster, site, work, reference):
    url = cluster.create_database("loaded")
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        code, err = finish(start_run(work, site.sources(work, "loaded", ALL_FEEDS), run_env(work, url), "loaded"), work, "loaded")
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert code == 0, err[-3000:]
    assert stored_rows(url) == reference


def test_zz_report_figures():
    print("\nissue 15 figures:", FIGURES)
