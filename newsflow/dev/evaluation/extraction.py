"""Article-extraction evaluation with the Zyte/Scrapinghub article-extraction-benchmark metric.

Metric (as in the benchmark's ``evaluate.py``): texts are split into ``\\w+`` tokens (case kept);
each text becomes the multiset of its 4-token shingles (a text of fewer than 4 tokens is one
shingle, an empty text none). Per page, TP/FP/FN are counted over the two multisets and
normalised to sum to 1. Precision is averaged over pages with ``tp + fp > 0``, recall over pages
with ``tp + fn > 0``, and F1 is computed from the two averages. Accuracy is the benchmark's:
the share of pages whose extracted token sequence equals the expected one exactly.

Speed is single-process CPU time (``time.process_time``) spent inside the extractor calls, both
extractors getting the same raw page bytes, taking turns pass by pass, best of three passes, after
one untimed warm-up call each (see ``run_extractors``).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from statistics import mean

_TOKEN_RE = re.compile(r"\w+")

TpFpFn = tuple[float, float, float]


def tokenize(text: str | None) -> list[str]:
    """``\\w+`` tokens, case kept."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; fewer than n tokens give one shingle, no tokens none."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_tp_fp_fn(expected: str, extracted: str) -> TpFpFn:
    """Per-page TP/FP/FN over shingle multisets, normalised to sum to 1 (all 0 when both empty)."""
    true, pred = shingles(expected), shingles(extracted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def exact_match(expected: str, extracted: str) -> bool:
    """The benchmark's accuracy criterion: identical token sequences."""
    return tokenize(expected) == tokenize(extracted)


def score(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """F1 / precision / recall / accuracy over ``(expected, extracted)`` pairs."""
    counts: list[TpFpFn] = []
    matches: list[bool] = []
    for expected, extracted in pairs:
        counts.append(page_tp_fp_fn(expected, extracted))
        matches.append(exact_match(expected, extracted))
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = mean(precisions) if precisions else 0.0
    r = mean(recalls) if recalls else 0.0
    return {
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "precision": p,
        "recall": r,
        "accuracy": mean(matches) if matches else 0.0,
        "pages": float(len(counts)),
    }


def load_pages(data: Path) -> list[tuple[str, str, bytes, str]]:
    """``(id, url, raw html bytes, expected body)`` for every page in the ground truth."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, item.get("url", ""), raw, item.get("articleBody", "")))
    return pages


Extractor = Callable[[bytes, str], str]


def run_extractors(
    pages: list[tuple[str, str, bytes, str]], extractors: dict[str, Extractor], *, rounds: int = 3,
    outputs: dict[str, dict[str, str]] | None = None,
) -> dict[str, dict[str, float]]:
    """Quality and speed figures per extractor.

    The extractors take turns, one whole pass over the pages each, for ``rounds`` rounds (so
    background load hits them alike); a pass's CPU time is the sum of ``time.process_time`` spent
    inside the calls, and each extractor's fastest pass counts (as ``timeit`` does). Quality comes from the first pass. Each extractor
    gets one untimed warm-up call first: one-off model/table loading is not a per-page cost.
    ``outputs``, when given, receives each extractor's text per page id.
    """
    if outputs is None:
        outputs = {}
    for name in extractors:
        outputs[name] = {}
    best = {name: float("inf") for name in extractors}
    if pages:
        for extract in extractors.values():
            extract(pages[0][2], pages[0][1])
    for round_ in range(max(1, rounds)):
        for name, extract in extractors.items():
            cpu = 0.0
            for page_id, url, raw, _ in pages:
                start = time.process_time()
                body = extract(raw, url) or ""
                cpu += time.process_time() - start
                if round_ == 0:
                    outputs[name][page_id] = body
            best[name] = min(best[name], cpu)
    figures = {}
    for name in extractors:
        figures[name] = score((expected, outputs[name][pid]) for pid, _, _, expected in pages)
        figures[name]["cpu_seconds"] = best[name]
        figures[name]["pages_per_second"] = len(pages) / best[name] if best[name] else float("inf")
    return figures


def load_corpus(cache: Path) -> tuple[list[tuple[str, str, bytes, str]], dict[str, dict]]:
    """Pages of the broad corpus built by ``benchmarks/build_extraction_corpus.py`` and their
    ``{source, site, language, split}`` info, by page id."""
    truth = json.loads((cache / "ground-truth.json").read_text(encoding="utf-8"))
    pages, info = [], {}
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((cache / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, item.get("url", ""), raw, item.get("articleBody", "")))
        info[page_id] = {k: item.get(k, "") for k in ("source", "site", "language", "split")}
    return pages, info


def _newsflow(raw: bytes, url: str) -> str:
    from newsflow.processing.extract import extract_article

    return extract_article(raw, url).body


def _format(name: str, f: dict[str, float]) -> str:
    return (
        f"{name:<12} F1={f['f1']:.3f}  precision={f['precision']:.3f}  recall={f['recall']:.3f}  "
        f"accuracy={f['accuracy']:.3f}  pages/s={f['pages_per_second']:.1f}  (n={int(f['pages'])})"
    )


def _row(label: str, figures: dict[str, dict[str, float]], names: list[str]) -> str:
    n = int(next(iter(figures.values()))["pages"])
    cells = "   ".join(
        f"{figures[name]['f1']:.3f} {figures[name]['precision']:.3f} {figures[name]['recall']:.3f}" for name in names
    )
    return f"  {label:<28} {n:>4}   {cells}"


def group_scores(pages, outputs, names, keep) -> dict[str, dict[str, float]]:
    """Scores of each extractor over the pages whose id ``keep`` accepts."""
    chosen = [(pid, expected) for pid, _, _, expected in pages if keep(pid)]
    return {name: score((expected, outputs[name][pid]) for pid, expected in chosen) for name in names}


def main(data: Path | None, *, corpus: Path | None = None, compare: bool = True, rounds: int = 3) -> dict:
    """Evaluate newsflow's extractor (and trafilatura when importable) on the shared pages ``data``
    and/or the broad corpus cache ``corpus``, in one run; print and return figures.

    Printed: overall figures with pages/s, then F1 / precision / recall side by side per corpus
    (shared pages; corpus dev and held-out splits; each source by split) and per language of the
    corpus, and the speed ratio over all pages.
    """
    pages: list[tuple[str, str, bytes, str]] = []
    info: dict[str, dict] = {}
    shared_ids: set[str] = set()
    if data is not None:
        for pid, url, raw, expected in load_pages(Path(data)):
            pages.append((f"zyte-{pid}", url, raw, expected))
            shared_ids.add(f"zyte-{pid}")
    if corpus is not None:
        corpus = Path(corpus).expanduser()
        if not (corpus / "ground-truth.json").is_file():
            print(f"no corpus at {corpus}: build it with benchmarks/build_extraction_corpus.py; corpus skipped")
        else:
            corpus_pages, info = load_corpus(corpus)
            pages.extend(p for p in corpus_pages if p[0] not in shared_ids)
    extractors: dict[str, Extractor] = {"newsflow": _newsflow}
    if compare:
        try:
            import trafilatura
        except ImportError as exc:  # the dev extra is not installed
            print(f"trafilatura not importable ({exc}); comparison skipped")
        else:
            extractors["trafilatura"] = lambda raw, url: trafilatura.extract(raw, url=url) or ""
    outputs: dict[str, dict[str, str]] = {}
    result: dict = run_extractors(pages, extractors, rounds=rounds, outputs=outputs)
    names = list(extractors)
    print("all pages:")
    for name in names:
        print("  " + _format(name, result[name]))
    groups: dict[str, dict] = {}
    header = f"  {'':<28} {'n':>4}   " + "   ".join(f"{name + ' F1/P/R':<17}" for name in names)
    print("per corpus:")
    print(header)
    if shared_ids:
        groups["shared"] = group_scores(pages, outputs, names, shared_ids.__contains__)
        print(_row("shared pages", groups["shared"], names))
    if info:
        for split in ("dev", "heldout"):
            key = f"corpus {split}"
            groups[key] = group_scores(pages, outputs, names, lambda pid, s=split: info.get(pid, {}).get("split") == s)
            print(_row(key, groups[key], names))
        for source in sorted({i["source"] for i in info.values()}):
            for split in ("dev", "heldout"):
                key = f"{source} {split}"
                keep = (lambda pid, s=split, src=source:
                        info.get(pid, {}).get("split") == s and info[pid]["source"] == src)
                if any(keep(p[0]) for p in pages):
                    groups[key] = group_scores(pages, outputs, names, keep)
                    print(_row(key, groups[key], names))
        langs = sorted({i["language"] for i in info.values()}, key=lambda l: -sum(i["language"] == l for i in info.values()))
        for split in ("all", "heldout"):
            print("per language (corpus, both splits):" if split == "all" else "per language (corpus, held-out split):")
            for lang in langs:
                key = f"lang {lang}" if split == "all" else f"lang {lang} heldout"
                keep = (lambda pid, l=lang, s=split: info.get(pid, {}).get("language") == l
                        and (s == "all" or info[pid]["split"] == s))
                if any(keep(p[0]) for p in pages):
                    groups[key] = group_scores(pages, outputs, names, keep)
                    print(_row(key, groups[key], names))
    result["groups"] = groups
    if "trafilatura" in result:
        ratio = result["newsflow"]["pages_per_second"] / result["trafilatura"]["pages_per_second"]
        result["speed_ratio"] = ratio
        print(f"speed ratio (newsflow / trafilatura pages/s, {len(pages)} pages): {ratio:.1f}x")
    return result
