"""Building blocks of the hand-written article extractor behind ``newsflow.processing.extract``.

- page bytes are decoded by ``newsflow.core.encoding`` (BOM, HTTP charset, ``<meta>``, detection).
- ``metadata`` / ``dates``: headline, canonical URL, authors..., dates with their evidence.
- ``main_text``: the body pipeline over a lexbor tree:
  ``body`` linearises the DOM into paragraph-level text blocks with element marks (tag, role,
  class/id vocabulary, hidden), ``container`` scores elements and picks the article's roots
  (prose held directly, minus link text and noise, plus clean sibling paragraphs; headline lists
  are detected by shape), and ``select`` keeps the article blocks and names every dropped one.
- ``vocab``: the multilingual boilerplate vocabulary (class words, headings, standalone lines,
  syndication / reprint disclaimers, labelled "Source: / Author: / Views:" field lines).
"""
