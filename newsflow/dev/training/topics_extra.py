"""Optional extra training material for the topic classifier: public news items with *section* labels.

The data stays outside the repository (default ``~/.cache/newsflow/topics-extra/``, or
``$NEWSFLOW_TOPICS_EXTRA``). ``newsflow train topics`` and ``newsflow eval topics`` read
``extra.jsonl`` from there when it exists and skip it with a message when it does not.

``python -m newsflow.dev.training.topics_extra build`` turns the raw files found in ``raw/`` of that
folder into ``extra.jsonl``:

* MIND small (Microsoft News, 2019) ``*news.tsv`` files: ``id, category, subcategory, title, abstract,
  url, ...``; the section is ``category/subcategory``;
* HuffPost News Category Dataset ``*.json`` files (JSON lines with ``headline``,
  ``short_description``, ``category``, ``link``).

Every item whose id or normalised title is in ``gold_dev.jsonl``, ``weak_dev.jsonl``,
``weak_modern.jsonl`` or ``seed_sidebar.jsonl`` (``--data``, default ``../shared/topics``) is dropped,
as are duplicate titles. Each kept row carries its source's section mapped to a coarse section
(:data:`COARSE`), which the recipe uses as the label of an auxiliary *section model*
(:mod:`newsflow.dev.training.topics`); sections that mix unrelated material (MIND ``video``,
``kids``) are left out. The rows never get one of our topic labels directly: a source's section is
not our label (HuffPost ``WORLD NEWS`` is about 60% geopolitics in gold_dev, ``ENTERTAINMENT`` about
57% celebrity).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXTRA_FILE = "extra.jsonl"

#: Coarse section of a source section (MIND ``category/subcategory`` or ``category``; HuffPost category).
#: ``None``: left out.
_HUFFPOST = {
    "WORLD NEWS": "world", "THE WORLDPOST": "world", "WORLDPOST": "world",
    "POLITICS": "politics",
    "U.S. NEWS": "us_news",
    "CRIME": "crime",
    "ENTERTAINMENT": "entertainment",
    "SPORTS": "sports",
    "BUSINESS": "business", "MONEY": "business",
    "TECH": "tech_science", "SCIENCE": "tech_science",
    "STYLE & BEAUTY": "lifestyle", "STYLE": "lifestyle", "HOME & LIVING": "lifestyle",
    "FOOD & DRINK": "lifestyle", "TASTE": "lifestyle", "TRAVEL": "lifestyle", "WELLNESS": "lifestyle",
    "HEALTHY LIVING": "lifestyle", "PARENTING": "lifestyle", "PARENTS": "lifestyle",
    "WEDDINGS": "lifestyle", "DIVORCE": "lifestyle",
    "ENVIRONMENT": "environment", "GREEN": "environment",
    "COMEDY": "offbeat", "WEIRD NEWS": "offbeat",
    "BLACK VOICES": "voices", "QUEER VOICES": "voices", "LATINO VOICES": "voices", "WOMEN": "voices",
    "CULTURE & ARTS": "voices", "ARTS": "voices", "ARTS & CULTURE": "voices", "RELIGION": "voices",
    "IMPACT": "voices", "EDUCATION": "voices", "COLLEGE": "voices", "MEDIA": "voices", "FIFTY": "voices",
    "GOOD NEWS": "offbeat",
}
_MIND_SUB = {
    "news/newsworld": "world",
    "news/newspolitics": "politics", "news/elections-2020-us": "politics",
    "news/newsus": "us_news", "news/newsopinion": "us_news", "news/newsfactcheck": "us_news",
    "news/factcheck": "us_news",
    "news/newscrime": "crime",
    "news/newsscienceandtechnology": "tech_science",
    "news/newsoffbeat": "offbeat", "news/newsgoodnews": "offbeat",
    "lifestyle/lifestyleroyals": "celebrity",
}
_MIND_CAT = {
    "sports": "sports", "finance": "business", "foodanddrink": "lifestyle", "lifestyle": "lifestyle",
    "travel": "lifestyle", "health": "lifestyle", "autos": "lifestyle", "weather": "environment",
    "music": "entertainment", "tv": "entertainment", "movies": "entertainment",
    "entertainment": "entertainment",
}
COARSE = (
    "world", "politics", "us_news", "crime", "entertainment", "celebrity", "sports", "business",
    "tech_science", "lifestyle", "environment", "offbeat", "voices",
)


def extra_dir() -> Path:
    """Where the extra material lives (never inside the repository)."""
    env = os.environ.get("NEWSFLOW_TOPICS_EXTRA")
    return Path(env) if env else Path.home() / ".cache" / "newsflow" / "topics-extra"


def mind_section(category: str, subcategory: str) -> str | None:
    """Coarse section of a MIND item (``None``: left out)."""
    if "celebrity" in subcategory:
        return "celebrity"
    key = f"{category}/{subcategory}"
    if key in _MIND_SUB:
        return _MIND_SUB[key]
    if category == "news":
        return None
    return _MIND_CAT.get(category)


def huffpost_section(category: str) -> str | None:
    """Coarse section of a HuffPost item (``None``: left out)."""
    return _HUFFPOST.get(category)


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def norm_title(title: str) -> str:
    """Lower case, runs of anything but letters and digits as one space (for duplicate checks)."""
    return _NON_ALNUM.sub(" ", (title or "").lower()).strip()


def _slug(link: str) -> str:
    return link.rstrip("/").split("/entry/")[-1].split("/")[-1]


def read_mind(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                continue
            nid, cat, sub, title, abstract = parts[:5]
            rows.append({"id": f"mind:{nid}", "title": title, "text": abstract,
                         "source_label": f"{cat}/{sub}", "section": mind_section(cat, sub),
                         "source": f"mind:{path.name}"})
    return rows


def read_huffpost(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            rows.append({"id": f"huffpost:{_slug(r.get('link', ''))}", "title": r.get("headline", ""),
                         "text": r.get("short_description", ""), "source_label": r.get("category", ""),
                         "section": huffpost_section(r.get("category", "")), "date": r.get("date", ""),
                         "source": f"huffpost:{path.name}"})
    return rows


def _excluded(data_dir: Path) -> tuple[set[str], set[str]]:
    """Ids (MIND ``N…`` ids and HuffPost slugs) and normalised titles of every shared item."""
    ids: set[str] = set()
    titles: set[str] = set()
    for name in ("gold_dev.jsonl", "weak_dev.jsonl", "weak_modern.jsonl", "seed_sidebar.jsonl"):
        path = data_dir / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    rid = str(r.get("id", ""))
                    ids.add(rid.split(":", 1)[-1])
                    titles.add(norm_title(r.get("title", "")))
    titles.discard("")
    return ids, titles


def build(data_dir: Path, folder: Path | None = None) -> Path:
    """``raw/`` -> ``extra.jsonl`` (deduplicated against the shared sets and within itself)."""
    folder = folder or extra_dir()
    raw = folder / "raw"
    rows: list[dict[str, Any]] = []
    for path in sorted(raw.glob("*news.tsv")):
        rows.extend(read_mind(path))
    for path in sorted(raw.glob("*.json")):
        rows.extend(read_huffpost(path))
    ids, titles = _excluded(Path(data_dir))
    kept, seen, dropped = [], set(), Counter()
    for r in rows:
        key = norm_title(r["title"])
        if r["section"] is None:
            dropped["section left out"] += 1
        elif not key:
            dropped["no title"] += 1
        elif r["id"].split(":", 1)[-1] in ids or key in titles:
            dropped["in a shared set"] += 1
        elif key in seen:
            dropped["duplicate title"] += 1
        else:
            seen.add(key)
            kept.append(r)
    out = folder / EXTRA_FILE
    with open(out, "w", encoding="utf-8") as fh:
        for r in kept:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {out}: {len(kept)} items; dropped {dict(dropped)}")
    print("sections: " + ", ".join(f"{k} {v}" for k, v in Counter(r["section"] for r in kept).most_common()))
    return out


def load_extra(folder: Path | None = None, progress=print) -> list[dict[str, Any]]:
    """The extra rows (empty, with a message, when the file is absent)."""
    path = (folder or extra_dir()) / EXTRA_FILE
    if not path.exists():
        if progress:
            progress(f"no extra section data at {path}: the section model is skipped "
                     "(see newsflow/dev/training/topics_extra.py)")
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m newsflow.dev.training.topics_extra")
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--data", default="../shared/topics", help="folder of the shared topic sets (excluded)")
    args = ap.parse_args(argv)
    build(Path(args.data))


if __name__ == "__main__":
    main()
