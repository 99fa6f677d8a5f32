"""One page through the processing stages: extract, fingerprint, classify. Pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from processing.classify import MODEL_VERSION, TopicResult, classify
from processing.dedup import Fingerprint, fingerprint
from processing.extract import EXTRACTOR_VERSION, ExtractedArticle, extract_article

#: Bodies shorter than this are index pages, paywalls or error pages, not articles.
MIN_BODY_CHARS = 200


@dataclass(frozen=True)
class ProcessedPage:
    article: ExtractedArticle
    fingerprint: Fingerprint
    topic: TopicResult
    extractor_version: str = EXTRACTOR_VERSION
    topic_model: str = MODEL_VERSION


class NotAnArticle(ValueError):
    """The page has no article text worth storing; the message says why."""


def process_page(content: bytes | str, url: str, content_type: str | None = None) -> ProcessedPage:
    """Extract, fingerprint and classify one fetched page; raise NotAnArticle when there is no body."""
    article = extract_article(content, url, content_type=content_type)
    if len(article.body) < MIN_BODY_CHARS:
        raise NotAnArticle(
            f"no article text found ({len(article.body)} characters after removing boilerplate; "
            f"an index, error or paywalled page?)"
        )
    return ProcessedPage(
        article=article,
        fingerprint=fingerprint(article.body),
        topic=classify(article.title, article.body),
    )
