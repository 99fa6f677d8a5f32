"""Page identity: which row a fetched page is, which URLs are other addresses of it (pure, no I/O).

The rules (README, "Data model"):

1. One article row per page identity: the page's ``rel=canonical`` URL when it names the page itself
   or another page of the same site (:func:`newsflow.core.urls.same_site`), otherwise its final URL
   after redirects; both in canonical form (tracking parameters, AMP markers, default ports dropped).
2. URL variants of one page (the requested URL and every URL that redirected to it, a same-site
   canonical) are aliases of that one row.
3. A page on another site is never an alias, even with identical text or a cross-site canonical: it
   is its own row, linked to the same story (by ``newsflow.storage.stories``). A cross-site canonical
   is kept as ``declared_original``, one reason a copy joins the story of the page it names.
4. A stored article's fields change only when its own page changes, never because a copy arrived:
   storage updates a row only from a page whose identity is that row.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsflow.core.urls import canonicalize_url, is_http_url, same_site

__all__ = ["PageIdentity", "page_identity"]


@dataclass(frozen=True)
class PageIdentity:
    """The row key of a page, its other addresses, and the page it declares itself a copy of."""

    url: str
    aliases: tuple[str, ...] = ()
    declared_original: str | None = None


def page_identity(*, requested_url: str, final_url: str, canonical_url: str | None) -> PageIdentity:
    """The identity of a page fetched at ``requested_url`` that ended at ``final_url``."""
    final = canonicalize_url(final_url)
    declared = canonicalize_url(canonical_url) if canonical_url and is_http_url(canonical_url) else None
    if declared is not None and same_site(declared, final):
        url, original = declared, None
    else:
        url, original = final, (declared if declared and declared != final else None)
    variants = (canonicalize_url(requested_url), final)
    aliases = tuple(u for u in dict.fromkeys(variants) if u != url)
    return PageIdentity(url=url, aliases=aliases, declared_original=original)
