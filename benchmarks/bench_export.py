"""``newsflow export`` on 1,000,000 stored articles in Postgres: rows/s and the export process's peak RSS.

Seeds a private schema ``bench_export_<pid>`` (migrated by newsflow, dropped at the end) with
``--articles`` articles in ``--articles / 2`` stories (every story two copies on two sites), bodies of
``--body-chars`` characters, by COPY (psycopg ``copy`` in text format). Then runs the real command,
``newsflow export --format jsonl|csv -o FILE``, once per format as a child process, and reads the
child's peak resident set size from ``os.wait4`` (ru_maxrss). A one-row export (``--story 1``) gives
the baseline RSS of the process (Python, SQLAlchemy, typer); streaming means the full export's peak
stays near it instead of growing with the row count.

Usage: ``.venv/bin/python benchmarks/bench_export.py [--articles 1000000] [--body-chars 600] [--formats jsonl csv]``
(database from ``NEWSFLOW_TEST_POSTGRES_URL``, default postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
WORDS = ("minister summit talks border ceasefire election parliament trade sanctions envoy "
         "agreement delegation capital statement officials regional security council vote").split()


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]


def seed(url: str, schema: str, articles: int, body_chars: int) -> float:
    """COPY ``articles`` rows (and their stories) into ``schema``; returns the seconds taken."""
    started = time.perf_counter()
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    stories = (articles + 1) // 2
    body_base = " ".join(WORDS[i % len(WORDS)] for i in range(body_chars // 6 + 1))[:body_chars]
    with psycopg.connect(_psycopg_url(url), autocommit=False) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        with conn.cursor() as cur:
            with cur.copy("COPY stories (id, representative_article_id, title, topic, article_count, first_seen_at, updated_at) FROM STDIN") as copy:
                for s in range(1, stories + 1):
                    seen = t0 + timedelta(seconds=30 * s)
                    copy.write_row((s, 2 * s - 1, f"Story {s}", "geopolitics" if s % 3 else "celebrity", 2, seen, seen))
            columns = ("id, url, canonical_url, source, title, body, published_at, modified_at, authors, language, "
                       "site_name, removed, topic, topic_score, topic_evidence, story_id, story_similarity, story_link, "
                       "story_match_id, content_hash, first_seen_at, updated_at")
            with cur.copy(f"COPY articles ({columns}) FROM STDIN") as copy:
                for a in range(1, articles + 1):
                    s = (a + 1) // 2
                    first = a % 2 == 1
                    site = "wire.example" if first else f"site{a % 50}.example"
                    url_a = f"https://{site}/news/{s}/{'story' if first else 'copy'}-{a}"
                    seen = t0 + timedelta(seconds=30 * s + (0 if first else 600))
                    copy.write_row((
                        a, url_a, url_a if first else None, "wire" if first else f"site{a % 50}", f"Story {s}: leaders meet",
                        f"{body_base} ({a})", seen, None, json.dumps(["Ann Lee"]), "en", site,
                        json.dumps([{"reason": "related-list", "sample": "More news"}]),
                        "geopolitics" if s % 3 else "celebrity", 0.9, "[]", s, 1.0 if first else 0.93,
                        "first" if first else "near_copy", None if first else a - 1, f"h{a}", seen, seen,
                    ))
        conn.commit()
    return time.perf_counter() - started


def run_export(env: dict, args: list[str]) -> tuple[float, int, str]:
    """Run ``newsflow export ARGS`` as a child; (seconds, peak RSS in KiB, last stderr line)."""
    newsflow = Path(sys.executable).with_name("newsflow")
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen([str(newsflow), "export", *args], env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().strip().splitlines()
    if child.returncode != 0:
        raise SystemExit(f"newsflow export {' '.join(args)} failed ({child.returncode}): {lines[-1] if lines else ''}")
    return seconds, usage.ru_maxrss, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--body-chars", type=int, default=600)
    parser.add_argument("--formats", nargs="+", default=["jsonl", "csv"], choices=["jsonl", "csv", "parquet"])
    options = parser.parse_args()

    from sqlalchemy import create_engine, text

    from newsflow.storage.db import Database

    base = os.environ.get("NEWSFLOW_TEST_POSTGRES_URL", DEFAULT_URL)
    schema = f"bench_export_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    try:
        Database(url).migrate().dispose()
        seconds = seed(url, schema, options.articles, options.body_chars)
        print(f"seeded {options.articles:,} articles ({(options.articles + 1) // 2:,} stories, bodies of {options.body_chars} chars) "
              f"by COPY in {seconds:.1f} s ({options.articles / seconds:,.0f} rows/s)")
        with admin.connect() as connection:
            connection.execute(text(f'ANALYZE "{schema}".articles'))
        env = {**os.environ, "NEWSFLOW_DATABASE_URL": url}
        with tempfile.TemporaryDirectory() as tmp:
            seconds, rss, _ = run_export(env, ["--story", "1", "-o", str(Path(tmp) / "one.jsonl")])
            print(f"baseline: 1-row export: {seconds:.1f} s, peak RSS {rss / 1024:.0f} MiB")
            for fmt in options.formats:
                out = Path(tmp) / f"all.{fmt}"
                seconds, rss, last = run_export(env, ["--format", fmt, "-o", str(out)])
                size = out.stat().st_size
                out.unlink()
                print(f"{fmt:<7}: {options.articles:,} rows in {seconds:.1f} s = {options.articles / seconds:,.0f} rows/s, "
                      f"peak RSS {rss / 1024:.0f} MiB, file {size / 2**20:,.0f} MiB  [{last}]")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
