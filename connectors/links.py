"""What discovery returns, and the collector that de-duplicates, validates and caps links."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import datetime

from newsflow.core.urls import InvalidUrl, canonicalize_url, resolve_url

MAX_REJECTED = 200
MAX_TITLE = 1000


@dataclass(frozen=True)
class DiscoveredLink:
    """An article URL found in a source; ``published_at`` is aware UTC when known."""

    url: str
    title: str | None
    published_at: datetime | None
    source: str
    #: The URL's canonical form (:func:`newsflow.core.urls.canonicalize_url`), computed once here.
    key: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", canonicalize_url(self.url))


@dataclass(frozen=True)
class Rejected:
    """A link (or the source document itself) that was not used, and why."""

    url: str
    status: str
    reason: str
    #: The HTTP status of a failed fetch of that URL, when there was a response.
    http_status: int | None = field(default=None, compare=False)


@dataclass
class DiscoveryResult:
    """Links of one source in document order, without duplicates, plus what was skipped."""

    source: str
    links: list[DiscoveredLink] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    truncated: bool = False  # the limit cut the list short


def clean_title(value: object) -> str | None:
    """Whitespace collapsed, None when empty, bounded length."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text[:MAX_TITLE] or None


class LinkCollector:
    """Accumulates links for one source: validates, de-duplicates in order, applies ``limit``.

    ``exclude`` holds URLs already known (e.g. from storage); they neither appear nor count.
    """

    def __init__(self, source: str, *, limit: int | None = None, exclude: Container[str] | None = None) -> None:
        self.result = DiscoveryResult(source)
        self._limit = limit
        self._exclude = exclude if exclude is not None else ()
        self._index: dict[str, int] = {}
        self._omitted_rejections = 0

    @property
    def full(self) -> bool:
        return self._limit is not None and len(self.result.links) >= self._limit

    def offer(self, raw: object, base: str, *, title: object = None, published_at: datetime | None = None) -> None:
        """Add the link ``raw`` (resolved against ``base``) unless invalid, known, or over the limit."""
        try:
            url = resolve_url(raw, base)
        except InvalidUrl as exc:
            self.reject(raw if isinstance(raw, str) else "", "invalid_url", str(exc))
            return
        title = clean_title(title)
        if url in self._index:
            self._merge(url, title, published_at)
            return
        if url in self._exclude:
            return
        if self.full:
            self.result.truncated = True
            return
        self._index[url] = len(self.result.links)
        self.result.links.append(DiscoveredLink(url, title, published_at, self.result.source))

    def reject(self, url: str, status: str, reason: str, http_status: int | None = None) -> None:
        """Record a skipped link or a failed source document (bounded list)."""
        if len(self.result.rejected) < MAX_REJECTED:
            self.result.rejected.append(Rejected(url.strip()[:2048], status, reason, http_status))
        else:
            self._omitted_rejections += 1

    def finish(self) -> DiscoveryResult:
        if self._omitted_rejections:
            self.result.rejected.append(
                Rejected("", "skipped", f"{self._omitted_rejections} more rejected links not listed")
            )
        return self.result

    def _merge(self, url: str, title: str | None, published_at: datetime | None) -> None:
        index = self._index[url]
        link = self.result.links[index]
        if (link.title is None and title) or (link.published_at is None and published_at):
            self.result.links[index] = DiscoveredLink(
                url, link.title or title, link.published_at or published_at, link.source
            )
