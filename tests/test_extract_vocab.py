"""Boilerplate vocabulary: what counts as a boilerplate line / heading, and what must not."""

from __future__ import annotations

import pytest

from newsflow.processing.extraction.vocab import class_reason, disclaimer_reason, field_line_reason, heading_reason, line_reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("READ MORE: New flood maps show hundreds of homes at risk", "read-more"),
        ("相关阅读：老街的故事", "read-more"),
        ("veryGood! (396)", "like-counter"),
        ("Good (41) Bad (3)", "like-counter"),
        ("total 12", "pagination"),
        ("共 5 页", "pagination"),
        ("Next: Geese arrive early »", "pagination"),
        ("（责任编辑：林晓）", "editor"),
        ("(Reporting by Ann Lee; Editing by Tom Fox)", "editor"),
        ("Current:Home > Finance", "nav"),
        ("Advertisement", "ads"),
        ("By Mara Quill and Tobias Fenn", "byline"),
        ("Sign up for the free daily newsletter.", "newsletter"),
        ("Protesters gather outside the court (Image: GETTY )", "caption"),
        ("Updated at 1:23 p.m.", "dateline"),
        ("© 2024 Coastal Daily. All rights reserved.", "footer"),
        ("Filed under: Politics", "tags"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    assert line_reason(line) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Next steps will be announced at an all-company meeting on Friday, the chief executive said.",
        "By Monday, the council had approved the plan.",
        "By the way, nobody expected the vote to pass",
        "Watch-makers said the strong franc hurt exports.",
        "Related-party transactions rose sharply last year.",
        "Copyright law was changed in 2019 and",
        "More than 400 people attended the meeting.",
        "Good results were reported by all three schools.",
    ],
)
def test_article_sentences_are_not_boilerplate(sentence: str) -> None:
    assert line_reason(sentence) is None


@pytest.mark.parametrize(
    ("heading", "reason"),
    [
        ("You may also like", "related-list"),
        ("Read next", "related-list"),
        ("関連記事", "related-list"),
        ("Guess you like", "recommendation-list"),
        ("猜你喜欢", "recommendation-list"),
        ("Most read", "ranking-list"),
        ("Trending now", "ranking-list"),
        ("热门排行", "ranking-list"),
        ("3 Comments", "comments"),
        ("Recommendation", "recommendation-list"),
    ],
)
def test_section_headings(heading: str, reason: str) -> None:
    assert heading_reason(heading) == reason


def test_in_article_subheadings_are_not_section_headings() -> None:
    for heading in ("A costly compromise", "What happens next", "Popular protests spread", "Related issues in court"):
        assert heading_reason(heading) is None


def test_class_words_match_whole_words_and_compounds_only() -> None:
    assert class_reason("you-may-also-like") == "recommendation-list"
    assert class_reason("most_read") == "ranking-list"
    assert class_reason("share-bar") == "share"
    assert class_reason("article-body entry-content") is None
    assert class_reason("field-label-hidden") is None  # "hidden" in a class is not hiding
    assert class_reason("commentary") is None  # an opinion section, not comments
    assert class_reason("shareholders") is None


@pytest.mark.parametrize(
    "note",
    [
        "Disclaimer: This article is reprinted from Global Wire for the purpose of conveying more information.",
        "This article is reprinted from Global Wire.",
        "Originally published on Live Science.",
        "This story was originally published by ProPublica.",
        "This article first appeared on The Conversation.",
        "Reprinted with permission from the author.",
        "（本文转载自人民网）",
        "本文来源：新华网",
        "转载请注明出处。",
        "Dieser Artikel erschien zuerst bei der Süddeutschen Zeitung.",
        "Cet article a été initialement publié sur The Conversation.",
        "Este artículo fue publicado originalmente en El País.",
        "The post Ferry fares rise again appeared first on Harbour Post.",
    ],
)
def test_syndication_notes_are_disclaimers(note: str) -> None:
    assert disclaimer_reason(note) == "disclaimer"


@pytest.mark.parametrize(
    "sentence",
    [
        "The report, originally published by the BBC, said the ferry would close.",
        "The study was originally published in Nature last year and has been cited widely.",
        "Originally, the plan was to build a second bridge.",
        "This article is about the harbour.",
        "来自北京的消息说，渡轮将停运。",
        "Source: Reuters",
        "The post office on Quay Street will close in March, the council said.",
    ],
)
def test_sentences_citing_a_source_are_not_disclaimers(sentence: str) -> None:
    assert disclaimer_reason(sentence) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Source: Eastbridge News Author: Lim Wei Jie Date: 2026-11-20 21:12:00 Views: 20,274", "byline"),
        ("来源：新华社 作者：李明 发布时间：2024-05-18 09:30", "byline"),
        ("Date: Nov 5 Time: 7pm Location: Town hall", None),  # event details, no source/person field
        ("Source: Reuters", None),
    ],
)
def test_labelled_field_lines(line: str, reason: str | None) -> None:
    assert field_line_reason(line) == reason


def test_reaction_prompts() -> None:
    assert line_reason("Did you enjoy this article? 👍 212 👎 9") == "like-counter"
    assert line_reason("Was this article helpful? Yes No") == "like-counter"
    assert class_reason("reaction-box") == "like-counter"
