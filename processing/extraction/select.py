"""Article blocks out of the chosen container, and a reason for everything left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import HEADING_TAGS, Block, Page, ends_full_stop, ends_sentence
from .container import inherit, is_prose, text_key
from .vocab import COMMENTS_START, heading_reason, line_reason

_WORDLIKE = re.compile(r"\w")
TEASER_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Dropped:
    """A block left out of the body (document order), before samples are made."""

    reason: str
    text: str


def select_blocks(
    page: Page, marks: list[str | None], roots: set[int], title: str | None
) -> tuple[list[Block], list[Dropped]]:
    """Blocks of the container that are article text, plus what was dropped and why."""
    kept: list[Block] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    title_key = text_key(title) if title else None
    section: str | None = None  # reason of a heading-introduced boilerplate section in progress
    inside = inherit(page, [True if e in roots else None for e in range(len(page.parents))])
    outside_section: str | None = None
    comments = False
    for block, mark in zip(page.blocks, marks):
        text = block.text
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
        if block.tag in TEASER_TAGS and block.link_density > 0.9 and kept:
            # a headline that is entirely a link, after article text: a list of teasers starts
            section = "headline-list"
            dropped.append(Dropped(section, text))
            continue
        prose = is_prose(block)
        if section:
            # a link section ends at clean running text (not at a truncated teaser summary)
            if prose and block.link_density < 0.1 and (block.length >= 120 or ends_sentence(text)) \
                    and not text.endswith(("...", "…")):
                section = None
            else:
                dropped.append(Dropped(section, text))
                continue
        if not _WORDLIKE.search(text):  # separators: "___", "* * *", bullets
            dropped.append(Dropped("separator", text))
            continue
        if reason := line_reason(text):
            dropped.append(Dropped(reason, text))
            continue
        if title_key and abs(len(text) - len(title)) < 30 and text_key(text) == title_key:
            dropped.append(Dropped("headline", text))
            continue
        if block.link_density > 0.5 and not (block.link_density < 0.8 and block.length >= 80
                                             and ends_full_stop(text)):
            dropped.append(Dropped("links", text))
            continue
        if len(text) >= 20:
            if text in seen:
                dropped.append(Dropped("duplicate", text))
                continue
            seen.add(text)
        kept.append(block)
    if page.hidden_texts and kept:
        visible = "\n".join(b.text for b in kept)
        for text in page.hidden_texts:
            if len(text) >= 40 and text[:80] in visible:
                dropped.append(Dropped("hidden-duplicate", text))
    return kept, dropped
