"""The story-linking candidate query's plan with many stored articles (Postgres).

Seeds ``--articles`` articles (default 100,000) with their URLs and band keys (``NUM_KEYS`` random
keys each) into a private schema with the real migrations, then prints ``EXPLAIN ANALYZE`` of
``newsflow.storage.stories.candidate_query`` for a probe that shares band keys with stored articles,
before and after ``ANALYZE``, and whether every branch is an index lookup (no sequential scan). A
table loaded in bulk has no statistics until autovacuum analyzes it (within a minute), and until then
the planner may scan the band keys. The schema is dropped at the end. Nothing here is a test.

Usage: ``.venv/bin/python benchmarks/explain_candidates.py [--articles 100000]
[--database postgresql+psycopg://postgres@127.0.0.1:5432/test]``
"""

from __future__ import annotations

import argparse
import time
import uuid

from sqlalchemy import create_engine, text

from newsflow.processing.dedup import NUM_KEYS
from newsflow.storage.db import Database
from newsflow.storage.stories import Probe, candidate_query

SEED = [
    "INSERT INTO stories (id, title, article_count, first_seen_at, updated_at) "
    "SELECT g, 't', 1, now(), now() FROM generate_series(1, :n) g",
    "INSERT INTO articles (id, url, source, title, body, story_id, story_similarity, story_link, content_hash, authors, "
    "removed, topic_evidence, first_seen_at, updated_at, declared_original) SELECT g, 'http://h' || (g % 97) || '/a/' || g, "
    "'s', 't', 'b', g, 1.0, 'first', md5(g::text), '[]', '[]', '[]', now(), now(), "
    "CASE WHEN g % 50 = 0 THEN 'http://wire/a/' || g END FROM generate_series(1, :n) g",
    "INSERT INTO article_urls (url, article_id) SELECT 'http://h' || (g % 97) || '/a/' || g, g FROM generate_series(1, :n) g",
    "INSERT INTO article_band_keys (band_key, article_id) SELECT (random() * 9e18)::bigint, g "
    "FROM generate_series(1, :n) g, generate_series(1, :keys) k ON CONFLICT DO NOTHING",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    schema = f"nf_explain_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.database, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        database = Database(f"{args.database}{'&' if '?' in args.database else '?'}options=-csearch_path%3D{schema}").migrate()
        started = time.perf_counter()
        with database.engine.begin() as connection:
            for statement in SEED:
                connection.execute(text(statement), {"n": args.articles, "keys": NUM_KEYS})
        print(f"seeded {args.articles:,} articles x {NUM_KEYS} band keys in {time.perf_counter() - started:.0f} s")
        with database.engine.connect() as connection:  # a probe sharing band keys with stored articles
            shared = connection.execute(text("SELECT band_key FROM article_band_keys WHERE article_id IN (7, 8)")).scalars().all()
        probe = Probe(url="http://h1/new", urls=("http://h1/new",), content_hash="0" * 32,
                      band_keys=tuple(sorted(shared))[:NUM_KEYS], minhash=b"x", declared_original="http://h5/a/5")
        query, params = candidate_query(probe, named=[5], band_keys=list(probe.band_keys))
        for when in ("before ANALYZE (a new database: no statistics yet)", "after ANALYZE"):
            with database.engine.begin() as connection:
                if when == "after ANALYZE":
                    connection.execute(text("ANALYZE"))
                plan = [row[0] for row in connection.execute(text("EXPLAIN ANALYZE " + query.text), params)]
            print(f"-- {when}\n" + "\n".join(plan))
            scans = [line.strip() for line in plan if "Seq Scan on" in line]
            print("every branch is an index lookup" if not scans else f"SEQUENTIAL SCAN: {scans}")
        database.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
