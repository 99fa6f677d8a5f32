"""Rebuild the broad extraction development corpus from public repositories' test fixtures.

The pages are never committed: this script reads bare git mirrors (brought onto the machine with
the workplace's ``fetch`` tool, under ``/work/.mirror/<owner>+<name>/repo``) and the shared Zyte half
(``../shared/extraction``), and writes a cache in the same layout as the shared data:

    <out>/ground-truth.json   {page id: {url, articleBody, source, site, language, split}}
    <out>/html/<id>.html.gz

Sources (page HTML + expected article text):

- ``mozilla/readability``   test/test-pages/*/source.html + expected.html (synthetic unit cases left out)
- ``codelucas/newspaper``   tests/data/html/*.html + tests/data/text/*.txt (texts that are upper-case notes
  on a failure, "MISSED LAST PARAGRAPH", are left out)
- ``AndyTheFactory/newspaper4k`` tests/data/html/*.html + tests/data/txt/*.txt
- ``goose3/goose3``         tests/data/content/*.html + *.json (``expected.cleaned_text``)
- the shared Zyte half      ../shared/extraction (source ``zyte``)

Not used, on purpose (reserved for final checks): Fundus's parser test data and trafilatura's own
evaluation set.

Every page gets a fixed split from a hash of its id: ``heldout`` (about 40%) or ``dev``. No threshold
or rule of the extractor is to be chosen on ``heldout``. Pages whose HTML bytes repeat an earlier
page are skipped (forks copy fixtures). The language is py3langid's on the expected text.

Usage: ``python benchmarks/build_extraction_corpus.py [--mirrors /work/.mirror]
[--shared ../shared/extraction] [--out ~/.cache/newsflow/extraction-corpus]``
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

HELDOUT_SHARE = 40  # percent of pages, by hash of the page id
DEFAULT_OUT = Path("~/.cache/newsflow/extraction-corpus").expanduser()

# readability's unit cases made of a few hand-written lines: no real page behind them
READABILITY_SYNTHETIC = frozenset(
    "001 002 003-metadata-preferred 004-metadata-space-separated-properties 005-unescape-html-entities "
    "article-author-tag base-url base-url-base-element base-url-base-element-relative basic-tags-cleaning "
    "bug-1255978 clean-links cnet-svg-classes comment-inside-script-parsing data-url-image embedded-videos "
    "hidden-nodes invalid-attributes js-link-replacement keep-images keep-tabular-data lazy-image-1 "
    "lazy-image-2 lazy-image-3 links-in-tables metadata-content-missing missing-paragraphs normalize-spaces "
    "ol parsely-metadata remove-aria-hidden remove-extra-brs remove-extra-paragraphs remove-script-tags "
    "reordering-paragraphs replace-brs replace-font-tags rtl-1 rtl-2 rtl-3 rtl-4 schema-org-context-object "
    "social-buttons style-tags-removal svg-parsing table-style-attributes title-and-h1-discrepancy "
    "title-en-dash toc-missing videos-1 videos-2 visibility-hidden".split()
)
# newspaper fixtures that are not single articles (front pages, redirects, feeds)
NEWSPAPER_SKIP = re.compile(r"main_site|meta_refresh|sample_rss|test_nlp|summary")


class Mirror:
    def __init__(self, git_dir: Path):
        self.git_dir = git_dir

    def ok(self) -> bool:
        return self.git_dir.is_dir()

    def ls(self, path: str) -> list[str]:
        out = subprocess.run(["git", "--git-dir", str(self.git_dir), "ls-tree", "-r", "--name-only", "HEAD", path],
                             capture_output=True, check=True).stdout.decode()
        return [line for line in out.splitlines() if line]

    def show(self, path: str) -> bytes | None:
        proc = subprocess.run(["git", "--git-dir", str(self.git_dir), "show", f"HEAD:{path}"], capture_output=True)
        return proc.stdout if proc.returncode == 0 else None


def html_to_text(html: bytes) -> str:
    """Readability's expected.html as text: one paragraph per block, headline and captions left out
    (as in the benchmark's ground truth)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css("h1, figcaption, script, style"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css("p, div, li, h2, h3, h4, h5, h6, blockquote, pre, tr, br, dd, dt, section"):
        node.insert_before("\n")
        node.insert_after("\n")
    text = root.text(deep=True)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _shouted(text: str) -> bool:
    """A sentence of capitals and no small letter (scripts without case do not count; "(CNN)" is no sentence)."""
    return sum(ch.isupper() for ch in text) >= 10 and not any(ch.islower() for ch in text)


def _site_from_url(url: str) -> str:
    m = re.match(r"https?://([^/]+)", url or "")
    host = m.group(1).lower() if m else ""
    return host[4:] if host.startswith("www.") else host


def readability(m: Mirror):
    names = sorted({p.split("/")[2] for p in m.ls("test/test-pages")})
    for name in names:
        if name in READABILITY_SYNTHETIC:
            continue
        src = m.show(f"test/test-pages/{name}/source.html")
        exp = m.show(f"test/test-pages/{name}/expected.html")
        if not src or not exp:
            continue
        site = re.sub(r"-\d+$", "", name)
        yield f"readability-{name}", "", site, src, html_to_text(exp)


def newspaper(m: Mirror, source: str, text_dir: str):
    htmls = {p.rsplit("/", 1)[1][:-5]: p for p in m.ls("tests/data/html") if p.endswith(".html")}
    texts = {p.rsplit("/", 1)[1][:-4]: p for p in m.ls(f"tests/data/{text_dir}") if p.endswith(".txt")}
    for name in sorted(set(htmls) & set(texts)):
        if NEWSPAPER_SKIP.search(name):
            continue
        url = ""
        meta = m.show(f"tests/data/metadata/{name}.json")
        if meta:
            try:
                url = json.loads(meta).get("url", "") or ""
            except ValueError:
                pass
        site = _site_from_url(url) or re.sub(r"(_?\d+|_article\d*)$", "", name)
        expected = m.show(texts[name]).decode("utf-8", "replace")
        if _shouted(expected):  # "MISSED LAST PARAGRAPH": a note on a failure, not the article
            continue
        yield f"{source}-{name}", url, site, m.show(htmls[name]), expected


def goose(m: Mirror):
    for path in m.ls("tests/data/content"):
        if not path.endswith(".json"):
            continue
        html = m.show(path[:-5] + ".html")
        try:
            item = json.loads(m.show(path))
        except ValueError:
            continue
        text = (item.get("expected") or {}).get("cleaned_text") or ""
        if not html or len(text) < 1000:  # most fixtures hold only the opening words
            continue
        url = item.get("url", "") or ""
        name = path.rsplit("/", 1)[1][:-5]
        yield f"goose3-{name}", url, _site_from_url(url) or name, html, text


def zyte(shared: Path):
    truth = json.loads((shared / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((shared / "html" / f"{page_id}.html.gz").read_bytes())
        url = item.get("url", "")
        yield f"zyte-{page_id}", url, _site_from_url(url), raw, item.get("articleBody", "")


def split_of(page_id: str) -> str:
    h = int(hashlib.sha1(page_id.encode()).hexdigest()[:8], 16)
    return "heldout" if h % 100 < HELDOUT_SHARE else "dev"


def language(text: str) -> str:
    import py3langid

    return py3langid.classify(text[:2000])[0] if text.strip() else "und"


def build(mirrors: Path, shared: Path | None, out: Path) -> dict:
    sources = {
        "readability": (mirrors / "mozilla+readability" / "repo", readability),
        "newspaper": (mirrors / "codelucas+newspaper" / "repo", lambda m: newspaper(m, "newspaper", "text")),
        "newspaper4k": (mirrors / "AndyTheFactory+newspaper4k" / "repo", lambda m: newspaper(m, "newspaper4k", "txt")),
        "goose3": (mirrors / "goose3+goose3" / "repo", goose),
    }
    (out / "html").mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict] = {}
    seen: set[str] = set()

    def add(source: str, rows) -> None:
        n = 0
        for page_id, url, site, raw, expected in rows:
            if not raw or not expected.strip():
                continue
            digest = hashlib.sha1(raw).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            truth[page_id] = {"url": url, "articleBody": expected.strip(), "source": source, "site": site,
                              "language": language(expected), "split": split_of(page_id)}
            (out / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(raw, 6))
            n += 1
        print(f"{source:<12} {n} pages")

    for source, (git_dir, reader) in sources.items():
        mirror = Mirror(git_dir)
        if not mirror.ok():
            print(f"{source:<12} skipped: no mirror at {git_dir} (fetch github:{git_dir.parent.name.replace('+', '/')})")
            continue
        add(source, reader(mirror))
    if shared and (shared / "ground-truth.json").is_file():
        add("zyte", zyte(shared))
    else:
        print(f"zyte         skipped: no shared data at {shared}")
    for stale in (out / "html").glob("*.html.gz"):  # pages of an earlier build that are no longer in it
        if stale.name[: -len(".html.gz")] not in truth:
            stale.unlink()
    (out / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    sites = {t["site"] for t in truth.values()}
    langs = sorted({t["language"] for t in truth.values()})
    held = sum(t["split"] == "heldout" for t in truth.values())
    print(f"total {len(truth)} pages ({held} held-out), {len(sites)} sites, {len(langs)} languages: {' '.join(langs)}")
    print(f"written to {out}")
    return truth


def main(argv: list[str] | None = None) -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--shared", type=Path, default=here.parent / "shared" / "extraction")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not args.mirrors.is_dir():
        sys.exit(f"no mirrors at {args.mirrors}")
    build(args.mirrors, args.shared, args.out.expanduser())


if __name__ == "__main__":
    main()
