"""Topic-classifier figures: ``newsflow eval topics --data ../shared/topics/gold_dev.jsonl``.

The protocol cannot fool us:

* gold_dev is split **once**, by a fixed seed, into a training part and a **locked** test part (30%,
  stratified by label and by the annotators' ``agreement``; :func:`newsflow.dev.training.topics.locked_split`).
  No feature, list, threshold or hyper-parameter was chosen on the locked part.
* When the gold file is the one the shipped model was trained on (its SHA-256 is recorded in the
  model), the shipped recipe is re-run here on the training part alone (progress is printed) and
  that model is scored on the locked part: overall, on the ``agreed`` items alone, per label, and
  for calibration (expected calibration error, Brier score, log-loss of the stored probabilities).
  5-fold CV inside the training part is printed as a secondary figure only.
* On any other gold file (e.g. a hidden one) the shipped model is scored on all of it, since it
  never saw it.

Speed is documents per second of process CPU time (one core, cold caches) of the shipped model.
The seed sidebar (``seed_sidebar.jsonl`` beside the gold file) and the bundled demo's stories are
scored with the shipped model. The data is internal evaluation material and is read in place.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from newsflow.processing.classify import LABELS, classify
from newsflow.processing.topics import features
from newsflow.processing.topics.model import FusedModel, shipped_model

TARGETS = {"macro_f1": 0.88, "macro_f1_agreed": 0.95, "label_f1": 0.82, "docs_per_s": 1000.0, "sidebar": 26}
SIDEBAR_FILE = "seed_sidebar.jsonl"
#: Fold seed of the secondary 5-fold CV inside the training part.
CV_SEED = 13
CALIBRATION_BINS = 10

Progress = Callable[[str], None]


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Macro-F1, per-label precision / recall / F1 and a confusion table."""
    per: dict[str, dict[str, float]] = {}
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    confusion = {g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in LABELS} for g in LABELS}
    return {
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per),
        "per_label": per,
        "confusion": confusion,
        "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / max(1, len(gold)),
        "items": len(gold),
    }


def calibration(gold: Sequence[str], probs: np.ndarray, bins: int = CALIBRATION_BINS) -> dict[str, float]:
    """Expected calibration error (confidence of the top label, equal-width bins), multi-class
    Brier score and log-loss of probability rows (columns in ``LABELS`` order)."""
    y = np.array([LABELS.index(g) for g in gold])
    n = len(y)
    if n == 0:
        return {"ece": 0.0, "brier": 0.0, "log_loss": 0.0}
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y).astype(np.float64)
    which = np.minimum((conf * bins).astype(int), bins - 1)
    ece = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            ece += sel.sum() / n * abs(float(correct[sel].mean()) - float(conf[sel].mean()))
    onehot = np.zeros_like(probs)
    onehot[np.arange(n), y] = 1.0
    brier = float(((probs - onehot) ** 2).sum(axis=1).mean())
    ll = -float(np.mean(np.log(np.clip(probs[np.arange(n), y], 1e-12, None))))
    return {"ece": ece, "brier": brier, "log_loss": ll}


def predict(rows: Sequence[dict[str, Any]], model: FusedModel) -> tuple[list[str], np.ndarray]:
    """Predicted labels and probability rows (``LABELS`` order) of rows with ``title`` / ``text``."""
    labels, probs = [], []
    for r in rows:
        res = classify(r.get("title") or "", r.get("text") or "", model=model)
        labels.append(res.label)
        probs.append([res.scores[lab] for lab in LABELS])
    return labels, np.array(probs).reshape(len(rows), len(LABELS))


def docs_per_second(rows: Sequence[dict[str, Any]], model: FusedModel, min_cpu_s: float = 1.0) -> float:
    """Classification speed in documents per second of process CPU time, caches cleared per pass."""
    done = 0
    spent = 0.0
    while spent < min_cpu_s or done == 0:
        model.clear_caches()
        features.char_ngrams.cache_clear()
        t0 = time.process_time()
        for r in rows:
            classify(r.get("title") or "", r.get("text") or "", model=model)
        spent += time.process_time() - t0
        done += len(rows)
    return done / spent if spent > 0 else float("inf")


def shipped_recipe(model: FusedModel):
    """The shipped model's training recipe (as recorded in the model file)."""
    from newsflow.dev.training import topics as training

    recorded = dict(model.meta.get("recipe", {}))
    known = {f.name for f in fields(training.Recipe)}
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in recorded.items() if k in known}
    return training.Recipe(**kwargs)


def secondary_cv(
    train_rows: Sequence[dict[str, Any]], weak_rows: Sequence[dict[str, Any]], recipe, progress: Progress,
    k: int = 5, seed: int = CV_SEED,
) -> dict[str, Any]:
    """5-fold CV of the full recipe (its own internal CV included) inside the training part."""
    from newsflow.dev.training import topics as training

    gold = training.featurise(train_rows, recipe)
    weak = training.featurise(weak_rows, recipe)
    weak_w = training.weak_weights(weak_rows, recipe)
    probs = np.zeros((len(gold), len(LABELS)))
    quiet = lambda _msg: None  # noqa: E731
    for f, (tr, te) in enumerate(training.cv_folds([r["label"] for r in train_rows], k=k, seed=seed)):
        model, _ = training.fit_recipe(gold.take(tr), weak, weak_w, recipe, quiet)
        _, p = predict([train_rows[i] for i in te], model)
        probs[te] = p
        progress(f"  secondary CV (inside the training part): fold {f + 1}/{k} done")
    pred = [LABELS[j] for j in probs.argmax(axis=1)]
    return metrics([r["label"] for r in train_rows], pred)


def demo_items() -> list[dict[str, Any]]:
    """The bundled demo's articles as ``title`` / ``text`` / ``label`` rows (a sanity check only)."""
    from newsflow.dev.demo._content import ARTICLES

    return [
        {"title": a["headline"], "text": "\n\n".join(a["paragraphs"]), "label": a["topic"], "id": a["id"]}
        for a in ARTICLES
    ]


def _print_metrics(name: str, result: dict[str, Any]) -> None:
    print(f"{name}: macro-F1 {result['macro_f1']:.4f}  accuracy {result['accuracy']:.4f}  n={result['items']}")
    for lab, v in result["per_label"].items():
        print(f"  {lab:<12} precision {v['precision']:.4f}  recall {v['recall']:.4f}  F1 {v['f1']:.4f}  n={v['support']}")
    print("  confusion (rows gold, columns predicted " + "/".join(LABELS) + "): " + ", ".join(
        f"{g}: " + "/".join(str(result["confusion"][g][p]) for p in LABELS) for g in LABELS
    ))


def main(data: Path, progress: Progress | None = None) -> dict[str, Any]:
    """Evaluate on a gold file (or a directory holding ``gold_dev.jsonl``); print and return figures."""
    from newsflow.dev.training import topics as training

    progress = progress or (lambda msg: print(msg, flush=True))
    data = Path(data)
    if data.is_dir():
        data = data / training.GOLD_FILE
    rows = training.load_jsonl(data)
    model = shipped_model()
    trained_on_it = model.meta.get("training", {}).get("gold_sha256") == training.file_sha256(data)
    result: dict[str, Any] = {"items": len(rows), "model_version": model.version}
    print(f"topic classifier {model.version} on {data.name}: {len(rows)} items")

    if trained_on_it:
        recipe = shipped_recipe(model)
        train_idx, test_idx = training.locked_split(rows)
        train_rows = [rows[i] for i in train_idx]
        test_rows = [rows[i] for i in test_idx]
        weak_rows = training.load_weak(data.parent, recipe)
        mode = (
            f"locked split (seed {training.LOCKED_SEED}, {len(test_rows)} locked items, stratified by label and "
            f"agreement); the shipped recipe re-trained on the {len(train_rows)}-item training part"
            + (f" + {len(weak_rows)} weak items" if weak_rows else "")
        )
        print(f"mode: {mode}")
        progress("training on the training part:")
        eval_model, stats = training.train_rows(train_rows, weak_rows, recipe, lambda m: progress("  " + m))
        scored, scored_model = test_rows, eval_model
        result["fusion"] = stats
    else:
        mode = "shipped model (gold file not in its training data): all items are unseen"
        print(f"mode: {mode}")
        scored, scored_model = rows, model
    result["mode"] = mode

    pred, probs = predict(scored, scored_model)
    gold = [r["label"] for r in scored]
    result.update(metrics(gold, pred))
    agreed = [i for i, r in enumerate(scored) if r.get("agreement") == "agreed"]
    result["agreed"] = metrics([gold[i] for i in agreed], [pred[i] for i in agreed])
    result["calibration"] = calibration(gold, probs)
    untempered = FusedModel(scored_model.labels, scored_model.version, scored_model.members, 1.0, scored_model.meta)
    result["calibration_before_temperature"] = calibration(gold, predict(scored, untempered)[1])
    where = "locked part" if trained_on_it else "all items"
    heading = "LOCKED (locked part)" if trained_on_it else "UNSEEN (whole file)"
    print("")
    _print_metrics(f"{heading}, all items", result)
    _print_metrics(f"{heading}, 'agreed' items only", result["agreed"])
    cal = result["calibration"]
    print(f"calibration on the {where}: ECE {cal['ece']:.4f}  Brier {cal['brier']:.4f}  log-loss {cal['log_loss']:.4f}"
          + (f"  (temperature {scored_model.temperature:.3f}, fitted by CV on the training data;"
             f" learned-model weight {scored_model.members[0].weight})"))
    raw = result["calibration_before_temperature"]
    print(f"  before temperature scaling: ECE {raw['ece']:.4f}  Brier {raw['brier']:.4f}  log-loss {raw['log_loss']:.4f}")

    if trained_on_it:
        progress("")
        progress("secondary: 5-fold CV inside the training part (the recipe re-run per fold):")
        cv = secondary_cv(train_rows, weak_rows, recipe, progress)
        result["cv"] = cv
        print(f"CV (secondary, training part only, fold seed {CV_SEED}): macro-F1 {cv['macro_f1']:.4f}  "
              + "  ".join(f"{lab} F1 {v['f1']:.4f}" for lab, v in cv["per_label"].items()))

    result["docs_per_s"] = docs_per_second(rows, model)
    print("")
    print(f"speed (shipped model): {result['docs_per_s']:.0f} docs/s (process CPU time, one core, cold caches; "
          f"target >= {TARGETS['docs_per_s']:.0f})")

    sidebar = data.parent / SIDEBAR_FILE
    if sidebar.exists():
        side = training.load_jsonl(sidebar)
        side_pred, _ = predict(side, model)
        ok = sum(1 for r, p in zip(side, side_pred) if r["label"] == p)
        result["sidebar"] = {"correct": ok, "total": len(side)}
        print(f"seed sidebar (shipped model, never trained on it): {ok}/{len(side)}")
        for r, p in zip(side, side_pred):
            if r["label"] != p:
                print(f"  wrong: {r['label']} -> {p}: {r['title'][:90]}")
    demo = demo_items()
    demo_pred, _ = predict(demo, model)
    ok = sum(1 for r, p in zip(demo, demo_pred) if r["label"] == p)
    result["demo"] = {"correct": ok, "total": len(demo)}
    print(f"demo stories (shipped model; a sanity check, never tuned on): {ok}/{len(demo)}")
    for r, p in zip(demo, demo_pred):
        if r["label"] != p:
            print(f"  wrong: {r['label']} -> {p}: {r['title'][:90]}")

    checks = {
        f"macro-F1 >= {TARGETS['macro_f1']}": result["macro_f1"] >= TARGETS["macro_f1"],
        f"agreed macro-F1 >= {TARGETS['macro_f1_agreed']}": result["agreed"]["macro_f1"] >= TARGETS["macro_f1_agreed"],
        f"every label F1 >= {TARGETS['label_f1']}": all(v["f1"] >= TARGETS["label_f1"] for v in result["per_label"].values()),
        f"docs/s >= {TARGETS['docs_per_s']:.0f}": result["docs_per_s"] >= TARGETS["docs_per_s"],
        "demo all correct": ok == len(demo),
    }
    if "sidebar" in result:
        checks["sidebar 26/26"] = result["sidebar"]["correct"] == result["sidebar"]["total"]
    result["targets_met"] = checks
    print("targets: " + ", ".join(f"{name}: {'met' if v else 'NOT met'}" for name, v in checks.items()))
    return result


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]))
