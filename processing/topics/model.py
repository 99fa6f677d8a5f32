"""The linear topic model: loading the shipped weights and scoring documents fast.

The model file is gzip-compressed JSON: ``{"version", "labels", "bias", "weights": {feature: [w per
label]}, ...}``. Scoring is plain Python over per-word caches and gives exactly
``bias + sum(value * weight)`` over the features of :func:`features.extract_doc`. The word-vector
features (``e:<dim>``) are linear in each word's vector up to the document vector's length, so each
word's share of them is precomputed as one number per label (``vectors @ weights``) and credited to
the word in the evidence.
"""

from __future__ import annotations

import gzip
import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from .features import Doc, char_ngrams, lexicon_features
from .wordvec import FEATURE_PREFIX, TITLE_VECTOR_PREFIX, WordVectors, shipped_vectors

MODEL_FILE = Path(__file__).with_name("model-v2.json.gz")
FUSION_FORMAT = "newsflow-topics-fusion-1"

_FEATURE_LABELS = {
    "X:foreign+geo_action": "foreign actor + war/diplomacy vocabulary",
    "X:foreign+disaster_crime": "foreign place + disaster/crime vocabulary",
    "X:foreign+sports": "foreign place + sports vocabulary",
    "X:foreign+business": "foreign place + business vocabulary",
    "X:geo_action+business": "war/sanctions vocabulary + business vocabulary",
    "X:us+foreign": "U.S. and a foreign state",
    "X:us+geo_action_only": "U.S. + war/diplomacy vocabulary",
    "X:domestic_only": "domestic-politics vocabulary, no foreign actor",
    "X:celeb+life": "star/royal + personal-life vocabulary",
    "X:named+life": "named person + personal-life vocabulary in title",
    "X:named_no_geo": "named person, no foreign or war/diplomacy cue",
    "X:foreign+leadership": "foreign country + leadership/election vocabulary",
    "X:famous+life": "famous person + personal-life vocabulary",
    "X:no_geo": "no foreign or war/diplomacy cue",
    "X:foreign+domestic_politics": "a foreign country's internal politics",
    "X:foreign_only": "foreign place without war/diplomacy/leadership vocabulary",
    "X:geo_words_only": "war/diplomacy words without any state actor",
    "N:person": "named person in title",
    "N:possessive_name": "possessive of a named person",
    "N:title_starts_with_name": "headline starts with a person's name",
    "P:score": "sports score",
    "P:money": "price / dollar amount",
    "P:pct_off": "percent-off offer",
    "P:age": "person's age",
    "P:title_quote": "quote in title",
}


class WordEntry(NamedTuple):
    """What scoring needs of one word, cached per model."""

    unigram: tuple[float, ...]
    #: Summed weights of the word's character n-grams, and how many n-grams it has.
    chars: tuple[float, ...]
    n_grams: int
    #: The word's row in the word-vector table (-1 when absent) and that row's logit contributions
    #: through the document vector (``e:``) and through the title vector (``h:``).
    vector_row: int
    vector_logits: tuple[float, ...]
    title_logits: tuple[float, ...]


@dataclass
class LinearModel:
    """Multinomial logistic-regression weights over named features, with fast scoring caches."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    version: str
    meta: dict[str, Any] = field(default_factory=dict)
    _word_cache: dict[str, WordEntry] = field(default_factory=dict, repr=False)
    _vector_logits: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "LinearModel":
        labels = tuple(data["labels"])
        weights = {f: tuple(float(x) for x in w) for f, w in data["weights"].items()}
        meta = {k: v for k, v in data.items() if k not in ("labels", "bias", "weights", "version")}
        return cls(labels, tuple(float(x) for x in data["bias"]), weights, str(data["version"]), meta)

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return cls.from_json(json.load(fh))

    @property
    def uses_chars(self) -> bool:
        """Whether the model was trained with character n-gram features."""
        return bool(self.meta.get("recipe", {}).get("char_ngrams", True))

    @property
    def uses_words(self) -> bool:
        """Whether the model reads word / title-word / bigram features."""
        return bool(self.meta.get("recipe", {}).get("word_features", True))

    @property
    def uses_cues(self) -> bool:
        """Whether the model reads the cue features (lexicons, name and surface patterns)."""
        return bool(self.meta.get("recipe", {}).get("cues", True))

    @property
    def uses_names(self) -> bool:
        """Whether the cue features include the lists of named people and groups."""
        return bool(self.meta.get("recipe", {}).get("names", True))

    @property
    def uses_vectors(self) -> bool:
        """Whether the model was trained with word-vector features."""
        return bool(self.meta.get("recipe", {}).get("word_vectors", False))

    def vectors(self) -> WordVectors | None:
        """The word vectors the model's ``e:`` features read (the shipped table), if it uses them.

        Raises ``ValueError`` when the model records a different table than the shipped one."""
        if not self.uses_vectors:
            return None
        vectors = shipped_vectors()
        trained_on = self.meta.get("training", {}).get("wordvec_sha256")
        if trained_on and trained_on != vectors.sha256:
            raise ValueError(
                "the topic model was trained on another word-vector table than the shipped one; "
                "retrain it: newsflow train topics --data <dir with gold_dev.jsonl>"
            )
        return vectors

    def _word_vector_logits(self, vectors: WordVectors, prefix: str = FEATURE_PREFIX) -> np.ndarray:
        """Per word (table row): its vector's contribution to each label's logit through the
        ``prefix`` features, before the division by the summed vector's length."""
        hit = self._vector_logits.get(prefix)
        if hit is None:
            k = len(self.labels)
            w = np.zeros((vectors.dims, k))
            for d in range(vectors.dims):
                w[d] = self.weights.get(f"{prefix}{d}", (0.0,) * k)
            hit = self._vector_logits[prefix] = vectors.vectors @ w
        return hit

    # -- scoring --------------------------------------------------------------------------------
    def _word(self, word: str, vectors: WordVectors | None) -> WordEntry:
        """The cached scoring entry of a word (``vectors``: the table the model reads, if any)."""
        hit = self._word_cache.get(word)
        if hit is not None:
            return hit
        k = len(self.labels)
        zero = (0.0,) * k
        get = self.weights.get
        uni = get("w:" + word, zero)
        acc = [0.0] * k
        n_grams = 0
        if self.uses_chars:
            grams = char_ngrams(word)
            n_grams = len(grams)
            for g in grams:
                w = get("c:" + g)
                if w is not None:
                    for j in range(k):
                        acc[j] += w[j]
        row, vector_logits, title_logits = -1, (), ()
        if vectors is not None and word in vectors.index:
            row = vectors.index[word]
            vector_logits = tuple(self._word_vector_logits(vectors)[row].tolist())
            title_logits = tuple(self._word_vector_logits(vectors, TITLE_VECTOR_PREFIX)[row].tolist())
        entry = WordEntry(uni, tuple(acc), n_grams, row, vector_logits, title_logits)
        if len(self._word_cache) > 300_000:
            self._word_cache.clear()
        self._word_cache[word] = entry
        return entry

    def score(self, doc: Doc, explain: bool = False) -> tuple[list[float], list[tuple[str, list[float]]]]:
        """Logits per label and (when ``explain``) per-cue contributions ``(text, vector)``."""
        k = len(self.labels)
        logits = list(self.bias)
        contribs: list[tuple[str, list[float]]] = []
        toks = doc.tokens
        get = self.weights.get
        if toks and (self.uses_words or self.uses_chars or self.uses_vectors):
            counts: dict[str, int] = {}
            for w in toks:
                counts[w] = counts.get(w, 0) + 1
            vectors = self.vectors()
            entries = {w: self._word(w, vectors) for w in counts}
            n_char = sum(entries[w].n_grams * c for w, c in counts.items())
            su = 1.0 / math.sqrt(len(toks))
            sc = 1.0 / math.sqrt(n_char) if n_char else 0.0
            title = set(doc.title_tokens)
            by_word: dict[str, list[float]] = {}
            by_title: dict[str, list[float]] = {}
            if vectors is not None:
                by_word = _vector_shares(vectors, counts, entries, False)
                title_counts: dict[str, int] = {}
                for w in doc.title_tokens:
                    title_counts[w] = title_counts.get(w, 0) + 1
                by_title = _vector_shares(vectors, title_counts, entries, True)
            for w, c in counts.items():
                uni, chars = entries[w].unigram, entries[w].chars
                vec = [c * (uni[j] * su + chars[j] * sc) for j in range(k)]
                for shares in (by_word, by_title):
                    share = shares.get(w)
                    if share is not None:
                        for j in range(k):
                            vec[j] += share[j]
                if w in title:
                    tw = get("t:" + w)
                    if tw is not None:
                        for j in range(k):
                            vec[j] += tw[j]
                for j in range(k):
                    logits[j] += vec[j]
                if explain:
                    contribs.append((w, vec))
            if len(toks) > 1 and self.uses_words:
                sb = 1.0 / math.sqrt(len(toks) - 1)
                bigrams: dict[str, int] = {}
                for a, b in zip(toks, toks[1:]):
                    key = "b:" + a + "_" + b
                    bigrams[key] = bigrams.get(key, 0) + 1
                for key, c in bigrams.items():
                    bw = get(key)
                    if bw is None:
                        continue
                    vec = [c * sb * bw[j] for j in range(k)]
                    for j in range(k):
                        logits[j] += vec[j]
                    if explain:
                        contribs.append((key[2:].replace("_", " "), vec))
        lex, hits = lexicon_features(doc, self.uses_names) if self.uses_cues else ({}, [])
        for name, value in lex.items():
            lw = get(name)
            if lw is None:
                continue
            vec = [value * lw[j] for j in range(k)]
            for j in range(k):
                logits[j] += vec[j]
            if explain:
                contribs.append((_describe(name, hits), vec))
        return logits, contribs


def _vector_shares(
    vectors: WordVectors, counts: dict[str, int], entries: dict[str, WordEntry], title: bool
) -> dict[str, list[float]]:
    """Each known word's share of the word-vector features' contribution to the logits: its
    vector's logits times its count, over the length of the summed vector of ``counts`` (the
    document's words for ``e:``, the title's for ``h:`` when ``title``)."""
    rows = [entries[w].vector_row for w, c in counts.items() if entries[w].vector_row >= 0 for _ in range(c)]
    if not rows:
        return {}
    total = vectors.vectors[rows].sum(axis=0)
    norm = float(np.sqrt(total @ total))
    if norm <= 0:
        return {}
    return {
        w: [x * (c / norm) for x in (entries[w].title_logits if title else entries[w].vector_logits)]
        for w, c in counts.items()
        if entries[w].vector_row >= 0
    }


def _describe(name: str, hits: list[tuple[int, str, str]]) -> str:
    """A human-readable description of a lexicon/cue feature."""
    for prefix in ("L:T:", "L:A:"):
        if name.startswith(prefix):
            cat = name[len(prefix) :]
            phrases = []
            for _, c, phrase in hits:
                if c == cat and phrase not in phrases:
                    phrases.append(phrase)
            shown = ", ".join(phrases[:3])
            return f"{cat.replace('_', ' ')}: {shown}"
    if name.startswith("TX:"):
        name = name[1:]
    return _FEATURE_LABELS.get(name, name)


def softmax(logits: list[float]) -> list[float]:
    """Numerically stable softmax that sums to 1."""
    m = max(logits)
    exps = [math.exp(x - m) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


class Member(NamedTuple):
    """One model of the late fusion and its weight in the probability average."""

    name: str
    model: LinearModel
    weight: float


class MemberOutput(NamedTuple):
    """What one member of the fusion said about a document."""

    name: str
    weight: float
    probs: list[float]
    contribs: list[tuple[str, list[float]]]


@dataclass
class FusedModel:
    """Late fusion: a weighted average of the members' probabilities, then temperature scaling.

    ``p = softmax(log(sum_i weight_i * softmax(logits_i)) / temperature)``: the temperature is fitted
    by cross-validation on the training data, so the stored scores behave like probabilities."""

    labels: tuple[str, ...]
    version: str
    members: tuple[Member, ...]
    temperature: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FusedModel":
        if data.get("format") != FUSION_FORMAT:
            raise ValueError(f"not a {FUSION_FORMAT} model")
        members = tuple(
            Member(m["name"], LinearModel.from_json({**m["model"], "version": data["version"]}), float(m["weight"]))
            for m in data["members"]
        )
        meta = {k: v for k, v in data.items() if k not in ("format", "labels", "version", "members", "temperature")}
        return cls(tuple(data["labels"]), str(data["version"]), members, float(data["temperature"]), meta)

    @classmethod
    def load(cls, path: Path) -> "FusedModel":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return cls.from_json(json.load(fh))

    def member(self, name: str) -> LinearModel:
        for m in self.members:
            if m.name == name:
                return m.model
        raise KeyError(name)

    def clear_caches(self) -> None:
        for m in self.members:
            m.model._word_cache.clear()

    def predict(self, doc: Doc, explain: bool = False) -> tuple[list[float], list[MemberOutput]]:
        """Calibrated probabilities per label, and each member's own output."""
        k = len(self.labels)
        mixed = [0.0] * k
        outputs = []
        for m in self.members:
            logits, contribs = m.model.score(doc, explain=explain)
            probs = softmax(logits)
            for j in range(k):
                mixed[j] += m.weight * probs[j]
            outputs.append(MemberOutput(m.name, m.weight, probs, contribs))
        total = sum(mixed)
        inv_t = 1.0 / self.temperature
        logp = [math.log(max(x / total, 1e-300)) * inv_t for x in mixed]
        return softmax(logp), outputs


_SHIPPED_LOCK = threading.Lock()
_shipped: FusedModel | None = None


def shipped_model() -> FusedModel:
    """The shipped model, loaded once per process (under a lock: eight threads' first pages load it once)."""
    global _shipped
    if _shipped is None:
        with _SHIPPED_LOCK:
            if _shipped is None:
                _shipped = FusedModel.load(MODEL_FILE)
    return _shipped
