"""Feature extraction for the topic classifier.

A document (title + body lead) becomes a sparse mapping ``feature name -> value`` built from:

* ``w:<word>``: word unigrams, ``count / sqrt(number of words)``;
* ``b:<w1>_<w2>``: word bigrams, ``count / sqrt(number of bigrams)``;
* ``t:<word>``: title words (presence), so the headline can weigh more than the lead;
* ``c:<ngram>``: character 3-5-grams inside ``<word>`` boundaries, ``count / sqrt(total)``
  (optional; the shipped model does not use them: they did not change cross-validated F1);
* ``L:T:<lexicon>`` / ``L:A:<lexicon>``: ``log1p`` of hits of a generic vocabulary list in the title
  / anywhere (data files, see :mod:`newsflow.processing.topics.lexicons`);
* ``X:<a>+<b>``: conjunctions of lexicon groups (a foreign actor together with war vocabulary, ...);
* ``N:`` and ``P:``: name and surface-pattern cues (given name + surname, possessives, scores,
  prices, quotes);
* ``e:<dim>`` / ``h:<dim>``: the static word vector of title + lead / of the title alone (optional;
  see :mod:`newsflow.processing.topics.wordvec`), which carry general knowledge about words the training
  data never showed.

The learned model of the fusion reads ``w:``, ``b:``, ``t:`` and ``e:`` / ``h:``; the cue model
reads ``L:``, ``X:``, ``N:`` and ``P:``.

:func:`extract` is the reference definition used for training; :mod:`newsflow.processing.topics.model`
scores the same features faster with per-word caches.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons
from .text import cased_tokens, lead, normalise, tokens
from .wordvec import TITLE_VECTOR_PREFIX, WordVectors

CHAR_MIN, CHAR_MAX = 3, 5
#: Titles longer than this (characters) are cut: a real headline is far shorter.
MAX_TITLE_CHARS = 600


@dataclass(frozen=True)
class Doc:
    """A normalised document: tokens of the title and of title + lead."""

    title_tokens: tuple[str, ...]
    tokens: tuple[str, ...]
    title_cased: tuple[str, ...]
    raw_title: str
    raw: str


def make_doc(title: str, body: str) -> Doc:
    """Normalise title and body lead into a :class:`Doc`."""
    t = normalise((title or "")[:MAX_TITLE_CHARS])
    b = normalise(lead(body or ""))
    title_toks = tokens(t)
    all_toks = title_toks + tokens(b)
    return Doc(tuple(title_toks), tuple(all_toks), tuple(cased_tokens(t)), t, (t + "\n" + b).strip())


@lru_cache(maxsize=200_000)
def char_ngrams(word: str) -> tuple[str, ...]:
    """Character 3-5-grams of ``<word>`` (boundary-marked), in order, with repeats."""
    w = "<" + word + ">"
    n = len(w)
    return tuple(w[i : i + k] for k in range(CHAR_MIN, CHAR_MAX + 1) for i in range(n - k + 1))


# ---- lexicon matching -------------------------------------------------------------------------


def _build_index(names: bool) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    by_phrase: dict[str, set[str]] = {}
    for cat, phrases in lexicons.LEXICONS.items():
        if not names and cat in lexicons.NAME_CATEGORIES:
            continue
        for p in phrases:
            by_phrase.setdefault(p, set()).add(cat)
    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase in sorted(by_phrase):
        toks = tuple(phrase.split())
        index.setdefault(toks[0], []).append((toks, tuple(sorted(by_phrase[phrase]))))
    for entries in index.values():
        entries.sort(key=lambda e: (-len(e[0]), e[0]))
    return index


_INDEXES = {True: _build_index(True), False: _build_index(False)}
LEXICON_NAMES = tuple(sorted(lexicons.LEXICONS))


def lexicon_hits(toks: tuple[str, ...], names: bool = True) -> list[tuple[int, str, str]]:
    """All lexicon matches as ``(position, category, phrase)``; a category counts once per position
    (``names``: also match the name lists)."""
    hits = []
    index = _INDEXES[names]
    n = len(toks)
    for i, tok in enumerate(toks):
        entries = index.get(tok)
        if not entries:
            continue
        seen: set[str] = set()
        for ptoks, cats in entries:
            k = len(ptoks)
            if k > 1 and (i + k > n or toks[i : i + k] != ptoks):
                continue
            for cat in cats:
                if cat not in seen:
                    seen.add(cat)
                    hits.append((i, cat, " ".join(ptoks)))
    return hits


# ---- surface patterns ---------------------------------------------------------------------------

_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
_MONEY = re.compile(r"\$\s?\d")
_PCT_OFF = re.compile(r"\d+\s?%\s?off|\bup to \d+%", re.I)
_QUOTE = re.compile(r"['\"][^'\"]{3,}['\"]")
_POSSESSIVE_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-zA-Z'-]+'s\b")
_YEAR_OLD = re.compile(r"\b\d{1,3}-year-old\b|\bage[sd]? \d{1,3}\b|, \d{2},", re.I)


def _conjunctions(present: set[str]) -> list[str]:
    """Conjunctions of lexicon groups that are *present*. There are deliberately no "no listed
    state / no listed name" features: a list's silence must not decide (the fictional states of
    the demo, or any name missing from a list, would count against the story)."""
    foreign = any(c in present for c in lexicons.FOREIGN_GROUP)
    geo_action = any(c in present for c in lexicons.GEO_ACTION_GROUP)
    celeb = any(c in present for c in lexicons.CELEB_GROUP)
    out = []
    if foreign and geo_action:
        out.append("X:foreign+geo_action")
    if foreign and "disaster_crime" in present:
        out.append("X:foreign+disaster_crime")
    if foreign and "sports" in present:
        out.append("X:foreign+sports")
    if foreign and "business_tech" in present:
        out.append("X:foreign+business")
    if geo_action and "business_tech" in present:
        out.append("X:geo_action+business")
    if "us_ref" in present and foreign:
        out.append("X:us+foreign")
    if foreign and "leadership" in present:
        out.append("X:foreign+leadership")
    if "famous_person" in present and "celeb_life" in present:
        out.append("X:famous+life")
    if foreign and "domestic_politics" in present and not geo_action:
        out.append("X:foreign+domestic_politics")
    if celeb and "celeb_life" in present:
        out.append("X:celeb+life")
    return out


def lexicon_features(doc: Doc, names: bool = True) -> tuple[dict[str, float], list[tuple[int, str, str]]]:
    """Cue-model features: lexicon, conjunction, name-pattern and surface-pattern cues, plus the raw
    lexicon hits (for evidence). ``names``: also match the lists of named people and groups."""
    feats: dict[str, float] = {}
    hits = lexicon_hits(doc.tokens, names)
    n_title = len(doc.title_tokens)
    all_counts = Counter(cat for _, cat, _ in hits)
    title_counts = Counter(cat for pos, cat, _ in hits if pos < n_title)
    for cat, cnt in all_counts.items():
        feats["L:A:" + cat] = math.log1p(cnt)
    for cat, cnt in title_counts.items():
        feats["L:T:" + cat] = math.log1p(cnt)
    for name in _conjunctions(set(all_counts)):
        feats[name] = 1.0
    for name in _conjunctions(set(title_counts)):
        feats["T" + name] = 1.0

    # Named people: a common given name followed by a capitalised word (in the title).
    cased = doc.title_cased
    names = 0
    for i in range(len(cased) - 1):
        if cased[i].lower() in lexicons.FIRST_NAMES and cased[i + 1][:1].isupper():
            names += 1
    if names:
        feats["N:person"] = math.log1p(names)
    if len(cased) > 1 and cased[0].lower() in lexicons.FIRST_NAMES and cased[1][:1].isupper():
        feats["N:title_starts_with_name"] = 1.0
    if _POSSESSIVE_NAME.search(doc.raw_title):
        feats["N:possessive_name"] = 1.0
    named = names or "N:possessive_name" in feats
    if named and "celeb_life" in title_counts:
        feats["X:named+life"] = 1.0
    raw = doc.raw
    for name, rx in (("P:score", _SCORE), ("P:money", _MONEY), ("P:pct_off", _PCT_OFF), ("P:age", _YEAR_OLD)):
        if rx.search(raw):
            feats[name] = 1.0
    if _QUOTE.search(doc.raw_title):
        feats["P:title_quote"] = 1.0
    return feats, hits


# ---- all features -----------------------------------------------------------------------------


def extract(
    title: str, body: str, chars: bool = True, vectors: WordVectors | None = None,
    words: bool = True, cues: bool = True, names: bool = True,
) -> dict[str, float]:
    """The reference feature mapping of an article (title + body lead)."""
    doc = make_doc(title, body)
    return extract_doc(doc, chars, vectors, words, cues, names)


def extract_doc(
    doc: Doc, chars: bool = True, vectors: WordVectors | None = None,
    words: bool = True, cues: bool = True, names: bool = True,
) -> dict[str, float]:
    """Features of an already normalised :class:`Doc`. ``words``: word / title / bigram features;
    ``chars``: character n-grams; ``vectors``: the document's word-vector features; ``cues``: the
    cue-model features (``names``: including the name lists)."""
    feats: dict[str, float] = {}
    toks = doc.tokens
    if toks and words:
        uni = Counter(toks)
        s = 1.0 / math.sqrt(len(toks))
        for w, c in uni.items():
            feats["w:" + w] = c * s
    if toks and chars:
        grams: Counter[str] = Counter()
        for w in toks:
            grams.update(char_ngrams(w))
        s = 1.0 / math.sqrt(sum(grams.values()))
        for g, c in grams.items():
            feats["c:" + g] = c * s
    if len(toks) > 1 and words:
        bi = Counter(a + "_" + b for a, b in zip(toks, toks[1:]))
        s = 1.0 / math.sqrt(len(toks) - 1)
        for g, c in bi.items():
            feats["b:" + g] = c * s
    if words:
        for w in set(doc.title_tokens):
            feats["t:" + w] = 1.0
    if cues:
        lex, _ = lexicon_features(doc, names)
        feats.update(lex)
    if vectors is not None:
        feats.update(vectors.features(toks))
        feats.update(vectors.features(doc.title_tokens, TITLE_VECTOR_PREFIX))
    return feats
