"""newsflow.processing.page: one page through extract, fingerprint and classify; junk is refused with a reason."""

from __future__ import annotations

import random

import pytest

from newsflow.processing.page import NotAnArticle, looks_like_text, process_page

PARAGRAPH = "Ministers from both countries met in Geneva to negotiate a ceasefire and the exchange of prisoners of war."


def test_article_is_extracted_fingerprinted_and_classified():
    html = f"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>{'<p>' + PARAGRAPH + '</p>' * 1}" + "".join(
        f"<p>{PARAGRAPH} Day {i}.</p>" for i in range(4)) + "</article></body></html>"
    page = process_page(html.encode(), "https://news.example/talks")
    assert page.article.title == "Talks"
    assert page.fingerprint.content_hash and page.fingerprint.band_keys
    assert page.topic.label in ("geopolitics", "celebrity", "other")


def test_random_binary_served_as_html_is_not_an_article():
    with pytest.raises(NotAnArticle, match="binary"):
        process_page(random.Random(1).randbytes(20_000), "https://news.example/blob", "text/html; charset=utf-8")


def test_short_page_is_not_an_article():
    with pytest.raises(NotAnArticle, match="no article text"):
        process_page(b"<html><body><p>Page not found.</p></body></html>", "https://news.example/404")


@pytest.mark.parametrize("text", ["Plain English, with punctuation!", "中文新闻：日本与越南加强合作。", "Ελληνικά — κείμενο", "Цифры: 12,5 %"])
def test_real_text_in_any_script_looks_like_text(text):
    assert looks_like_text(text * 10)


def test_replacement_and_control_characters_do_not():
    assert not looks_like_text("\ufffd\x10a\x07" * 50)
