"""Article-extractor throughput over the shared extraction pages (``../shared/extraction``).

Measured as ``newsflow eval extraction`` does: raw page bytes into ``extract_article``, one untimed
warm-up call, then whole passes over the pages; a pass's time is the process CPU time
(``time.process_time``) spent inside the calls, and the fastest pass counts. The first pass is
printed too (caches such as the class/id vocabulary lookups start cold there).

Usage: ``.venv/bin/python benchmarks/bench_extract.py [--data ../shared/extraction] [--rounds 3]
[--profile]``; ``--data`` may also be the broad corpus cache (``~/.cache/newsflow/extraction-corpus``,
built by ``benchmarks/build_extraction_corpus.py``): it has the same layout.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from newsflow.dev.evaluation.extraction import load_pages
from newsflow.processing.extract import extract_article


def run(pages, rounds: int) -> list[float]:
    extract_article(pages[0][2], pages[0][1])  # warm-up
    passes = []
    for _ in range(rounds):
        cpu = 0.0
        for _, url, raw, _ in pages:
            start = time.process_time()
            extract_article(raw, url)
            cpu += time.process_time() - start
        passes.append(cpu)
    return passes


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "extraction"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one pass instead")
    args = ap.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        sys.exit(f"no extraction data at {args.data}")
    pages = load_pages(args.data)
    if args.profile:
        extract_article(pages[0][2], pages[0][1])
        prof = cProfile.Profile()
        prof.enable()
        for _, url, raw, _ in pages:
            extract_article(raw, url)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return
    passes = run(pages, args.rounds)
    best = min(passes)
    print(f"pages={len(pages)}  passes(cpu s)={' '.join(f'{p:.3f}' for p in passes)}  "
          f"best={best:.3f}s  pages/s={len(pages) / best:.1f}  first-pass pages/s={len(pages) / passes[0]:.1f}")


if __name__ == "__main__":
    main()
