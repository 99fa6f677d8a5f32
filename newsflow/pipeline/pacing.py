"""Per-host pacing shared by every run: the connectors' ``HostPacer`` kept in the database.

``connectors`` defines the protocol and paces inside one process by default; ``storage`` keeps the
``host_slots`` table (``newsflow.storage.claims.take_host_turn``); this adapter joins them, so that
N runs on one host (processes or machines) together start at most one request per ``min_delay``.
A turn is taken under the host row's lock and committed before the request starts; a turn whose commit
took longer than ``slack`` (a busy machine, an fsync) is given up and the next one taken, so that no
request starts much later than its turn (at most ``max_late_turns`` times in a row).
While the database is unreachable the pacer waits for it (up to ``outage_grace`` seconds per turn),
then paces inside this process until the database answers again: a run never fails for its pacer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from newsflow.connectors.throttle import LocalPacer
from newsflow.storage.claims import defer_host, take_host_turn
from newsflow.storage.db import Database

log = logging.getLogger(__name__)

_DB_DOWN = (OperationalError, InterfaceError, DBAPIError)


class DatabasePacer:
    """A ``HostPacer`` whose next-allowed start per host lives in the ``host_slots`` table."""

    def __init__(self, db: Database, *, outage_grace: float = 60.0, slack: float = 0.01, max_late_turns: int = 3,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.db = db
        self.slack, self.max_late_turns = slack, max_late_turns
        self.outage_grace = outage_grace
        self._sleep = sleep
        self._local = LocalPacer(sleep=sleep)

    def wait_turn(self, host: str, min_delay: float) -> None:
        if min_delay <= 0:  # nothing to share: no database round trip per request
            self._local.wait_turn(host, min_delay)
            return
        down_since: float | None = None
        late_turns = 0
        while True:
            try:
                with self.db.sessions.begin() as session:
                    wait = take_host_turn(session, host, min_delay)
                    taken = time.monotonic()
            except _DB_DOWN as exc:
                down_since = down_since or time.monotonic()
                if time.monotonic() - down_since > self.outage_grace:
                    log.warning("shared pacing unavailable (%s); pacing %s in this process", type(exc).__name__, host)
                    self._local.wait_turn(host, min_delay)
                    return
                self._sleep(min(1.0, min_delay))
                continue
            if wait <= 0:
                if time.monotonic() - taken <= min(self.slack, min_delay / 10) or late_turns >= self.max_late_turns:
                    return
                late_turns += 1  # this turn is gone by the time we could use it: take the next one
                continue
            self._sleep(wait)

    def defer(self, host: str, seconds: float) -> None:
        self._local.defer(host, seconds)
        try:
            with self.db.sessions.begin() as session:
                defer_host(session, host, seconds)
        except _DB_DOWN as exc:
            log.warning("could not share a deferral of %s: %s", host, type(exc).__name__)
