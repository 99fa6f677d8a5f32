"""The seed page (../shared/seed) must become exactly its clean record: no sidebar text."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsflow.processing.extract import extract_article


def _shared_dir() -> Path:
    env = os.environ.get("NEWSFLOW_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def seed():
    seed_dir = _shared_dir() / "seed"
    if not (seed_dir / "seed-page.html").is_file():
        pytest.skip(f"../shared not found: no seed page at {seed_dir} (set NEWSFLOW_SHARED_DIR)")
    expected = json.loads((seed_dir / "seed-expected.json").read_text(encoding="utf-8"))
    article = extract_article((seed_dir / "seed-page.html").read_bytes(),
                              "http://news-mirror.test/finance/2025-04-23/japan-vietnam-ties.html",
                              content_type="text/html; charset=utf-8")
    return article, expected


def test_seed_body_is_exactly_the_eleven_paragraphs(seed) -> None:
    article, expected = seed
    assert len(expected["body_paragraphs"]) == 11
    assert article.body == "\n\n".join(expected["body_paragraphs"])


def test_seed_title_has_no_site_suffix(seed) -> None:
    article, expected = seed
    assert article.title == expected["title"]
    assert "消息" not in article.title


def test_seed_body_has_no_sidebar_text(seed) -> None:
    article, expected = seed
    for text in expected["must_not_contain"]:
        assert text not in article.body, text


def test_seed_date_from_visible_text(seed) -> None:
    article, expected = seed
    on_page = datetime.fromisoformat(expected["published_at_on_page"]).replace(tzinfo=timezone.utc)
    assert article.published_at == on_page
    assert article.published_at_evidence == "visible-text"


def test_seed_removed_blocks_name_the_sidebars(seed) -> None:
    article, _ = seed
    reasons = [r.reason for r in article.removed]
    for reason in ("related-list", "ranking-list", "recommendation-list", "like-counter"):
        assert reason in reasons, reason
    related = next(r for r in article.removed if r.reason == "related-list")
    assert "Meta donates" in related.sample
    assert article.canonical_url == "http://news-mirror.test/finance/2025-04-23/japan-vietnam-ties.html"
    assert article.language == "en"
