"""Publication / modification dates with the evidence they came from.

Order of trust: JSON-LD, <meta>, <time> elements, visible "Date:"-style text, the URL path.
Naive times are taken as UTC.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from connectors.dates import parse_date as parse_any_date

from .metadata import Meta, jsonld_value

PUBLISHED_META = ("article:published_time", "og:published_time", "article:published", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date.issued",
                  "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
                  "originalpublicationdate", "displaydate", "dc.date.created", "cxenseparse:recs:publishtime")
MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "datemodified",
                 "lastmod", "last-modified", "dc.date.modified", "dcterms.modified", "article.updated")

_MIN_YEAR, _MAX_YEAR = 1995, 2100
# Visible dates: a keyword line ("Date:", "Posted:", "发布时间：", "publiziert am") or a line that is
# only a date, with a numeric (2025-04-23 18:29) or a written date (Nov. 18th, 2019 / 25. September 2018).
_KEYWORD = re.compile(
    r"(date|published|posted|updated|modified|publiziert|veröffentlicht|aktualisiert|publié|mis à jour|"
    r"publicado|pubblicato|diterbitkan)\b|发布时间|發布時間|时间|時間|日期|发表于|作成日|公開日|更新日|등록|입력|"
    r"^\s*(by|von|par|por)\s",
    re.I,
)
_MODIFIED_WORD = re.compile(r"updated|modified|aktualisiert|mis à jour|actualizado|更新|수정", re.I)
_NUMERIC = re.compile(r"((?:19|20)\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan january januar janvier enero gennaio janeiro",
            "feb february februar février febrero febbraio fevereiro",
            "mar march märz mars marzo março",
            "apr april avril abril aprile",
            "may mai mayo maggio maio",
            "jun june juni juin junio giugno junho",
            "jul july juli juillet julio luglio julho",
            "aug august août agosto",
            "sep sept september septembre septiembre settembre setembro",
            "oct october oktober octobre octubre ottobre outubro",
            "nov november novembre noviembre novembro",
            "dec december dezember décembre diciembre dicembre dezembro",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WRITTEN = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<d2>\d{{1,2}})\.?\s+(?:de\s+)?(?P<m2>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y2>(?:19|20)\d{{2}}))\b",
    re.I,
)
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?(?![\d])", re.I)
_DATE_ONLY_REST = re.compile(r"^[\W\d_]*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*|at|on|am|pm|gmt|utc|[ap]\.m\.)?[\W\d_]*$", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")


def parse_date(value: str | None) -> datetime | None:
    """A page's date string as an aware UTC datetime (naive -> UTC); None when absent or implausible.

    ``connectors.dates.parse_date`` does the parsing; page dates add epoch numbers and 2024年5月18日.
    """
    if not value or not isinstance(value, str):
        return None
    text = re.sub(r"[年月]", "-", value.strip()).replace("日", " ").strip()
    if re.fullmatch(r"\d{10}(\d{3})?", text):  # epoch seconds / milliseconds
        try:
            dt = datetime.fromtimestamp(int(text[:10]), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    else:
        dt = parse_any_date(text)
    return dt if dt is not None and _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def _from_jsonld(meta: Meta, key: str) -> datetime | None:
    value = jsonld_value(meta, key)
    if isinstance(value, list) and value:
        value = value[0]
    return parse_date(value) if isinstance(value, str) else None


def _from_meta(meta: Meta, names: tuple[str, ...]) -> datetime | None:
    for name in names:
        dt = parse_date(meta.meta.get(name))
        if dt:
            return dt
    return None


def _from_time(meta: Meta, modified: bool) -> datetime | None:
    want = ("modified", "updated")
    for hint, value in meta.time_elements:
        is_mod = any(w in hint for w in want)
        if is_mod == modified:
            dt = parse_date(value)
            if dt:
                return dt
    return None


def visible_date(line: str) -> datetime | None:
    """A date written in one line of page text, with its time when given (taken as UTC)."""
    m = _NUMERIC.search(line)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        rest = line[m.end():]
    else:
        w = _WRITTEN.search(line)
        if not w:
            return None
        month = _MONTHS[(w.group("m1") or w.group("m2")).lower()]
        day = int(w.group("d1") or w.group("d2"))
        year = int(w.group("y1") or w.group("y2"))
        rest = line
    hour = minute = second = 0
    t = _TIME.search(rest)
    if t and int(t.group(1)) < 24 and int(t.group(2)) < 60:
        hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
        if t.group(4) and t.group(4).lower() == "p" and hour < 12:
            hour += 12
        elif t.group(4) and t.group(4).lower() == "a" and hour == 12:
            hour = 0
    try:
        dt = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=timezone.utc)
    except ValueError:
        return None
    return dt if _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def _from_text(texts: list[str], modified: bool) -> datetime | None:
    """First dated line introduced by a keyword (or that is only a date) near the article start."""
    for text in texts:
        for line in text.split("\n"):
            if len(line) > 160 or bool(_MODIFIED_WORD.search(line)) != modified:
                continue
            dt = visible_date(line)
            if dt is None:
                continue
            if _KEYWORD.search(line) or _DATE_ONLY_REST.match(_NUMERIC.sub(" ", _WRITTEN.sub(" ", line))):
                return dt
    return None


def _from_url(url: str) -> datetime | None:
    m = _URL_DATE.search(url or "") or _URL_DATE_COMPACT.search(url or "")
    if not m:
        return None
    try:
        return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), tzinfo=timezone.utc)
    except ValueError:
        return None


def find_dates(
    meta: Meta, visible_texts: list[str], url: str
) -> tuple[datetime | None, str | None, datetime | None, str | None]:
    """(published_at, evidence, modified_at, evidence)."""
    published: tuple[datetime | None, str | None] = (None, None)
    for evidence, finder in (
        ("json-ld", lambda: _from_jsonld(meta, "datePublished") or _from_jsonld(meta, "dateCreated")),
        ("meta", lambda: _from_meta(meta, PUBLISHED_META)),
        ("time-element", lambda: _from_time(meta, modified=False)),
        ("visible-text", lambda: _from_text(visible_texts, modified=False)),
        ("url", lambda: _from_url(url)),
    ):
        dt = finder()
        if dt:
            published = (dt, evidence)
            break
    modified: tuple[datetime | None, str | None] = (None, None)
    for evidence, finder in (
        ("json-ld", lambda: _from_jsonld(meta, "dateModified")),
        ("meta", lambda: _from_meta(meta, MODIFIED_META)),
        ("time-element", lambda: _from_time(meta, modified=True)),
        ("visible-text", lambda: _from_text(visible_texts, modified=True)),
    ):
        dt = finder()
        if dt:
            modified = (dt, evidence)
            break
    return published[0], published[1], modified[0], modified[1]
