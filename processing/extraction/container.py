"""Which elements hold the article: block values, boilerplate marks, teaser lists, the container.

Every function works on the arrays of a ``body.Page`` (elements numbered in document order, so a
parent always precedes its children and subtree sums are one backward pass).
"""

from __future__ import annotations

import re

from .body import HEADING_TAGS, Block, Page, ends_sentence
from .vocab import NOTICE_MAX, heading_reason, notice_reason

NOISE_WEIGHT = 1.0  # how much a character of link text / short-line noise costs a container
SHORT_WEIGHT = 0.3  # short non-prose lines (dates, labels) are weaker evidence of boilerplate
PROTECT_SHARE = 0.5  # marks on an element holding this share of all prose are distrusted
STRONG_MARKS = frozenset({"footer", "comments", "nav", "related-list", "recommendation-list", "ranking-list",
                          "newsletter", "share", "cookie-banner", "modal"})
_WORD = re.compile(r"\w+")
LIST_MARKS = frozenset({"related-list", "recommendation-list", "ranking-list", "nav", "tags"})


def is_prose(block: Block) -> bool:
    """Running text: long enough, or a sentence, and not mostly link text."""
    if block.link_density > 0.5:
        return False
    return block.length >= 80 or (block.length >= 40 and ends_sentence(block.text))


def _value(block: Block) -> tuple[float, float]:
    """(prose chars, noise chars) a block contributes to each of its ancestors.

    Link text inside sentences counts half (linked prose), a block that is mostly one link
    (a headline in a list) counts as noise.
    """
    n = block.length
    if block.tag in HEADING_TAGS:
        return 0.0, 0.0
    density = block.link_density
    if density < 0.75 and (n >= 80 or (n >= 40 and ends_sentence(block.text))):
        links = n * density
        return n - links * 0.5, links * 0.5
    if density > 0.5:
        return 0.0, float(n)
    return 0.0, n * SHORT_WEIGHT


def _subtree_sums(page: Page, own: list[float]) -> list[float]:
    """Sum of ``own`` over each element's subtree (elements are numbered in document order)."""
    total = own[:]
    parents = page.parents
    for elem in range(len(total) - 1, 0, -1):
        total[parents[elem]] += total[elem]
    return total


def inherit(page: Page, own: list) -> list:
    """Each element's own value, or else its nearest ancestor's (document order: parents first)."""
    out = own[:]
    if out.count(None) == len(out):
        return out
    parents = iter(page.parents)
    next(parents, None)  # the root has no parent
    for elem, parent in enumerate(parents, 1):
        if out[elem] is None:
            out[elem] = out[parent]
    return out


def resolve_marks(page: Page, headline: int = -1, lead: bool = False) -> list[str | None]:
    """Effective mark of each block, after protecting marks that must be wrong.

    A mark on an ancestor of the headline is ignored (``<article class="post tag-x author-y">``);
    so is a weak mark (sidebar, widget, tags...) over three or more clean paragraphs, and a strong
    one (footer, share, related...) over most of the page's prose and three or more clean
    paragraphs, except for comments.
    """
    n_elems = len(page.parents)
    own_prose = [0.0] * n_elems
    own_paras = [0.0] * n_elems
    for block in page.blocks:
        n = block.length
        density = block.link_density
        # _value(block)[0], inlined: prose characters (a zero adds nothing)
        if density < 0.75 and (n >= 80 or (n >= 40 and ends_sentence(block.text))) \
                and block.tag not in HEADING_TAGS:
            own_prose[block.owner] += n - n * density * 0.5
        if n >= 120 and density < 0.2:
            own_paras[block.owner] += 1
    # subtree sums of both (one backward pass; adding a zero changes no sum)
    prose, paragraphs = own_prose, own_paras
    parents = page.parents
    for elem in range(n_elems - 1, 0, -1):
        value = prose[elem]
        if value:
            prose[parents[elem]] += value
        value = paragraphs[elem]
        if value:
            paragraphs[parents[elem]] += value
    total = prose[0] or 1.0
    protected = set(page.ancestors(page.blocks[headline].owner)) if headline >= 0 else set()
    # with ``lead``: class marks over the article's first paragraph are distrusted too, except LEAD_FIRM_MARKS
    # (see _lead_elements)
    lead = _lead_elements(page, headline) - protected if lead else set()
    own: list[str | None] = [None] * n_elems
    lists = headline_lists(page)
    page.teaser_lists = [e for e, _ in lists]
    for e, first in lists:
        if e not in protected and e not in lead and prose[e] < PROTECT_SHARE * total:
            own[e] = _list_reason(page, e, first)
    for e, r in page.marks.items():
        if e in protected or (e in lead and r not in LEAD_FIRM_MARKS):
            continue
        if r in STRONG_MARKS:
            trusted = prose[e] < PROTECT_SHARE * total or r == "comments" or paragraphs[e] < 3
        else:  # weak marks (sidebar, widget, byline, tags...) never hold three clean paragraphs
            trusted = prose[e] < PROTECT_SHARE * total and paragraphs[e] < 3
        if trusted:
            own[e] = r
    effective = inherit(page, own)
    # quotes and embedded posts (tweets) keep their text inside weakly marked widgets
    if "blockquote" not in page.tags:
        marks = [effective[b.owner] for b in page.blocks]
    else:
        quoted = inherit(page, [True if t == "blockquote" else None for t in page.tags])
        marks = [
            None if quoted[b.owner] and effective[b.owner] not in STRONG_MARKS else effective[b.owner]
            for b in page.blocks
        ]
    return _notice_marks(page, marks)


LEAD_WINDOW = 4  # blocks after the headline in which the article's first paragraph is looked for
# marks that position does not overrule (what follows a headline may be a caption or the comments; nav and
# footer come from tags and roles); class words such as share / newsletter / widget on a wrapper it does
LEAD_FIRM_MARKS = frozenset({"comments", "caption", "nav", "footer", "cookie-banner", "modal"})


def _lead_elements(page: Page, headline: int) -> set[int]:
    """Ancestors of the article's first paragraph: the first clean running text within a few blocks after
    the headline (position, not class names: a short article in a ``widget`` / ``promo`` box is still the
    article). Empty without a headline."""
    if headline < 0:
        return set()
    blocks, marks = page.blocks, page.marks
    for block in blocks[headline + 1: headline + 1 + LEAD_WINDOW]:
        if block.link_density < 0.2 and block.length >= 80 and ends_sentence(block.text) \
                and block.tag not in HEADING_TAGS:
            chain = list(page.ancestors(block.owner))
            if any(marks.get(e) in LEAD_FIRM_MARKS for e in chain):
                continue
            return set(chain)
    return set()


def _notice_marks(page: Page, marks: list[str | None]) -> list[str | None]:
    """Mark notices by their text (cookie banners, paywall promos, embed-consent placeholders, gallery
    counters): they are neither a container's prose nor article text, whatever their classes say.
    A notice's short companion lines in the same element (its buttons: "Accept all", "Log in") go with it."""
    noticed: dict[int, str] = {}
    for i, block in enumerate(page.blocks):
        # running text only here (what a container is chosen by); other lines inside the article are
        # checked by ``select``
        if marks[i] is None and block.length <= 3 * NOTICE_MAX and is_prose(block) \
                and (reason := notice_reason(block.text)):
            marks[i] = reason
            noticed[block.owner] = reason
    if noticed:
        for i, block in enumerate(page.blocks):
            if marks[i] is None and block.length < 40 and block.owner in noticed:
                marks[i] = noticed[block.owner]
    return marks


def headline_lists(page: Page) -> list[tuple[int, int]]:
    """Elements whose children are mostly small items led by a link (teaser / headline lists).

    An item is a child element with at most four text blocks and under 600 characters whose first
    block is (almost) all link text: a headline link, optionally with a thumbnail, a one-line
    summary and a date. Three or more such items making up most of the children mark the list.
    Returns ``(element, index of its first block)`` pairs.
    """
    parents = page.parents
    n_elems = len(parents)
    first = [-1] * n_elems  # index of the first block in the element's subtree
    own_count = [0.0] * n_elems
    own_chars = [0.0] * n_elems
    for i, block in enumerate(page.blocks):
        owner = block.owner
        if first[owner] < 0:
            first[owner] = i
        own_count[owner] += 1
        own_chars[owner] += block.length
    # one backward pass (children come after their parent): when an element is reached, its
    # subtree's first block, block count and chars are complete; they are passed up to its parent,
    # which counts it as a child with text and, when it is small and led by a link, as an item
    count, chars = own_count, own_chars
    items = [0] * n_elems
    with_text = [0] * n_elems
    blocks = page.blocks
    for elem in range(n_elems - 1, 0, -1):
        f = first[elem]
        if f >= 0:  # the subtree holds blocks
            parent = parents[elem]
            if first[parent] < 0 or f < first[parent]:
                first[parent] = f
            n = count[elem]
            n_chars = chars[elem]
            count[parent] += n
            chars[parent] += n_chars
            with_text[parent] += 1
            if n <= 4 and n_chars < 600:
                lead = blocks[f]
                if lead.link_density > 0.8 and lead.length >= 15:
                    items[parent] += 1
    return [(e, first[e]) for e in range(n_elems) if items[e] >= 3 and items[e] >= 0.6 * with_text[e]]


def _list_reason(page: Page, elem: int, first: int) -> str:
    """Name a headline list by the heading just before or atop it, or by a marked ancestor."""
    for i in (first - 1, first):
        if i >= 0:
            block = page.blocks[i]
            if block.length <= 60 and (reason := heading_reason(block.text)):
                return reason
    for depth, anc in enumerate(page.ancestors(elem)):
        if depth > 2:
            break
        reason = page.marks.get(anc)
        if reason in LIST_MARKS:
            return reason
    return "headline-list"


def title_index(page: Page, title: str | None) -> int:
    """Index of the block repeating the headline (an h1 first, else any non-link block), or -1.

    Link blocks are skipped: the page's own headline often recurs in "most read" lists.
    """
    if not title:
        return -1
    key = text_key(title)
    if not key:
        return -1
    fallback = -1
    for i, block in enumerate(page.blocks):
        if abs(len(block.text) - len(title)) < 40 and block.link_density < 0.5 and text_key(block.text) == key:
            if block.tag == "h1":
                return i
            if fallback < 0:
                fallback = i
    return fallback


DECAY = 0.5  # weight of a block's value per extra level between an element and the block's parent


def choose_container(page: Page, marks: list[str | None], headline: int = -1) -> set[int]:
    """Article roots: the element most directly holding prose, plus prose-bearing siblings.

    Each block's prose-minus-noise counts fully for its own element and its parent and decays
    geometrically for higher ancestors, so the element that *directly* holds the paragraphs wins
    over wrappers of repeated teaser items (whose summaries each sit in their own item element).
    Text before the headline (tickers, menus) counts a quarter. Siblings of the winner, and of
    its ancestors, are then merged when they hold clean prose (articles split by ads or columns).
    """
    parents = page.parents
    n_elems = len(parents)
    own = [0.0] * n_elems
    own_good = [0.0] * n_elems
    own_noise = [0.0] * n_elems
    own_last = [-1] * n_elems
    own_count = [0.0] * n_elems
    unmarked = [0] * n_elems
    linked_heads = [0] * n_elems  # headings that are all link: the headlines of a teaser stream
    first_prose = [-1] * n_elems  # the subtree's first block of running text
    other_h1 = [0] * n_elems  # h1 headlines after the page's own
    for i, (block, mark) in enumerate(zip(page.blocks, marks)):
        own_last[block.owner] = i
        own_count[block.owner] += 1
        if mark:
            continue  # dropped from the output anyway
        unmarked[block.owner] += 1
        if block.tag in HEADING_TAGS and block.link_density > 0.8:
            linked_heads[block.owner] += 1
        if headline >= 0 and i > headline and block.tag == "h1" and block.link_density < 0.5:
            other_h1[block.owner] += 1  # another article's headline (infinite scroll, a second story)
        good, noise = _value(block)
        if good and first_prose[block.owner] < 0:
            first_prose[block.owner] = i
        delta = good - NOISE_WEIGHT * noise
        own[block.owner] += delta * 0.25 if i < headline else delta
        own_good[block.owner] += good
        own_noise[block.owner] += noise
    sentence = [False] * n_elems  # the element's last clean block ends a sentence
    for block, mark in zip(page.blocks, marks):
        if not mark and block.link_chars == 0 and ends_sentence(block.text) \
                and not block.text.endswith(("...", "…")):
            sentence[block.owner] = True
    # one backward pass: subtree sums of good / noise / block count (a zero adds nothing), the last
    # block of each subtree, and child_t:
    # score[e] = own[e] + sum over children c of T[c], with T[c] = own[c] + DECAY * sum of T over c's children
    good_sum, noise_sum, n_blocks = own_good[:], own_noise, own_count
    child_t = [0.0] * n_elems
    last_block = own_last[:]
    for elem in range(n_elems - 1, 0, -1):
        parent = parents[elem]
        child_t[parent] += own[elem] + DECAY * child_t[elem]
        last = last_block[elem]
        if last >= 0:  # the subtree holds blocks
            f = first_prose[elem]
            if f >= 0 and (first_prose[parent] < 0 or f < first_prose[parent]):
                first_prose[parent] = f
            if last > last_block[parent]:
                last_block[parent] = last
            n_blocks[parent] += n_blocks[elem]
            unmarked[parent] += unmarked[elem]
            other_h1[parent] += other_h1[elem]
            linked_heads[parent] += linked_heads[elem]
            value = good_sum[elem]
            if value:
                good_sum[parent] += value
            value = noise_sum[elem]
            if value:
                noise_sum[parent] += value
    scores = [a + b for a, b in zip(own, child_t)]
    best = scores.index(max(scores))  # the first best, as max(range(n_elems), key=score) gives
    if headline >= 0:
        best = _before_next_headline(page, best, scores, first_prose, last_block, other_h1, good_sum, headline)
    best = _tighten(page, best, good_sum, own_good)
    roots = {best}
    current = best
    levels = 0
    for depth in range(1, MAX_CLIMB + 1):
        parent = parents[current]
        if parent < 0:
            break
        siblings = []
        e = parent + 1
        while e < n_elems and parents[e] >= parent:  # the parent's subtree (contiguous in document order)
            if parents[e] == parent:
                siblings.append(e)
            e += 1
        # children with text that is not marked boilerplate (a rail of marked widgets is no rival part)
        with_text = [sib for sib in siblings if unmarked[sib]]
        if len(with_text) <= 1:  # a wrapper around the article alone: climb on without counting a level
            current = parent
            continue
        levels += 1
        if levels > MERGE_LEVELS:
            break
        threshold = max(0.2 * good_sum[best], 200.0)
        added = False
        template = _template(page, current, first_prose)
        for sib in with_text:
            if sib == current or sib in roots or last_block[sib] < headline:
                continue
            if linked_heads[sib] >= TEASER_HEADS:  # a stream of linked headlines with summaries
                continue
            if other_h1[sib] and sib > current:  # another article, under its own headline
                continue
            g, n = good_sum[sib], noise_sum[sib]
            # small parts (a paragraph or two) join near the winner; higher up only before the article
            # (a lead): after it they are notes, prompts, bios (a part between two parts is bridged)
            paragraph_like = n_blocks[sib] <= 2 and page.tags[sib] not in HEADING_TAGS \
                and (depth <= NEAR_LEVELS or sib < current or _template(page, sib, first_prose) == template)
            if (g and n <= 0.25 * (g + n) and (g >= threshold or (paragraph_like and g >= 60)
                                                 or (own[sib] + child_t[sib] >= 60 and n <= 0.05 * g))) \
                    or (paragraph_like and n_blocks[sib] == 1 and sentence[sib] and n <= 15):
                roots.add(sib)
                added = True
        if added:
            _bridge(with_text, roots, current, n_blocks, noise_sum, good_sum)
        elif current != best:
            # nothing joined here: stop, unless the rest of this level is light decoration of the part we
            # hold (a section's heading, a price or share box): then its siblings may be the next sections
            rest = sum(good_sum[sib] + noise_sum[sib] for sib in with_text if sib != current and sib not in roots)
            if rest > DECORATION_SHARE * good_sum[current]:
                break
            levels -= 1
        current = parent
    return roots


TEASER_HEADS = 3  # a sibling with this many all-link headings is a teaser stream, not a part of the article
DECORATION_SHARE = 0.25  # other children of a level lighter than this share of our part do not stop the climb
NEAR_LEVELS = 2  # ancestors of the winner whose small clean children join it wherever they stand
MAX_CLIMB = 12  # ancestors looked at for sibling parts of the article
MERGE_LEVELS = 3  # of which levels with other text-bearing children
BRIDGE_NOISE = 40.0  # a subheading / short line between two parts of the article carries at most this noise


def _before_next_headline(page: Page, best: int, scores, first_prose, last_block, other_h1, good_sum,
                          headline: int) -> int:
    """The page's own article, not a second one under a later ``<h1>`` (a story loaded below, infinite
    scroll): when the winner's text starts after another headline, the best element whose text lies
    between the page's headline and that one wins instead, if it holds running text."""
    start = first_prose[best]
    if start < 0 or not other_h1[0]:
        return best
    blocks = page.blocks
    nxt = next((i for i in range(headline + 1, len(blocks)) if blocks[i].tag == "h1" and blocks[i].link_density < 0.5), -1)
    if nxt < 0 or start < nxt:
        return best
    candidates = [e for e in range(len(scores)) if headline < first_prose[e] < nxt and 0 <= last_block[e] < nxt
                  and good_sum[e] >= 200]
    return max(candidates, key=scores.__getitem__) if candidates else best


def _template(page: Page, elem: int, first_prose: list[int]) -> tuple[str, int] | None:
    """Shape of a part of the article: its tag and how deep its first running text sits in it. Parts of
    one article split by ads or widgets repeat the same shape (``div > div > div > p``); notes, prompts
    and bios after it rarely do."""
    first = first_prose[elem]
    if first < 0:
        return None
    depth, e, parents = 0, page.blocks[first].owner, page.parents
    while e != elem and e >= 0:
        e = parents[e]
        depth += 1
    return page.tags[elem], depth


def _bridge(seq: list[int], roots: set[int], current: int, n_blocks, noise_sum, good_sum) -> None:
    """Continuity: a short element (subheading, label, one-line quote) standing between two parts of the
    article at the same level belongs to it (the text goes on across subheadings)."""
    inside = [s in roots or s == current for s in seq]
    for k in range(1, len(seq) - 1):
        s = seq[k]
        if inside[k] or not inside[k - 1]:
            continue
        nxt = next((j for j in range(k + 1, len(seq)) if inside[j]), -1)
        if nxt < 0 or nxt - k > 2:
            continue
        if all(n_blocks[seq[j]] <= 2 and noise_sum[seq[j]] <= BRIDGE_NOISE for j in range(k, nxt)):
            for j in range(k, nxt):
                roots.add(seq[j])
                inside[j] = True


TIGHT_SHARE = 0.9  # a child holding this share of the winner's prose is the article itself


def _tighten(page: Page, best: int, good_sum: list[float], own_good: list[float]) -> int:
    """Descend from the winner into the one child that holds nearly all of its prose.

    An element holding its text directly (``<div>text<br><br>text</div>``) scores the same for its
    parent, which then wins on any clean extra line (a kicker, a copyright line) around it; the
    sibling merge afterwards re-adds clean prose beside the child.
    """
    parents = page.parents
    while good_sum[best] > 0 and own_good[best] < (1 - TIGHT_SHARE) * good_sum[best]:
        top, e = -1, best + 1
        while e < len(parents) and parents[e] >= best:  # the subtree is contiguous in document order
            if parents[e] == best and (top < 0 or good_sum[e] > good_sum[top]):
                top = e
            e += 1
        if top < 0 or good_sum[top] < TIGHT_SHARE * good_sum[best]:
            break
        best = top
    return best


def text_key(text: str) -> str:
    """Lower-cased words only: for comparing a block with the headline."""
    return " ".join(_WORD.findall(text.lower()))
