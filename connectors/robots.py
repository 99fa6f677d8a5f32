"""robots.txt rules per origin (protego), cached, with the usual failure semantics.

A robots.txt that is missing or refused (4xx) allows everything; one that cannot be fetched
(5xx, timeout, network error) disallows everything until the shorter error TTL expires.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from protego import Protego

from newsflow.connectors.fetch_result import FetchResult
from newsflow.core.urls import origin_of


def product_token(user_agent: str) -> str:
    """``"newsflow"`` from ``"newsflow/0.1 (+https://github.com/…)"`` — what robots.txt groups match.

    Matching the whole User-Agent string would let ``User-agent: github`` apply to us.
    """
    match = re.match(r"\s*([A-Za-z0-9._-]+)", user_agent)
    return match.group(1) if match else user_agent


@dataclass(frozen=True)
class RobotsRules:
    """What one robots.txt says, or how its absence is treated."""

    origin: str
    parser: Protego | None = None
    disallow_all: bool = False
    note: str = ""
    fetched_at: float = field(default_factory=time.monotonic)

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, product_token(user_agent)))

    def refusal(self, url: str, user_agent: str) -> str | None:
        """None when ``url`` may be fetched, else a sentence saying why not."""
        if self.allowed(url, user_agent):
            return None
        if self.disallow_all:
            return f"{self.origin}/robots.txt is unavailable ({self.note}); treating the site as disallowed for now"
        return f"{self.origin}/robots.txt disallows {url} for this crawler"

    def delay(self, user_agent: str) -> float | None:
        """Crawl-delay (or Request-rate as seconds per request) for ``user_agent``, if any."""
        if self.parser is None:
            return None
        token = product_token(user_agent)
        delay = self.parser.crawl_delay(token)
        if delay is not None:
            return float(delay)
        rate = self.parser.request_rate(token)
        if rate is not None and rate.requests:
            return rate.seconds / rate.requests
        return None

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []


def rules_from_result(origin: str, result: FetchResult) -> RobotsRules:
    """Interpret the fetch of ``origin/robots.txt``."""
    if result.ok:
        text = (result.content or b"").decode("utf-8", errors="replace")
        return RobotsRules(origin, parser=Protego.parse(text))
    status = result.http_status
    if result.status == "http_error" and status is not None and 400 <= status < 500 and status != 429:
        return RobotsRules(origin, note=f"HTTP {status}: allow all")
    if result.status in ("redirect_error", "too_large", "not_html", "invalid_url"):
        return RobotsRules(origin, note=f"{result.reason}: allow all")
    return RobotsRules(origin, disallow_all=True, note=result.reason)


class RobotsCache:
    """Fetches each origin's robots.txt once per TTL; thread-safe, one fetch per origin at a time."""

    def __init__(
        self,
        fetch: Callable[[str], FetchResult],
        *,
        ttl: float = 3600.0,
        error_ttl: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch, self._ttl, self._error_ttl, self._clock = fetch, ttl, error_ttl, clock
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, RobotsRules] = {}

    def rules_for(self, url: str) -> RobotsRules:
        """The rules governing ``url`` (fetched on first use or after expiry)."""
        origin = origin_of(url)
        with self._lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:
            cached = self._rules.get(origin)
            if cached is not None and self._fresh(cached):
                return cached
            rules = rules_from_result(origin, self._fetch(f"{origin}/robots.txt"))
            rules = RobotsRules(rules.origin, rules.parser, rules.disallow_all, rules.note, self._clock())
            self._rules[origin] = rules
            return rules

    def _fresh(self, rules: RobotsRules) -> bool:
        ttl = self._error_ttl if rules.disallow_all else self._ttl
        return self._clock() - rules.fetched_at < ttl
