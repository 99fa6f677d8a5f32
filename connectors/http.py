"""PoliteClient: the one way newsflow talks HTTP — polite, bounded and safe.

A fetch passes through small layers, in order (cf. Scrapy's downloader middleware):

1. URL validation (:mod:`newsflow.core.urls`)
2. private-address guard (:mod:`newsflow.connectors.addresses`; enforced again at connect time by
   :mod:`newsflow.connectors.network`, so every redirect hop and every dialled IP is checked)
3. circuit breaker per host (:mod:`newsflow.connectors.breaker`)
4. robots.txt, cached per origin, Crawl-delay honoured (:mod:`newsflow.connectors.robots`)
5. per-host concurrency and minimum delay (:mod:`newsflow.connectors.throttle`; the delay is kept by a
   ``HostPacer``: this process's by default, or one shared by several runs)
6. retries with backoff on transient failures, Retry-After honoured (:mod:`newsflow.connectors.retries`)
7. one bounded exchange (:mod:`newsflow.connectors.exchange`): total deadline (:mod:`newsflow.connectors.deadline`),
   content-type filter (:mod:`newsflow.connectors.content_types`), byte cap on the decompressed body
   (:mod:`newsflow.connectors.decompress`), conditional GET (304 → ``not_modified``)

Redirects are followed here, hop by hop, each hop going through layers 1-7.
``fetch`` never raises for a per-URL problem: it returns a :class:`FetchResult` whose
``status`` and ``reason`` say what happened.
"""

from __future__ import annotations

import copy
import logging
import random
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from urllib.parse import urlsplit

from newsflow.connectors import content_types
from newsflow.connectors.addresses import AddressGuard, BlockedAddress, PrivateHostPolicy, UnresolvableHost
from newsflow.connectors.breaker import CircuitBreaker
from newsflow.connectors.content_types import Accept
from newsflow.connectors.exchange import Hop, exchange, open_http_client
from newsflow.connectors.fetch_result import FetchResult, FetchStatus
from newsflow.connectors.retries import backoff_delay
from newsflow.connectors.robots import RobotsCache, RobotsRules
from newsflow.connectors.throttle import HostPacer, HostThrottle
from newsflow.connectors.validators import ValidatorStore
from newsflow.core.urls import InvalidUrl, host_of, resolve_url, validate_url

__all__ = ["FetchResult", "FetchStatus", "HttpConfig", "PoliteClient"]

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000


@dataclass(frozen=True)
class HttpConfig:
    """Every knob of the HTTP layer; defaults are safe for production."""

    user_agent: str = "newsflow/0.1 (+https://github.com/newsflow/newsflow)"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_body_bytes: int = 5_000_000
    max_sitemap_bytes: int = 50_000_000  # the sitemaps protocol's own limit (decompressed)
    max_redirects: int = 5
    per_host_concurrency: int = 2
    min_host_delay: float = 1.0
    private_hosts: PrivateHostPolicy = field(default_factory=PrivateHostPolicy)
    max_retries: int = 2
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 60.0
    circuit_breaker_threshold: int = 5
    circuit_breaker_cooldown: float = 300.0
    respect_robots: bool = True
    robots_ttl: float = 3600.0
    robots_error_ttl: float = 300.0
    max_crawl_delay: float = 30.0

    def __post_init__(self) -> None:
        positive = ("connect_timeout", "read_timeout", "total_timeout", "max_body_bytes", "max_sitemap_bytes",
                    "per_host_concurrency", "circuit_breaker_threshold")
        for name in positive:
            if not getattr(self, name) > 0:
                raise ValueError(f"HttpConfig.{name} must be positive, got {getattr(self, name)!r}")
        for name in ("max_redirects", "min_host_delay", "max_retries", "backoff_base", "backoff_max",
                     "max_retry_after", "circuit_breaker_cooldown", "robots_ttl", "robots_error_ttl", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"HttpConfig.{name} must not be negative, got {getattr(self, name)!r}")


@dataclass(frozen=True)
class _Options:
    accept: Accept
    max_bytes: int
    robots: bool
    retries: int
    use_breaker: bool


class PoliteClient:
    """Thread-safe polite HTTP client; use as a context manager or call :meth:`close`."""

    def __init__(
        self, config: HttpConfig | None = None, *, rng: random.Random | None = None, validators: ValidatorStore | None = None,
        pacer: HostPacer | None = None,
    ) -> None:
        self.config = config or HttpConfig()
        self._validators = validators
        self._revalidate = True
        cfg = self.config
        self._guard = AddressGuard(cfg.private_hosts)
        self._http = open_http_client(
            self._guard,
            user_agent=cfg.user_agent,
            connect=cfg.connect_timeout,
            read=cfg.read_timeout,
            pool=cfg.total_timeout,
        )
        self._throttle = HostThrottle(cfg.per_host_concurrency, pacer=pacer)
        self._breaker = CircuitBreaker(cfg.circuit_breaker_threshold, cfg.circuit_breaker_cooldown)
        self._robots = RobotsCache(self._fetch_robots_txt, ttl=cfg.robots_ttl, error_ttl=cfg.robots_error_ttl)
        self._rng = rng or random.Random()

    # -- public API -------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Accept = "html",
        max_bytes: int | None = None,
        conditional: bool = False,
    ) -> FetchResult:
        """Fetch ``url`` politely; never raises for problems with the URL or the server.

        ``accept``: ``"html"`` (pages), ``"xml"`` (feeds, sitemaps: XML/JSON/text/gzip) or ``"any"``.
        ``max_bytes`` overrides ``config.max_body_bytes`` for this call (e.g. large sitemaps).
        ``conditional``: send the validators remembered by the client's ValidatorStore (a 304 becomes
        ``not_modified``). Fresh responses' validators are remembered whenever a store is set.
        """
        if conditional and self._revalidate and self._validators is not None and not (etag or last_modified):
            etag, last_modified = self._validators.get(url)
        if accept not in content_types.ACCEPT_HEADERS:
            raise ValueError(f"accept must be 'html', 'xml' or 'any', not {accept!r}")
        cap = max_bytes or self.config.max_body_bytes
        options = _Options(accept, cap, self.config.respect_robots, self.config.max_retries, use_breaker=True)
        headers = {"Accept": content_types.ACCEPT_HEADERS[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = self._fetch(url, headers, options)
        if result.status == "not_modified":  # a 304 need not repeat the validators
            result = replace(result, etag=result.etag or etag, last_modified=result.last_modified or last_modified)
        elif result.ok and self._validators is not None and (result.etag or result.last_modified):
            self._validators.save(url, result.etag, result.last_modified)
        log.debug("%s %s: %s (%s)", result.status, url, result.reason, result.final_url)
        return result

    def without_revalidation(self) -> "PoliteClient":
        """A view of this client (same connections, limits and caches) that ignores ``conditional``.

        Close only the original client, never the view.
        """
        view = copy.copy(self)
        view._revalidate = False
        return view

    def robots_rules(self, url: str) -> RobotsRules:
        """The (cached) robots.txt rules for ``url``'s origin — e.g. for its ``Sitemap:`` lines."""
        return self._robots.rules_for(validate_url(url))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- redirects ----------------------------------------------------------------------------

    def _fetch(self, url: str, headers: dict[str, str], options: _Options) -> FetchResult:
        started, attempted_at = time.monotonic(), datetime.now(timezone.utc)
        attempts = [0]
        current = url if isinstance(url, str) else repr(url)

        def result(hop: Hop | None, status: FetchStatus, reason: str) -> FetchResult:
            hop = hop or Hop(status, reason)
            return FetchResult(
                url=url if isinstance(url, str) else repr(url),
                final_url=current,
                status=status,
                reason=reason,
                http_status=hop.http_status,
                content=hop.content,
                content_type=hop.content_type,
                etag=hop.etag,
                last_modified=hop.last_modified,
                attempted_at=attempted_at,
                elapsed=time.monotonic() - started,
                attempts=attempts[0],
            )

        try:
            try:
                current = validate_url(url)
            except InvalidUrl as exc:
                return result(None, "invalid_url", str(exc))
            seen = {current}
            for hop_index in range(self.config.max_redirects + 1):
                hop = self._fetch_hop(current, hop_index, headers, options, attempts)
                if hop.status != "redirect":
                    return result(hop, hop.status, hop.reason)
                try:
                    target = resolve_url(hop.location, current)
                except InvalidUrl as exc:
                    return result(hop, "redirect_error", f"redirect to {hop.location!r} refused: {exc}")
                if target in seen:
                    return result(hop, "redirect_error", f"redirect loop: {current} redirects back to {target}")
                seen.add(target)
                current = target
            return result(None, "redirect_error", f"more than {self.config.max_redirects} redirects (last: {current})")
        except Exception as exc:  # a bug or an exotic failure must not take down a batch
            log.exception("unexpected error fetching %s", url)
            return result(None, "network_error", f"unexpected {type(exc).__name__}: {exc}")

    # -- one hop: guard → breaker → robots → throttle + retries ------------------------------

    def _fetch_hop(
        self, url: str, hop_index: int, headers: dict[str, str], options: _Options, attempts: list[int]
    ) -> Hop:
        host = host_of(url)
        prefix = f"redirect to {host} refused: " if hop_index else f"{host} refused: "
        try:
            port = urlsplit(url).port or (443 if url.startswith("https:") else 80)
            self._guard.check(host, port)
        except BlockedAddress as exc:
            return Hop("blocked", prefix + exc.describe())
        except UnresolvableHost as exc:
            return Hop("network_error", str(exc))
        if options.use_breaker and (refusal := self._breaker.refusal(host)):
            return Hop("blocked", refusal)
        recorded = False
        try:
            delay = self.config.min_host_delay
            if options.robots:
                rules = self._robots.rules_for(url)
                if refusal := rules.refusal(url, self.config.user_agent):
                    return Hop("robots_disallowed", refusal)
                crawl_delay = rules.delay(self.config.user_agent)
                if crawl_delay is not None:
                    delay = max(delay, min(crawl_delay, self.config.max_crawl_delay))
            hop = self._with_retries(url, host, delay, headers, options, attempts)
            if options.use_breaker:
                self._breaker.record(host, failed=hop.host_failed)
                recorded = True
            return hop
        finally:
            if options.use_breaker and not recorded:
                self._breaker.release(host)  # a half-open probe that never reached the server

    def _with_retries(
        self, url: str, host: str, delay: float, headers: dict[str, str], options: _Options, attempts: list[int]
    ) -> Hop:
        for attempt in range(options.retries + 1):
            with self._throttle.slot(host, delay):
                attempts[0] += 1
                hop = self._exchange(url, headers, options)
            if not hop.transient or attempt == options.retries:
                return hop
            wait = backoff_delay(attempt, self.config.backoff_base, self.config.backoff_max, self._rng)
            if hop.retry_after is not None:
                if hop.retry_after > self.config.max_retry_after:
                    return replace(
                        hop,
                        reason=f"{hop.reason}; Retry-After {hop.retry_after:.0f} s exceeds the "
                        f"{self.config.max_retry_after:.0f} s bound, not retried",
                    )
                wait = hop.retry_after
                self._throttle.defer(host, wait)
            log.debug("retrying %s in %.2f s after %s", url, wait, hop.reason)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _exchange(self, url: str, headers: dict[str, str], options: _Options) -> Hop:
        """One bounded GET (see :mod:`newsflow.connectors.exchange`)."""
        cap_note = " (NEWSFLOW_MAX_BODY_BYTES)" if options.max_bytes == self.config.max_body_bytes else ""
        return exchange(
            self._http,
            url,
            headers,
            accept=options.accept,
            max_bytes=options.max_bytes,
            budget=self.config.total_timeout,
            cap_note=cap_note,
        )

    # -- robots.txt ------------------------------------------------------------------------------

    def _fetch_robots_txt(self, robots_url: str) -> FetchResult:
        options = _Options("any", ROBOTS_MAX_BYTES, robots=False, retries=0, use_breaker=False)
        return self._fetch(robots_url, {"Accept": "text/plain,*/*;q=0.5"}, options)
