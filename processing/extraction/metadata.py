"""Page metadata: JSON-LD, <meta>, <link rel=canonical>, title cleanup, authors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

_ARTICLE_TYPES = re.compile(r"article|posting|report|blog|news", re.I)
_WS = re.compile(r"\s+")
_TITLE_SEP = re.compile(
    r"\s+[|–—\-:·»›>~/]+\s+|\s*[|｜]\s*|\s+[-_]\s*(?=\S)|(?<=\S)\s*[-_]\s+"
    r"|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])[_－—-](?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
)
_BREADCRUMB = re.compile(r"^\s*(current\s*(location)?|you are here|location|当前位置|您的位置|現在位置)\s*[:：]",
                         re.I)


@dataclass
class Meta:
    """Raw metadata gathered from the document head and structured data."""

    meta: dict[str, str] = field(default_factory=dict)  # lowercased name/property/itemprop -> content
    jsonld: list[dict] = field(default_factory=list)  # article-like JSON-LD objects, best first
    title_tag: str | None = None
    h1: list[str] = field(default_factory=list)
    canonical: str | None = None
    html_lang: str | None = None
    time_elements: list[tuple[str, str]] = field(default_factory=list)  # (itemprop/class hint, datetime)


def _walk_jsonld(obj, out: list[dict]) -> None:
    if isinstance(obj, list):
        for item in obj:
            _walk_jsonld(item, out)
    elif isinstance(obj, dict):
        if "@graph" in obj:
            _walk_jsonld(obj["@graph"], out)
        types = obj.get("@type")
        types = " ".join(types) if isinstance(types, list) else str(types or "")
        if _ARTICLE_TYPES.search(types) or "datePublished" in obj or "headline" in obj:
            out.append(obj)
        main = obj.get("mainEntity") or obj.get("mainEntityOfPage")
        if isinstance(main, (dict, list)):
            _walk_jsonld(main, out)


_META_CSS = ('meta[content], script[type="application/ld+json"], title, h1, link[rel~=canonical], '
             'time[datetime], [itemprop=datePublished], [itemprop=dateModified]')


def read_meta(tree: LexborHTMLParser) -> Meta:
    """Collect metadata before the tree is cleaned (one selector pass over the document)."""
    m = Meta()
    for node in tree.css(_META_CSS):
        tag = node.tag
        attrs = node.attributes
        if tag == "meta":
            content = attrs.get("content")
            for key in ("property", "name", "itemprop", "http-equiv"):
                name = attrs.get(key)
                if name and content is not None:
                    m.meta.setdefault(name.strip().lower(), content.strip())
            if attrs.get("itemprop") not in ("datePublished", "dateModified"):
                continue
        elif tag == "script":
            _read_jsonld(node.text(deep=True) or "", m.jsonld)
            continue
        elif tag == "title":
            if m.title_tag is None:
                m.title_tag = _WS.sub(" ", node.text(deep=True)).strip() or None
            continue
        elif tag == "h1":
            text = _WS.sub(" ", node.text(deep=True)).strip()
            if text and len(m.h1) < 5:
                m.h1.append(text)
            continue
        elif tag == "link":
            href = attrs.get("href")
            if href and href.strip() and m.canonical is None:
                m.canonical = href.strip()
            continue
        value = attrs.get("datetime") or attrs.get("content")
        if value:
            hint = " ".join(filter(None, (attrs.get("itemprop"), attrs.get("class"))))
            if "pubdate" in attrs:
                hint += " pubdate"
            m.time_elements.append((hint.lower(), value.strip()))
    m.jsonld.sort(key=lambda o: 0 if _ARTICLE_TYPES.search(str(o.get("@type", ""))) else 1)
    root = tree.css_first("html")
    if root is not None:
        m.html_lang = (root.attributes.get("lang") or "").strip() or None
    return m


def _read_jsonld(raw: str, out: list[dict]) -> None:
    try:
        data = json.loads(raw, strict=False)
    except ValueError:
        try:
            data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw.strip().rstrip(";")), strict=False)
        except ValueError:
            return
    _walk_jsonld(data, out)


def jsonld_value(meta: Meta, key: str):
    for obj in meta.jsonld:
        value = obj.get(key)
        if value:
            return value
    return None


def first_meta(meta: Meta, *names: str) -> str | None:
    for name in names:
        value = meta.meta.get(name)
        if value:
            return value
    return None


def absolute(url: str | None, base: str) -> str | None:
    if not url:
        return None
    try:
        full = urljoin(base or "", url.strip())
    except ValueError:
        return None
    return full if full.startswith(("http://", "https://")) else None


def canonical_url(meta: Meta, base: str) -> str | None:
    return absolute(meta.canonical, base) or absolute(first_meta(meta, "og:url"), base)


def site_name(meta: Meta) -> str | None:
    value = first_meta(meta, "og:site_name", "application-name", "al:android:app_name")
    if value:
        return value
    pub = jsonld_value(meta, "publisher")
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        return pub["name"].strip() or None
    return None


def image_url(meta: Meta, base: str) -> str | None:
    value = first_meta(meta, "og:image", "og:image:url", "twitter:image", "twitter:image:src")
    if not value:
        img = jsonld_value(meta, "image")
        if isinstance(img, list) and img:
            img = img[0]
        if isinstance(img, dict):
            img = img.get("url")
        value = img if isinstance(img, str) else None
    return absolute(value, base)


def description(meta: Meta) -> str | None:
    value = first_meta(meta, "og:description", "description", "twitter:description")
    if not value:
        d = jsonld_value(meta, "description")
        value = d if isinstance(d, str) else None
    return _WS.sub(" ", value).strip() or None if value else None


def _clean_title(raw: str, site: str | None) -> str:
    text = _WS.sub(" ", raw).strip()
    if _BREADCRUMB.match(text):
        text = re.split(r"\s*[>›»]\s*", text)[-1]
    parts = [p.strip() for p in _TITLE_SEP.split(text) if p and p.strip()]
    if len(parts) <= 1:
        return text
    site_l = (site or "").lower()
    parts = [p for p in parts if p.lower() != site_l] or parts
    # the headline is the longest segment: site names and section names are short
    return max(parts, key=len)


def title(meta: Meta) -> str | None:
    """Headline without site-name prefixes/suffixes or breadcrumbs."""
    site = site_name(meta)
    candidates = [first_meta(meta, "og:title", "twitter:title"), jsonld_value(meta, "headline"), meta.title_tag]
    candidates = [_WS.sub(" ", c).strip() for c in candidates if isinstance(c, str) and c.strip()]
    if not candidates:
        return meta.h1[0] if meta.h1 else None
    cleaned = _clean_title(candidates[0], site)
    for h1 in meta.h1:
        # an h1 repeating the declared title is its cleanest form (no site name, no breadcrumb)
        if len(h1) >= 0.6 * len(cleaned) and any(h1 in c for c in candidates) or h1 == cleaned:
            return h1
    return cleaned


_BY = re.compile(r"^\s*(by|written by|von|par|por|di|作者|文)\s*[:：]?\s*", re.I)
_AND = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|、)\s*", re.I)


def _names(value) -> list[str]:
    if isinstance(value, str):
        value = value.strip()
        if not value or value.startswith(("http://", "https://")):
            return []
        return [n for n in (_WS.sub(" ", x).strip() for x in _AND.split(_BY.sub("", value))) if n]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def authors(meta: Meta, byline_texts: list[str]) -> tuple[str, ...]:
    """Author names from JSON-LD, then meta tags, then dropped byline lines starting with 'By'."""
    names = _names(jsonld_value(meta, "author"))
    if not names:
        names = _names(first_meta(meta, "author", "article:author", "parsely-author", "sailthru.author",
                                  "dc.creator", "byl"))
    if not names:
        for text in byline_texts:
            if _BY.match(text) and len(text) < 120:
                names = _names(re.split(r"\s[|•·]\s|\n|\s(?:updated|published|posted)\b", text, flags=re.I)[0])
                break
    out: list[str] = []
    for n in names:
        if 1 < len(n) <= 80 and n not in out:
            out.append(n)
    return tuple(out[:10])
