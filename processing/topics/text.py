"""Text normalisation, tokenisation and lead extraction for topic classification."""

from __future__ import annotations

import re
import unicodedata

#: How many words of the body (after the title) the classifier looks at.
LEAD_WORDS = 80
#: How many paragraphs of the body the lead may span.
LEAD_PARAGRAPHS = 3

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_ACRONYM = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:&[A-Za-z0-9]+)*")
_PARA_SPLIT = re.compile(r"\n\s*\n|\n")

# Upper-case forms whose lower-case spelling would be ambiguous.
_CASE_MAP = {"US": "usa", "U.S": "usa", "UN": "un", "UK": "uk", "EU": "eu", "WHO": "whoorg"}


def normalise(text: str) -> str:
    """NFKC-normalise, unify quotes/dashes and collapse dotted acronyms (U.S. -> US)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _ACRONYM.sub(lambda m: m.group(1).replace(".", "").upper(), text)


def lead(body: str, max_words: int = LEAD_WORDS, max_paragraphs: int = LEAD_PARAGRAPHS) -> str:
    """The body's lead: its first few non-empty paragraphs, cut to ``max_words`` words."""
    if not body:
        return ""
    # Only look at a bounded prefix so that huge bodies cost nothing extra.
    prefix = body[: max_words * 12]
    paras = [p.strip() for p in _PARA_SPLIT.split(prefix) if p.strip()][:max_paragraphs]
    words = " ".join(paras).split()
    return " ".join(words[:max_words])


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; hyphens and apostrophes split (``al-qaeda`` -> ``al qaeda``)."""
    out = []
    for tok in _TOKEN.findall(text):
        mapped = _CASE_MAP.get(tok)
        out.append(mapped if mapped is not None else tok.lower())
    return out


def phrases(raw: str) -> frozenset[str]:
    """Split a comma/newline separated word list into lower-case phrases, tokenised like article text."""
    out = set()
    for part in raw.replace("\n", ",").split(","):
        phrase = " ".join(tok.lower() for tok in _TOKEN.findall(part))
        if phrase:
            out.add(phrase)
    return frozenset(out)


def cased_tokens(text: str) -> list[str]:
    """Word tokens with their original case (for name cues)."""
    return _TOKEN.findall(text)
