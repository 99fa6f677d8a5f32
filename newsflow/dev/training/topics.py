"""Training the topic classifier (deterministic): ``newsflow train topics --data ../shared/topics``.

Recipe (all steps deterministic, no randomness except a fixed-seed fold shuffle):

1. Featurise title + body lead of every item (:func:`newsflow.processing.topics.features.extract`), with
   the shipped static word vectors (:mod:`newsflow.processing.topics.wordvec`, built by
   :mod:`newsflow.dev.training.wordvectors`) as the ``e:`` features.
2. Stage 1: multinomial logistic regression on the gold items only.
3. Weak items are kept only when the stage-1 model gives their (section-derived) label at least
   ``weak_min_prob``: this drops most mislabelled items (foreign disasters or crime filed as World,
   entertainment-industry news filed as celebrity). Kept weak items get weight ``weak_weight``.
4. Name dropout: every item with a name-gazetteer cue (:mod:`newsflow.processing.topics.gazetteer_people`)
   gives ``gaz_dropout`` of its weight to a copy without those cues, so the generic cues still learn
   to recognise people who are not in the lists (the hidden data has names the lists lack).
5. Stage 2: the same regression on gold + filtered weak (+ dropout copies); its weights are the
   shipped model.

The logistic regression is a small numpy L-BFGS with per-block L2 penalties (word n-grams, title
words, character n-grams, hand-curated cues, word vectors), chosen by 5-fold CV on gold_dev.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsflow.processing.classify import LABELS, MODEL_VERSION
from newsflow.processing.topics.features import extract
from newsflow.processing.topics.model import MODEL_FILE, LinearModel
from newsflow.processing.topics.wordvec import FEATURE_PREFIX as VECTOR_PREFIX
from newsflow.processing.topics.wordvec import WORDVEC_FILE, WordVectors, shipped_vectors

GOLD_FILE = "gold_dev.jsonl"
WEAK_FILE = "weak_dev.jsonl"


@dataclass(frozen=True)
class Recipe:
    """Hyper-parameters of the training recipe (chosen by 5-fold CV on gold_dev)."""

    l2_word: float = 6e-4
    l2_title: float = 3e-3
    l2_char: float = 3e-3
    l2_lexicon: float = 3e-4
    l2_vectors: float = 3e-4
    #: Use the shipped static word vectors as ``e:`` features.
    word_vectors: bool = True
    #: Name dropout: this share of the weight of every training item with a name-gazetteer cue goes
    #: to a copy without its ``L:*:gaz_*`` cues, so that the generic cues (named person, personal-life
    #: vocabulary, war vocabulary) still learn to carry people who are missing from the lists.
    gaz_dropout: float = 0.5
    min_df: int = 2
    weak_weight: float = 0.2
    weak_min_prob: float = 0.4
    gold_weight: float = 1.0
    class_weight_power: float = 0.5
    char_ngrams: bool = False
    max_iter: int = 250
    decimals: int = 4


DEFAULT_RECIPE = Recipe()


# ---- data ---------------------------------------------------------------------------------------


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (recorded in the model to detect train/test overlap)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def label_index(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """Label ids (index into ``LABELS``)."""
    return np.array([LABELS.index(r["label"]) for r in rows], dtype=np.int64)


def featurise(rows: Sequence[dict[str, Any]], recipe: Recipe) -> list[dict[str, float]]:
    """Feature mappings of rows with ``title`` and ``text``, as the recipe asks."""
    vectors: WordVectors | None = shipped_vectors() if recipe.word_vectors else None
    return [extract(r.get("title") or "", r.get("text") or "", recipe.char_ngrams, vectors) for r in rows]


# ---- cross-validation splitter ------------------------------------------------------------------


def cv_folds(labels: Sequence[str], k: int = 5, seed: int = 13) -> list[tuple[list[int], list[int]]]:
    """Stratified ``k``-fold split: ``(train indices, test indices)``; every item is tested once."""
    rng = np.random.default_rng(seed)
    fold_of = [0] * len(labels)
    for lab in sorted(set(labels)):
        idx = [i for i, x in enumerate(labels) if x == lab]
        order = rng.permutation(len(idx))
        for pos, j in enumerate(order):
            fold_of[idx[int(j)]] = pos % k
    folds = []
    for f in range(k):
        test = [i for i in range(len(labels)) if fold_of[i] == f]
        train = [i for i in range(len(labels)) if fold_of[i] != f]
        folds.append((train, test))
    return folds


# ---- sparse design matrix + logistic regression --------------------------------------------------


def _always_kept(name: str) -> bool:
    return not name.startswith(("w:", "b:", "c:", "t:"))


def build_vocab(feats: Sequence[dict[str, float]], min_df: int) -> list[str]:
    """Sorted feature names seen in at least ``min_df`` documents (cue features always kept)."""
    df: dict[str, int] = {}
    for f in feats:
        for name in f:
            df[name] = df.get(name, 0) + 1
    return sorted(n for n, c in df.items() if c >= min_df or _always_kept(n))


@dataclass
class Csr:
    """A minimal CSR-like sparse matrix (row ids, column ids, values)."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    n_rows: int
    n_cols: int

    def dot(self, w: np.ndarray) -> np.ndarray:
        prod = self.vals[:, None] * w[self.cols]
        out = np.empty((self.n_rows, w.shape[1]))
        for j in range(w.shape[1]):
            out[:, j] = np.bincount(self.rows, weights=prod[:, j], minlength=self.n_rows)
        return out

    def tdot(self, g: np.ndarray) -> np.ndarray:
        prod = self.vals[:, None] * g[self.rows]
        out = np.empty((self.n_cols, g.shape[1]))
        for j in range(g.shape[1]):
            out[:, j] = np.bincount(self.cols, weights=prod[:, j], minlength=self.n_cols)
        return out


def to_matrix(feats: Sequence[dict[str, float]], vocab: Sequence[str]) -> Csr:
    """Sparse matrix of feature mappings over ``vocab`` (unknown features dropped)."""
    index = {n: i for i, n in enumerate(vocab)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, f in enumerate(feats):
        for name in sorted(f):
            c = index.get(name)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(f[name])
    return Csr(
        np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64),
        len(feats), len(vocab),
    )


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_logreg(
    x: Csr, y: np.ndarray, sample_weight: np.ndarray, l2: np.ndarray, n_labels: int, max_iter: int = 250
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression with per-feature L2, by L-BFGS. Returns (W, b)."""
    n_feat = x.n_cols
    yk = np.zeros((x.n_rows, n_labels))
    yk[np.arange(x.n_rows), y] = 1.0
    sw = sample_weight / sample_weight.sum()

    def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: n_feat * n_labels].reshape(n_feat, n_labels)
        b = theta[n_feat * n_labels :]
        z = x.dot(w) + b
        p = _softmax(z)
        logp = np.log(np.clip(p, 1e-300, None))
        loss = -float((sw * (logp * yk).sum(axis=1)).sum()) + 0.5 * float((l2[:, None] * w * w).sum())
        g = (p - yk) * sw[:, None]
        gw = x.tdot(g) + l2[:, None] * w
        return loss, np.concatenate([gw.ravel(), g.sum(axis=0)])

    theta = lbfgs(loss_grad, np.zeros(n_feat * n_labels + n_labels), max_iter=max_iter)
    return theta[: n_feat * n_labels].reshape(n_feat, n_labels), theta[n_feat * n_labels :]


def lbfgs(fun, x0: np.ndarray, max_iter: int = 250, m: int = 10, tol: float = 1e-6) -> np.ndarray:
    """Plain L-BFGS with Armijo backtracking; deterministic."""
    x = x0.copy()
    f, g = fun(x)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for it in range(max_iter):
        if np.abs(g).max() < tol:
            break
        q = g.copy()
        alphas = []
        for s, yv in zip(reversed(s_hist), reversed(y_hist)):
            rho = 1.0 / float(yv @ s)
            a = rho * float(s @ q)
            alphas.append((a, rho, s, yv))
            q -= a * yv
        if s_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        else:
            q /= max(1.0, float(np.abs(g).sum()))
        for a, rho, s, yv in reversed(alphas):
            bcoef = rho * float(yv @ q)
            q += s * (a - bcoef)
        d = -q
        gd = float(g @ d)
        if gd >= 0:
            d, gd = -g, -float(g @ g)
            s_hist.clear()
            y_hist.clear()
        step = 1.0
        while True:
            x_new = x + step * d
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * gd or step < 1e-10:
                break
            step *= 0.5
        s_vec, y_vec = x_new - x, g_new - g
        if float(s_vec @ y_vec) > 1e-12:
            s_hist.append(s_vec)
            y_hist.append(y_vec)
            if len(s_hist) > m:
                s_hist.pop(0)
                y_hist.pop(0)
        if abs(f - f_new) < 1e-10 * max(1.0, abs(f)):
            x, f, g = x_new, f_new, g_new
            break
        x, f, g = x_new, f_new, g_new
    return x


# ---- the recipe ---------------------------------------------------------------------------------


def fit_linear(
    feats: Sequence[dict[str, float]],
    y: np.ndarray,
    weights: np.ndarray,
    recipe: Recipe,
    vocab_from: Sequence[dict[str, float]] | None = None,
) -> LinearModel:
    """One logistic-regression fit over feature mappings -> an in-memory :class:`LinearModel`.

    ``vocab_from``: the items whose document frequencies choose the vocabulary (default ``feats``;
    augmented copies must not count twice)."""
    vocab = build_vocab(feats if vocab_from is None else vocab_from, recipe.min_df)
    x = to_matrix(feats, vocab)
    by_prefix = {
        "w:": recipe.l2_word, "b:": recipe.l2_word, "t:": recipe.l2_title, "c:": recipe.l2_char,
        VECTOR_PREFIX: recipe.l2_vectors,
    }
    l2 = np.array([by_prefix.get(n[:2], recipe.l2_lexicon) for n in vocab])
    w, b = fit_logreg(x, y, weights, l2, len(LABELS), recipe.max_iter)
    dec = recipe.decimals
    w = np.round(w, dec)
    b = np.round(b, dec)
    weights_map = {}
    for i, name in enumerate(vocab):
        row = w[i]
        if np.abs(row).max() > 0:
            weights_map[name] = tuple(float(v) + 0.0 for v in row)
    meta = {"recipe": asdict(recipe)}
    return LinearModel(LABELS, tuple(float(v) + 0.0 for v in b), weights_map, MODEL_VERSION, meta)


def predict_proba(model: LinearModel, feats: Sequence[dict[str, float]]) -> np.ndarray:
    """Probabilities from reference feature mappings (used inside training only)."""
    vocab = sorted(model.weights)
    w = np.array([model.weights[n] for n in vocab], dtype=np.float64).reshape(len(vocab), len(model.labels))
    x = to_matrix(feats, vocab)
    return _softmax(x.dot(w) + np.array(model.bias))


def _is_gazetteer_cue(name: str) -> bool:
    return name.startswith("L:") and ":gaz_" in name


def name_dropout(
    feats: Sequence[dict[str, float]], y: np.ndarray, w: np.ndarray, share: float
) -> tuple[list[dict[str, float]], np.ndarray, np.ndarray]:
    """Move ``share`` of the weight of items with gazetteer cues to copies without those cues."""
    feats = list(feats)
    if share <= 0:
        return feats, y, w
    idx = [i for i, f in enumerate(feats) if any(_is_gazetteer_cue(n) for n in f)]
    if not idx:
        return feats, y, w
    copies = [{n: v for n, v in feats[i].items() if not _is_gazetteer_cue(n)} for i in idx]
    w = w.copy()
    w_copy = w[idx] * share
    w[idx] *= 1.0 - share
    return feats + copies, np.concatenate([y, y[idx]]), np.concatenate([w, w_copy])


def fit_recipe(
    gold_feats: Sequence[dict[str, float]],
    gold_y: np.ndarray,
    weak_feats: Sequence[dict[str, float]],
    weak_y: np.ndarray,
    recipe: Recipe = DEFAULT_RECIPE,
) -> tuple[LinearModel, dict[str, Any]]:
    """Stage 1 on gold, filter weak items, stage 2 on gold + kept weak. Returns (model, stats)."""
    counts = np.bincount(gold_y, minlength=len(LABELS)).astype(np.float64)
    cls_w = (counts.sum() / (len(LABELS) * np.maximum(counts, 1.0))) ** recipe.class_weight_power
    gold_w = recipe.gold_weight * cls_w[gold_y]
    stage1 = fit_linear(gold_feats, gold_y, gold_w, recipe)
    if len(weak_feats) == 0 or recipe.weak_weight <= 0:
        return stage1, {"weak_kept": 0, "weak_total": len(weak_feats)}
    p = predict_proba(stage1, weak_feats)
    keep = [i for i in range(len(weak_feats)) if p[i, weak_y[i]] >= recipe.weak_min_prob]
    feats = list(gold_feats) + [weak_feats[i] for i in keep]
    y = np.concatenate([gold_y, weak_y[keep]])
    w = np.concatenate([gold_w, recipe.weak_weight * cls_w[weak_y[keep]]])
    aug_feats, aug_y, aug_w = name_dropout(feats, y, w, recipe.gaz_dropout)
    model = fit_linear(aug_feats, aug_y, aug_w, recipe, vocab_from=feats)
    kept_by_label = {lab: int(sum(1 for i in keep if weak_y[i] == j)) for j, lab in enumerate(LABELS)}
    return model, {"weak_kept": len(keep), "weak_total": len(weak_feats), "weak_kept_by_label": kept_by_label}


def model_json(model: LinearModel, meta: dict[str, Any]) -> dict[str, Any]:
    """The serialisable form of a model (weights sorted by feature name)."""
    return {
        "version": model.version,
        "labels": list(model.labels),
        "bias": list(model.bias),
        **meta,
        "weights": {name: list(model.weights[name]) for name in sorted(model.weights)},
    }


def write_model(model: LinearModel, meta: dict[str, Any], out: Path) -> Path:
    """Write the model as deterministic gzip JSON (fixed mtime, sorted keys)."""
    text = json.dumps(model_json(model, meta), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buf.getvalue())
    return out


def load_training_data(data_dir: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold and weak rows of a data dir (the weak file is optional)."""
    data_dir = Path(data_dir)
    gold = load_jsonl(data_dir / GOLD_FILE)
    weak_path = data_dir / WEAK_FILE
    weak = load_jsonl(weak_path) if weak_path.exists() else []
    return gold, weak


def train(data_dir: Path, out: Path | None = None, recipe: Recipe = DEFAULT_RECIPE) -> Path:
    """Train the shipped model from ``data_dir`` (gold_dev.jsonl [+ weak_dev.jsonl]); returns its path."""
    data_dir = Path(data_dir)
    gold, weak = load_training_data(data_dir)
    gold_feats = featurise(gold, recipe)
    weak_feats = featurise(weak, recipe)
    model, stats = fit_recipe(gold_feats, label_index(gold), weak_feats, label_index(weak), recipe)
    meta = {
        "recipe": asdict(recipe),
        "training": {
            "gold_file": GOLD_FILE,
            "gold_sha256": file_sha256(data_dir / GOLD_FILE),
            "gold_items": len(gold),
            **stats,
        },
    }
    if recipe.word_vectors:
        meta["training"]["wordvec_sha256"] = file_sha256(WORDVEC_FILE)
    return write_model(model, meta, Path(out) if out is not None else MODEL_FILE)


def main(argv: Sequence[str] | None = None) -> None:
    """CLI shim: ``python -m newsflow.dev.training.topics DATA_DIR [OUT]``."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    path = train(Path(args[0]), Path(args[1]) if len(args) > 1 else None)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
