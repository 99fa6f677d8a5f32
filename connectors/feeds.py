"""Feed discovery: RSS 0.9x/1.0/2.0 and Atom via feedparser, JSON Feed via :mod:`jsonfeed`.

XML feeds are first parsed with defusedxml: a feed declaring entities ("billion laughs") is
refused before feedparser sees it. A feed that is not well-formed XML (often HTML entities
like ``&nbsp;``) is still read by feedparser's lenient parser if that yields entries.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any

import feedparser

from newsflow.core.dates import from_struct, parse_date
from newsflow.connectors.http import PoliteClient
from newsflow.connectors.jsonfeed import NotAJsonFeed, looks_like_json, parse_json_feed
from newsflow.connectors.links import LinkCollector, clean_title
from newsflow.connectors.safexml import MalformedXml, UnsafeXml, parse_xml
from newsflow.connectors.sources import Source

# Defence in depth for documents the strict parser could not read: never hand feedparser's
# lenient parser a document that declares entities.
ENTITY_DECLARATION = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


def discover_feed(source: Source, client: PoliteClient, collector: LinkCollector) -> None:
    """Fetch the feed at ``source.url`` and offer its entry links to ``collector``."""
    result = client.fetch(source.url, accept="xml", conditional=True)
    if not result.ok or result.content is None:
        collector.reject(source.url, result.status, result.reason, result.http_status)
        return
    read_feed(result.content, result.final_url, result.content_type, collector)


def read_feed(content: bytes, feed_url: str, content_type: str | None, collector: LinkCollector) -> None:
    """Offer the entries of a feed document (relative links resolved against ``feed_url``)."""
    if looks_like_json(content):
        try:
            items = parse_json_feed(content)
        except NotAJsonFeed as exc:
            collector.reject(feed_url, "parse_error", str(exc))
            return
        for item in items:
            collector.offer(item.link, feed_url, title=item.title, published_at=item.published_at)
        return
    malformed: str | None = None
    try:
        parse_xml(content)
    except UnsafeXml as exc:
        collector.reject(feed_url, "parse_error", f"feed refused: {exc}")
        return
    except MalformedXml as exc:
        if ENTITY_DECLARATION.search(content.replace(b"\x00", b"")):
            collector.reject(feed_url, "parse_error", "feed refused: malformed XML declaring entities (entity expansion)")
            return
        malformed = str(exc)
    parsed = feedparser.parse(
        content,
        response_headers={"content-location": feed_url, "content-type": content_type or "application/xml"},
        sanitize_html=False,
    )
    entries = [(entry, _entry_link(entry)) for entry in parsed.get("entries") or []]
    if not any(link for _, link in entries):
        if malformed or parsed.get("bozo"):
            collector.reject(feed_url, "parse_error", malformed or f"not a feed: {parsed.get('bozo_exception')}")
            return
        if not parsed.get("version"):
            collector.reject(feed_url, "parse_error", "not an RSS, Atom or JSON feed")
            return
    for entry, link in entries:
        if not link:
            collector.reject("", "invalid_url", f"feed entry {clean_title(entry.get('title'))!r} has no link")
            continue
        collector.offer(link, feed_url, title=_plain_text(entry.get("title")), published_at=_entry_date(entry))


def _entry_link(entry: Any) -> object:
    """The entry's article URL: ``link``, else an alternate link, else a URL-shaped id."""
    if entry.get("link"):
        return entry["link"]
    for link in entry.get("links") or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link["href"]
    guid = entry.get("id")
    if isinstance(guid, str) and guid.startswith(("http://", "https://")):
        return guid
    return None


def _plain_text(value: object) -> object:
    """Titles may be HTML (Atom ``type="html"``): drop tags, unescape entities."""
    if not isinstance(value, str) or "<" not in value and "&" not in value:
        return value
    return html.unescape(TAG.sub(" ", value))


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        date = from_struct(entry.get(f"{key}_parsed")) or parse_date(entry.get(key))
        if date is not None:
            return date
    return None
