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


def extract_main_text(tree: LexborHTMLParser, title: str | None) -> MainText:
    """Body paragraphs of ``tree`` (mutated: boilerplate subtrees are removed)."""
    landmarks = [
        Dropped(LANDMARKS[node.tag], node.text(deep=True, separator=" ")[:300])
        for node in tree.css(", ".join(LANDMARKS))
    ]
    tree.strip_tags(STRIP_TAGS + list(LANDMARKS))
    body = tree.body
    result = MainText(dropped=[d for d in landmarks if d.text.strip()])
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
    result.context = [b.text for b in page.blocks[max(0, first - 40): first + 3] if len(b.text) < 200]
    return result
