"""Postgres: the pages of a batch that start a story, found with one statement and written with one.

Most pages of a run are copies of nothing: no stored article and no other page of the batch shares a
URL, a text hash, a declared original or an LSH band key with them. Such a page becomes a story of
one, and :func:`store_articles` would write it with three round trips (its row lookup, its
candidates, its insert) while holding the store lock. Here the whole batch is probed with ONE
statement (index lookups of every URL, hash, declared original and band key of the batch) and the
pages that touch nothing are written with ONE multi-row statement: their stories, rows, URLs and
band keys. Every other page goes through ``store_article`` as before, after them and in batch order.

That is the same result as storing each page in turn: a page written here is related to nothing
stored and to no other page of the batch, so storing it first changes nothing the others see, and it
has no edge to find (only ids are handed out in another order).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from newsflow.storage.records import CONTENT_FIELDS, ArticleRecord, content_values, urls_of
from newsflow.storage.types import UTCDateTime


def unrelated_pages(session: Session, records: Sequence[ArticleRecord]) -> list[int]:
    """Positions of the records that no stored article and no other record of the batch relates to
    (the pages that start a story of their own), by one index-only probe of the whole batch."""
    urls = [url for record in records for url in urls_of(record)]
    keys = sorted({key for record in records for key in record.band_keys})
    hashes = sorted({record.content_hash for record in records})
    found = {(kind, value) for kind, value in session.execute(_PROBE, {"urls": urls, "keys": keys, "hashes": hashes})}
    url_count = Counter(urls)
    key_count = Counter(key for record in records for key in set(record.band_keys))
    hash_count = Counter(record.content_hash for record in records)
    declared = {record.declared_original for record in records if record.declared_original}
    out = []
    for position, record in enumerate(records):
        own = urls_of(record)
        if (record.declared_original is None and hash_count[record.content_hash] == 1
                and ("h", record.content_hash) not in found
                and all(url_count[url] == 1 and ("u", url) not in found and ("d", url) not in found
                        and url not in declared for url in own)
                and all(key_count[key] == 1 and ("k", str(key)) not in found for key in set(record.band_keys))):
            out.append(position)
    return out


_PROBE = text(
    "SELECT 'u', url FROM article_urls WHERE url = ANY(CAST(:urls AS text[])) "
    "UNION ALL SELECT 'd', declared_original FROM articles WHERE declared_original = ANY(CAST(:urls AS text[])) "
    "UNION ALL SELECT 'h', content_hash FROM articles WHERE content_hash = ANY(CAST(:hashes AS text[])) "
    "UNION ALL SELECT DISTINCT 'k', band_key::text FROM article_band_keys WHERE band_key = ANY(CAST(:keys AS bigint[]))"
)


def insert_first_of_stories(session: Session, records: Sequence[ArticleRecord], now: datetime) -> list[tuple[int, int]]:
    """Write pages that are copies of nothing, each as a story of one (itself its representative):
    their stories, rows (link "first"), URLs and band keys, in ONE statement; the rows ``join_story``
    and the alias and band-key inserts would write. Returns (article id, story id) per record, in order."""
    if not records:
        return []
    session.flush()  # ORM changes of earlier pages in this transaction go first
    columns: dict[str, list] = {name: [] for name in ("url", *CONTENT_FIELDS)}
    alias_of, alias_url, key_of, key_value = [], [], [], []
    for n, record in enumerate(records, start=1):
        values = content_values(record)
        columns["url"].append(record.url)
        for name in CONTENT_FIELDS:
            columns[name].append(_array_value(name, values[name]))
        for url in urls_of(record):
            alias_of.append(n)
            alias_url.append(url)
        for key in sorted(set(record.band_keys)):
            key_of.append(n)
            key_value.append(key)
    params = {**columns, "now": _utc(now), "alias_of": alias_of, "alias_url": alias_url, "key_of": key_of,
              "key_value": key_value}
    rows = session.execute(_INSERT, params).all()
    return [(article_id, story_id) for _, article_id, story_id in rows]


#: The Postgres array type each column's values are sent as (JSON columns as text, cast after).
_ARRAY_TYPE = {"published_at": "timestamptz[]", "modified_at": "timestamptz[]", "topic_score": "float8[]",
               "minhash": "bytea[]", "authors": "text[]", "removed": "text[]", "topic_evidence": "text[]"}
_JSON_COLUMNS = ("authors", "removed", "topic_evidence")


def _array_value(name: str, value):
    if name in _JSON_COLUMNS:
        return json.dumps(value)
    if name in ("published_at", "modified_at"):
        return _utc(value)
    return value


def _utc(value: datetime | None) -> datetime | None:
    return _UTC.process_bind_param(value, _POSTGRES)


_UTC, _POSTGRES = UTCDateTime(), postgresql.dialect()


def _insert_statement():
    names = ("url", *CONTENT_FIELDS)
    arrays = ", ".join(f"CAST(:{name} AS {_ARRAY_TYPE.get(name, 'text[]')})" for name in names)
    selected = ", ".join(f"input.{name}::jsonb" if name in _JSON_COLUMNS else f"input.{name}" for name in CONTENT_FIELDS)
    return text(
        f"WITH input AS (SELECT * FROM unnest({arrays}) WITH ORDINALITY AS t({', '.join(names)}, n)), "
        "ids AS MATERIALIZED (SELECT n, nextval(pg_get_serial_sequence('articles', 'id')) AS article_id, "
        "                     nextval(pg_get_serial_sequence('stories', 'id')) AS story_id FROM input), "
        "story AS (INSERT INTO stories (id, representative_article_id, title, topic, article_count, first_seen_at, updated_at) "
        "          SELECT ids.story_id, ids.article_id, input.title, input.topic, 1, :now, :now FROM input JOIN ids USING (n)), "
        "article AS (INSERT INTO articles (id, url, story_id, story_link, story_similarity, story_match_id, first_seen_at, "
        f"           updated_at, {', '.join(CONTENT_FIELDS)}) "
        f"           SELECT ids.article_id, input.url, ids.story_id, 'first', 1.0, NULL, :now, :now, {selected} "
        "            FROM input JOIN ids USING (n)), "
        "alias AS (INSERT INTO article_urls (url, article_id) SELECT alias.url, ids.article_id "
        "          FROM unnest(CAST(:alias_of AS bigint[]), CAST(:alias_url AS text[])) AS alias(n, url) JOIN ids USING (n) "
        "          ON CONFLICT DO NOTHING), "
        "band AS (INSERT INTO article_band_keys (band_key, article_id) SELECT band.key, ids.article_id "
        "         FROM unnest(CAST(:key_of AS bigint[]), CAST(:key_value AS bigint[])) AS band(n, key) JOIN ids USING (n) "
        "         ON CONFLICT DO NOTHING) "
        "SELECT n, article_id, story_id FROM ids ORDER BY n"
    )


_INSERT = _insert_statement()
