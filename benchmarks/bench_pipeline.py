"""End-to-end throughput: ``newsflow run`` against the fetch+parse floor, on a many-host loopback site.

A child process serves ``--hosts`` news sites, one per loopback address (127.0.0.2, 127.0.0.3, ...),
each with an RSS feed, robots.txt and article pages built from the demo site's three real layouts
(WordPress-like, Chinese portal, local paper) with generated, distinct article text (a few pages are
syndicated copies on other hosts, as in real feeds). For each size it runs, in the same process tree:

- the floor: this process fetches every article with one httpx client at the same concurrency and
  parses it with selectolax (the least any pipeline must do);
- newsflow: ``newsflow run --json`` in a subprocess, on a fresh Postgres schema, host delay 0.

It prints pages/s of both and their ratio, newsflow's CPU ms per page by stage (fetch, extract,
dedup, classify, store, and the rest: orchestration, discovery, start-up), peak RSS, start-up time
(from the command to its first request to the site: robots.txt or a feed),
and the marginal wall time per page between consecutive sizes. A 64-page warm-up run goes first and is
not counted (``--no-warmup`` skips it): the first run on a machine also creates Prefect's database,
which would make the first size's cost, and so the marginal figures, meaningless. Each size runs
``--repeat`` times (default 2) and the fastest run counts, as timeit does: single runs on a shared
2-core machine swing by about 15%. Nothing here is a test.

Usage: ``.venv/bin/python benchmarks/bench_pipeline.py [--sizes 250,1000,2500] [--hosts 32]
[--workers 8] [--database postgresql+psycopg://postgres@127.0.0.1:5432/test] [--prefect-server]``
(``--prefect-server``: the runs talk to a ``prefect server start`` of their own, as in production).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

DEMO_SITE = Path(__file__).resolve().parents[1] / "newsflow" / "dev" / "demo" / "site"
#: Syllables for generated words: enough of them that two unrelated texts share few word triples.
_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "or", "en")]


def _templates() -> list[tuple[str, str, list[str]]]:
    """(HTML of a demo article page, its path, its body paragraphs as they appear in the HTML)."""
    manifest = json.loads((DEMO_SITE / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for article in manifest["articles"]:
        site_dir = DEMO_SITE / article["site"]
        path = article["path"].lstrip("/")
        file = site_dir / path / "index.html" if path.endswith("/") or not Path(path).suffix else site_dir / path
        if not file.exists():
            continue
        html = file.read_text(encoding="utf-8")
        paragraphs = _in_html(html, article["body"])
        if len(paragraphs) >= 3:
            out.append((html, article["path"], paragraphs))
    return out


def _in_html(html: str, body: list[str]) -> list[str]:
    """The body's paragraphs as they are written in the HTML: verbatim, or with inline tags between
    their words (a lead paragraph's dateline is often in ``<strong>`` or ``<b>``). Every one is
    replaced in a generated page, so no two pages share a template's paragraph."""
    found = []
    for paragraph in body:
        if paragraph in html:
            found.append(paragraph)
            continue
        words = r"(?:\s|<[^>]+>)+".join(re.escape(word) for word in paragraph.split())
        match = re.search(r"(?:<[^>/]+>)?" + words + r"(?:</[^>]+>)?", html)
        if match is not None:
            found.append(match.group(0))
    return found


def _text(rng: random.Random, words: int) -> str:
    out = ["".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))) for _ in range(words)]
    return " ".join(out).capitalize() + "."


def build_site(pages: int, hosts: int, port: int, seed: int = 7) -> tuple[dict[str, dict[str, bytes]], int]:
    """(host -> path -> body, the number of distinct texts: the stories a run must find). About 5%
    of the pages are copies of a page on another host."""
    rng = random.Random(seed)
    templates = _templates()
    sites: dict[str, dict[str, bytes]] = {f"127.0.0.{i + 2}": {} for i in range(hosts)}
    names = list(sites)
    bodies: list[list[str]] = []
    for n in range(pages):
        host = names[n % hosts]
        html, own_path, paragraphs = templates[n % len(templates)]
        if bodies and rng.random() < 0.05:
            body = rng.choice(bodies)  # a syndicated copy
        else:
            body = [_text(rng, rng.randint(30, 60)) for _ in paragraphs]
            bodies.append(body)
        page = html
        for old, new in zip(paragraphs, body):
            page = page.replace(old, new)
        page = page.replace(own_path, f"/a/{n}.html")  # its canonical link and share links name this page
        page = re.sub(r"\{base_[abc]\}", f"http://{host}:{port}", page)
        sites[host][f"/a/{n}.html"] = page.encode("utf-8")
    for host, routes in sites.items():
        items = "".join(f"<item><title>story {p}</title><link>http://{host}:{port}{p}</link></item>" for p in routes)
        routes["/feed.xml"] = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{host}</title>'
                               f"<link>http://{host}:{port}/</link>{items}</channel></rss>").encode()
        routes["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return sites, len(bodies)


def serve(sites: dict[str, dict[str, bytes]], ready, port: int, first_request=None) -> None:
    """Child process: one threaded HTTP server per host, until killed; ``first_request`` (a shared
    double, Unix time) is set at the first request after it was reset to 0."""

    def handler_for(routes: dict[str, bytes]):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                if first_request is not None and first_request.value == 0.0:
                    first_request.value = time.time()
                body = routes.get(self.path.split("?", 1)[0])
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                kind = "application/rss+xml" if self.path.endswith(".xml") else "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        return Handler

    for host, routes in sites.items():
        server = ThreadingHTTPServer((host, port), handler_for(routes))
        server.daemon_threads = True
        Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    while True:
        time.sleep(3600)


def floor(urls: list[str], workers: int) -> tuple[float, float]:
    """Fetch and parse every URL at ``workers`` concurrency: (wall seconds, CPU seconds)."""
    import httpx
    from selectolax.lexbor import LexborHTMLParser

    def one(client: httpx.Client, url: str) -> int:
        tree = LexborHTMLParser(client.get(url).content)
        return sum(len(node.text()) for node in tree.css("p"))

    started, cpu = time.perf_counter(), time.process_time()
    with httpx.Client(limits=httpx.Limits(max_connections=workers * 2)) as client, ThreadPoolExecutor(workers) as pool:
        assert all(n > 0 for n in pool.map(lambda u: one(client, u), urls))
    return time.perf_counter() - started, time.process_time() - cpu


def newsflow_run(sources: Path, database_url: str, workers: int, api_url: str | None = None) -> dict:
    env = {**os.environ, "NEWSFLOW_DATABASE_URL": database_url, "NEWSFLOW_ALLOW_PRIVATE_HOSTS": "true",
           "NEWSFLOW_MIN_HOST_DELAY": "0", "NEWSFLOW_MAX_WORKERS": str(workers), "NEWSFLOW_MAX_NEW_URLS_PER_SOURCE": "100000",
           "NEWSFLOW_ARCHIVE_RAW_PAGES": "true", "PREFECT_LOGGING_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    started, started_at = time.perf_counter(), time.time()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("newsflow")), "run", "--sources", str(sources), "--json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    watcher = Thread(target=_watch_rss, args=(proc, peak), daemon=True)
    watcher.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"newsflow run failed ({proc.returncode}): {err[-2000:]}")
    rows = json.loads(out.strip().splitlines()[-1])
    return {"wall": wall, "rows": rows, "peak_rss_mb": peak[0] / 1024, "started_at": started_at}


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def _watch_rss(proc: subprocess.Popen, peak: list[int]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
        time.sleep(0.25)


def fresh_schema(base: str) -> tuple[str, str]:
    """(URL whose search_path is a new schema, the schema's name)."""
    from sqlalchemy import create_engine, text

    schema = f"nf_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", schema


def count_stories(database_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(DISTINCT story_id) FROM articles")).scalar_one())
    finally:
        engine.dispose()


def drop_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def _seconds(value: float) -> str:
    return f"{value:.1f} s"


def measure(size: int, args: argparse.Namespace) -> tuple:
    """Serve a site of ``size`` articles, run the floor and newsflow on it: (floor wall, floor CPU,
    newsflow's run, children's rusage before, after)."""
    sites, expected_stories = build_site(size, args.hosts, args.port)
    ready, first_request = multiprocessing.Event(), multiprocessing.Value("d", 0.0)
    server = multiprocessing.Process(target=serve, args=(sites, ready, args.port, first_request), daemon=True)
    server.start()
    ready.wait(30)
    try:
        urls = [f"http://{host}:{args.port}{path}" for host, routes in sites.items() for path in routes if path.startswith("/a/")]
        floor_wall, floor_cpu = floor(urls, args.workers)
        with tempfile.TemporaryDirectory() as tmp:
            sources = Path(tmp) / "sources.toml"
            sources.write_text("".join(f'[[sources]]\nname = "h{i}"\nkind = "feed"\nurl = "http://{host}:{args.port}/feed.xml"\n\n'
                                       for i, host in enumerate(sites)))
            database_url, schema = fresh_schema(args.database)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            first_request.value = 0.0
            try:
                run = newsflow_run(sources, database_url, args.workers, args.api_url)
                run["startup"] = first_request.value - run["started_at"]
                run["stories"], run["expected_stories"] = count_stories(database_url), expected_stories
            finally:
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                drop_schema(args.database, schema)
    finally:
        server.kill()
        server.join()
    return floor_wall, floor_cpu, run, before, after


def start_prefect_server(port: int = 4299) -> str:
    """``prefect server start`` in a child (its own PREFECT_HOME), stopped when this process exits."""
    import atexit

    import httpx

    home = tempfile.mkdtemp(prefix="nf-bench-prefect-")
    env = {**os.environ, "PREFECT_HOME": home, "PREFECT_UI_ENABLED": "false", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([str(Path(sys.executable).with_name("prefect")), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    atexit.register(server.terminate)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                return url
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("prefect server start did not answer within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,1000,2500")
    parser.add_argument("--hosts", type=int, default=32)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-warmup", action="store_true", help="measure the first size without a warm-up run first")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per size, the fastest counts (single runs on a shared 2-core machine swing by 15%%)")
    parser.add_argument("--prefect-server", action="store_true",
                        help="run against a `prefect server start` in the tree (PREFECT_API_URL set) instead of the ephemeral API")
    args = parser.parse_args()
    args.api_url = None
    if args.prefect_server:
        args.api_url = start_prefect_server()
        print(f"runs use the Prefect server at {args.api_url}")
    sizes = [int(s) for s in args.sizes.split(",")]
    if not args.no_warmup:  # the first run on a machine also creates Prefect's database: not a per-run cost
        warmup = measure(64, args)[2]
        print(f"warm-up run, 64 pages, not counted (the first run on a machine creates Prefect's database): {warmup['wall']:.1f} s")
    results = []
    for size in sizes:
        tries = [measure(size, args) for _ in range(max(1, args.repeat))]
        floor_wall, floor_cpu, run, before, after = min(tries, key=lambda t: t[2]["wall"])
        if len(tries) > 1:
            print(f"{size:>6} pages  newsflow runs: {', '.join(_seconds(t[2]['wall']) for t in tries)}; the fastest counts")
        stored = sum(row["new"] for row in run["rows"])
        failed = sorted({row["failed"] for row in run["rows"] if row["failed"] != "-"})
        if failed:
            print(f"        not stored: {'; '.join(failed)[:400]}")
        stages: dict[str, float] = {}
        for row in run["rows"]:
            for stage, seconds in (row.get("cpu_seconds") or {}).items():
                stages[stage] = stages.get(stage, 0.0) + seconds
        total_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        stages["other (orchestration, discovery, start-up)"] = max(0.0, total_cpu - sum(stages.values()))
        result = {
            "pages": size, "stored": stored, "floor_pps": size / floor_wall, "newsflow_pps": size / run["wall"],
            "floor_cpu_ms": 1000 * floor_cpu / size, "newsflow_cpu_ms": 1000 * total_cpu / size, "wall": run["wall"],
            "stages_ms": {k: 1000 * v / size for k, v in stages.items()}, "peak_rss_mb": run["peak_rss_mb"],
        }
        results.append(result)
        print(f"{size:>6} pages  floor {result['floor_pps']:7.1f} pages/s ({result['floor_cpu_ms']:.1f} ms CPU/page)  "
              f"newsflow {result['newsflow_pps']:6.1f} pages/s ({result['newsflow_cpu_ms']:.1f} ms CPU/page, {run['wall']:.1f} s, "
              f"{stored} stored)  ratio {result['newsflow_pps'] / result['floor_pps']:.3f}  peak RSS {result['peak_rss_mb']:.0f} MB  "
              f"start-up {run['startup']:.1f} s")
        print("        CPU ms/page by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in result["stages_ms"].items()))
        print(f"        stories: {run['stories']} (the site's distinct texts: {run['expected_stories']})")
        sys.stdout.flush()
    for a, b in zip(results, results[1:]):
        marginal = (b["wall"] - a["wall"]) / (b["pages"] - a["pages"])
        print(f"marginal wall time per page {a['pages']} -> {b['pages']}: {1000 * marginal:.1f} ms")
    if len(results) >= 3:
        m1 = (results[1]["wall"] - results[0]["wall"]) / (results[1]["pages"] - results[0]["pages"])
        m2 = (results[2]["wall"] - results[1]["wall"]) / (results[2]["pages"] - results[1]["pages"])
        print(f"marginal cost ratio (second step / first): {m2 / m1:.2f}  (target <= 1.3)")
        print(f"peak RSS growth {results[0]['pages']} -> {results[-1]['pages']}: {results[-1]['peak_rss_mb'] / results[0]['peak_rss_mb']:.2f}x  (target <= 1.5)")


if __name__ == "__main__":
    main()
