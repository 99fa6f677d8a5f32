"""Bytes-to-text decoding for the extractor: the connectors' charset lookup, plus browser rules.

``connectors.encoding.declared_charset`` finds the HTTP / BOM / ``<meta>`` charset. On top of it:
labels browsers treat as a superset decode as that superset (latin-1 and ascii as windows-1252, so
curly quotes and dashes in 0x80-0x9F survive; gb2312 as gb18030); UTF-16 BOMs are honoured; and
undeclared pages where detection cannot tell single-byte Western code pages apart decode as
windows-1252, as browsers do.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from connectors.encoding import declared_charset

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
