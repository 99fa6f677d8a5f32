"""Extractor behaviour that must hold on pages nobody tuned on (issue 14), on small hand-written pages:
short articles, notices (cookie / paywall / embed consent / gallery counters), articles split across
subheadings and wrappers, teaser streams; plus the broad corpus when it has been built outside the repo."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

import newsflow.processing.extract as extract_module
from newsflow.processing.extract import extract_article
from newsflow.processing.extraction import vocab

NAV = "<nav><ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8)) + "</ul></nav>"
FOOTER = "<footer><p>© 2026 The Daily Example. All rights reserved.</p><a href='/about'>About us</a></footer>"
# about 80 words: a short news item
SHORT = ("The harbour authority reopened the northern pier on Tuesday after three weeks of repairs to its "
         "storm-damaged deck. Engineers replaced forty timber beams and reinforced the moorings used by the ferry "
         "service. Ferries to the islands will resume their normal timetable from Wednesday morning, the operator "
         "said. Local traders, who had complained of a sharp drop in visitors, welcomed the news and said they "
         "expected the weekend market to be busy again.")
SECOND = SHORT.replace("harbour authority", "river board").replace("northern pier", "old bridge")
THIRD = SHORT.replace("harbour authority", "county council").replace("northern pier", "coast road")
TEASERS = "<div class='more'>" + "".join(
    f"<div class='item'><h3><a href='/t{i}'>Teaser headline number {i} about the coast</a></h3>"
    f"<p>Summary of story {i}: officials said the work would continue through the winter, with more closures "
    f"planned.</p></div>" for i in range(6)) + "</div>"


def _page(body: str, title: str = "Pier reopens after repairs") -> str:
    return (f"<html><head><title>{title}</title></head><body>{NAV}<div class='wrap'><h1>{title}</h1>{body}</div>"
            f"{FOOTER}</body></html>")


def _body(html: str) -> str:
    return extract_article(html, "https://example.com/news/a").body


# --- short articles are never empty ----------------------------------------------------------------

@pytest.mark.parametrize("body", [
    f"<div class='story'><p>{SHORT}</p></div>",
    f"<div class='content-widget'><p>{SHORT}</p></div>{TEASERS}",  # a weak class word over the article
    f"<div class='promo-article'><p>{SHORT}</p></div>{TEASERS}",
    f"<p>Updated 12 May 2024, 10:31</p><div class='story-body social-share-enabled'><p>{SHORT}</p></div>{TEASERS}",
    f"{TEASERS}<div><p>{SHORT}</p></div>",
    "<div>" + SHORT.replace(". ", ".<br><br>") + "</div>",
])
def test_short_article_is_not_empty(body: str) -> None:
    assert _body(_page(body)).replace("\n\n", " ") == SHORT


def test_short_article_without_headline_is_not_empty() -> None:
    assert _body(f"<html><body>{NAV}<div><p>{SHORT}</p></div>{FOOTER}</body></html>") == SHORT


# --- notices -------------------------------------------------------------------------------------

COOKIE = ("We use cookies and similar technologies to improve your experience on our site, to personalise "
          "content and ads, and to analyse our traffic. By clicking Accept all you agree to the storing of cookies "
          "on your device. You can change your preferences at any time in the privacy settings. For more "
          "information see our privacy policy, which explains how we and our partners process your data.")


@pytest.mark.parametrize("where", ["before", "after"])
def test_cookie_notice_is_not_chosen(where: str) -> None:
    notice = f"<div class='x1'><p>{COOKIE}</p><p><a href='#'>Accept all</a> <a href='#'>Settings</a></p></div>"
    article = f"<div class='x2'><p>{SHORT}</p></div>"
    body = _body(_page(notice + article if where == "before" else article + notice))
    assert body == SHORT
    assert "cookies" not in body


def test_cookie_notice_without_article_text_around_is_still_not_the_body() -> None:
    html = f"<html><body><div class='banner'><p>{COOKIE}</p></div><main><h1>Pier reopens</h1><p>{SHORT}</p></main></body></html>"
    assert _body(html) == SHORT


def test_paywall_promo_is_removed() -> None:
    body = _body(_page(f"<div><p>{SHORT}</p><p>This content is reserved for subscribers. Subscribe now to read the "
                       f"full article and get unlimited access.</p><p><a href='/login'>Already a subscriber? Log in"
                       f"</a></p></div>"))
    assert body == SHORT


@pytest.mark.parametrize("promo", [
    "Ce contenu est réservé aux abonnés.",
    "Dieser Artikel ist nur für Abonnenten verfügbar.",
    "Subscribe to continue reading this story.",
    "This content is reserved for subscribers",
])
def test_paywall_promo_in_other_wordings(promo: str) -> None:
    assert _body(_page(f"<div><p>{SHORT}</p><p>{promo}</p></div>")) == SHORT


def test_gallery_counter_captions_are_removed() -> None:
    body = _body(_page(f"<div><p>1 of 12 | Workers repair the deck of the northern pier.</p>"
                       f"<p>2 of 12 | A ferry waits at the dock.</p><p>{SHORT}</p></div>"))
    assert body == SHORT


def test_embed_consent_placeholder_is_removed() -> None:
    body = _body(_page(f"<div><p>{SHORT}</p><p>To display this content from YouTube, you must enable "
                       f"advertisement tracking and audience measurement.</p><p>{SECOND}</p></div>"))
    assert body == f"{SHORT}\n\n{SECOND}"


def test_a_paragraph_about_cookies_is_kept() -> None:
    news = ("The court ruled on Monday that websites must ask visitors before they store tracking cookies, and "
            "that a pre-ticked box is not valid consent under the privacy law.")
    assert _body(_page(f"<div><p>{news}</p><p>{SHORT}</p></div>")) == f"{news}\n\n{SHORT}"


# --- one article across subheadings and wrappers ---------------------------------------------------

def test_text_across_subheadings_is_kept() -> None:
    html = _page("<article><div class='a'><p>" + SHORT + "</p></div><h2>What comes next</h2><div class='b'><p>"
                 + SECOND + "</p></div><h2>Reactions</h2><div class='c'><p>" + THIRD + "</p></div></article>")
    assert _body(html) == f"{SHORT}\n\nWhat comes next\n\n{SECOND}\n\nReactions\n\n{THIRD}"


def _deep(text: str, heading: str = "") -> str:
    """A section of the article nested in wrapper divs, as CMS page builders do."""
    head = f"<h3>{heading}</h3>" if heading else ""
    return f"<div class='row'><div class='col'><div class='inner'><div class='txt'>{head}<p>{text}</p><p>{text}</p></div></div></div></div>"


def test_sections_nested_in_wrappers_are_all_kept() -> None:
    rail = ("<div class='rail'><div class='box'><ul>" + "".join(f"<li><a href='/p{i}'>Popular story {i}</a></li>"
                                                                for i in range(5)) + "</ul></div></div>")
    html = _page("<div class='body'>" + _deep(SHORT) + _deep(SECOND, "Hardware") + rail + _deep(THIRD, "In use")
                 + "</div>")
    body = _body(html)
    for text in (SHORT, SECOND, THIRD, "Hardware", "In use"):
        assert text in body
    assert "Popular story" not in body


def test_teaser_stream_after_the_article_is_not_merged() -> None:
    stream = "<div class='feed'><ul>" + "".join(
        f"<li><div><h3><a href='/f{i}'>Another story number {i} from elsewhere in the region</a></h3>"
        f"<p>{THIRD}</p></div></li>" for i in range(5)) + "</ul></div>"
    html = _page("<div class='body'>" + _deep(SHORT) + _deep(SECOND) + "</div>" + stream)
    body = _body(html)
    assert SHORT in body and SECOND in body
    assert THIRD not in body


# --- second opinion --------------------------------------------------------------------------------

def test_certain_pages_get_no_second_opinion(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(extract_module, "_second_opinion", lambda html, url, boilerplate=frozenset(): calls.append(url) or None)
    html = _page(f"<div><p>{SHORT}</p><p>{SECOND}</p><p>{THIRD}</p></div>")
    assert _body(html) == f"{SHORT}\n\n{SECOND}\n\n{THIRD}"
    assert calls == []


def test_second_opinion_only_replaces_a_body_when_it_finds_more(monkeypatch) -> None:
    monkeypatch.setattr(extract_module, "_uncertain", lambda body, text: True)
    monkeypatch.setattr(extract_module, "_second_opinion", lambda html, url, boilerplate=frozenset(): "short")
    html = _page(f"<div><p>{SHORT}</p></div>")
    assert _body(html) == SHORT


def test_second_opinion_lines_are_filtered(monkeypatch) -> None:
    class FakeTrafilatura:
        @staticmethod
        def extract(html, **kwargs):
            return f"{SHORT}\nAdvertisement\nThis content is reserved for subscribers.\n{SECOND}"

    monkeypatch.setitem(__import__("sys").modules, "trafilatura", FakeTrafilatura)
    assert extract_module._second_opinion("<html></html>", "") == f"{SHORT}\n\n{SECOND}"


def test_garbage_never_raises() -> None:
    for html in ("", "<html>", "<<<>>>", b"\xff\xfe\x00", "<html><body><div></div></body></html>"):
        assert extract_article(html, "https://example.com/").body == ""


# --- vocabularies are package data -----------------------------------------------------------------

def test_vocabulary_is_loaded_from_package_data() -> None:
    data = json.loads((Path(vocab.__file__).with_name("vocab.json")).read_text(encoding="utf-8"))
    assert vocab.CLASS_WORDS["taboola"] == "recommendation-list"
    assert set(data["class_words"]) >= {"share", "comments", "cookie-banner"}
    assert vocab.notice_reason("We use cookies to improve your experience.") == "cookie-banner"
    assert vocab.notice_reason("3 of 12 members voted for the plan.") is None


# --- broad corpus (built outside the repository) ---------------------------------------------------

CORPUS = Path(os.environ.get("NEWSFLOW_EXTRACTION_CORPUS", "~/.cache/newsflow/extraction-corpus")).expanduser()


def _builder():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "build_extraction_corpus.py"
    spec = importlib.util.spec_from_file_location("build_extraction_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout_split_is_fixed_by_page_id() -> None:
    builder = _builder()
    ids = [f"page-{i}" for i in range(2000)]
    splits = [builder.split_of(i) for i in ids]
    assert splits == [builder.split_of(i) for i in ids]
    assert 0.35 < splits.count("heldout") / len(ids) < 0.45


def test_broad_corpus_shape() -> None:
    if not (CORPUS / "ground-truth.json").is_file():
        pytest.skip(f"no extraction corpus at {CORPUS}: run benchmarks/build_extraction_corpus.py")
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(truth) >= 300
    assert len({t["site"] for t in truth.values()}) >= 100
    assert len({t["language"] for t in truth.values()}) >= 8
    builder = _builder()
    assert all(t["split"] == builder.split_of(pid) for pid, t in truth.items())


def test_no_short_article_of_the_corpus_comes_out_empty() -> None:
    if not (CORPUS / "ground-truth.json").is_file():
        pytest.skip(f"no extraction corpus at {CORPUS}: run benchmarks/build_extraction_corpus.py")
    from newsflow.dev.evaluation.extraction import load_corpus, tokenize

    pages, _ = load_corpus(CORPUS)
    short = [(pid, url, raw) for pid, url, raw, expected in pages if 60 <= len(tokenize(expected)) <= 150]
    assert short
    empty = [pid for pid, url, raw in short if not extract_article(raw, url).body]
    assert empty == []


# --- the page's own article, not the next one ------------------------------------------------------

def test_second_article_lower_on_the_page_is_left_out() -> None:
    first = f"<div><h1>Pier reopens after repairs</h1><div class='body'><p>{SHORT}</p><p>{SECOND}</p></div></div>"
    nxt = ("<div class='next'><h1>Council approves new budget for the coast</h1><div class='body'>"
           + "".join(f"<p>{THIRD} ({i})</p>" for i in range(5)) + "</div></div>")
    html = (f"<html><head><title>Pier reopens after repairs</title></head><body>{NAV}<main>{first}{nxt}</main>"
            f"{FOOTER}</body></html>")
    article = extract_article(html, "https://example.com/news/a")
    assert article.body == f"{SHORT}\n\n{SECOND}"
    assert "next-article" in {r.reason for r in article.removed}


def test_fold_out_info_box_is_removed() -> None:
    box = ("<details><summary>Background: the pier</summary><p>The northern pier was built in 1893 and has been "
           "rebuilt twice since, most recently after the storm of 1987.</p></details>")
    assert _body(_page(f"<div><p>{SHORT}</p>{box}<p>{SECOND}</p></div>")) == f"{SHORT}\n\n{SECOND}"


def test_article_inside_a_fold_out_element_is_kept() -> None:
    body = _body(_page(f"<details open><summary>Story</summary><p>{SHORT}</p><p>{SECOND}</p><p>{THIRD}</p></details>"))
    assert body.endswith(f"{SHORT}\n\n{SECOND}\n\n{THIRD}")


def test_buying_guide_sections_are_all_kept() -> None:
    def section(i: int, text: str) -> str:
        return (f"<section><h2><a href='https://shop.example/p{i}'>Product {i}: the Example kettle</a></h2>"
                f"<div class='wrap'><div class='buy'><a href='https://shop.example/p{i}'>$49 at a shop</a> "
                f"<a href='https://shop.example/q{i}'>$52 at another</a></div>"
                f"<div class='text'><p>{text}</p></div></div></section>")

    texts = [SHORT, SECOND, THIRD, SHORT.replace("Tuesday", "Monday"), SECOND.replace("Tuesday", "Friday")]
    body = _body(_page("<div class='intro'><p>Five kettles we tested this winter, from cheap to luxurious, "
                       "and what we liked about each of them.</p></div>" + "".join(section(i, t) for i, t in enumerate(texts))))
    for text in texts:
        assert text in body
    assert "$49" not in body


def test_an_aside_that_holds_the_page_is_its_main_column() -> None:
    slides = "".join(f"<li><h2>Idea {i}</h2><p>{[SHORT, SECOND, THIRD][i % 3]} ({i})</p></li>" for i in range(6))
    html = (f"<html><head><title>Ideas</title></head><body>{NAV}<div><h1>Ideas</h1><p>Six ideas for the coast.</p>"
            f"</div><aside id='rightColumn'><ul>{slides}</ul></aside>{FOOTER}</body></html>")
    body = _body(html)
    assert f"{THIRD} (5)" in body and f"{SHORT} (0)" in body


def test_a_small_aside_is_still_a_sidebar() -> None:
    aside = "<aside><h3>Popular</h3><p>Readers also liked our guide to the coast, with maps and tide tables.</p></aside>"
    assert _body(_page(f"<div><p>{SHORT}</p><p>{SECOND}</p></div>{aside}")) == f"{SHORT}\n\n{SECOND}"


@pytest.mark.parametrize("notice", [
    "It looks like you are using an ad blocker. Please disable it to support our journalism.",
    "Sie haben einen Adblocker aktiviert. Deshalb ist unsere Seite für Sie aktuell nicht erreichbar.",
])
def test_adblock_notice_is_removed(notice: str) -> None:
    assert _body(_page(f"<div><p>{SHORT}</p><p>{notice}</p><p>{SECOND}</p></div>")) == f"{SHORT}\n\n{SECOND}"


def test_linked_list_inside_the_article_is_kept_and_after_it_dropped() -> None:
    inner = "<ul>" + "".join(f"<li><a href='/r{i}'>Report number {i} on the pier</a> (PDF, 12 pages)</li>"
                             for i in range(3)) + "</ul>"
    after = "<ul>" + "".join(f"<li><a href='/m{i}'>More coverage number {i}</a></li>" for i in range(3)) + "</ul>"
    body = _body(_page(f"<div><p>{SHORT}</p>{inner}<p>{SECOND}</p>{after}</div>"))
    assert body == "\n\n".join([SHORT] + [f"Report number {i} on the pier (PDF, 12 pages)" for i in range(3)] + [SECOND])


def test_a_section_whose_id_is_its_heading_slug_is_not_a_widget() -> None:
    html = _page(f"<div class='doc'><div class='section' id='intro'><h2>Introduction</h2><p>{SHORT}</p><p>{SECOND}</p></div>"
                 f"<div class='section' id='sharing-with-other-developers'><h2>Sharing with other developers</h2>"
                 f"<p>{THIRD}</p><p>{THIRD} (2)</p><p>{SECOND} (2)</p></div></div>")
    body = _body(html)
    assert THIRD in body and "Sharing with other developers" in body


@pytest.mark.parametrize("heading", ["More on this topic", "Mehr zum Thema", "Lire aussi", "Related coverage"])
def test_more_on_this_topic_teasers_after_the_body_are_removed(heading: str) -> None:
    teasers = "".join(f"<p><a href='/x{i}'>Storm damage closes the coast road for the {i}th time this winter</a></p>"
                      f"<p>Engineers said the repairs would take several weeks and cost more than planned.</p>"
                      for i in range(3))
    body = _body(_page(f"<div><p>{SHORT}</p><p>{SECOND}</p><h3>{heading}</h3>{teasers}</div>"))
    assert body == f"{SHORT}\n\n{SECOND}"
