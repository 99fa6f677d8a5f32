"""One page through the processing stages: extract, fingerprint, classify. Pure, no I/O."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field

import newsflow.processing.classify as classify_module
import newsflow.processing.dedup as dedup_module
import newsflow.processing.extract as extract_module
from newsflow.processing.classify import TopicResult, classify
from newsflow.processing.dedup import Fingerprint, fingerprint
from newsflow.processing.extract import ExtractedArticle, extract_article

#: Bodies shorter than this are index pages, paywalls or error pages, not articles.
MIN_BODY_CHARS = 200


@dataclass(frozen=True)
class ProcessedPage:
    article: ExtractedArticle
    fingerprint: Fingerprint
    topic: TopicResult
    extractor_version: str
    topic_model: str
    dedup_version: str
    #: Thread CPU seconds spent per stage (extract, dedup, classify), for throughput figures.
    cpu_seconds: dict[str, float] = field(default_factory=dict, compare=False)


#: Share of characters that must be letters, digits, punctuation, symbols or spaces in real text.
MIN_TEXT_SHARE = 0.9


def looks_like_text(text: str, sample: int = 4000) -> bool:
    """False for decoded binary: replacement characters, control and unassigned code points."""
    head = text[:sample]
    if not head:
        return False
    texty = sum(1 for ch in head if ch in "\n\t" or unicodedata.category(ch)[0] in "LNPSZ" and ch != "\ufffd")
    return texty / len(head) >= MIN_TEXT_SHARE


class NotAnArticle(ValueError):
    """The page has no article text worth storing; the message says why."""


def warm_up() -> None:
    """Load what the first page would otherwise load: the language model, the topic model and word
    vectors, trafilatura.  Idempotent and thread-safe; a run calls it in a background thread while it
    waits on its API and discovery, so the first batches do not all wait on the same lazy loads."""
    extract_module.warm_up()
    classify_module.shipped_model()


def process_page(content: bytes | str, url: str, content_type: str | None = None) -> ProcessedPage:
    """Extract, fingerprint and classify one fetched page; raise NotAnArticle when there is no body."""
    started = time.thread_time()
    article = extract_article(content, url, content_type=content_type)
    extracted = time.thread_time()
    if len(article.body) < MIN_BODY_CHARS:
        raise NotAnArticle(
            f"no article text found ({len(article.body)} characters after removing boilerplate; "
            f"an index, error or paywalled page?)"
        )
    if not looks_like_text(article.body):
        raise NotAnArticle("content is binary or undecodable (not text), though served as HTML")
    page_fingerprint = fingerprint(article.body)
    fingerprinted = time.thread_time()
    topic = classify(article.title, article.body)
    classified = time.thread_time()
    return ProcessedPage(
        article=article,
        fingerprint=page_fingerprint,
        topic=topic,
        # read now, not at import: a reprocess run compares them with what was stored
        extractor_version=extract_module.EXTRACTOR_VERSION,
        topic_model=classify_module.MODEL_VERSION,
        dedup_version=dedup_module.DEDUP_VERSION,
        cpu_seconds={"extract": extracted - started, "dedup": fingerprinted - extracted, "classify": classified - fingerprinted},
    )
