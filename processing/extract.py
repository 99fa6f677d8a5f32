"""Article extraction: clean body text and metadata from a news page.

Hand-written rather than delegated to a library because extraction quality *is* the product:
we need to own (and test) exactly which sidebars, link lists, share bars and hidden copies are
dropped, and report why in ``removed``; it is also several times faster than trafilatura
(``newsflow.dev.evaluation.extraction`` measures both). The pieces live in ``newsflow.processing.extraction``.
On uncertain pages only (empty body, or one holding little of the page's running text) trafilatura is
asked for a second opinion, filtered by our own rules and taken only when it finds more.
Parsing uses selectolax's lexbor backend; language identification uses py3langid.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass
from datetime import datetime

import py3langid
from selectolax.lexbor import LexborHTMLParser

from newsflow.core.encoding import decode_html_utf8

from .extraction import metadata as md
from .extraction.dates import find_dates
from .extraction.main_text import extract_main_text
from .extraction.select import Dropped
from .extraction.vocab import line_reason, notice_reason

# 1.1.0: <br><br> paragraphs, container tightening, syndication disclaimers, labelled field lines,
# linked listicle subheadings, pull quotes, CJK/Latin spacing at inline tags, dates keep the page's offset
# 1.2.0: sibling parts of the article found through wrapper-only and decoration-only levels and across
# subheadings (never teaser streams, nor a second story under its own h1, which ends the article);
# notices (cookie / paywall / ad-blocker / embed consent / gallery counters) told by their text;
# <details> boxes; an <aside> holding most of the page is its main column; position after the headline
# overrules weak class marks on pages with little text; a second opinion (trafilatura) on uncertain
# pages, taken only when it finds more; vocabularies as data files (vocab.json)
EXTRACTOR_VERSION = "1.2.0"

# A page is uncertain when the body holds less than this share of the page's running text (unmarked prose),
# or is short (SHORT_BODY weighted characters: CJK count triple) while the page holds twice as much running text.
UNCERTAIN_SHARE = 0.65
SHORT_BODY = 300
# the second opinion replaces the body only when it is this much longer (it finds what we missed), and
# holds this share of our body's word 4-grams unless our body is short
SECOND_GAIN = 1.3
SECOND_COVER = 0.5
SECOND_MAX_HTML = 400_000  # characters of cleaned page (scripts, styles, hidden and landmark parts removed)
_WORDS = re.compile(r"\w+")

_MAX_SAMPLE = 120
_WORDLIKE = re.compile(r"\w")
_MAX_REMOVED = 60
_MAX_RUN = 400  # characters of a run's joined text that its sample is made from


@dataclass(frozen=True)
class RemovedBlock:
    """A block left out of the body: why, and a short text sample."""

    reason: str
    sample: str


@dataclass(frozen=True)
class ExtractedArticle:
    """A page's article: clean body, headline, metadata, and what was removed from the body."""

    title: str | None
    body: str
    published_at: datetime | None = None
    modified_at: datetime | None = None
    published_at_evidence: str | None = None
    modified_at_evidence: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    image_url: str | None = None
    removed: tuple[RemovedBlock, ...] = ()

    def removed_as_json(self) -> list[dict]:
        """``removed`` as JSON-ready dicts (for the JSON column)."""
        return [asdict(r) for r in self.removed]


def _sample(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SAMPLE else text[: _MAX_SAMPLE - 1] + "…"


_LANGUAGE_MODEL_LOCK = threading.Lock()
_language_model_loaded = False


def warm_up() -> None:
    """Load py3langid's model (it loads on first use: once, not once per thread) and trafilatura."""
    global _language_model_loaded
    if not _language_model_loaded:
        with _LANGUAGE_MODEL_LOCK:
            if not _language_model_loaded:
                py3langid.classify("a first sentence loads the model")
                try:
                    import trafilatura  # noqa: F401  (the second opinion imports it on first use)
                except ImportError:
                    pass
                _language_model_loaded = True


def _language(text: str) -> str | None:
    if len(text.strip()) < 20:
        return None
    warm_up()
    lang, _ = py3langid.classify(text[:240])
    return lang


def extract_article(html: str | bytes, url: str, *, content_type: str | None = None) -> ExtractedArticle:
    """Extract the article from ``html``; never raises (garbage gives an empty body)."""
    try:
        return _extract(html, url, content_type)
    except Exception as exc:  # noqa: BLE001 - the pipeline must never crash on a page
        reason = _sample(f"extraction failed: {type(exc).__name__}: {exc}")
        return ExtractedArticle(title=None, body="", removed=(RemovedBlock("error", reason),))


def _extract(html: str | bytes, url: str, content_type: str | None) -> ExtractedArticle:
    utf8: bytes | None = None  # the page's UTF-8 bytes when they are exactly the decoded text's
    if isinstance(html, (bytes, bytearray)):
        data = bytes(html)
        html, plain_utf8 = decode_html_utf8(data, content_type)
        if plain_utf8:
            utf8 = data
    # NULs break the parser's text and mark <br> in body.linearise
    if (b"\x00" in utf8) if utf8 is not None else ("\x00" in html):
        html = html.replace("\x00", "")
        utf8 = None
    if not html or html.isspace():
        return ExtractedArticle(title=None, body="")
    # the parser reads UTF-8: hand it the page's own bytes rather than encoding the text again
    tree = LexborHTMLParser(utf8 if utf8 is not None else html)
    meta = md.read_meta(tree)
    title = md.title(meta)
    text = extract_main_text(tree, title)
    body = "\n\n".join(text.paragraphs)
    if _uncertain(body, text):
        # the tree without its scripts, styles, hidden and landmark elements (removed by
        # extract_main_text): less to parse for the second opinion, and nothing it should keep
        cleaned = tree.html or html
        # (a cost guard: very large pages get a second opinion only when we found nothing at all)
        second = _second_opinion(cleaned, url, _judged_boilerplate(text.dropped, text.teasers)) \
            if not body or len(cleaned) <= SECOND_MAX_HTML else None
        # it must find more, and either keep most of ours (it extends our block) or replace a body too
        # short to stand (a wrong block, a dateline) -- not swap a sound article for another block
        if second and len(second) >= SECOND_GAIN * len(body) and (
                text.kept_prose < SHORT_BODY or _covered(body, second) >= SECOND_COVER):
            body = second
    published, pub_ev, modified, mod_ev = find_dates(meta, text.context, url)
    return ExtractedArticle(
        title=title,
        body=body,
        published_at=published,
        modified_at=modified,
        published_at_evidence=pub_ev,
        modified_at_evidence=mod_ev,
        authors=md.authors(meta, [d.text for d in text.dropped if d.reason == "byline"]),
        language=_language(body or (title or "")),
        canonical_url=md.canonical_url(meta, url),
        site_name=md.site_name(meta),
        description=md.description(meta),
        image_url=md.image_url(meta, url),
        removed=_removed(text.dropped),
    )


def _covered(body: str, other: str) -> float:
    """Share of ``body``'s word 4-grams that also occur in ``other``."""
    a, b = _WORDS.findall(body), _WORDS.findall(other)
    grams = {tuple(a[i:i + 4]) for i in range(max(1, len(a) - 3))}
    if not grams:
        return 1.0
    other_grams = {tuple(b[i:i + 4]) for i in range(max(1, len(b) - 3))}
    return len(grams & other_grams) / len(grams)


def _uncertain(body: str, text) -> bool:
    """Empty body, or one holding little of the page's running text: maybe the wrong block or one part."""
    if not body:
        return True
    if text.kept_prose < UNCERTAIN_SHARE * text.page_prose:
        return True
    # (text hidden by the page -- slides, a collapsed rest of the article -- counts for a short body)
    return text.kept_prose < SHORT_BODY and text.page_prose + text.hidden_prose >= 2 * text.kept_prose


# reasons for which a block we dropped stays out of a second opinion too (lists, notices, landmarks: not the
# weak class-word marks, which the second opinion is there to overrule)
_FIRM_REASONS = frozenset({"headline-list", "related-list", "recommendation-list", "ranking-list", "links", "nav",
                           "footer", "share", "newsletter", "comments", "cookie-banner", "paywall", "adblock", "embed-consent",
                           "caption", "read-more", "pagination", "like-counter", "modal", "tags", "disclaimer",
                           "next-article"})


def _judged_boilerplate(dropped: list[Dropped], teasers: list[str]) -> frozenset[str]:
    """Texts the second opinion may not bring back: firmly dropped blocks and teaser-list items."""
    texts = [d.text for d in dropped if d.reason in _FIRM_REASONS] + teasers
    return frozenset(" ".join(t.split()) for t in texts)


def _second_opinion(html: str, url: str, boilerplate: frozenset[str] = frozenset()) -> str | None:
    """trafilatura's body for the page, its lines filtered by our rules: notices, boilerplate lines, and
    the blocks we dropped as lists / notices / landmarks (``boilerplate``)."""
    try:
        import trafilatura
    except ImportError:  # not installed: our body stands
        return None
    try:
        out = trafilatura.extract(html, url=url or None, fast=True, include_comments=False)
    except Exception:  # noqa: BLE001 - a second opinion must never break extraction
        return None
    if not out:
        return None
    lines = [line.strip() for line in out.split("\n")]
    kept = [line for line in lines if _WORDLIKE.search(line) and not (len(line) <= 220 and line_reason(line))
            and not notice_reason(line) and " ".join(line.split()) not in boilerplate]
    return "\n\n".join(kept)


def _removed(dropped: list[Dropped]) -> tuple[RemovedBlock, ...]:
    """One entry per run of same-reason blocks, with a joined text sample."""
    removed: list[RemovedBlock] = []
    run: list[str] = []
    size = -3  # len(" | ".join(run)): once it reaches _MAX_RUN, later texts of the run fall past the cut
    last = len(dropped) - 1
    for i, d in enumerate(dropped):
        if size < _MAX_RUN:
            text = _squash(d.text)
            run.append(text)
            size += 3 + len(text)
        if i == last or dropped[i + 1].reason != d.reason:
            removed.append(RemovedBlock(d.reason, _sample(" | ".join(run)[:_MAX_RUN])))
            run = []
            size = -3
            if len(removed) == _MAX_REMOVED:
                break
    return tuple(removed)


def _squash(text: str) -> str:
    """``" ".join(text.split())``, or a prefix of it at least ``_MAX_RUN`` long (all that a sample can show)."""
    if len(text) > 4 * _MAX_RUN:
        # the words of a prefix are the text's words, the last one possibly cut short
        head = " ".join(text[: 4 * _MAX_RUN].split())
        if len(head) >= _MAX_RUN:
            return head
    return " ".join(text.split())
