"""Boilerplate vocabulary: class/id tokens and visible headings in several languages.

These are generic words used across news CMSs (not one site's class names); each maps to the
``RemovedBlock.reason`` reported when a block is dropped because of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

def _load() -> dict:
    """The vocabulary data shipped beside this module (``vocab.json``): class/id words, headings,
    standalone lines, disclaimers and field labels, by reason."""
    return json.loads((Path(__file__).with_name("vocab.json")).read_text(encoding="utf-8"))


_DATA = _load()

# class/id word -> reason. Matched against whole words of class/id values split on -, _, space, camelCase.
CLASS_WORDS: dict[str, str] = {w.lower(): reason for reason, words in _DATA["class_words"].items() for w in words}

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[\s_\-:./]+")


_CLASS_CACHE: dict[str, str | None] = {}


def class_reason(value: str) -> str | None:
    """Reason for a class/id value, from its words and the concatenation of adjacent words."""
    if not value:
        return None
    try:
        return _CLASS_CACHE[value]
    except KeyError:
        pass
    if len(_CLASS_CACHE) > 50_000:
        _CLASS_CACHE.clear()
    reason = _CLASS_CACHE[value] = _class_reason(value)
    return reason


_COMPOUNDS = sorted((w for w in CLASS_WORDS if len(w) >= 8), key=len, reverse=True)
# compounds by their first 8 characters, each with its rank in _COMPOUNDS (the first found wins)
_COMPOUND_HEAD = 8
_COMPOUNDS_BY_HEAD: dict[str, list[tuple[int, str]]] = {}
for _rank, _compound in enumerate(_COMPOUNDS):
    _COMPOUNDS_BY_HEAD.setdefault(_compound[:_COMPOUND_HEAD], []).append((_rank, _compound))


def _first_compound(joined: str) -> str | None:
    """The first of ``_COMPOUNDS`` that occurs in ``joined`` (found through the 8-character heads)."""
    best = None
    heads = _COMPOUNDS_BY_HEAD
    for i in range(len(joined) - _COMPOUND_HEAD + 1):
        candidates = heads.get(joined[i:i + _COMPOUND_HEAD])
        if candidates:
            for rank, compound in candidates:
                if (best is None or rank < best[0]) and joined.startswith(compound, i):
                    best = rank, compound
    return best[1] if best else None


def _class_reason(value: str) -> str | None:
    # camelCase boundaries only exist where there is an (ASCII) capital
    words = [w.lower() for w in _SPLIT.split(value if value.lower() == value else _CAMEL.sub(" ", value)) if w]
    joined = "".join(words)
    compound = _first_compound(joined)  # multi-word names: you-may-also-like, most_read, relatedPosts...
    if compound is not None:
        return CLASS_WORDS[compound]
    for i, w in enumerate(words):
        r = CLASS_WORDS.get(w)
        if r is None and i + 1 < len(words):
            r = CLASS_WORDS.get(w + words[i + 1])
        if r is not None:
            return r
    return None


# Headings that introduce link lists after (or beside) an article, by reason.
_HEADINGS: dict[str, str] = _DATA["headings"]
_HEADING_ANY = re.compile(
    r"^\W*(?:" + "|".join(f"(?P<{r.replace('-', '_')}>{p})" for r, p in _HEADINGS.items()) + r")\W*$", re.I
)


# Headings after which everything is reader comments (prose, so no link-density signal ends them).
COMMENTS_START = re.compile(_DATA["comments_start"], re.I)


def heading_reason(text: str) -> str | None:
    """Reason when a short heading-like text introduces a boilerplate section."""
    if len(text) > 60:
        return None
    m = _HEADING_ANY.match(text)
    return m.lastgroup.replace("_", "-") if m else None


# Capitalised names (case-sensitive inside the case-insensitive line regex): "Mara Quill and Tobias Fenn".
_NAME = r"(?-i:[A-Z\u00c0-\u00de][\w'’.-]*(?:\s+(?:[A-Z\u00c0-\u00de][\w'’.-]*|de|van|von|der|da|di|la|le)){0,4})"
_NAMES = _NAME + r"(?:\s*(?:,|and|&|und|et|y|e)\s*" + _NAME + r")*"

# Standalone lines (a whole block) that are boilerplate whatever their container; matched at the start.
_LINE_START: dict[str, str] = {reason: pattern.replace("{NAMES}", _NAMES) for reason, pattern in _DATA["line_start"].items()}
_LINE_START_RE = re.compile(
    "|".join(f"(?P<{r.replace('-', '_')}>{p})" for r, p in _LINE_START.items()), re.I
)
_CAPTION_END = re.compile(_DATA["caption_end"], re.I)
_NEWSLETTER = re.compile(_DATA["newsletter_line"], re.I)


def line_reason(text: str) -> str | None:
    """Reason when a whole short (stripped) block is boilerplate on its own: READ MORE lines, ad labels..."""
    if len(text) > 220:
        return None
    m = _LINE_START_RE.match(text)
    if m:
        return m.lastgroup.replace("_", "-")
    if text.endswith(")") and _CAPTION_END.search(text):
        return "caption"
    if "ewsletter" in text and _NEWSLETTER.search(text):
        return "newsletter"
    return None


# Syndication / reprint / copyright notes that precede or follow an article ("This article is reprinted
# from ...", "Originally published on ...", "转载自...", "本文来源：..."). Matched at the start of a block;
# ``select`` only drops them at the article's edges, so a paragraph that merely cites a source stays.
DISCLAIMER = re.compile("".join(_DATA["disclaimer"]), re.I)


def disclaimer_reason(text: str) -> str | None:
    """``"disclaimer"`` for a syndication / reprint / copyright note (a short whole block)."""
    if len(text) > 600:
        return None
    return "disclaimer" if DISCLAIMER.match(text) else None


# A line of labelled page fields: "Source: X  Author: Y  Date: 2026-11-20 21:12  Views: 20,274",
# "来源：新华社 作者：李明 发布时间：..." (two or more labels, one of them naming a source, person or count).
_FIELD = re.compile("".join(_DATA["field_labels"]), re.I)
_PERSON_FIELDS = frozenset(_DATA["person_fields"])


def field_line_reason(text: str) -> str | None:
    """``"byline"`` for a short block of two or more labelled fields (source, author, date, views...)."""
    if len(text) > 220 or ":" not in text and "：" not in text:
        return None
    labels = [m.group("label").lower() for m in _FIELD.finditer(text)]
    if len(set(labels)) >= 2 and any(label in _PERSON_FIELDS for label in labels):
        return "byline"
    return None


# Notices that are not article text wherever they stand: cookie / privacy banners, paywall promos,
# embed-consent placeholders, gallery counters ("1 of 12 | ..."). Searched in short whole blocks.
_NOTICE_PATTERNS = {r: p for r, p in _DATA["notices"].items() if r != "caption"}
_NOTICES = re.compile("|".join(f"(?P<{r.replace('-', '_')}>{p})" for r, p in _NOTICE_PATTERNS.items()), re.I)
_COUNTER = re.compile(_DATA["notices"]["caption"], re.I)  # "1 of 12 | ...": a gallery caption
_NOTICE_CUES = tuple(_DATA["notice_cues"])  # one of these occurs in every notice (a cheap test first)
NOTICE_MAX = 800  # longer blocks are running text, whatever they mention


def notice_reason(text: str) -> str | None:
    """Reason when a (short) block is a notice: ``cookie-banner``, ``paywall``, ``adblock``, ``embed-consent``, ``caption``."""
    if len(text) > NOTICE_MAX:
        return None
    if (text[:1].isdigit() or text[:1] in "PpIiSsFfB") and _COUNTER.match(text):
        return "caption"
    lower = text.lower()
    if not any(cue in lower for cue in _NOTICE_CUES):
        return None
    m = _NOTICES.search(text)
    return m.lastgroup.replace("_", "-") if m else None
