"""Near-duplicate detection figures: ``newsflow eval dedup --data ../shared/dedup/pairs_dev.jsonl``.

Reads labelled pairs (``a_text``, ``b_text``, ``label`` 1 = same story, ``kind``), fingerprints every
distinct text once, and prints precision / recall of :func:`newsflow.processing.dedup.match` overall and per
``kind``, plus fingerprints per second of process CPU time (one core).  The data is internal
evaluation material and is read in place, never copied into the repository.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from newsflow.processing import dedup

TARGETS = {"precision": 0.98, "recall": 0.93, "fingerprints_per_s": 3000.0}


def _store_window_days() -> float:
    """The store's publication-date window (informational figure); 7 days if storage is unavailable."""
    try:
        from newsflow.storage.articles import COPY_DATE_WINDOW

        return COPY_DATE_WINDOW.total_seconds() / 86400
    except Exception:  # noqa: BLE001 - the figure is informational only
        return 7.0


WINDOW_DAYS = _store_window_days()


def load_pairs(data: Path) -> list[dict]:
    """The labelled pairs of a ``pairs_*.jsonl`` file (a directory means its ``pairs_dev.jsonl``)."""
    data = Path(data)
    if data.is_dir():
        data = data / "pairs_dev.jsonl"
    with data.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def evaluate(pairs: list[dict]) -> dict:
    """Fingerprint all texts, score :func:`match`; returns the figures (no printing)."""
    texts = list(dict.fromkeys(t for p in pairs for t in (p["a_text"], p["b_text"])))
    # Warm up once (imports, caches) so the timing is the steady-state per-article cost.
    for t in texts[:20]:
        dedup.fingerprint(t)
    dedup._token_cache.clear()
    t0 = time.process_time()
    fps = {t: dedup.fingerprint(t) for t in texts}
    cpu = time.process_time() - t0

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    errors: list[dict] = []
    for p in pairs:
        a, b = fps[p["a_text"]], fps[p["b_text"]]
        pred, gold = dedup.match(a, b), bool(p["label"])
        slot = (0 if gold else 1) if pred else (2 if gold else 3)
        for key in ("all", p.get("kind", "?")):
            counts[key][slot] += 1
        # What the store sees: the same verdict, restricted to a publication-date window.
        in_window = p.get("gap_hours") is None or p["gap_hours"] <= 24 * WINDOW_DAYS
        counts["windowed"][(0 if gold else 1) if pred and in_window else (2 if gold else 3)] += 1
        if pred != gold:
            errors.append({
                "kind": p.get("kind"), "label": p["label"], "similarity": round(dedup.similarity(a, b), 3),
                "candidate": dedup.candidates(a, b), "numbers": dedup.number_containment(a, b),
                "a_id": p.get("a_id"), "b_id": p.get("b_id"),
            })
    tp, fp, fn, tn = counts["all"]
    precision, recall = _pr(tp, fp, fn)
    kinds = {}
    for kind in sorted(k for k in counts if k not in ("all", "windowed")):
        ktp, kfp, kfn, ktn = counts[kind]
        n = ktp + kfp + kfn + ktn
        kinds[kind] = {
            "pairs": n, "positives": ktp + kfn, "predicted_dup": ktp + kfp,
            "recall": ktp / (ktp + kfn) if ktp + kfn else None,
            "false_positive_rate": kfp / (kfp + ktn) if kfp + ktn else None,
        }
    wtp, wfp, wfn, _ = counts["windowed"]
    w_precision, w_recall = _pr(wtp, wfp, wfn)
    return {
        "version": dedup.DEDUP_VERSION,
        "pairs": len(pairs), "texts": len(texts),
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "per_kind": kinds,
        "windowed": {"days": WINDOW_DAYS, "precision": w_precision, "recall": w_recall, "fp": wfp, "fn": wfn},
        "fingerprints_per_s": len(texts) / cpu if cpu > 0 else float("inf"),
        "cpu_s": cpu,
        "errors": errors,
    }


def main(data: Path) -> dict:
    """Print and return precision, recall, per-kind results and fingerprint throughput."""
    r = evaluate(load_pairs(data))
    ok = {k: r[k] >= v for k, v in TARGETS.items()}
    print(f"dedup {r['version']}: {r['pairs']} pairs, {r['texts']} distinct texts")
    print(f"precision {r['precision']:.4f}  recall {r['recall']:.4f}  f1 {r['f1']:.4f}  "
          f"(tp {r['tp']} fp {r['fp']} fn {r['fn']} tn {r['tn']})")
    for kind, k in r["per_kind"].items():
        figure = (f"recall {k['recall']:.4f}" if k["recall"] is not None
                  else f"false-positive rate {k['false_positive_rate']:.4f}")
        print(f"  {kind:20s} pairs {k['pairs']:4d}  predicted dup {k['predicted_dup']:4d}  {figure}")
    w = r["windowed"]
    print(f"with the store's {w['days']:g}-day publication window (pairs with gap_hours): "
          f"precision {w['precision']:.4f}  recall {w['recall']:.4f}  (fp {w['fp']} fn {w['fn']})")
    print(f"fingerprints/s (one core, CPU time): {r['fingerprints_per_s']:.0f}  ({r['cpu_s']:.2f} s)")
    print("targets: " + ", ".join(f"{k} >= {v:g} {'ok' if ok[k] else 'MISSED'}" for k, v in TARGETS.items()))
    return r


if __name__ == "__main__":  # pragma: no cover
    import sys

    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/dedup/pairs_dev.jsonl"))
