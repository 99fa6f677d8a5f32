"""Listing-page discovery: article links on an HTML section/front page (selectolax/lexbor)."""

from __future__ import annotations

from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsflow.connectors.article_urls import looks_like_article
from newsflow.core.urls import same_site
from newsflow.core.dates import parse_date
from newsflow.core.encoding import decode_html
from newsflow.connectors.http import PoliteClient
from newsflow.connectors.links import LinkCollector
from newsflow.connectors.sources import Source
from newsflow.core.urls import InvalidUrl, resolve_url

SKIPPED_CONTAINERS = frozenset({"nav", "footer"})
TEASER_CONTAINERS = frozenset({"article", "li"})
MAX_TEASER_DEPTH = 5


def discover_listing(source: Source, client: PoliteClient, collector: LinkCollector) -> None:
    """Fetch the listing page at ``source.url`` and offer its article links to ``collector``."""
    result = client.fetch(source.url, accept="html", conditional=True)
    if not result.ok or result.content is None:
        collector.reject(source.url, result.status, result.reason, result.http_status)
        return
    read_listing(result.content, result.final_url, result.content_type, collector)


def read_listing(content: bytes, page_url: str, content_type: str | None, collector: LinkCollector) -> None:
    """Offer same-site, article-shaped links of an HTML page, in document order."""
    tree = LexborHTMLParser(decode_html(content, content_type))
    base = page_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        try:
            base = resolve_url(base_tag.attributes.get("href"), page_url)
        except InvalidUrl:
            pass
    for anchor in tree.css("a[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        if not href or href.startswith("#") or _inside_navigation(anchor):
            continue
        try:
            url = resolve_url(href, base)
        except InvalidUrl as exc:
            collector.reject(href, "invalid_url", str(exc))
            continue
        if url == page_url or not same_site(url, page_url) or not looks_like_article(url):
            continue
        title = anchor.text(separator=" ", strip=True) or anchor.attributes.get("title")
        collector.offer(url, base, title=title, published_at=_teaser_date(anchor))


def _teaser_date(anchor: LexborNode) -> datetime | None:
    """The ``<time datetime>`` of the teaser (<article>/<li>) holding the link, if any."""
    node, depth = anchor.parent, 0
    while node is not None and depth < MAX_TEASER_DEPTH:
        if node.tag in TEASER_CONTAINERS:
            stamp = node.css_first("time[datetime]")
            return parse_date(stamp.attributes.get("datetime")) if stamp is not None else None
        node, depth = node.parent, depth + 1
    return None


def _inside_navigation(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in SKIPPED_CONTAINERS or (parent.attributes or {}).get("role") == "navigation":
            return True
        parent = parent.parent
    return False
