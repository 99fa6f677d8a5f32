"""Decode HTML bytes to text: BOM, declared charset (header, then <meta>), then detection.

On top of the declared charset, the browser rules: labels browsers treat as a superset decode as that
superset (latin-1 and ascii as windows-1252, so curly quotes and dashes in 0x80-0x9F survive; gb2312
as gb18030); UTF-16 BOMs are honoured; and undeclared pages where detection cannot tell single-byte
Western code pages apart decode as windows-1252, as browsers do. Used for listing pages and by the
extractor alike.
"""

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


# codecs.lookup() names -> the superset browsers actually use (WHATWG encoding standard)
_SUPERSETS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes; never raises (falls back to UTF-8 with replacement characters)."""
    return decode_html_utf8(data, content_type)[0]


def decode_html_utf8(data: bytes, content_type: str | None = None) -> tuple[str, bool]:
    """``decode_html``, and whether the text is ``data`` read as plain UTF-8 (no BOM stripped, no
    replacement): then ``data`` is exactly the text's UTF-8 encoding, and a parser can take the
    bytes as they are instead of encoding the text again."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data.decode("utf-16", "replace"), False
    charset = declared_charset(data, content_type)
    if charset:
        codec = _SUPERSETS.get(charset, charset)
        try:
            return data.decode(codec), codec == "utf-8"
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or not best.encoding:
        return data.decode("utf-8", "replace"), False
    encoding = best.encoding
    for match in matches:  # on a tie, prefer windows-1252
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            encoding = "cp1252"
            break
    return data.decode(encoding, "replace"), False
