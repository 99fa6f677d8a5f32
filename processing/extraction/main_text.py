"""The article body of a parsed page: clean the tree, linearise, choose the container, select."""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .body import linearise
from .container import choose_container, inherit, is_prose, resolve_marks, title_index
from .select import Dropped, select_blocks

# Never article text: removed in C before the walk (the tree's <head> was read already).
STRIP_TAGS = ["head", "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
              "embed", "video", "audio", "select", "textarea", "button", "noembed", "noframes", "xmp"]
# Page landmarks that are not the article; removed too, but reported in ``removed``.
LANDMARKS = {"nav": "nav", "footer": "footer", "aside": "sidebar"}
MAIN_ASIDE_CHARS = 2000  # an <aside> with this much text, and
MAIN_ASIDE_SHARE = 0.5  # this share of the body's text, is the page's main column, not a landmark


def _static_tag_ids(names) -> dict[int, str] | None:
    """lexbor's tag id of each name, or None when one has no fixed id (standard tags have small,
    fixed ids; other names get per-document ids)."""
    probe = LexborHTMLParser("")
    ids = {probe.create_node(name).tag_id: name for name in names}
    return ids if len(ids) == len(names) and all(i < 1 << 16 for i in ids) else None


# landmark and stripped elements are found in one walk over the elements, by tag id
_LANDMARK_IDS = _static_tag_ids(list(LANDMARKS))
_STRIP_IDS = _static_tag_ids(STRIP_TAGS)


@dataclass
class MainText:
    paragraphs: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # short lines around the article start (dates)
    page_prose: float = 0.0  # weighted length of all unmarked running text on the page
    kept_prose: float = 0.0  # of which in the body
    teasers: list[str] = field(default_factory=list)  # texts of headline-list shapes left out of the body
    hidden_prose: float = 0.0  # characters of paragraph-sized hidden text (slides, collapsed pages)


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


LEAD_RETRY = 300  # weighted characters of running text under which a page is read again by position


def _prose(blocks) -> float:
    return sum(b.length for b in blocks if is_prose(b))


def extract_main_text(tree: LexborHTMLParser, title: str | None) -> MainText:
    """Body paragraphs of ``tree`` (mutated: boilerplate subtrees are removed)."""
    landmarks = []
    if _LANDMARK_IDS is None or _STRIP_IDS is None:  # (another lexbor build) by name, with selectors
        for node in tree.css(", ".join(LANDMARKS)):
            if node.tag == "aside" and _pull_quote(node):
                node.unwrap()  # its text stays where the page shows it
                continue
            text = node.text(deep=True, separator=" ")[:300]
            if text.strip():
                landmarks.append(Dropped(LANDMARKS[node.tag], text))
        tree.strip_tags(STRIP_TAGS + list(LANDMARKS))
    else:
        # one walk collects the landmarks and the stripped elements (document order); nothing is
        # removed before every landmark has been read, as with a selector query and strip_tags
        landmark_nodes, removals = [], []
        root = tree.root
        if root is not None:
            for node in root.traverse():
                tag_id = node.tag_id
                if tag_id in _STRIP_IDS:
                    removals.append(node)
                elif tag_id in _LANDMARK_IDS:
                    landmark_nodes.append(node)
        big_asides = []
        for node in landmark_nodes:
            tag = _LANDMARK_IDS[node.tag_id]
            if tag == "aside" and _pull_quote(node):
                node.unwrap()  # its text stays where the page shows it (and it leaves the tree)
                continue
            text = node.text(deep=True, separator=" ")
            if tag == "aside" and len(text) >= MAIN_ASIDE_CHARS:
                big_asides.append(node)  # judged once the rest is removed
                continue
            removals.append(node)
            text = text[:300]
            if text.strip():
                landmarks.append(Dropped(LANDMARKS[tag], text))
        for node in removals:  # a subtree's root and nodes inside it: removing the root is enough,
            node.decompose(recursive=False)  # the others are then removed within the detached subtree
        if big_asides:
            # an <aside> holding most of what the page shows is its main column (a misused tag): it stays,
            # and its weak "sidebar" mark is judged like any class mark
            page_chars = len(tree.body.text(deep=True, separator=" ")) if tree.body is not None else 0
            for node in big_asides:
                if node.parent is None:  # inside a removed subtree
                    continue
                text = node.text(deep=True, separator=" ")
                if len(text) < MAIN_ASIDE_SHARE * page_chars:
                    landmarks.append(Dropped("sidebar", text[:300]))
                    node.decompose()
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
    kept, dropped = select_blocks(page, marks, roots, title, headline)
    if headline >= 0 and _prose(kept) < LEAD_RETRY:
        # little or nothing found: try again trusting position over class names (the first paragraph
        # after the headline is the article's, whatever box it sits in); keep whichever holds more
        lead_marks = resolve_marks(page, headline, lead=True)
        if lead_marks != marks:
            lead_roots = choose_container(page, lead_marks, headline)
            lead_kept, lead_dropped = select_blocks(page, lead_marks, lead_roots, title, headline)
            if _prose(lead_kept) > _prose(kept):
                marks, kept, dropped = lead_marks, lead_kept, lead_dropped
    result.paragraphs = [b.text for b in kept]
    # running text of the page, without marked blocks and teaser summaries in headline-list shapes (even
    # where the marks were distrusted): what a body that holds the article should mostly cover
    kept_ids = {id(b) for b in kept}
    listed = inherit(page, [None] * len(page.parents)) if not page.teaser_lists else \
        inherit(page, [True if e in set(page.teaser_lists) else None for e in range(len(page.parents))])
    end = page.article_end
    result.page_prose = sum(b.length for b, m in zip(page.blocks[:end], marks)
                            if m is None and is_prose(b) and (id(b) in kept_ids or not listed[b.owner]))
    result.kept_prose = sum(b.length for b in kept if is_prose(b))
    result.hidden_prose = sum(len(t) for t in page.hidden_texts if len(t) >= 80)
    result.teasers = [b.text for b in page.blocks if listed[b.owner] and id(b) not in kept_ids]
    result.dropped.extend(dropped)
    first = next((i for i, b in enumerate(page.blocks) if b is kept[0]), 0) if kept else len(page.blocks)
    result.context = [b.text for b in page.blocks[max(0, first - 40): first + 5] if len(b.text) < 200]
    return result
