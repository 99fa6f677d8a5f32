"""The article body of a parsed page: clean the tree, linearise, choose the container, select."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .body import linearise
from .container import choose_container, resolve_marks, title_index
from .select import Dropped, select_blocks

# Never article text: removed in C before the walk (the tree's <head> was read already).
STRIP_TAGS = ["head", "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
              "embed", "video", "audio", "select", "textarea", "button", "noembed", "noframes", "xmp"]
# Page landmarks that are not the article; removed too, but reported in ``removed``.
LANDMARKS = {"nav": "nav", "footer": "footer", "aside": "sidebar"}


@dataclass
class MainText:
    paragraphs: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # short lines around the article start (dates)


def _pull_quote(node) -> bool:
    """An ``<aside>`` holding only a short quotation (a pull quote set beside the paragraphs): no links,
    and a ``<q>`` / ``<blockquote>`` inside or "quote" in its class / id."""
    if node.css_first("a") is not None:
        return False
    text = node.text(deep=True, separator=" ").strip()
    if not 10 <= len(text) <= 400:
        return False
    if node.css_first("q, blockquote") is not None:
        return True
    attrs = node.attributes
    return "quote" in f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def extract_main_text(tree: LexborHTMLParser, title: str | None) -> MainText:
    """Body paragraphs of ``tree`` (mutated: boilerplate subtrees are removed)."""
    landmarks = []
    for node in tree.css(", ".join(LANDMARKS)):
        if node.tag == "aside" and _pull_quote(node):
            node.unwrap()  # its text stays where the page shows it
            continue
        text = node.text(deep=True, separator=" ")[:300]
        if text.strip():
            landmarks.append(Dropped(LANDMARKS[node.tag], text))
    tree.strip_tags(STRIP_TAGS + list(LANDMARKS))
    body = tree.body
    result = MainText(dropped=landmarks)
    if body is None:
        return result
    page = linearise(body)
    if not page.blocks:
        return result
    headline = title_index(page, title)
    marks = resolve_marks(page, headline)
    roots = choose_container(page, marks, headline)
    kept, dropped = select_blocks(page, marks, roots, title)
    result.paragraphs = [b.text for b in kept]
    result.dropped.extend(dropped)
    first = next((i for i, b in enumerate(page.blocks) if b is kept[0]), 0) if kept else len(page.blocks)
    result.context = [b.text for b in page.blocks[max(0, first - 40): first + 5] if len(b.text) < 200]
    return result
