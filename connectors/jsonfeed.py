"""JSON Feed (https://jsonfeed.org) items: feedparser 6 does not read JSON feeds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from newsflow.core.dates import parse_date


class NotAJsonFeed(ValueError):
    """The body is not a JSON Feed document."""


@dataclass(frozen=True)
class JsonFeedItem:
    link: object
    title: object
    published_at: datetime | None


def looks_like_json(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_json_feed(content: bytes) -> list[JsonFeedItem]:
    """The items of a JSON Feed, link = ``url`` or ``external_url``; raise NotAJsonFeed."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotAJsonFeed(f"malformed JSON: {exc}") from None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise NotAJsonFeed("JSON document is not a JSON Feed (no jsonfeed.org version)")
    items = data.get("items")
    if not isinstance(items, list):
        raise NotAJsonFeed("JSON Feed has no items list")
    parsed = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        date = parse_date(item.get("date_published")) or parse_date(item.get("date_modified"))
        parsed.append(JsonFeedItem(link, item.get("title"), date))
    return parsed
