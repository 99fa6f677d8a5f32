"""Visible-date parsing and the date evidence order."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsflow.processing.extract import extract_article
from newsflow.processing.extraction.dates import parse_date, visible_date


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date:2025-04-23 18:29:48", _utc(2025, 4, 23, 18, 29, 48)),
        ("发布时间：2024-05-18 09:30　来源：晨光新闻网", _utc(2024, 5, 18, 9, 30)),
        ("2024年5月18日 09:30", _utc(2024, 5, 18, 9, 30)),
        ("기사입력 :[ 2018-08-25 15:24 ]", _utc(2018, 8, 25, 15, 24)),
        ("Posted: Fri 6:45 PM, Feb 16, 2018 |", _utc(2018, 2, 16, 18, 45)),
        ("By Ann Lee on Monday, November 18th, 2019 at 11:08 a.m.", _utc(2019, 11, 18, 11, 8)),
        ("Von Moritz Bachmann publiziert am 25. September 2018", _utc(2018, 9, 25)),
        ("Publié le 3 mars 2021", _utc(2021, 3, 3)),
        ("2021-02-30 10:00", None),  # no such day
        ("Scores: 15:23 in 2019", None),
    ],
)
def test_visible_date(line: str, expected: datetime | None) -> None:
    assert visible_date(line) == expected


def test_parse_date_normalises_to_utc_and_rejects_implausible_years() -> None:
    assert parse_date("2024-03-05T08:15:00+01:00") == _utc(2024, 3, 5, 7, 15)
    assert parse_date("2024-03-05 08:15") == _utc(2024, 3, 5, 8, 15)  # naive -> UTC
    assert parse_date("1580000000") == _utc(2020, 1, 26, 0, 53, 20)  # epoch seconds
    assert parse_date("0001-01-01") is None
    assert parse_date("not a date") is None
    assert parse_date(None) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted: Thursday, November 26, 2026 9:30 AM", _utc(2026, 11, 26, 9, 30)),  # the time of day is kept
        ("Date: 2026-11-24 16:05:00 GMT+8", _utc(2026, 11, 24, 8, 5)),
        ("Date: 2026-11-24 16:05 UTC+08:00", _utc(2026, 11, 24, 8, 5)),
        ("Date: 2026-11-24 16:05 (Beijing time)", _utc(2026, 11, 24, 8, 5)),
        ("发布时间：2026-11-24 16:05 北京时间", _utc(2026, 11, 24, 8, 5)),
        ("Updated 10:15 a.m. EST, Nov 3, 2019", _utc(2019, 11, 3, 15, 15)),
        ("Publié le 3 mars 2021 à 10:15, il est tard", _utc(2021, 3, 3, 10, 15)),  # "est" is not a zone
        ("Date: 2024-05-18 09:30-10:30", _utc(2024, 5, 18, 9, 30)),  # a time range is not an offset
    ],
)
def test_visible_date_keeps_time_and_applies_a_zone_on_the_line(line: str, expected: datetime) -> None:
    assert visible_date(line) == expected


_BODY = "".join(f"<p>Paragraph {i} of a story about the harbour ferry timetable, long enough to be running "
                f"text that the extractor keeps as part of the article body.</p>" for i in range(4))


def _page(head: str = "", dateline: str = "Date: 2026-11-24 16:05:00") -> str:
    return (f"<html><head>{head}<title>Ferry timetable changes</title></head><body><div class='main'>"
            f"<h1>Ferry timetable changes</h1><div class='info'>{dateline}</div>{_BODY}</div></body></html>")


def test_naive_visible_date_is_utc_when_the_page_states_no_offset() -> None:
    art = extract_article(_page(), "https://ferry.example/a")
    assert art.published_at == _utc(2026, 11, 24, 16, 5)
    assert art.published_at_evidence == "visible-text"


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:modified_time" content="2026-11-25T09:00:00+08:00">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2026-11-25T09:00:00+08:00"}'
        "</script>",
    ],
)
def test_naive_visible_date_takes_the_offset_the_page_states_elsewhere(head: str) -> None:
    art = extract_article(_page(head), "https://ferry.example/a")
    assert art.published_at == _utc(2026, 11, 24, 8, 5)
    assert art.published_at_evidence == "visible-text"
    assert art.modified_at == _utc(2026, 11, 25, 1, 0)


def test_naive_visible_date_takes_a_zone_named_near_the_article() -> None:
    html = _page(dateline="Date: 2026-11-24 16:05:00</div><div class='tz'>All times are GMT+8")
    assert extract_article(html, "https://ferry.example/a").published_at == _utc(2026, 11, 24, 8, 5)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2019/nov/18/story-slug", _utc(2019, 11, 18)),
        ("https://news.example/2019/11/18/story-slug/", _utc(2019, 11, 18)),
        ("https://news.example/news/20191118/story.html", _utc(2019, 11, 18)),
    ],
)
def test_url_dates(url: str, expected: datetime) -> None:
    art = extract_article(f"<html><body><div>{_BODY}</div></body></html>", url)
    assert art.published_at == expected
    assert art.published_at_evidence == "url"


def test_a_day_without_time_is_not_shifted_by_the_page_offset() -> None:
    html = _page('<meta property="article:modified_time" content="2026-11-25T09:00:00+08:00">',
                 dateline="Date: 2026-11-24")
    assert extract_article(html, "https://ferry.example/a").published_at == _utc(2026, 11, 24)
