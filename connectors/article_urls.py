"""Heuristics: is a URL on a listing page an article (not navigation, tags, authors, login…)?"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

HUB_SEGMENTS = frozenset("category categories topic topics section sections".split())
NON_ARTICLE_SEGMENTS = frozenset(
    """tag tags author authors people
    login logout signin sign-in signup sign-up register account accounts profile user users my
    subscribe subscription subscriptions newsletter newsletters search feed feeds rss
    page wp-admin wp-login.php wp-json cart checkout shop store help faq cdn-cgi
    static assets media images img share print comments""".split()
)
NON_ARTICLE_PAGES = frozenset(
    """about about-us contact contact-us privacy privacy-policy terms terms-of-service terms-of-use
    tos cookies cookie-policy imprint impressum legal jobs careers advertise advertising
    archive archives index sitemap home corrections ethics masthead team staff""".split()
)
FILE_EXTENSIONS = frozenset(
    "jpg jpeg png gif svg webp avif ico pdf zip gz mp3 mp4 webm mov avi css js json xml rss txt csv doc docx xls".split()
)
PAGE_EXTENSIONS = re.compile(r"\.(s?html?|php|aspx?|jsp)$")
DATE_IN_PATH = re.compile(r"(?:^|/)(?:19|20)\d{2}(?:/(?:0?[1-9]|1[0-2])(?:/|$)|-\d{2}-\d{2}|\d{4}(?:/|$))")
LONG_NUMBER = re.compile(r"\d{5,}")
QUERY_ID = re.compile(r"(?:^|&)(?:p|id|article|story|articleid|storyid)=\d+(?:&|$)", re.IGNORECASE)


def looks_like_article(url: str) -> bool:
    """True for URLs shaped like an article: a dated path, a long numeric id, or a wordy slug."""
    parts = urlsplit(url)
    segments = [unquote(s).lower() for s in parts.path.split("/") if s]
    query = parts.query
    if not segments:
        return bool(QUERY_ID.search(query))
    if any(s in NON_ARTICLE_SEGMENTS for s in segments) or "page=" in query.lower():
        return False
    last = segments[-1]
    extension = last.rsplit(".", 1)[-1] if "." in last else ""
    if extension in FILE_EXTENSIONS:
        return False
    stem = PAGE_EXTENSIONS.sub("", last)
    if len(segments) == 1 and stem in NON_ARTICLE_PAGES:
        return False
    strong = bool(DATE_IN_PATH.search("/" + "/".join(segments)) or LONG_NUMBER.search(stem) or QUERY_ID.search(query))
    if any(s in HUB_SEGMENTS for s in segments):
        return strong  # /section/world is a hub, /section/world/2024/05/… an article
    words = [w for w in re.split(r"[-_+]+", stem) if w]
    wordy_slug = len(words) >= 3 and len(stem) >= 12 and any(c.isalpha() for c in stem)
    return strong or wordy_slug
