"""Topic classification of news articles: geopolitics, celebrity or other.

A late fusion of two multinomial logistic regressions over the title and the body's lead (see
:mod:`newsflow.processing.topics`): a *learned* model over words, word pairs, title words and static word
vectors distilled from a sentence-embedding model (general knowledge of words and names), and a small
*cue* model over generic vocabulary and surface-pattern cues. Their probabilities are averaged and
temperature-scaled, so the scores are calibrated probabilities. Pure functions; the only I/O is
loading the shipped model and word-vector files once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsflow.processing.topics.features import make_doc
from newsflow.processing.topics.model import FusedModel, MemberOutput, shipped_model

LABELS = ("geopolitics", "celebrity", "other")
MODEL_VERSION = "topics-fusion-v4"
MAX_EVIDENCE = 5
#: How the fusion members are named in the evidence.
MEMBER_NAMES = {"learned": "learned model (words + word vectors)", "cues": "cue model"}


@dataclass(frozen=True)
class TopicResult:
    """The primary topic of an article with per-label probabilities and the cues behind it."""

    label: str
    scores: dict[str, float]
    evidence: tuple[str, ...]
    model_version: str


def classify(title: str, body: str, model: FusedModel | None = None) -> TopicResult:
    """Classify one article from its title and body (only the body's lead is used)."""
    model = model or shipped_model()
    doc = make_doc(title or "", body or "")
    probs, outputs = model.predict(doc, explain=True)
    order = sorted(range(len(probs)), key=lambda j: (-probs[j], j))
    scores = {label: probs[j] for j, label in enumerate(model.labels)}
    evidence = _evidence(outputs, model.labels, order[0], order[1])
    return TopicResult(model.labels[order[0]], scores, evidence, model.version)


def classify_many(items: Iterable[tuple[str, str]], model: FusedModel | None = None) -> list[TopicResult]:
    """Classify ``(title, body)`` pairs."""
    model = model or shipped_model()
    return [classify(title, body, model) for title, body in items]


def _evidence(outputs: list[MemberOutput], labels: tuple[str, ...], best: int, runner_up: int) -> tuple[str, ...]:
    """Which fusion member decided (its weighted push toward ``best`` over the runner-up), each
    member's probability of the label, then the deciding member's top cues (and the other's best)."""
    pushes = [(o.weight * (o.probs[best] - o.probs[runner_up]), o) for o in outputs]
    pushes.sort(key=lambda p: -p[0])
    decider = pushes[0][1]
    summary = "decided by the " + MEMBER_NAMES.get(decider.name, decider.name) + ": " + ", ".join(
        f"{o.name} p({labels[best]})={o.probs[best]:.2f}" for o in outputs
    )
    out = [summary]
    for _, o in pushes:
        room = MAX_EVIDENCE - len(out) if o is decider else 1
        for cue in _top_cues(o.contribs, best, runner_up, max(room, 0)):
            out.append(f"{o.name}: {cue}")
    if len(out) == 1:
        out.append("no strong cue: prior and weak word evidence")
    return tuple(out)


def _top_cues(contribs: list[tuple[str, list[float]]], best: int, runner_up: int, n: int) -> list[str]:
    """The cues that pushed most toward label ``best`` rather than the runner-up label."""
    if n <= 0:
        return []
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
    return [text for _, text in ranked[:n]]
