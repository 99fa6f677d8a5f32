"""Article blocks out of the chosen container, and a reason for everything left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import HEADING_TAGS, Block, Page, ends_full_stop, ends_sentence
from .container import is_prose, text_key
from .vocab import COMMENTS_START, disclaimer_reason, field_line_reason, heading_reason, line_reason, notice_reason

_WORDLIKE = re.compile(r"\w")
TEASER_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
SECTION_END_LINKS = 0.5  # a link section ends at running text with less link text than this
TEASER_SUMMARY_MAX = 300  # a paragraph this long is article text even before a linked headline (a teaser summary is shorter)


@dataclass(frozen=True)
class Dropped:
    """A block left out of the body (document order), before samples are made."""

    reason: str
    text: str


def select_blocks(
    page: Page, marks: list[str | None], roots: set[int], title: str | None, headline: int = -1
) -> tuple[list[Block], list[Dropped]]:
    """Blocks of the container that are article text, plus what was dropped and why."""
    kept: list[Block] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    title_key = text_key(title) if title else None
    section: str | None = None  # reason of a heading-introduced boilerplate section in progress
    # inside[e]: e is a root or below one (a subtree is contiguous in document order)
    parents = page.parents
    n_elems = len(parents)
    inside: list[bool | None] = [None] * n_elems
    for root in roots:
        inside[root] = True
        e = root + 1
        while e < n_elems and parents[e] >= root:
            inside[e] = True
            e += 1
    outside_section: str | None = None
    comments = False
    blocks = page.blocks
    page.article_end = len(blocks)
    pending: list[tuple[int, int, Block]] = []
    teaser = set(page.teaser_lists)
    listed = [False] * n_elems
    for e in range(1, n_elems):
        listed[e] = e in teaser or listed[parents[e]]
    for index, (block, mark) in enumerate(zip(blocks, marks)):
        text = block.text
        if block.tag == "h1" and 0 <= headline < index and kept and title_key \
                and _next_article(page, index, kept[-1], title_key):
            # another story under its own headline (loaded below the article): the article ends here
            page.article_end = index
            dropped.extend(Dropped("next-article", b.text) for b in blocks[index:])
            break
        heading_like = block.tag in HEADING_TAGS or (block.length <= 60 and not ends_sentence(text))
        if not inside[block.owner]:
            # not article text; only classified so that ``removed`` says what the page carried
            if mark:
                dropped.append(Dropped(mark, text))
            elif heading_like and (reason := heading_reason(text)):
                outside_section = reason
                dropped.append(Dropped(reason, text))
            elif outside_section and block.link_density > 0.5:
                dropped.append(Dropped(outside_section, text))
            elif block.length <= 60 and (reason := line_reason(text)):
                dropped.append(Dropped(reason, text))
            elif block.length >= 80 and (reason := disclaimer_reason(text)):
                dropped.append(Dropped(reason, text))
            continue
        if mark:
            dropped.append(Dropped(mark, text))
            continue
        if heading_like and (reason := heading_reason(text)):
            section = reason
            if kept and reason == "comments" and COMMENTS_START.match(text):
                comments = True  # reader comments are prose: nothing after this heading is article
            dropped.append(Dropped(reason, text))
            continue
        if comments:
            dropped.append(Dropped("comments", text))
            continue
        subheading = block.tag in TEASER_TAGS and block.link_density > 0.5 and bool(kept) \
            and _linked_subheading(page, index, kept[-1])
        if block.tag in TEASER_TAGS and block.link_density > 0.9 and kept and not subheading:
            # a headline that is entirely a link, after article text: a list of teasers starts
            section = "headline-list"
            dropped.append(Dropped(section, text))
            continue
        prose = is_prose(block)
        if section and subheading:
            section = None
        if section:
            # a link section ends at clean running text (not at a truncated teaser summary)
            # (nor at a summary followed by the next linked headline: a flat list of teasers)
            if prose and block.link_density < SECTION_END_LINKS and (block.length >= 120 or ends_sentence(text)) \
                    and not text.endswith(("...", "…")) \
                    and (block.length >= TEASER_SUMMARY_MAX or not _teaser_next(blocks, index, inside)):
                section = None
            else:
                dropped.append(Dropped(section, text))
                continue
        if not _WORDLIKE.search(text):  # separators: "___", "* * *", bullets
            dropped.append(Dropped("separator", text))
            continue
        if reason := line_reason(text) or field_line_reason(text) or (not prose and notice_reason(text)):
            dropped.append(Dropped(reason, text))
            continue
        if title_key and abs(len(text) - len(title)) < 30 and text_key(text) == title_key:
            dropped.append(Dropped("headline", text))
            continue
        if block.link_density > 0.5 and not subheading and not (block.link_density < 0.8 and block.length >= 40
                                                                and ends_full_stop(text)):
            if block.tag == "li" and kept and not listed[block.owner]:
                pending.append((len(kept), len(dropped), block))  # an item of a list inside the article?
            dropped.append(Dropped("links", text))
            continue
        if len(text) >= 20:
            if text in seen:
                dropped.append(Dropped("duplicate", text))
                continue
            seen.add(text)
        kept.append(block)
    if pending:
        kept = _restore_inner_lists(kept, dropped, pending)
    kept = _drop_edge_disclaimers(kept, dropped)
    if page.hidden_texts and kept:
        visible = "\n".join(b.text for b in kept)
        for text in page.hidden_texts:
            if len(text) >= 40 and text[:80] in visible:
                dropped.append(Dropped("hidden-duplicate", text))
    return kept, dropped


def _restore_inner_lists(kept: list[Block], dropped: list[Dropped], pending) -> list[Block]:
    """Linked list items between two paragraphs of the article (a list of sources, steps, links the
    text walks through) are article text: only those after the last paragraph are a link section."""
    last_prose = max((i for i, b in enumerate(kept) if is_prose(b)), default=-1)
    restore = [(pos, d) for pos, d, block in pending if pos <= last_prose]
    if not restore:
        return kept
    out: list[Block] = []
    by_pos: dict[int, list[Block]] = {}
    for pos, d, block in pending:
        if pos <= last_prose:
            by_pos.setdefault(pos, []).append(block)
    drop_ids = {d for _, d in restore}
    dropped[:] = [x for j, x in enumerate(dropped) if j not in drop_ids]
    for i, block in enumerate(kept):
        out.extend(by_pos.get(i, ()))
        out.append(block)
    return out


def _next_article(page: Page, index: int, last_kept: Block, title_key: str) -> bool:
    """The ``<h1>`` at ``index`` is not the page's headline and leads an element of its own (one of its
    three nearest ancestors starts with it) that holds none of the article kept so far."""
    block = page.blocks[index]
    if block.link_density >= 0.5 or text_key(block.text) == title_key:
        return False
    previous = set(page.ancestors(page.blocks[index - 1].owner)) if index else set()
    kept_chain = set(page.ancestors(last_kept.owner))
    for depth, anc in enumerate(page.ancestors(page.parents[block.owner])):
        if depth >= 3 or anc in kept_chain:
            return False
        if anc not in previous:  # the h1 is the first block of ``anc``
            return True
    return False


def _teaser_next(blocks: list[Block], index: int, inside: list) -> bool:
    """After ``index`` comes a headline (a heading or a headline-long line) that is all link (the next item of a teaser list), or, for a
    short summary, the end of the article container (the last item)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None or not inside[following.owner]:
        return blocks[index].length < 120
    return (following.tag in TEASER_TAGS or following.length >= 15) and following.link_density > 0.9


def _linked_subheading(page: Page, index: int, previous: Block) -> bool:
    """A heading that is all link but sits among the article's paragraphs as their sibling and leads
    two or more paragraphs (a listicle's linked product / place names), not in a widget of its own
    (an embedded "related" teaser) nor leading a one-line summary (a flat list of teasers)."""
    blocks, parents = page.blocks, page.parents
    parent = parents[blocks[index].owner]
    if not is_prose(previous) or parents[previous.owner] != parent:
        return False
    prose = 0
    for block in blocks[index + 1: index + 12]:
        if parents[block.owner] != parent or block.tag in HEADING_TAGS:
            break
        if is_prose(block):
            prose += 1
            if prose >= 2:
                return True
    return False


def _drop_edge_disclaimers(kept: list[Block], dropped: list[Dropped]) -> list[Block]:
    """Leave out reprint / syndication / copyright notes before the first or after the last paragraph.

    Only at the edges: a paragraph inside the article that happens to start like one stays. The
    edges are scanned inwards over notes and short non-prose lines (bylines, labels) only.
    """
    drop: set[int] = set()
    n = len(kept)
    i = n - 1
    while i >= 0:  # trailing notes
        if disclaimer_reason(kept[i].text):
            drop.add(i)
        elif is_prose(kept[i]):
            break
        i -= 1
    last = i
    if last < 0:  # nothing but notes: not sure enough to leave the page empty
        return kept
    i = 0
    while i < last:  # leading notes: short ones only
        if len(kept[i].text) <= 300 and disclaimer_reason(kept[i].text):
            drop.add(i)
        elif is_prose(kept[i]):
            break
        i += 1
    if not drop:
        return kept
    dropped.extend(Dropped("disclaimer", kept[j].text) for j in sorted(drop))
    return [b for j, b in enumerate(kept) if j not in drop]
