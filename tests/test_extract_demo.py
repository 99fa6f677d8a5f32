"""The bundled demo sites through the extractor: every article's exact body, no page noise, its date."""

from __future__ import annotations

import urllib.request
from datetime import datetime, timezone

import pytest

from newsflow.dev.demo import DemoSite, load_manifest
from newsflow.processing.extract import extract_article

# Never go through a proxy from the environment: everything here is on 127.0.0.1.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
MANIFEST = load_manifest()
ARTICLES = MANIFEST["articles"]
# date styles whose page states the offset (machine-readable dates); "visible" / "posted" pages show
# local wall-clock text only, which the extractor may read as UTC
ZONED_STYLES = ("jsonld", "meta", "time")


@pytest.fixture(scope="module")
def extracted() -> dict:
    out = {}
    with DemoSite() as demo:
        for art in demo.articles():
            with OPENER.open(art["url"], timeout=10) as resp:
                raw, content_type = resp.read(), resp.headers.get("Content-Type")
            out[art["id"]] = extract_article(raw, art["url"], content_type=content_type)
    return out


def test_manifest_lists_the_demo_articles() -> None:
    assert len(ARTICLES) >= 20
    assert all(art["body"] and art["noise_samples"] for art in ARTICLES)


@pytest.mark.parametrize("art", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_demo_article_body_is_exactly_the_expected_paragraphs(extracted, art) -> None:
    article = extracted[art["id"]]
    assert article.body.split("\n\n") == art["body"]
    for noise in art["noise_samples"]:
        assert noise not in article.body, noise


@pytest.mark.parametrize("art", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_demo_article_date(extracted, art) -> None:
    article = extracted[art["id"]]
    published = datetime.fromisoformat(art["published"])
    assert article.published_at is not None
    if any(style in art["date_style"] for style in ZONED_STYLES):
        assert article.published_at == published
    else:  # wall-clock time without a zone on the page: the time of day is kept, read as UTC
        assert article.published_at == published.replace(tzinfo=timezone.utc)


def test_reprint_disclaimer_is_reported_not_kept(extracted) -> None:
    article = extracted["b-tarsen-crossing"]
    assert "reprinted" not in article.body
    disclaimer = next(r for r in article.removed if r.reason == "disclaimer")
    assert disclaimer.sample.startswith("Disclaimer: This article is reprinted from Global Wire")
