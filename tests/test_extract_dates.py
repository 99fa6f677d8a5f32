"""Visible-date parsing and the date evidence order."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from processing.extraction.dates import parse_date, visible_date


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
