"""Publication / modification dates with the evidence they came from.

Order of trust: JSON-LD, <meta>, <time> elements, visible "Date:"-style text, the URL path.
A time written without a zone takes the offset the page states elsewhere: a zone on the same line
("GMT+8", "UTC+08:00", "(Beijing time)", "EST"), else another machine-readable date of the page with
an offset, else a zone named near the article start; with none of these it is taken as UTC.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from newsflow.core.dates import parse_datetime

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
# /2019/nov/18/ (and /2019/november/18/)
_URL_DATE_MONTH = re.compile(rf"/((?:19|20)\d{{2}})/({_MONTH})\.?/(0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)", re.I)

# A zone written next to a time: GMT/UTC with an offset, capitalised unambiguous abbreviations, city times.
_NAMED_ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "wet": 0, "bst": 60, "cet": 60, "cest": 120, "mez": 60, "mesz": 120,
    "eet": 120, "eest": 180, "msk": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
    "mdt": -360, "pst": -480, "pdt": -420, "akst": -540, "hst": -600, "jst": 540, "kst": 540, "hkt": 480,
    "sgt": 480, "awst": 480, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780, "wib": 420, "pht": 480,
}
_ZONE = re.compile(
    r"(?:\b(?:gmt|utc)\s*(?P<sign>[+-−])\s*(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?\b"
    r"|\b(?-i:(?P<name>" + "|".join(z.upper() for z in _NAMED_ZONES) + r"))\b"
    r"|(?P<beijing>beijing time|北京时间|北京時間|china standard time|hong kong time|香港时间|香港時間|taipei time|台北时间|台北時間"
    r"|singapore time)|(?P<tokyo>tokyo time|japan standard time|日本時間|東京時間|korea standard time|한국\s*시간))",
    re.I,
)


Dated = tuple[datetime, bool]  # (aware UTC datetime, settled: the source stated its zone or gave no time)
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def zone_offset(text: str) -> timedelta | None:
    """The UTC offset a zone written in ``text`` names ("GMT+8", "UTC+08:00", "EST", "北京时间"), or None."""
    m = _ZONE.search(text)
    if not m:
        return None
    if m.group("h") is not None:
        sign = m.group("sign")
        hours, minutes = int(m.group("h")), int(m.group("m") or 0)
        if hours > 14 or minutes >= 60:
            return None
        delta = timedelta(hours=hours, minutes=minutes)
        return -delta if sign in "-−" else delta
    if m.group("name"):
        return timedelta(minutes=_NAMED_ZONES[m.group("name").lower()])
    return timedelta(hours=8 if m.group("beijing") else 9)


def _parse(value: str | None) -> Dated | None:
    """A page's date string as (aware UTC datetime, settled); naive values are read as UTC."""
    if not value or not isinstance(value, str):
        return None
    text = re.sub(r"[年月]", "-", value.strip()).replace("日", " ").strip()
    if re.fullmatch(r"\d{10}(\d{3})?", text):  # epoch seconds / milliseconds
        try:
            dt, zoned = datetime.fromtimestamp(int(text[:10]), tz=timezone.utc), True
        except (OverflowError, OSError, ValueError):
            return None
    else:
        raw = parse_datetime(text)
        if raw is None:
            return None
        zoned = raw.tzinfo is not None
        dt = raw.astimezone(timezone.utc) if zoned else raw.replace(tzinfo=timezone.utc)
        zoned = zoned or not _CLOCK.search(text)  # a day without a time of day is not shifted
    return (dt, zoned) if _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def parse_date(value: str | None) -> datetime | None:
    """A page's date string as an aware UTC datetime (naive -> UTC); None when absent or implausible.

    Parsed with dateutil like ``newsflow.core.dates.parse_date``; page dates add epoch numbers and 2024年5月18日.
    """
    parsed = _parse(value)
    return parsed[0] if parsed else None


def _from_jsonld(meta: Meta, key: str) -> Dated | None:
    value = jsonld_value(meta, key)
    if isinstance(value, list) and value:
        value = value[0]
    return _parse(value) if isinstance(value, str) else None


def _from_meta(meta: Meta, names: tuple[str, ...]) -> Dated | None:
    for name in names:
        dt = _parse(meta.meta.get(name))
        if dt:
            return dt
    return None


def _from_time(meta: Meta, modified: bool) -> Dated | None:
    want = ("modified", "updated")
    for hint, value in meta.time_elements:
        is_mod = any(w in hint for w in want)
        if is_mod == modified:
            dt = _parse(value)
            if dt:
                return dt
    return None


def visible_date(line: str) -> datetime | None:
    """A date written in one line of page text, with its time when given (a zone on the line applies, else UTC)."""
    found = _visible(line)
    return found[0] if found else None


def _visible(line: str) -> Dated | None:
    """``visible_date`` plus whether it is settled (the line stated a zone, or gave no time of day)."""
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
    zone = None
    timed = False
    if t and int(t.group(1)) < 24 and int(t.group(2)) < 60:
        timed = True
        zone = zone_offset(rest[t.end():t.end() + 40])
        hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
        if t.group(4) and t.group(4).lower() == "p" and hour < 12:
            hour += 12
        elif t.group(4) and t.group(4).lower() == "a" and hour == 12:
            hour = 0
    try:
        dt = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=timezone.utc)
    except ValueError:
        return None
    if zone is not None:
        dt -= zone
    return (dt, zone is not None or not timed) if _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def _from_text(texts: list[str], modified: bool) -> Dated | None:
    """First dated line introduced by a keyword (or that is only a date) near the article start."""
    for text in texts:
        for line in text.split("\n"):
            if len(line) > 160 or bool(_MODIFIED_WORD.search(line)) != modified:
                continue
            dt = _visible(line)
            if dt is None:
                continue
            if _KEYWORD.search(line) or _DATE_ONLY_REST.match(_NUMERIC.sub(" ", _WRITTEN.sub(" ", line))):
                return dt
    return None


def _from_url(url: str) -> Dated | None:
    """The date in a URL path (/2019/11/18/, /20191118/, /2019/nov/18/): a day, so no zone applies."""
    m = _URL_DATE.search(url or "") or _URL_DATE_COMPACT.search(url or "")
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _URL_DATE_MONTH.search(url or "")
        if not m:
            return None
        year, month, day = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
    try:
        return datetime(year, month, day, tzinfo=timezone.utc), True
    except ValueError:
        return None


def page_offset(meta: Meta, visible_texts: list[str]) -> timedelta | None:
    """The UTC offset the page states: on a machine-readable date, else a zone named near the article start."""
    values = [jsonld_value(meta, k) for k in ("datePublished", "dateModified", "dateCreated")]
    values += [meta.meta.get(n) for n in PUBLISHED_META + MODIFIED_META] + [v for _, v in meta.time_elements]
    for value in values:
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and re.search(r"\d[T ]?\d{1,2}:\d{2}", value):
            raw = parse_datetime(value)
            if raw is not None and raw.tzinfo is not None:
                return raw.utcoffset()
    for text in visible_texts:
        if len(text) <= 200 and (_NUMERIC.search(text) or _WRITTEN.search(text) or "time" in text.lower()
                                 or "时间" in text or "時間" in text):
            zone = zone_offset(text)
            if zone is not None:
                return zone
    return None


def find_dates(
    meta: Meta, visible_texts: list[str], url: str
) -> tuple[datetime | None, str | None, datetime | None, str | None]:
    """(published_at, evidence, modified_at, evidence)."""
    offset: list[timedelta | None] = []  # looked up once, on the first naive date

    def localise(found: Dated | None) -> datetime | None:
        if found is None:
            return None
        dt, zoned = found
        if not zoned:
            if not offset:
                offset.append(page_offset(meta, visible_texts))
            if offset[0]:
                dt -= offset[0]
        return dt

    published: tuple[datetime | None, str | None] = (None, None)
    for evidence, finder in (
        ("json-ld", lambda: _from_jsonld(meta, "datePublished") or _from_jsonld(meta, "dateCreated")),
        ("meta", lambda: _from_meta(meta, PUBLISHED_META)),
        ("time-element", lambda: _from_time(meta, modified=False)),
        ("visible-text", lambda: _from_text(visible_texts, modified=False)),
        ("url", lambda: _from_url(url)),
    ):
        dt = localise(finder())
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
        dt = localise(finder())
        if dt:
            modified = (dt, evidence)
            break
    return published[0], published[1], modified[0], modified[1]
