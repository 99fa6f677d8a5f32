"""Cross-run coordination in the database: URL leases and per-host turns (SQLite and real Postgres)."""

from __future__ import annotations

import threading
import time

import pytest


def claim(db, urls, run, *, lease=60.0, started=None):
    from newsflow.storage.claims import claim_urls, db_now

    with db.sessions.begin() as session:
        return claim_urls(session, urls, run, lease=lease, run_started=db_now(session) if started is None else started)


def test_a_url_is_granted_to_one_live_run(database):
    assert claim(database, ["a", "b"], "run-1") == {"a", "b"}
    assert claim(database, ["a", "b", "c"], "run-2") == {"c"}
    assert claim(database, ["a"], "run-1") == {"a"}, "a run keeps its own claims"


def test_an_expired_lease_goes_to_the_next_run(database):
    assert claim(database, ["a"], "killed", lease=0.2) == {"a"}
    assert claim(database, ["a"], "next") == set()
    time.sleep(0.3)
    assert claim(database, ["a"], "next") == {"a"}


def test_done_urls_go_to_later_runs_only(database):
    from newsflow.storage.claims import db_now, finish_claims

    with database.sessions() as session:
        concurrent_start = db_now(session)
    claim(database, ["a"], "first")
    with database.sessions.begin() as session:
        finish_claims(session, ["a"], "first")
    assert claim(database, ["a"], "concurrent", started=concurrent_start) == set(), "finished while it was running"
    time.sleep(0.01)
    assert claim(database, ["a"], "later") == {"a"}, "a later run may fetch it again (refresh, retry)"


def test_released_and_renewed_claims(database):
    from newsflow.storage.claims import release_claims, renew_claims

    claim(database, ["a", "b"], "run-1", lease=0.3)
    with database.sessions.begin() as session:
        assert renew_claims(session, "run-1", lease=60) == 2
        release_claims(session, "run-1", ["a"])
    time.sleep(0.4)
    assert claim(database, ["a", "b"], "run-2") == {"a"}, "b was renewed, a given back"


def test_a_host_is_held_until_its_turn_ends_then_spaced_by_the_delay(database):
    from newsflow.storage.claims import end_host_turn, take_host_turn

    with database.sessions.begin() as session:
        assert take_host_turn(session, "example.com", 30) == 0
    with database.sessions.begin() as session:
        assert 20 < take_host_turn(session, "example.com", 30) <= 30, "held while the request is in flight"
        assert take_host_turn(session, "other.example", 30) == 0
    with database.sessions.begin() as session:
        end_host_turn(session, "example.com", 0.5)
    with database.sessions.begin() as session:
        assert 0.3 < take_host_turn(session, "example.com", 30) <= 0.5


def test_database_pacer_spaces_requests_across_connections(database):
    """Six pacers with their own engines (as six processes would): 18 requests, each starting at
    least the delay after the previous one ended."""
    from newsflow.pipeline.pacing import DatabasePacer
    from newsflow.storage.db import Database

    delay, spans, lock = 0.1, [], threading.Lock()
    pacers = [DatabasePacer(Database(database.url)) for _ in range(6)]

    def worker(pacer):
        for _ in range(3):
            pacer.wait_turn("paced.example", delay)
            start = time.monotonic()
            time.sleep(0.02)  # the request
            end = time.monotonic()
            pacer.end_turn("paced.example", delay)
            with lock:
                spans.append((start, end))

    threads = [threading.Thread(target=worker, args=(p,)) for p in pacers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for pacer in pacers:
        pacer.db.dispose()
    spans.sort()
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:])]
    assert len(spans) == 18
    assert min(gaps) >= delay - 0.002, f"smallest gap {min(gaps):.4f} s"


@pytest.mark.postgres
def test_eight_writers_claiming_overlapping_urls_get_each_once(pg_database):
    from newsflow.storage.db import Database

    urls = [f"https://example.com/{i}" for i in range(300)]
    granted: dict[str, set[str]] = {}
    barrier = threading.Barrier(8)

    def worker(index):
        db = Database(pg_database.url)
        mine = urls[index * 25 : index * 25 + 150] + urls[:40]
        barrier.wait()
        granted[f"run-{index}"] = claim(db, list(reversed(mine)) if index % 2 else mine, f"run-{index}")
        db.dispose()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    every = [url for urls_of_run in granted.values() for url in urls_of_run]
    assert len(every) == len(set(every)), "no URL granted twice"
    assert set(every) == set(urls[: 7 * 25 + 150])
