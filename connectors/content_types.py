"""Which response media types each kind of fetch accepts."""

from __future__ import annotations

from typing import Literal

Accept = Literal["html", "xml", "any"]

ACCEPT_HEADERS: dict[str, str] = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "xml": (
        "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,"
        "text/xml;q=0.9,application/json;q=0.8,application/gzip;q=0.8,*/*;q=0.1"
    ),
    "any": "*/*",
}
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_LIKE_TYPES = frozenset(
    {
        "application/json",
        "application/gzip",
        "application/x-gzip",
        "application/octet-stream",  # many servers label sitemap.xml.gz so
    }
)
HTML_SIGNATURES = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")


def media_type(content_type: str | None) -> str:
    """``"text/html"`` from ``"Text/HTML; charset=utf-8"``; empty when absent."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def accepts(accept: Accept, content_type: str | None) -> bool:
    """True when a response with ``content_type`` is worth downloading for ``accept``.

    A missing Content-Type is accepted here; :func:`looks_like_html` then sniffs HTML bodies.
    """
    kind = media_type(content_type)
    if accept == "any" or not kind:
        return True
    if accept == "html":
        return kind in HTML_TYPES
    return (
        kind in XML_LIKE_TYPES
        or kind.startswith("text/")
        or kind.endswith(("/xml", "+xml", "+json"))
    )


def looks_like_html(body: bytes) -> bool:
    """Sniff the first bytes of an unlabelled body for HTML markup."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(HTML_SIGNATURES) or b"<html" in head


def refusal(accept: Accept, content_type: str | None) -> str:
    """The reason sentence for a refused content type."""
    wanted = "HTML" if accept == "html" else "a feed or sitemap (XML/JSON/text/gzip)"
    return f"content type {media_type(content_type) or 'missing'!r} is not {wanted}"
