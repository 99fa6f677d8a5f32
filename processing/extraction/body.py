"""DOM to text blocks: one walk over ``<body>`` yields paragraph-level runs of text.

Each block knows its owning block element (by index), its share of link text and its weighted
length; each block element gets a parent index and, when its tag, ARIA role or class/id words say
so, a boilerplate mark. Elements hidden by attribute or inline style are removed first and their
text kept aside (to name hidden duplicates of the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from .vocab import class_reason

BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tbody thead "
    "tfoot tr td th caption figure figcaption header footer aside nav form fieldset address center "
    "details summary hr menu hgroup body legend dialog".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
SKIP_TAGS = frozenset(
    "script style noscript template svg math canvas iframe object embed video audio select option "
    "textarea input button head title meta link img picture source map area track param frame "
    "frameset noembed noframes xmp -comment".split()
)
TAG_REASONS = {"nav": "nav", "footer": "footer", "aside": "sidebar", "figcaption": "caption",
               "menu": "nav", "dialog": "modal", "legend": "nav",
               "details": "infobox"}  # a fold-out box (<details>): a weak mark, distrusted over the article itself
ROLE_REASONS = {"navigation": "nav", "complementary": "sidebar", "contentinfo": "footer",
                "banner": "header", "menu": "nav", "menubar": "nav", "dialog": "modal",
                "alertdialog": "modal", "search": "nav", "tablist": "nav"}
# item/cell elements: their boilerplate classes (share-facebook...) repeat their container's
_NO_ATTR_CHECK = frozenset("li td th tr tbody thead tfoot dt dd h1 h2 h3 h4 h5 h6 blockquote hr".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BR = "\x00"  # marks <br> in a text run (NULs are removed from input before parsing)
_WS = re.compile(r"[ \t\r\f\v\xa0\u200b\u3000]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_CHARS = frozenset(".!?。！？…\"”'’)»")
_STOP_CHARS = frozenset(".!?。！？")
_QUOTE_CHARS = frozenset("\"”’')")


def ends_sentence(text: str) -> bool:
    """The (stripped) text ends like a sentence: punctuation or a closing quote/bracket."""
    return bool(text) and text[-1] in _SENTENCE_CHARS


def ends_full_stop(text: str) -> bool:
    """The text ends with a full stop / ! / ?, possibly followed by one closing quote."""
    if not text:
        return False
    last = text[-1]
    if last in _QUOTE_CHARS and len(text) > 1:
        last = text[-2]
    return last in _STOP_CHARS


@dataclass
class Block:
    """A paragraph-level run of text owned by one block element."""

    text: str
    link_chars: int
    owner: int  # element index
    tag: str  # owner's tag
    length: int = 0  # weighted length (CJK characters count triple)
    link_density: float = 0.0  # share of the text inside links


@dataclass
class Page:
    """Linearised page: element tree (parent indexes), marks and blocks."""

    parents: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    marks: dict[int, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    hidden_texts: list[str] = field(default_factory=list)
    teaser_lists: list[int] = field(default_factory=list)  # elements shaped like headline lists (container)
    article_end: int = 1 << 30  # index of the block where another story begins (select)

    def ancestors(self, elem: int):
        while elem >= 0:
            yield elem
            elem = self.parents[elem]


def _weighted_len(text: str) -> int:
    return len(text) + 2 * len(_CJK.findall(text)) if not text.isascii() else len(text)


def _element_reason(node: LexborNode, tag: str) -> str | None:
    """Mark for a block element: boilerplate by tag, role or class/id words."""
    if tag in TAG_REASONS:
        return TAG_REASONS[tag]
    attrs = node.attributes
    if not attrs or tag == "blockquote":  # quotes and embedded posts (tweets...) are article text
        return None
    role = attrs.get("role")
    if role and role in ROLE_REASONS:
        return ROLE_REASONS[role]
    reason = class_reason(attrs.get("class") or "")
    if reason:
        return reason
    ident = attrs.get("id")
    reason = class_reason(ident or "")
    if reason and _heading_anchor(node, ident):
        return None  # id="sharing-with-other-developers": the anchor of the section's heading, not a widget
    return reason


_SLUG_SPLIT = re.compile(r"[-_\s.:]+")
_WORDS = re.compile(r"\w+")


def _heading_anchor(node: LexborNode, ident: str) -> bool:
    """The id is the slug of the element's first heading (docs and blog generators give sections such ids)."""
    words = [w for w in _SLUG_SPLIT.split(ident.lower()) if w]
    if len(words) < 2:
        return False
    heading = node.css_first("h1, h2, h3, h4, h5, h6")
    if heading is None:
        return False
    return _WORDS.findall(heading.text(deep=True).lower())[:len(words)] == words


_HIDDEN_CSS = '[hidden], [aria-hidden="true"], [style*="none"], [style*="hidden"]'


def remove_hidden(body: LexborNode) -> list[str]:
    """Remove elements hidden by attribute or inline style; return their texts (duplicate checks).

    A hidden element holding most of the page's text stays: that is a page revealed by script.
    """
    hidden = []
    for node in body.css(_HIDDEN_CSS):
        attrs = node.attributes
        if "hidden" in attrs or attrs.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(attrs.get("style") or ""):
            hidden.append(node)
    if not hidden:
        return []
    texts = [_WS.sub(" ", node.text(deep=True, separator=" ")).strip() for node in hidden]
    if max(map(len, texts)) > 2000:
        page_chars = len(body.text(deep=True, separator=" "))
        keep = [len(text) <= 0.5 * page_chars for text in texts]
        hidden = [node for node, k in zip(hidden, keep) if k]
        texts = [text for text, k in zip(texts, keep) if k]
    # only the outermost hidden elements are removed: decomposing frees the whole subtree
    ids = {node.mem_id for node in hidden}
    removed: list[str] = []
    outermost = []
    for node, text in zip(hidden, texts):
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            if text:
                removed.append(text)
            outermost.append(node)
    for node in outermost:
        node.decompose()
    return removed


def _glued(before: str, after: str) -> bool:
    """A CJK character and a Latin letter / digit meet at an inline element's edge: ``アプリ<a>Kindle</a>に``
    reads as separate words (the benchmark's texts space them); Latin words split by tags stay as written."""
    return before.isalnum() and after.isalnum() and bool(_CJK.match(before)) != bool(_CJK.match(after))


def linearise(body: LexborNode) -> Page:
    """Walk ``body`` once into blocks and element marks (hidden subtrees are removed first)."""
    page = Page()
    page.hidden_texts = remove_hidden(body)
    parents, tags, marks, blocks = page.parents, page.tags, page.marks, page.blocks
    parts: list[str] = []
    link_chars = 0
    owner_stack: list[int] = [0]

    def flush() -> None:
        raw = "".join(parts)
        parts.clear()
        if raw and not raw.isspace():
            if _BR in raw:  # line breaks from <br> survive, other whitespace collapses
                text = "\n".join(" ".join(line.split()) for line in raw.split(_BR) if line and not line.isspace())
            else:
                text = " ".join(raw.split())
            if text:
                owner = owner_stack[-1]
                blocks.append(Block(text, link_chars, owner, tags[owner], _weighted_len(text),
                                    min(1.0, link_chars / len(text))))

    parents.append(-1)
    tags.append("body")
    # stack items: (node, ctx), or (None, 0) meaning "leave the current block element"; ctx is odd
    # inside a link, and changes at every inline element (so text nodes on either side of an inline
    # element's edge have different ctx: see ``_glued``)
    stack: list[tuple[LexborNode | None, int]] = []
    inline_count = 0
    last_ctx = -1
    push = stack.append
    child = body.last_child
    while child is not None:
        push((child, 0))
        child = child.prev
    while stack:
        node, ctx = stack.pop()
        if node is None:
            if parts:
                flush()
                link_chars = 0
            owner_stack.pop()
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                if ctx != last_ctx and parts and (parts[-1][-1] >= "\u3040") != (text[0] >= "\u3040") \
                        and _glued(parts[-1][-1], text[0]):
                    parts.append(" ")
                last_ctx = ctx
                parts.append(text)
                if ctx & 1:
                    link_chars += len(text.strip())
            continue
        if tag in BLOCK_TAGS:
            if parts:
                flush()
                link_chars = 0
            elem = len(parents)
            parents.append(owner_stack[-1])
            tags.append(tag)
            if tag not in _NO_ATTR_CHECK:
                reason = _element_reason(node, tag)
                if reason:
                    marks[elem] = reason
            owner_stack.append(elem)
            push((None, 0))
        elif tag == "a":
            inline_count += 2
            ctx = inline_count | 1
        elif tag == "br":
            # two line breaks in a row separate paragraphs (<br><br> layouts): end the block there
            j = len(parts) - 1
            while j >= 0 and parts[j] != _BR and parts[j].isspace():
                j -= 1
            if j >= 0 and parts[j] == _BR and not ctx & 1:
                del parts[j:]
                if parts:
                    flush()
                link_chars = 0
            else:
                parts.append(_BR)
            continue
        elif tag in SKIP_TAGS:
            continue
        else:
            inline_count += 2
            ctx = inline_count | (ctx & 1)
        child = node.last_child
        while child is not None:
            push((child, ctx))
            child = child.prev
    if parts:
        flush()
    return page
