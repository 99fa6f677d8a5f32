"""Three local news sites that republish each other's wire stories, for story-identity tests.

- ``wire``: the originals (six events and nothing else).
- ``daily``: copies hours later, each under its own URL with a self-canonical and the site's own
  furniture; one declares the wire page as its canonical (a cross-site canonical).
- ``farm``: a content farm reposting wire stories 3 and 10 weeks later, trimmed, with a new
  dateline and a clickbait sidebar; and one story of its own in the same template.

``EXPECTED`` is the partition a correct pipeline stores: one story per event, every copy its own row.
Texts are generated from a seeded syllable vocabulary: nothing here comes from any data set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)
_SYLLABLES = "ka lo mi ren tas vor del pi sun ma ter nol ash bri cal dun eth fro gal hel".split()


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))) for _ in range(n)]


def _paragraphs(rng: random.Random, count: int = 6) -> list[str]:
    out = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(3, 4)):
            words = _words(rng, rng.randint(10, 16))
            words[0] = words[0].capitalize()
            sentences.append(" ".join(words) + f" {rng.randint(2, 990)}.")
        out.append(" ".join(sentences))
    return out


@dataclass(frozen=True)
class Page:
    site: str
    path: str
    event: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    canonical: str | None = None  # "self", or "site:path" of another site's page


def build_pages(seed: int = 12) -> list[Page]:
    rng = random.Random(seed)
    events = {f"e{i}": (" ".join(_words(rng, 6)).capitalize(), _paragraphs(rng)) for i in range(1, 7)}
    pages: list[Page] = []
    for event, (title, body) in events.items():
        pages.append(Page("wire", f"/wire/2026/09/01/{event}.html", event, title, tuple(body), T0, "self"))
    for event in ("e1", "e2", "e3", "e4"):
        title, body = events[event]
        canonical = f"wire:/wire/2026/09/01/{event}.html" if event == "e3" else "self"
        tail = "This story was distributed by the Wire service and edited by the Daily desk."
        pages.append(Page("daily", f"/news/{event}-{rng.randint(1000, 9999)}", event, f"{title} | Daily",
                          (*body, tail), T0 + timedelta(hours=3), canonical))
    for event, weeks in (("e1", 3), ("e2", 10), ("e5", 3)):
        title, body = events[event]
        dateline = f"{_words(rng, 1)[0].upper()} (Wire) - {body[0]}"
        pages.append(Page("farm", f"/p/{rng.randint(10000, 99999)}.html", event, f"You won't believe: {title}",
                          (dateline, *body[1:-1]), T0 + timedelta(weeks=weeks)))
    pages.append(Page("farm", "/p/own-story.html", "farm-own", " ".join(_words(rng, 5)).capitalize(),
                      tuple(_paragraphs(rng)), T0 + timedelta(weeks=4)))
    return pages


def render(page: Page, bases: dict[str, str]) -> str:
    """The page as HTML: article markup, dates, canonical link, navigation and a sidebar to strip."""
    url = bases[page.site] + page.path
    canonical = ""
    if page.canonical == "self":
        canonical = f'<link rel="canonical" href="{url}">'
    elif page.canonical:
        site, path = page.canonical.split(":", 1)
        canonical = f'<link rel="canonical" href="{bases[site]}{path}">'
    body = "".join(f"<p>{p}</p>" for p in page.paragraphs)
    sidebar = "".join(f'<li><a href="/p/{i}.html">Star {i} stuns fans with shock reveal</a></li>' for i in range(8))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{page.title}</title>{canonical}'
        f'<meta property="article:published_time" content="{page.published.isoformat()}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<main><article><h1>{page.title}</h1><time datetime=\"{page.published.isoformat()}\">"
        f"{page.published:%d %B %Y}</time>{body}</article>"
        f'<aside class="related"><h3>You may also like</h3><ul>{sidebar}</ul></aside></main>'
        f"<footer>© {page.site}</footer></body></html>"
    )


def routes_for(site: str, pages: list[Page]) -> dict[str, tuple[str, str]]:
    """One site's routes for tests.local_site.LocalSite: its pages, a feed and robots.txt."""
    mine = [p for p in pages if p.site == site]
    items = "".join(f"<item><title>{p.title}</title><link>{{base}}{p.path}</link></item>" for p in mine)
    routes: dict[str, tuple[str, str]] = {
        "/feed.xml": ("application/rss+xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>{site}</title>'
                                             f"<link>{{base}}/</link>{items}</channel></rss>"),
        "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
    }
    return routes


def expected_partition(pages: list[Page], bases: dict[str, str]) -> set[frozenset[str]]:
    """One story per event, holding the URL of every page of it."""
    groups: dict[str, set[str]] = {}
    for page in pages:
        groups.setdefault(page.event, set()).add(bases[page.site] + page.path)
    return {frozenset(urls) for urls in groups.values()}
