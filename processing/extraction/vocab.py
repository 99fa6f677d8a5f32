"""Boilerplate vocabulary: class/id tokens and visible headings in several languages.

These are generic words used across news CMSs (not one site's class names); each maps to the
``RemovedBlock.reason`` reported when a block is dropped because of it.
"""

from __future__ import annotations

import re

# class/id word -> reason. Matched against whole words of class/id values split on -, _, space, camelCase.
CLASS_WORDS: dict[str, str] = {}
for _reason, _words in {
    "related-list": "related relatedarticles relatedposts relatedstories readmore morestories morefrom "
    "morenews seealso alsoread yarpp crp",
    "recommendation-list": "recommend recommended recommendation recommendations recirc recirculation "
    "outbrain taboola zergnet youmaylike youmayalsolike mayalsolike mightlike mightalsolike suggested suggestions",
    "ranking-list": "ranking rank mostread mostpopular popular trending hot hotnews toplist",
    "share": "share sharing shares sharebar sharetools social socials sociallinks addthis sharethis "
    "facebook twitter whatsapp linkedin pinterest",
    "newsletter": "newsletter newsletters subscribe subscription signup optin mailchimp",
    "comments": "comment comments commentlist disqus discussion replies respond",
    "nav": "nav navbar navigation menu breadcrumb breadcrumbs crumbs crumb sitemap skip skiplink "
    "masthead topbar toolbar",
    "ads": "ad ads advert adverts advertisement advertising adsbygoogle adslot adunit dfp gpt sponsor "
    "sponsored promo promotion promoted banner affiliate commercial",
    "byline": "byline author authors dateline authorinfo bio",
    "caption": "caption captions figcaption credit credits imagecredit photocredit wp-caption-text",
    "pagination": "pagination pager paging pagenav prevnext",
    "like-counter": "digg vote votes like likes rating reaction reactions feedback",
    "tags": "tags tag taglist keywords topics categories",
    "cookie-banner": "cookie cookies consent gdpr",
    "footer": "footer copyright disclaimer",
    "sidebar": "sidebar aside rail widget widgets",
    "modal": "modal popup overlay lightbox",
    "screen-reader": "sronly visuallyhidden screenreader screenreadertext elementinvisible offscreen",
    "print-only": "printonly",
}.items():
    for _w in _words.split():
        CLASS_WORDS[_w.lower()] = _reason

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[\s_\-:./]+")


_CLASS_CACHE: dict[str, str | None] = {}


def class_reason(value: str) -> str | None:
    """Reason for a class/id value, from its words and the concatenation of adjacent words."""
    if not value:
        return None
    try:
        return _CLASS_CACHE[value]
    except KeyError:
        pass
    if len(_CLASS_CACHE) > 50_000:
        _CLASS_CACHE.clear()
    reason = _CLASS_CACHE[value] = _class_reason(value)
    return reason


_COMPOUNDS = sorted((w for w in CLASS_WORDS if len(w) >= 8), key=len, reverse=True)
# compounds by their first 8 characters, each with its rank in _COMPOUNDS (the first found wins)
_COMPOUND_HEAD = 8
_COMPOUNDS_BY_HEAD: dict[str, list[tuple[int, str]]] = {}
for _rank, _compound in enumerate(_COMPOUNDS):
    _COMPOUNDS_BY_HEAD.setdefault(_compound[:_COMPOUND_HEAD], []).append((_rank, _compound))


def _first_compound(joined: str) -> str | None:
    """The first of ``_COMPOUNDS`` that occurs in ``joined`` (found through the 8-character heads)."""
    best = None
    heads = _COMPOUNDS_BY_HEAD
    for i in range(len(joined) - _COMPOUND_HEAD + 1):
        candidates = heads.get(joined[i:i + _COMPOUND_HEAD])
        if candidates:
            for rank, compound in candidates:
                if (best is None or rank < best[0]) and joined.startswith(compound, i):
                    best = rank, compound
    return best[1] if best else None


def _class_reason(value: str) -> str | None:
    # camelCase boundaries only exist where there is an (ASCII) capital
    words = [w.lower() for w in _SPLIT.split(value if value.lower() == value else _CAMEL.sub(" ", value)) if w]
    joined = "".join(words)
    compound = _first_compound(joined)  # multi-word names: you-may-also-like, most_read, relatedPosts...
    if compound is not None:
        return CLASS_WORDS[compound]
    for i, w in enumerate(words):
        r = CLASS_WORDS.get(w)
        if r is None and i + 1 < len(words):
            r = CLASS_WORDS.get(w + words[i + 1])
        if r is not None:
            return r
    return None


# Headings that introduce link lists after (or beside) an article, by reason.
_HEADINGS: dict[str, str] = {
    "related-list": r"related( (articles?|stories|posts|news|content|coverage|links|topics|reading))?|"
    r"more (stories|news|articles|from|on|in|like this|to read|coverage|headlines)\b.*|see also|also read|"
    r"read (more|next|also)|further reading|you (may|might) (also )?(like|enjoy|be interested in)|"
    r"(editor'?s )?picks?( for you)?|相关(阅读|新闻|文章|推荐|报道|链接)?|延伸阅读|相關(閱讀|新聞|文章)|"
    r"関連(記事|ニュース)?|あわせて読みたい|관련\s*기사|함께 (보면|볼).*|lire aussi|à lire aussi|"
    r"sur le même sujet|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|leia também|"
    r"veja também|leggi anche|lee también|te puede interesar|artikel terkait|baca juga|"
    r"читайте также|похожие (статьи|новости)",
    "recommendation-list": r"recommend(ed|ations?)?( for you| stories| articles| reading)?|"
    r"(don'?t|do not) miss|suggested( (articles|stories|reading))?|guess you like|sponsored( content| stories)?|"
    r"promoted( stories)?|from (around|across) the web|what to read next|up next|猜你喜欢|推荐(阅读|文章|新闻)?|"
    r"為你推薦|为你推荐|精彩推荐|おすすめ(記事)?|추천\s*기사|empfohlen|recommandé",
    "ranking-list": r"(most|top) (read|popular|viewed|shared|emailed|commented)( (stories|articles|news|now|today))?|"
    r"popular( (now|today|stories|articles|news|posts))?|trending( (now|stories|news|today|articles))?|"
    r"ranking|top (stories|news|headlines)|hot (news|topics)|热门(排行|文章|新闻|推荐)?|排行(榜)?|点击排行|"
    r"人気(記事|ランキング)?|ランキング|많이 본 뉴스|인기\s*기사|les plus lus|meistgelesen|más leídas|"
    r"mais lidas|più letti|populer|terpopuler|самое читаемое",
    "comments": r"(\d+ )?(comments?|responses?|replies|discussion)( \(\d+\))?|leave a (comment|reply)|"
    r"join the (discussion|conversation)|tell us what you think.*|have your say|what do you think\??|評論|评论|コメント|댓글|kommentare|commentaires|comentarios",
    "share": r"share( (this|the) (article|story|post|page))?( on)?|share this:?|spread the word|follow us|"
    r"分享(到)?|シェア|공유",
    "newsletter": r"(sign up|subscribe)( (for|to) .*)?|newsletter|get (our|the) .*newsletter.*|订阅|購読",
    "tags": r"tags?|topics?|keywords|filed under|标签|関連キーワード|태그",
}
_HEADING_ANY = re.compile(
    r"^\W*(?:" + "|".join(f"(?P<{r.replace('-', '_')}>{p})" for r, p in _HEADINGS.items()) + r")\W*$", re.I
)


# Headings after which everything is reader comments (prose, so no link-density signal ends them).
COMMENTS_START = re.compile(
    r"^\W*(?:\d+\s+(?:comments?|responses?|replies)|comments?\s*\(\d+\)|comments?|leave a (?:comment|reply)|"
    r"(?:add|post|write) a comment|join the (?:discussion|conversation)|reader comments|"
    r"评论|評論|网友评论|コメント|댓글|kommentare|commentaires|comentarios)\W*$",
    re.I,
)


def heading_reason(text: str) -> str | None:
    """Reason when a short heading-like text introduces a boilerplate section."""
    if len(text) > 60:
        return None
    m = _HEADING_ANY.match(text)
    return m.lastgroup.replace("_", "-") if m else None


# Capitalised names (case-sensitive inside the case-insensitive line regex): "Mara Quill and Tobias Fenn".
_NAME = r"(?-i:[A-Z\u00c0-\u00de][\w'’.-]*(?:\s+(?:[A-Z\u00c0-\u00de][\w'’.-]*|de|van|von|der|da|di|la|le)){0,4})"
_NAMES = _NAME + r"(?:\s*(?:,|and|&|und|et|y|e)\s*" + _NAME + r")*"

# Standalone lines (a whole block) that are boilerplate whatever their container; matched at the start.
_LINE_START: dict[str, str] = {
    "read-more": r"(read more|read next|more|related|see also|also read|watch|listen|recommended|read also|"
    r"click here|more on this|related coverage|related story|related article|related roundup|see more|also see|"
    r"related content|read the full story|lire aussi|mehr zum thema|leia também|baca juga|"
    r"editor'?s (pick|note: .{0,20}$)|相关阅读|推荐阅读|延伸阅读|关联阅读|阅读全文)"
    r"(\s*[:：>»›|]|\s+[-–—]|\s*[-–—]\s)",
    "ads": r"(advertisement|advertising|advert|ad|sponsored|anzeige|publicidad|publicité|publicidade|pubblicità|"
    r"iklan|reklama|реклама|광고|广告|広告|"
    r"story continues below|continue reading( below)?|article continues below|scroll (down )?to continue)\W*$",
    "like-counter": r"((did|do) you (like|enjoy|love) this (article|story|post|piece)|(was|is|did you find) this "
    r"(article|story|post|page|information|answer) (helpful|useful|interesting)|how (would you rate|useful was) this"
    r"|war dieser artikel hilfreich|cet article vous a-t-il|这篇文章对你有(帮助|用)|本文对您有帮助)\W*[^.!?]{0,40}$|"
    r"(\W*(very ?good|good|bad|like|likes|dislike|useful|helpful|赞|顶|踩|点赞|喜欢|いいね)\W*[!！]?\s*"
    r"[(（]\s*\d+\s*[)）]\W*)+$",
    "pagination": r"\W*(total\s*\d+(\s*(pages?|items?))?|共\s*\d+\s*[页頁条]|page \d+ of \d+|\d+\s*[-–]\s*\d+ of \d+|"
    r"[«‹<]?\s*(prev(ious)?|next|older|newer)(\s+(page|post|article|story|entry|chapter|item|gallery))?"
    r"\s*([:：»›>|].{0,150})?|[«‹<]?\s*(上一[页頁篇章]|下一[页頁篇章]).{0,150})\W*$",
    "share": r"(share( this)?( article| story)?|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin|"
    r"pinterest|reddit)(\s*[|/·•]\s*\w+)*\s*$|(like|enjoy(ed)?) this (story|article|post)\?|share (it|this) with|"
    r"follow (us|the|our)\b.{0,80}\b(facebook|twitter|instagram|linkedin|youtube|tiktok)\b",
    "tags": r"(filed under|tags?|topics?|categories|kategori|schlagwörter|標籤|标签|タグ|태그)\s*[:：]",
    "editor": r"[\[(【（]?\s*(责任|責任)?(编辑|編輯)\s*[:：]|\(?(editor|edited by|editing by)\s*[:：]|"
    r"\((additional )?(reporting|writing|editing|compiled) by\b[^)]*\)$",
    "nav": r"(current\s*(location)?|you are here|当前位置|您的位置|現在位置)\s*[:：]",
    "newsletter": r"(sign up|subscribe)( now| today| here)?\b.{0,80}(newsletter|inbox|email|updates)",
    "dateline": r"(updated|published|posted|last updated|first published|modified|aktualisiert|mis à jour)"
    r"( at| on)?\s*[:：]?\s*[^.!?]{0,40}(\d{1,2}:\d{2}|\d{4}|[ap]\.?m\.?)[^.!?]{0,30}$",
    "caption": r"(image caption|image copyright|media caption|photo:|credit:|getty images$)|"
    r"[\[(【]\s*(사진|写真|图片?|圖片?|photo|foto)\s*[=:：／/]",
    "byline": r"(by|written by|posted by|reported by|words by)\s+" + _NAMES + r"(\s*[|•·]\s*.{0,60})?$|"
    r"(reading time|read time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura)\s*[:：]|"
    r"\d+\s*(min|mins|minutes?)( read| de leitura| de lecture)$",
    "footer": r"(©|copyright\s*(©|\(c\)|\d{4})|\(c\) \d{4}|all rights reserved|explore further$|citation:|"
    r"this (document|article|material) (is subject to|may not be))",
    "cookie-banner": r"(we use cookies|this (web)?site uses cookies|by (using|continuing)[^.]{0,40}cookies)",
}
_LINE_START_RE = re.compile(
    "|".join(f"(?P<{r.replace('-', '_')}>{p})" for r, p in _LINE_START.items()), re.I
)
_CAPTION_END = re.compile(r"\((image|images|photo|photos|picture|pic|credit|foto|bild)s?\s*:[^)]{0,80}\)$", re.I)
_NEWSLETTER = re.compile(r"\b(sign up|subscribe|register)\b.{0,60}\bnewsletters?\b", re.I)


def line_reason(text: str) -> str | None:
    """Reason when a whole short (stripped) block is boilerplate on its own: READ MORE lines, ad labels..."""
    if len(text) > 220:
        return None
    m = _LINE_START_RE.match(text)
    if m:
        return m.lastgroup.replace("_", "-")
    if text.endswith(")") and _CAPTION_END.search(text):
        return "caption"
    if "ewsletter" in text and _NEWSLETTER.search(text):
        return "newsletter"
    return None


# Syndication / reprint / copyright notes that precede or follow an article ("This article is reprinted
# from ...", "Originally published on ...", "转载自...", "本文来源：..."). Matched at the start of a block;
# ``select`` only drops them at the article's edges, so a paragraph that merely cites a source stays.
DISCLAIMER = re.compile(
    r"^\W*(?:"
    r"(?:disclaimer|legal notice|haftungsausschluss|avertissement|aviso legal|免责声明|免責聲明|免责申明|声明|聲明|"
    r"特别声明|版权声明|版權聲明|免責事項|면책\s*조항)\s*[:：]|"
    r"(?:this|the (?:above|following)) (?:article|story|post|piece|content|column|essay|interview)s?,? (?:[\w'’]+ ){0,4}?"
    r"(?:reprinted|republished|reproduced|syndicated|re-?posted|published|appeared|ran|adapted|excerpted)\b|"
    r"(?:originally|first) (?:published|appeared|posted|ran)\s+(?:on|in|at|by)\b|"
    r"the post\b.{1,200}\bappeared first on\b|"
    r"(?:reprinted|republished|reproduced|re-?posted|used|shared) (?:here )?(?:with|by) (?:kind |the )?permission|"
    r"(?:reprinted|republished|reproduced|syndicated|re-?posted|adapted|excerpted) (?:from|courtesy of)\b|"
    r"(?:dieser|der) (?:artikel|beitrag|text) (?:erschien|ist) (?:zuerst|ursprünglich|erstmals)|"
    r"(?:zuerst|ursprünglich|erstmals) (?:erschienen|veröffentlicht) (?:auf|in|bei)\b|"
    r"cet article (?:a été|est) (?:initialement |d'abord |originellement )?(?:publié|paru)|"
    r"(?:este|el) (?:artículo|texto) (?:fue|ha sido) (?:publicado|reproducido) (?:originalmente|inicialmente|con)|"
    r"publicado originalmente (?:en|por)\b|"
    r"(?:este|o) (?:artigo|texto) (?:foi )?(?:publicado|reproduzido) (?:originalmente|inicialmente)|"
    r"(?:questo|l') ?articolo (?:è stato )?(?:pubblicato|ripubblicato) (?:originariamente|originalmente|per gentile)|"
    r"(?:本文|此文|该文|該文|本稿|本篇)(?:系|为|為|是)?(?:转载|轉載|转自|轉自|来源于|來源於|来自|來自|摘自|原载|原載)|"
    r"(?:转载|轉載)(?:自|于|於|请|請|须|須)|(?:转自|轉自|摘自|原载于|原載於)|"
    r"本文(?:来源|來源|出处|出處|首发|首發|作者|原标题|原標題)|(?:稿件|文章|信息)(?:来源|來源)\s*[:：]|"
    r"(?:この記事は|本記事は).{0,40}(?:転載|掲載されたもの)|"
    r"(?:이 기사는|본 기사는).{0,40}(?:전재|게재)|무단\s*전재|"
    r"\*\s*(?:this|the) (?:article|story)"
    r")",
    re.I,
)


def disclaimer_reason(text: str) -> str | None:
    """``"disclaimer"`` for a syndication / reprint / copyright note (a short whole block)."""
    if len(text) > 600:
        return None
    return "disclaimer" if DISCLAIMER.match(text) else None


# A line of labelled page fields: "Source: X  Author: Y  Date: 2026-11-20 21:12  Views: 20,274",
# "来源：新华社 作者：李明 发布时间：..." (two or more labels, one of them naming a source, person or count).
_FIELD = re.compile(
    r"(?:^|(?<=[\s|│/·•,]))(?P<label>source|sources|author|authors|by|writer|reporter|editor|photographer|"
    r"date|time|posted|published|updated|views|clicks|hits|reads|comments|"
    r"quelle|autor|autorin|datum|fuente|fecha|fonte|data|auteur|visite|visto|"
    r"来源|來源|作者|记者|記者|编辑|編輯|责编|責編|时间|時間|日期|发布时间|發布時間|发表时间|發表時間|浏览|瀏覽|阅读|閱讀|"
    r"点击|點擊|人气|人氣|浏览次数|阅读量|出典|筆者|출처|기자|입력|수정|조회|조회수)\s*[:：]",
    re.I,
)
_PERSON_FIELDS = frozenset(
    "source sources author authors by writer reporter editor photographer views clicks hits reads quelle autor "
    "autorin fuente fonte auteur visite visto 来源 來源 作者 记者 記者 编辑 編輯 责编 責編 浏览 瀏覽 阅读 閱讀 点击 點擊 "
    "人气 人氣 浏览次数 阅读量 出典 筆者 출처 기자 조회 조회수".split()
)


def field_line_reason(text: str) -> str | None:
    """``"byline"`` for a short block of two or more labelled fields (source, author, date, views...)."""
    if len(text) > 220 or ":" not in text and "：" not in text:
        return None
    labels = [m.group("label").lower() for m in _FIELD.finditer(text)]
    if len(set(labels)) >= 2 and any(label in _PERSON_FIELDS for label in labels):
        return "byline"
    return None
