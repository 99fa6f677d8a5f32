"""Per-host pacing shared by every run: the connectors' ``HostPacer`` kept in the database.

``connectors`` defines the protocol and paces inside one process by default; ``storage`` keeps the
``host_slots`` table (``newsflow.storage.claims``); this adapter joins them, so that N runs on one host
(processes or machines) together keep ``min_delay`` between one request's end and the next one's start
(stricter than start-to-start, and true at the server however late a busy machine sends: one
request per host is in flight across all runs). Waiters ask again at most every ``poll`` seconds
while the host is held, and sleep exactly until the next start once it is known.
While the database is unreachable the pacer waits for it (up to ``outage_grace`` seconds per turn),
then paces inside this process until the database answers again: a run never fails for its pacer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from newsflow.connectors.throttle import LocalPacer
from newsflow.storage.claims import defer_host, end_host_turn, take_host_turn
from newsflow.storage.db import Database

log = logging.getLogger(__name__)

_DB_DOWN = (OperationalError, InterfaceError, DBAPIError)


class DatabasePacer:
    """A ``HostPacer`` whose next-allowed start per host lives in the ``host_slots`` table."""

    def __init__(self, db: Database, *, hold: float = 60.0, poll: float = 0.05, outage_grace: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.db = db
        self.hold, self.poll, self.outage_grace = hold, poll, outage_grace
        self._sleep = sleep
        self._local = LocalPacer(sleep=sleep)
        self._held: set[tuple[int, str]] = set()

    def wait_turn(self, host: str, min_delay: float) -> None:
        if min_delay <= 0:  # nothing to share: no database round trip per request
            self._local.wait_turn(host, min_delay)
            return
        down_since: float | None = None
        while True:
            try:
                with self.db.sessions.begin() as session:
                    wait = take_host_turn(session, host, self.hold)
            except _DB_DOWN as exc:
                down_since = down_since or time.monotonic()
                if time.monotonic() - down_since > self.outage_grace:
                    log.warning("shared pacing unavailable (%s); pacing %s in this process", type(exc).__name__, host)
                    self._local.wait_turn(host, min_delay)
                    return
                self._sleep(min(1.0, min_delay))
                continue
            if wait <= 0:
                return
            # more than min_delay away: the host is held by a request in flight, which may end any time
            self._sleep(wait if wait <= min_delay else min(wait, max(self.poll, min_delay / 4)))

    def end_turn(self, host: str, min_delay: float) -> None:
        if min_delay <= 0:
            return
        try:
            with self.db.sessions.begin() as session:
                end_host_turn(session, host, min_delay)
        except _DB_DOWN as exc:  # the hold expires by itself
            log.warning("could not end the turn on %s (%s); it frees in %.0f s", host, type(exc).__name__, self.hold)

    def defer(self, host: str, seconds: float) -> None:
        self._local.defer(host, seconds)
        try:
            with self.db.sessions.begin() as session:
                defer_host(session, host, seconds)
        except _DB_DOWN as exc:
            log.warning("could not share a deferral of %s: %s", host, type(exc).__name__)
