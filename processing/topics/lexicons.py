"""The topic classifier's word lists, read from small package-data files (no lists live in code).

* ``cue_lexicons.json``: generic vocabularies written from the labelling guidelines (war and
  diplomacy words, personal-life words, sports, business, ...) and place lists (states, demonyms,
  capitals, international bodies). They feed the small *cue model* only.
* ``name_lists.json``: lists of named people and groups (well-known entertainers, officials,
  militant groups, common given names). They are kept as data for experiments and evidence; the
  shipped recipe decides by CV whether the cue model may read them (see
  :mod:`newsflow.dev.training.topics`), and the learned model never does.

Both files are ``{"format": "newsflow-topic-lists-1", "lists": {category: [phrase, ...]}}``; phrases
are matched lower-cased and tokenised like article text (:func:`newsflow.processing.topics.text.tokens`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from newsflow.processing.topics.text import phrases as _phrases

CUE_FILE = Path(__file__).with_name("cue_lexicons.json")
NAMES_FILE = Path(__file__).with_name("name_lists.json")
FORMAT = "newsflow-topic-lists-1"


@lru_cache(maxsize=None)
def load_lists(path: Path) -> dict[str, frozenset[str]]:
    """``category -> phrases`` of one list file (phrases normalised like article tokens)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a {FORMAT} file")
    return {cat: _phrases(",".join(items)) for cat, items in sorted(data["lists"].items())}


_NAMES = load_lists(NAMES_FILE)
#: Given names: the cue that a headline names a person (not who the person is).
FIRST_NAMES: frozenset[str] = _NAMES["first_name"]
#: Vocabulary and place categories (generic knowledge).
VOCABULARY: dict[str, frozenset[str]] = dict(load_lists(CUE_FILE))
#: Named people and groups (everything of ``name_lists.json`` except the given names).
NAME_LISTS: dict[str, frozenset[str]] = {c: p for c, p in _NAMES.items() if c != "first_name"}
#: All matched categories.
LEXICONS: dict[str, frozenset[str]] = {**VOCABULARY, **NAME_LISTS}
NAME_CATEGORIES = frozenset(NAME_LISTS)

# Groups used for conjunction features ("a foreign actor AND war vocabulary", ...).
FOREIGN_GROUP = ("country", "demonym", "capital", "intl_org", "foreign_leader", "conflict_zone", "foreign_city")
GEO_ACTION_GROUP = ("diplomacy", "military", "sanctions")
CELEB_GROUP = ("celeb_role", "reality_tv", "royals", "famous_person")
