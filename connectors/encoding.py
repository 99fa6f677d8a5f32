"""Decode HTML bytes to text: declared charset, then <meta charset>, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(content: bytes, content_type: str | None) -> str | None:
    """The charset named by the BOM, the Content-Type header or a <meta> tag, if Python knows it."""
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    candidates = []
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        candidates.append(match.group(1))
    if match := _META_CHARSET.search(content[:4096]):
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """Best-effort text of an HTML document; never raises."""
    charset = declared_charset(content, content_type)
    if charset:
        try:
            return content.decode(charset)
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content[:200_000]).best()
    return content.decode(best.encoding if best else "utf-8", errors="replace")
