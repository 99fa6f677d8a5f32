"""discover(): the article URLs a source currently offers, per kind (feed, sitemap, listing)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Container

from newsflow.connectors.feeds import discover_feed
from newsflow.connectors.http import PoliteClient
from newsflow.connectors.links import DiscoveredLink, DiscoveryResult, LinkCollector, Rejected
from newsflow.connectors.listing import discover_listing
from newsflow.connectors.sitemaps import discover_sitemap
from newsflow.connectors.sources import Source

__all__ = ["DiscoveredLink", "DiscoveryResult", "Rejected", "discover"]

log = logging.getLogger(__name__)

MAX_LINKS_PER_SOURCE = 50_000  # one sitemap's worth; bounds memory when no limit is given

_BY_KIND: dict[str, Callable[[Source, PoliteClient, LinkCollector], None]] = {
    "feed": discover_feed,
    "sitemap": discover_sitemap,
    "listing": discover_listing,
}


def discover(
    source: Source,
    client: PoliteClient,
    *,
    limit: int | None = None,
    exclude: Container[str] | None = None,
    revalidate: bool = True,
) -> DiscoveryResult:
    """Links of ``source`` in document order, de-duplicated; never raises for source problems.

    ``limit`` caps the links returned (None: up to the safety bound ``MAX_LINKS_PER_SOURCE``);
    URLs in ``exclude`` (already known) are skipped without counting, so the cap applies to new
    URLs. A failed source document appears in ``rejected`` with its fetch status and reason;
    ``truncated`` says the cap cut the list short. ``revalidate``: fetch feeds and sitemaps with
    conditional GET (an unchanged document yields no links); off for a refresh run.
    """
    if not revalidate:
        client = client.without_revalidation()
    cap = MAX_LINKS_PER_SOURCE if limit is None else min(limit, MAX_LINKS_PER_SOURCE)
    collector = LinkCollector(source.name, limit=cap, exclude=exclude)
    handler = _BY_KIND.get(source.kind)
    if handler is None:
        collector.reject(source.url, "invalid_source", f"unknown source kind {source.kind!r}")
        return collector.finish()
    try:
        handler(source, client, collector)
    except Exception as exc:  # a parser bug must not stop the other sources
        log.exception("discovery failed for source %s", source.name)
        collector.reject(source.url, "parse_error", f"unexpected {type(exc).__name__}: {exc}")
    return collector.finish()
