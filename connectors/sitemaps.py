"""Sitemap discovery: urlset, sitemap index (bounded recursion), gzip, news sitemaps, robots.txt.

The source URL may be a sitemap, a sitemap index, a robots.txt (its ``Sitemap:`` lines are
used) or a site root (robots.txt ``Sitemap:`` lines, else ``/sitemap.xml``). Child sitemaps of an
index are read newest first (by ``lastmod``) so a limit keeps the freshest articles.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timezone
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from newsflow.connectors.content_types import media_type
from newsflow.core.dates import parse_date
from newsflow.connectors.decompress import BodyTooLarge, CorruptBody, gunzip_bounded
from newsflow.connectors.http import PoliteClient
from newsflow.connectors.links import LinkCollector
from newsflow.connectors.safexml import MalformedXml, UnsafeXml, iter_xml, local_name
from newsflow.connectors.sources import Source
from newsflow.core.urls import InvalidUrl, origin_of, resolve_url

MAX_DEPTH = 3  # index → index → index → urlset
MAX_SITEMAPS = 50  # documents fetched per source and run
GZIP_MAGIC = b"\x1f\x8b"
_OLDEST = datetime.min.replace(tzinfo=timezone.utc)


def discover_sitemap(source: Source, client: PoliteClient, collector: LinkCollector) -> None:
    """Walk the sitemaps reachable from ``source.url`` and offer their URLs to ``collector``."""
    queue: deque[tuple[str, int]] = deque((url, 0) for url in _start_urls(source.url, client, collector))
    done: set[str] = set()
    while queue and not collector.full:
        url, depth = queue.popleft()
        if url in done:
            continue
        if len(done) >= MAX_SITEMAPS:
            collector.reject(url, "skipped", f"{len(queue) + 1} sitemaps not read: bound of {MAX_SITEMAPS} per source")
            return
        done.add(url)
        for child in _read_one(url, client, collector):
            if child in done:
                continue
            if depth + 1 > MAX_DEPTH:
                collector.reject(child, "skipped", f"sitemap index nested deeper than {MAX_DEPTH} levels; not followed")
            else:
                queue.append((child, depth + 1))


def _start_urls(url: str, client: PoliteClient, collector: LinkCollector) -> list[str]:
    path = urlsplit(url).path
    if path not in ("", "/", "/robots.txt"):
        return [url]
    robots_url = origin_of(url) + "/robots.txt"
    rules = client.robots_rules(url)
    if rules.disallow_all:
        collector.reject(robots_url, "robots_disallowed", f"{robots_url} is unavailable ({rules.note}); try again later")
        return []
    found: list[str] = []
    for raw in rules.sitemaps:
        try:
            found.append(resolve_url(raw, robots_url))
        except InvalidUrl as exc:
            collector.reject(raw, "invalid_url", f"Sitemap: line in robots.txt: {exc}")
    if found:
        return found
    if path == "/robots.txt":
        collector.reject(url, "parse_error", "robots.txt lists no Sitemap: lines")
        return []
    return [origin_of(url) + "/sitemap.xml"]


def _read_one(url: str, client: PoliteClient, collector: LinkCollector) -> list[str]:
    """Fetch one sitemap document; offer its URLs, return child sitemaps (if an index)."""
    cap = client.config.max_sitemap_bytes
    result = client.fetch(url, accept="xml", max_bytes=cap, conditional=True)
    if not result.ok or result.content is None:
        collector.reject(url, result.status, result.reason, result.http_status)
        return []
    content = result.content
    if content[:2] == GZIP_MAGIC:
        try:
            content = gunzip_bounded(content, cap)
        except BodyTooLarge:
            collector.reject(url, "too_large", f"gunzipped sitemap exceeds {cap} bytes")
            return []
        except CorruptBody as exc:
            collector.reject(url, "parse_error", f"sitemap gzip is corrupt: {exc}")
            return []
    if not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if media_type(result.content_type) != "text/plain":
            collector.reject(url, "parse_error", "not a sitemap: neither XML nor a text/plain list of URLs")
            return []
        _read_text(content, result.final_url, collector)  # plain-text sitemap: one URL per line
        return []
    try:
        return _read_xml(content, result.final_url, collector)
    except (UnsafeXml, MalformedXml) as exc:
        collector.reject(url, "parse_error", f"sitemap refused: {exc}")
    except _NotASitemap as exc:
        collector.reject(url, "parse_error", str(exc))
    return []


class _NotASitemap(ValueError):
    pass


def _read_xml(content: bytes, base: str, collector: LinkCollector) -> list[str]:
    """Stream a <urlset> (offering URLs) or a <sitemapindex> (returning children, newest first)."""
    root: Element | None = None
    children: list[tuple[datetime, int, str]] = []
    for event, element in iter_xml(content):
        if root is None:
            root = element
            if local_name(root.tag) not in ("urlset", "sitemapindex"):
                raise _NotASitemap(
                    f"not a sitemap: root element is <{local_name(root.tag)}>, not <urlset> or <sitemapindex>"
                )
            continue
        if event != "end":
            continue
        name = local_name(element.tag)
        if name == "url" and local_name(root.tag) == "urlset":
            if collector.full:
                collector.result.truncated = True
                break
            _offer_url(element, base, collector)
            root.clear()  # keep memory flat on 50,000-URL sitemaps
        elif name == "sitemap" and local_name(root.tag) == "sitemapindex":
            child = _index_entry(element, base, collector, len(children))
            if child is not None:
                children.append(child)
            root.clear()
    children.sort(reverse=True)  # newest lastmod first, then document order
    return [url for *_, url in children]


def _offer_url(entry: Element, base: str, collector: LinkCollector) -> None:
    fields = _children(entry)
    news = next((child for child in entry if local_name(child.tag) == "news"), None)
    news_fields = _children(news) if news is not None else {}
    collector.offer(
        fields.get("loc"),
        base,
        title=news_fields.get("title"),
        published_at=parse_date(news_fields.get("publication_date")),
    )


def _index_entry(entry: Element, base: str, collector: LinkCollector, position: int) -> tuple[datetime, int, str] | None:
    fields = _children(entry)
    try:
        url = resolve_url(fields.get("loc"), base)
    except InvalidUrl as exc:
        collector.reject(fields.get("loc") or "", "invalid_url", f"sitemap index entry: {exc}")
        return None
    return (parse_date(fields.get("lastmod")) or _OLDEST, -position, url)


def _read_text(content: bytes, base: str, collector: LinkCollector) -> None:
    for line in content.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            collector.offer(line.strip(), base)


def _children(element: Element) -> dict[str, str]:
    """Local tag name → stripped text of the direct children."""
    return {local_name(child.tag): (child.text or "").strip() for child in element}
