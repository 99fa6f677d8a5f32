"""Publication dates as aware UTC datetimes, from the many formats feeds and sitemaps use."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from dateutil import parser as date_parser


def aware(value: datetime) -> datetime:
    """``value`` in UTC; naive datetimes are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def parse_datetime(text: object) -> datetime | None:
    """A datetime as written (naive when the text names no zone) from ISO 8601 / W3C / RFC 822 or
    free text; None when absent or unparsable. The one fallback chain: strict ISO first, then dateutil."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    try:
        return date_parser.isoparse(text)
    except (ValueError, OverflowError):
        pass
    try:
        return date_parser.parse(text)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(text: object) -> datetime | None:
    """An aware UTC datetime from date text (naive values are taken as UTC); None when unparsable."""
    parsed = parse_datetime(text)
    return aware(parsed) if parsed is not None else None


def from_struct(value: object) -> datetime | None:
    """An aware datetime from feedparser's ``*_parsed`` (a UTC ``time.struct_time``)."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=timezone.utc)
    except (ValueError, OverflowError):
        return None
