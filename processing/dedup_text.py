"""Text clean-up for near-duplicate detection (pure functions, no I/O).

A republished wire story differs from the original mostly in *page furniture*, not in its body:
a site name appended to the title ("... | Metro Herald"), desk prefixes ("UPDATE 1-"), a new or
dropped dateline ("KANSAS CITY, Mo, March 31 - "), "Published ... / Updated ..." stamps, share and
newsletter prompts, bylines, copyright notices.  :func:`clean_body` strips those generic web/wire
patterns paragraph by paragraph; :func:`tokens` then case-folds, drops punctuation and maps a few
wire-style unit abbreviations to one spelling ("dlrs"/"dollars", "mln"/"million", "pct"/"percent")
and spelled-out numbers to digits ("seven" -> "7").  Numbers are kept (joined across thousands
separators, and a mixed fraction such as "9-1/2" is one figure) because recurring templated reports
differ mainly in their figures.
"""

from __future__ import annotations

import re

__all__ = [
    "STOPWORDS", "canonical_token", "clean_body", "is_boilerplate", "raw_tokens", "strip_dateline", "strip_title",
    "tokens",
]

_MONTH = r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"

# One paragraph (or line) that is pure page furniture.  Kept to generic web/wire categories.
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:first\s+)?(?:published|updated|posted|last\s+updated|modified)\b:?
           (?=.*(?:\d|\bago\b|yesterday|today|just\s+now)).{0,60}   # a stamp has a time or date
      | \d+\s*(?:min|mins|minute|minutes)\s+read
      | (?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted)
      | (?:\d+\s+)?comments?\s*(?:\(\d+\))?
      | (?:view|show|read|load|add)\s+(?:\d+\s+)?comments?.{0,20}
      | (?:share|share\s+this(?:\s+(?:article|story|page))?|share\s+on\s+\w+|tweet|email|print|whatsapp|
           facebook|twitter|linkedin|reddit|pinterest|telegram|copy\s+link|\s)+
      | (?:follow|like)\s+us\b.{0,80}
      | (?:sign\s+up|subscribe|register|log\s*in|join)\b.{0,100}
      | (?:listen\s+to\s+this\s+(?:article|story)|audio\s+version).{0,30}
      | report\s+an?\s+(?:error|typo|correction|issue)
      | (?:read\s+more|see\s+also|related(?:\s+(?:stories|articles|news|content|coverage|topics))?|
           more\s+from\b|recommended|most\s+read|trending|you\s+may\s+also\s+like)\b.{0,400}
      | (?:©|\(c\)|copyright\b|all\s+rights\s+reserved).{0,250}
      | \(?(?:reporting|writing|editing|additional\s+reporting|compiled)\s+by\b[^)]{0,120}\)?
      | by\s+(?:[\w.'-]+\s+){0,4}(?:staff|reporters?|correspondents?|desk|wires?|agencies|newsroom)
      | this\s+(?:story|article|report|content)\s+(?:has\s+been|was|is)\s+
           (?:published|generated|auto-generated|sourced|syndicated|edited|taken|provided)\b.{0,150}
      | (?:photo|image|file\s+photo|video)\s*:.{0,150}
    )[.!]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Every paragraph _BOILERPLATE matches starts with a digit or one of these (lower-cased) prefixes:
# the first words of its alternatives.  Checked first, it spares most body paragraphs the regex.
_BOILERPLATE_STARTS = (
    "first", "published", "updated", "posted", "last", "modified", "advertis", "sponsored", "ad",
    "promoted", "comment", "view", "show", "read", "load", "add", "share", "tweet", "email", "print",
    "whatsapp", "facebook", "twitter", "linkedin", "reddit", "pinterest", "telegram", "copy", "follow",
    "like", "sign", "subscribe", "register", "log", "join", "listen", "audio", "report", "see",
    "related", "more", "recommended", "most", "trending", "you", "©", "(", "copyright", "all",
    "reporting", "writing", "editing", "additional", "compiled", "by", "this", "photo", "image",
    "file", "video",
)
# A navigation strip: "Markets | World | Business" (2+ short segments separated by bars/bullets).
_NAV_SEPARATORS = "|•·»›"
_NAV = re.compile(r"^\s*[\w&'.-]+(?:\s+[\w&'.-]+){0,2}(?:\s*[|•·»›]\s*[\w&'.-]+(?:\s+[\w&'.-]+){0,2})+\s*$")

# Datelines: "KANSAS CITY, Mo, March 31 - ", "c CHICAGO, March 9 - ", "LONDON (Reuters) - ",
# "Paris, 3 April 2020 -", in any case (republishers re-case text).  Checked procedurally (no
# backtracking regex): a dash near the start, a date or "(Agency)" right before it, place words before.
_DASH = re.compile(r"\s*(?:-+|–|—)\s+")
_DATE_TAIL = re.compile(
    rf"(?:[\s,]*(?:\([^)]{{1,30}}\))?[\s,]*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s*\d{{4}})?"
    rf"|\s*\([^)]{{1,30}}\))[\s,]*$"
)
_NOT_PLACE_END = {"on", "in", "at", "by", "from", "since", "until", "to", "of", "for", "said", "the", "and"}
# Desk prefixes on titles: "UPDATE 1-", "WRAPUP 2-", "REFILE-", "(corrected)-", "EXCLUSIVE-".
_TITLE_PREFIX = re.compile(
    r"^\s*(?:\(?(?:update|wrapup|refile|corrected|correction|exclusive|analysis|focus|insight|"
    r"breakingviews|factbox|timeline|rpt|repeat|urgent|flash|breaking|live|video|opinion|"
    r"column|interview|preview|review|explainer)\)?(?:\s*\d+)?\s*[-:–—]\s*)+",
    re.IGNORECASE,
)
# Site-name suffix: "... | Metro Herald", "... :: Northern Star", "... - Harbour City News" (short tail).
_TITLE_SUFFIX = re.compile(r"\s+[|•·:»~/\-–—]{1,3}\s+[^|•·:»~\-–—\n]{1,40}$")

# A figure is one token: "1,250.5", "12:30", "3/4" and the mixed fraction "9-1/2" (one price, not two).
# Words first: most tokens are words, and the alternatives are tried in order at every position
# (about a quarter faster than figures first; the two alternatives never start on the same character).
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,:/]\d+)*(?:-\d+/\d+)?|%")
# The same tokens for ASCII text (most news text), with ASCII classes: about 2x faster.
_TOKEN_ASCII = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+(?:[.,:/][0-9]+)*(?:-[0-9]+/[0-9]+)?|%", re.ASCII)

# Wire-style unit abbreviations and their spelled-out forms, mapped to one spelling.
_CANON = {
    "dlr": "dlr", "dlrs": "dlr", "dollar": "dlr", "dollars": "dlr",
    "mln": "mln", "million": "mln", "mn": "mln", "mlns": "mln", "millions": "mln",
    "bln": "bln", "billion": "bln", "bn": "bln", "billions": "bln",
    "pct": "pct", "percent": "pct", "per": "per", "%": "pct",
    "vs": "vs", "versus": "vs",
    "ct": "ct", "cts": "ct", "cent": "ct", "cents": "ct",
    "shr": "shr", "shrs": "shr",
    "mths": "mths", "months": "mths", "mth": "mths", "month": "mths",
    "qtr": "qtr", "quarter": "qtr", "qtrs": "qtr", "quarters": "qtr",
    "avg": "avg", "average": "avg",
    "revs": "revs", "revenues": "revs", "revenue": "revs",
    "oper": "oper", "operating": "oper",
    "yr": "yr", "year": "yr", "yrs": "yr", "years": "yr",
    "st": "st", "street": "st",
    "co": "co", "company": "co", "corp": "corp", "corporation": "corp",
    "inc": "inc", "incorporated": "inc", "ltd": "ltd", "limited": "ltd",
}
# Spelled-out numbers become digits so "seven ships" and "7 ships" agree and count as figures.
_CANON.update({w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())})
_CANON.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
               "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000"})


# English function words.  Shingles skip them, so a republisher's small rewording ("which" ->
# "that", "the possibility of" -> "a possible") breaks fewer shingles; figures and the content hash
# still see every token.
STOPWORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as is are was were be been being am "
    "it its this that these those which who whom whose what there their theirs they them he him his "
    "she her hers we us our i me my you your would will could should may might must shall can has "
    "have had having do does did not no so than then also about into onto over under after before "
    "up down out off such some any all other another each very just only said says say".split()
)


def is_boilerplate(paragraph: str) -> bool:
    """True for a paragraph that is page furniture (stamps, share/subscribe prompts, credits, nav)."""
    p = paragraph.strip()
    if not p:
        return True
    if len(p) > 450:
        return False
    head = p[:12].lower()
    if (head[0].isdigit() or head.startswith(_BOILERPLATE_STARTS)) and _BOILERPLATE.match(p):
        return True
    return any(c in p for c in _NAV_SEPARATORS) and bool(_NAV.match(p))


def strip_title(title: str) -> str:
    """Drop desk prefixes ("UPDATE 1-") and a trailing site name (" | Metro Herald") from a title."""
    t = _TITLE_PREFIX.sub("", title.strip())
    # Only strip a suffix if enough title is left; repeat for "Title - Section | Site".
    for _ in range(2):
        m = _TITLE_SUFFIX.search(t)
        if not m or len(t[: m.start()].split()) < 3:
            break
        t = t[: m.start()]
    return t


def strip_dateline(paragraph: str) -> str:
    """Drop a leading wire dateline ("KANSAS CITY, Mo, March 31 - ") from a paragraph."""
    pos = 0
    for _ in range(2):  # "ROCKVILLE, Md, - March 6 - ": the dateline may contain a dash
        m = _DASH.search(paragraph, pos, 90)
        if not m:
            return paragraph
        head = paragraph[: m.start()]
        tail = _DATE_TAIL.search(head)
        if tail:
            place = re.sub(r"[^\w\s.'&/-]", " ", head[: tail.start()]).split()
            if 1 <= len(place) <= 7 and not any(c.isdigit() for c in head[: tail.start()]):
                if place[-1].casefold().rstrip(".,") not in _NOT_PLACE_END:
                    return paragraph[m.end():]
        pos = m.end()
    return paragraph


def clean_body(text: str) -> str:
    """Title (without prefix/suffix) plus body paragraphs without datelines and page furniture."""
    paras = [p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text or "")]
    paras = [p for p in paras if p]
    if not paras:
        return ""
    out: list[str] = []
    first = True
    for p in paras:
        if len(out) >= 3:  # datelines and title furniture only occur near the top
            if not is_boilerplate(p):
                out.append(p)
            continue
        if "\n" in p:  # single-newline formatted text: judge line by line
            lines = [ln.strip() for ln in p.splitlines()]
            p = "\n".join(ln for ln in lines if ln and not is_boilerplate(ln))
            if not p:
                continue
        elif is_boilerplate(p):
            continue
        if first:
            if len(p) <= 200:  # a title line, not a body paragraph (bodies may come without title)
                p = strip_title(p)
            first = False
        p = strip_dateline(p)
        if p:
            out.append(p)
    return "\n\n".join(out)


# Scripts written without spaces (CJK ideographs, kana, hangul): one token per character.
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")


def raw_tokens(text: str) -> list[str]:
    """Case-folded word and number tokens as written (before :func:`canonical_token`)."""
    text = text.casefold()
    if text.isascii():
        return _TOKEN_ASCII.findall(text)
    if _UNSPACED.search(text):
        text = _UNSPACED.sub(r" \1 ", text)
    return _TOKEN.findall(text)


def canonical_token(t: str) -> str:
    """One spelling per unit/number word; figures without thousands separators or trailing zeros."""
    if t[0].isdigit():
        t = t.replace(",", "")
        if "." in t:  # "17.0" == "17", "1.50" == "1.5"
            t = t.rstrip("0").rstrip(".") or "0"
        return t
    return _CANON.get(t, t)


def tokens(text: str) -> list[str]:
    """Case-folded word and number tokens with unit abbreviations canonicalised; no punctuation."""
    return [canonical_token(t) for t in raw_tokens(text)]
