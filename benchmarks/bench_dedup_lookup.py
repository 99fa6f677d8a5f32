"""Band-key candidate lookup latency with 500,000 stored articles in Postgres.

Models the store's index ``article_band_keys(band_key BIGINT, article_id BIGINT,
PRIMARY KEY (band_key, article_id))`` plus its ``article_id`` index (storage/models.py), in a private
schema ``bench_dedup_<pid>`` that is dropped at the end.  Band keys are hash outputs, so stored
articles are modelled with uniformly random signed 64-bit keys (``newsflow.processing.dedup.NUM_KEYS`` per
article); a share of articles are near-copies that share some of their cluster's keys, as
syndicated copies do.  Rows are bulk-loaded with binary COPY, then the timed query is the store's::

    SELECT article_id FROM article_band_keys WHERE band_key = ANY(:keys)

for 1,000 fingerprints of stored articles (hits) and 1,000 of new articles (misses), each with all
its band keys, timed client-side (round trip + fetch).  Target: p95 <= 10 ms.

Usage: ``.venv/bin/python benchmarks/bench_dedup_lookup.py [--articles 500000] [--queries 1000]``
(database from ``NEWSFLOW_TEST_POSTGRES_URL``, default postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import argparse
import os
import re
import time

import numpy as np
import psycopg

from newsflow.processing.dedup import NUM_KEYS as KEYS  # band keys per article (main + lead bands)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
QUERY = "SELECT article_id FROM article_band_keys WHERE band_key = ANY(%s::bigint[])"


def _url() -> str:
    url = os.environ.get("NEWSFLOW_TEST_POSTGRES_URL", DEFAULT_URL)
    return url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]


def make_keys(articles: int, copy_share: float, rng: np.random.Generator) -> np.ndarray:
    """(articles, KEYS) int64 band keys; ``copy_share`` of articles copy 1-KEYS keys of another."""
    keys = rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, size=(articles, KEYS), dtype=np.int64)
    n_copies = int(articles * copy_share)
    copies = rng.choice(articles, size=n_copies, replace=False)
    originals = rng.integers(0, articles, size=n_copies)
    shared = rng.integers(1, KEYS + 1, size=n_copies)  # how many bands the copy shares
    for c, o, k in zip(copies, originals, shared):
        if c != o:
            cols = rng.choice(KEYS, size=k, replace=False)
            keys[c, cols] = keys[o, cols]
    return keys


def _copy_chunks(keys: np.ndarray, chunk_articles: int = 40_000):
    """PostgreSQL binary COPY payload (header, rows, trailer) in chunks; rows deduplicated per article."""
    row = np.dtype([("n", ">i2"), ("l1", ">i4"), ("key", ">i8"), ("l2", ">i4"), ("id", ">i8")])
    yield b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
    for start in range(0, len(keys), chunk_articles):
        block = keys[start : start + chunk_articles]
        ids = np.repeat(np.arange(start + 1, start + 1 + len(block), dtype=np.int64), KEYS)
        buf = np.empty(block.size, dtype=row)
        buf["n"], buf["l1"], buf["l2"] = 2, 8, 8
        buf["key"], buf["id"] = block.ravel(), ids
        yield buf.tobytes()
    yield (-1).to_bytes(2, "big", signed=True)


def load(conn: psycopg.Connection, keys: np.ndarray) -> dict[str, float]:
    """Create the table, COPY the rows in, then build the primary key and the article_id index."""
    t0 = time.perf_counter()
    conn.execute("CREATE UNLOGGED TABLE article_band_keys (band_key BIGINT NOT NULL, article_id BIGINT NOT NULL)")
    with conn.cursor().copy("COPY article_band_keys (band_key, article_id) FROM STDIN (FORMAT BINARY)") as cp:
        for chunk in _copy_chunks(keys):
            cp.write(chunk)
    t1 = time.perf_counter()
    conn.execute("SET maintenance_work_mem = '256MB'")
    conn.execute("ALTER TABLE article_band_keys ADD PRIMARY KEY (band_key, article_id)")
    conn.execute("CREATE INDEX ON article_band_keys (article_id)")
    conn.execute("ANALYZE article_band_keys")
    t2 = time.perf_counter()
    rows = conn.execute("SELECT count(*) FROM article_band_keys").fetchone()[0]
    size = conn.execute("SELECT pg_total_relation_size('article_band_keys')").fetchone()[0]
    return {"rows": rows, "copy_s": t1 - t0, "index_s": t2 - t1, "size_mb": size / 2**20}


def time_lookups(conn: psycopg.Connection, queries: list[list[int]]) -> dict[str, float]:
    """Client-side latency of the candidate lookup, in milliseconds."""
    for q in queries[:20]:  # let psycopg prepare the statement; not counted
        conn.execute(QUERY, (q,)).fetchall()
    times, found, articles = [], 0, 0
    for q in queries:
        t = time.perf_counter()
        rows = conn.execute(QUERY, (q,)).fetchall()
        times.append((time.perf_counter() - t) * 1000)
        found += len(rows)
        articles += len({r[0] for r in rows})
    ms = np.array(times)
    return {
        "p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
        "p99": float(np.percentile(ms, 99)), "max": float(ms.max()), "rows_per_query": found / len(queries),
        "articles_per_query": articles / len(queries),
    }


def main() -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500_000)
    ap.add_argument("--queries", type=int, default=1_000)
    ap.add_argument("--copy-share", type=float, default=0.1, help="share of stored articles that are near-copies")
    ap.add_argument("--seed", type=int, default=20260401)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    keys = make_keys(args.articles, args.copy_share, rng)
    # A copy's shared bands are distinct columns, so no (band_key, article_id) pair repeats.
    schema = f"bench_dedup_{os.getpid()}"
    result: dict = {"articles": args.articles, "bands": KEYS, "schema": schema}
    with psycopg.connect(_url(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            conn.execute(f'SET search_path TO "{schema}"')
            result["load"] = load(conn, keys)
            hit_ids = rng.choice(args.articles, size=args.queries, replace=False)
            hits = [keys[i].tolist() for i in hit_ids]
            misses = rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max,
                                  size=(args.queries, KEYS), dtype=np.int64).tolist()
            plan = conn.execute("EXPLAIN " + QUERY, (hits[0],)).fetchall()
            result["plan"] = " / ".join(re.sub(r"'\{[^}]*\}'", "'{...}'", r[0].strip()) for r in plan)
            result["stored_fingerprints"] = time_lookups(conn, hits)
            result["new_fingerprints"] = time_lookups(conn, misses)
        finally:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    ld = result["load"]
    print(f"article_band_keys: {args.articles:,} articles x {KEYS} bands = {ld['rows']:,} rows, "
          f"{ld['size_mb']:.0f} MB with indexes; COPY {ld['copy_s']:.1f} s, indexes {ld['index_s']:.1f} s")
    print(f"plan: {result['plan']}")
    for name in ("stored_fingerprints", "new_fingerprints"):
        r = result[name]
        print(f"{name:20s} {args.queries} lookups: p50 {r['p50']:.2f} ms  p95 {r['p95']:.2f} ms  "
              f"p99 {r['p99']:.2f} ms  max {r['max']:.2f} ms  ({r['rows_per_query']:.1f} rows, "
              f"{r['articles_per_query']:.2f} articles per lookup)")
    worst = max(result[n]["p95"] for n in ("stored_fingerprints", "new_fingerprints"))
    print(f"target p95 <= 10 ms: {'ok' if worst <= 10 else 'MISSED'} (worst p95 {worst:.2f} ms)")
    return result


if __name__ == "__main__":
    main()
