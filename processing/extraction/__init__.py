"""Building blocks of the hand-written article extractor behind ``newsflow.processing.extract``.

- page bytes are decoded by ``newsflow.core.encoding`` (BOM, HTTP charset, ``<meta>``, detection).
- ``metadata`` / ``dates``: headline, canonical URL, authors..., dates with their evidence.
- ``main_text``: the body pipeline over a lexbor tree:
  ``body`` linearises the DOM into paragraph-level text blocks with element marks (tag, role,
  class/id vocabulary, hidden), ``container`` scores elements and picks the article's roots
  (prose held directly, minus link text and noise, plus clean sibling parts found by climbing through
  wrapper-only and decoration-only levels, bridged across subheadings, never teaser streams nor a
  second story under its own h1; headline lists are detected by shape; notices -- cookie, paywall,
  embed consent, gallery counters -- by their text; on a page with little running text, position
  after the headline overrules weak class marks), and ``select`` keeps the article blocks and names
  every dropped one.
- ``vocab``: loads the multilingual boilerplate vocabulary from ``vocab.json`` (class words, headings,
  standalone lines, notices, syndication / reprint disclaimers, labelled "Source: / Author: / Views:"
  field lines).
- ``newsflow.processing.extract`` asks trafilatura for a second opinion on uncertain pages only (empty body, or
  a body holding little of the page's running text) and takes it only when it finds more.
"""
