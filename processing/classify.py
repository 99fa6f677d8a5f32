"""Topic classification of news articles: geopolitics, celebrity or other.

A multinomial logistic regression over word n-grams, hand-curated lexicon cues and static word
vectors (see :mod:`newsflow.processing.topics`), applied to the title and the body's lead. Pure functions;
the only I/O is loading the shipped model and word-vector files once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsflow.processing.topics.features import make_doc
from newsflow.processing.topics.model import LinearModel, shipped_model, softmax

LABELS = ("geopolitics", "celebrity", "other")
MODEL_VERSION = "topics-linear-v3"
MAX_EVIDENCE = 4


@dataclass(frozen=True)
class TopicResult:
    """The primary topic of an article with per-label probabilities and the cues behind it."""

    label: str
    scores: dict[str, float]
    evidence: tuple[str, ...]
    model_version: str


def classify(title: str, body: str, model: LinearModel | None = None) -> TopicResult:
    """Classify one article from its title and body (only the body's lead is used)."""
    model = model or shipped_model()
    doc = make_doc(title or "", body or "")
    logits, contribs = model.score(doc, explain=True)
    probs = softmax(logits)
    order = sorted(range(len(probs)), key=lambda j: (-probs[j], j))
    scores = {label: probs[j] for j, label in enumerate(model.labels)}
    evidence = _evidence(contribs, order[0], order[1])
    return TopicResult(model.labels[order[0]], scores, evidence, model.version)


def classify_many(items: Iterable[tuple[str, str]], model: LinearModel | None = None) -> list[TopicResult]:
    """Classify ``(title, body)`` pairs."""
    model = model or shipped_model()
    return [classify(title, body, model) for title, body in items]


def _evidence(contribs: list[tuple[str, list[float]]], best: int, runner_up: int) -> tuple[str, ...]:
    """The cues that pushed most toward label ``best`` rather than the runner-up label."""
    merged: dict[str, list[float]] = {}
    for text, vec in contribs:
        acc = merged.setdefault(text, [0.0] * len(vec))
        for j, v in enumerate(vec):
            acc[j] += v
    ranked = []
    for text, vec in merged.items():
        margin = vec[best] - vec[runner_up]
        if margin > 0.05:
            ranked.append((margin, text))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    out: list[str] = []
    out = [text for _, text in ranked[:MAX_EVIDENCE]]
    return tuple(out) if out else ("no strong cue: prior and weak word evidence",)
