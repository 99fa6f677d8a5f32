"""Build the static demo sites in ``newsflow/demo/site/`` from ``_content.py``.

Run ``python -m newsflow.dev.demo.build_site`` after editing the texts; the output
is committed, so the server and the tests never need to run this.
``python -m newsflow.dev.demo.build_site --check`` exits 1 when ``site/`` is stale.

URLs in the output use placeholders that :class:`newsflow.dev.demo.server.DemoSite`
replaces when serving: ``{base}`` (the serving site), ``{base_a}``,
``{base_b}``, ``{base_c}`` (a given site).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import sys
import tempfile
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from newsflow.dev.demo._content import ARTICLES, COMMENTS_C, GOSSIP_A, GOSSIP_B, GOSSIP_C

SITE_DIR = Path(__file__).with_name("site")

SITES = {
    "site-a": {
        "name": "Daily Ledger",
        "layout": "wordpress-like: <article>, entry-content, aside.widget, cookie banner",
        "placeholder": "{base_a}",
        "sources": [{"name": "daily-ledger-rss", "kind": "feed", "path": "/feed.xml"}],
        "other_discovery": ["/robots.txt", "/sitemap.xml"],
    },
    "site-b": {
        "name": "Eastbridge News (东桥消息)",
        "layout": "Chinese-portal-like: div.main-left / div.content, 相关阅读 / 热门排行 / 猜你喜欢",
        "placeholder": "{base_b}",
        "sources": [
            {"name": "eastbridge-atom", "kind": "feed", "path": "/atom.xml"},
            {"name": "eastbridge-news-sitemap", "kind": "sitemap", "path": "/news-sitemap.xml"},
        ],
        "other_discovery": [],
    },
    "site-c": {
        "name": "Tri-County Courier",
        "layout": "table layout: td.centercol, div#storytext, <br><br> paragraphs, comments",
        "placeholder": "{base_c}",
        "sources": [{"name": "tri-county-courier-listing", "kind": "listing", "path": "/index.html"}],
        "other_discovery": ["/sitemap.xml"],
    },
}


# Per article: strings shown on its page around (never inside) the article body.
NOISE: dict[str, list[str]] = {}

# --------------------------------------------------------------------------- helpers
def t(text: str) -> str:
    """Escape element text."""
    return escape(text, quote=False)


def a(text: str) -> str:
    """Escape an attribute value."""
    return escape(text, quote=True)


def dt(article: dict) -> datetime:
    return datetime.fromisoformat(article["published"])


def site_articles(site: str) -> list[dict]:
    return sorted((x for x in ARTICLES if x["site"] == site), key=dt, reverse=True)


def pick(pool: list[tuple[str, str]], seed: int, count: int) -> list[tuple[str, str]]:
    """A deterministic, article-dependent selection from a pool."""
    step = 5 if len(pool) % 5 else 3
    return [pool[(seed * 3 + i * step) % len(pool)] for i in range(count)]


def excerpt(article: dict, words: int = 32) -> str:
    first = article["paragraphs"][0].split()
    return " ".join(first[:words]) + (" […]" if len(first) > words else "")


def first_para(article: dict) -> str:
    lead = article["paragraphs"][0]
    return f"{article['dateline']} {lead}" if article.get("dateline") else lead


def jsonld(article: dict, publisher: str) -> str:
    published = dt(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": "{base}" + article["path"]},
        "headline": article["headline"],
        "image": ["{base}/wp-content/uploads/2026/11/" + article["id"] + "-1200x675.jpg"],
        "datePublished": published.isoformat(),
        "dateModified": (published + timedelta(hours=2, minutes=17)).isoformat(),
        "author": [{"@type": "Person", "name": article["author"].split(",")[0]}],
        "publisher": {"@type": "Organization", "name": publisher,
                      "logo": {"@type": "ImageObject", "url": "{base}/wp-content/uploads/ledger-logo.png"}},
        "articleSection": article["section"],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")


def clock(value: datetime, ampm_lower: bool = False) -> str:
    """12-hour clock: '7:42 AM', or '7:42am' when ampm_lower."""
    hour = value.hour % 12 or 12
    if ampm_lower:
        return f"{hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"
    return f"{hour}:{value:%M} {'AM' if value.hour < 12 else 'PM'}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------- site-a
def page_a(article: dict, index: int) -> str:
    pub = dt(article)
    style = article["date_style"]
    iso = pub.isoformat()
    head_meta = []
    if "meta" in style:
        head_meta.append(f'<meta property="article:published_time" content="{iso}" />')
        head_meta.append(f'<meta property="article:modified_time" content="{(pub + timedelta(hours=2, minutes=17)).isoformat()}" />')
    if "jsonld" in style:
        head_meta.append(f'<script type="application/ld+json">\n{jsonld(article, "Daily Ledger")}\n</script>')
    if style == "jsonld":
        posted = f'<span class="posted-on">Published {pub.day} {pub:%B %Y}, {clock(pub, ampm_lower=True)}</span>'
    else:
        posted = (f'<span class="posted-on"><a href="{{base}}{article["path"]}" rel="bookmark">'
                  f'<time class="entry-date published" datetime="{iso}">{pub:%B} {pub.day}, {pub:%Y}</time></a></span>')

    read_more = {i: (text, href) for i, text, href in article.get("read_more", [])}
    body = []
    for i, para in enumerate(article["paragraphs"]):
        text = t(para)
        if i == 0 and article.get("dateline"):
            text = f"<strong>{t(article['dateline'])}</strong> {text}"
        body.append(f"<p>{text}</p>")
        if i in read_more:
            rm_text, rm_href = read_more[i]
            body.append(f'<p class="read-more-inline"><strong>READ MORE:</strong> <a href="{{base}}{a(rm_href)}">{t(rm_text)}</a></p>')
        if i == 2:
            body.append('<div class="ad-slot ad-inarticle" data-ad-unit="ledger_incontent_1"><span class="ad-label">Advertisement</span></div>')
    others = [x for x in site_articles("site-a") if x["id"] != article["id"]]
    related = [(x["headline"], x["path"]) for x in others[:2]] + pick(GOSSIP_A, index, 4)
    ymal = pick(GOSSIP_A, index + 3, 8)
    trending = pick(GOSSIP_A, index + 7, 10)
    most_read = [(x["headline"], x["path"]) for x in others[2:4]] + pick(GOSSIP_A, index + 11, 4)
    NOISE[article["id"]] = [related[2][0], ymal[0][0], trending[0][0], "We and our 214 partners use cookies",
                            *(text for text, _ in read_more.values())]
    cat = slug(article["section"])
    tags = "".join(f'<a href="{{base}}/tag/{slug(tag)}/" rel="tag">{t(tag)}</a>' for tag in article.get("tags", []))

    def thumbs(items: list[tuple[str, str]], cls: str) -> str:
        rows = []
        for n, (title, href) in enumerate(items):
            rows.append(
                f'<li class="{cls}-item"><a href="{{base}}{a(href)}"><img width="150" height="100" '
                f'src="{{base}}/wp-content/uploads/2026/11/thumb-{(index * 7 + n) % 40:02d}-150x100.jpg" alt="" loading="lazy" />'
                f'<span class="{cls}-title">{t(title)}</span></a></li>'
            )
        return "\n".join(rows)

    share = ('<a class="share-facebook" href="#">Facebook</a> <a class="share-x" href="#">X</a> '
             '<a class="share-whatsapp" href="#">WhatsApp</a> <a class="share-email" href="#">Email</a> '
             '<button class="copy-link">Copy link</button>')
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{t(article["headline"])} | Daily Ledger</title>
<meta name="description" content="{a(excerpt(article, 24))}" />
<link rel="canonical" href="{{base}}{article["path"]}" />
<meta property="og:locale" content="en_GB" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{a(article["headline"])}" />
<meta property="og:url" content="{{base}}{article["path"]}" />
<meta property="og:site_name" content="Daily Ledger" />
<meta property="article:section" content="{a(article["section"])}" />
{chr(10).join(head_meta)}
<link rel="alternate" type="application/rss+xml" title="Daily Ledger &raquo; Feed" href="{{base}}/feed.xml" />
<link rel="stylesheet" id="ledger-style-css" href="{{base}}/wp-content/themes/ledger/style.css?ver=4.2.1" media="all" />
<link rel="shortlink" href="{{base}}/?p={article["post_id"]}" />
</head>
<body class="post-template-default single single-post postid-{article["post_id"]} single-format-standard">
<div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="Cookie consent">
<p>We and our 214 partners use cookies to personalise content and ads, provide social media features and analyse our traffic. By clicking “Accept all” you agree to this. You can change your choices at any time in Privacy settings.</p>
<button class="cookie-accept">Accept all</button> <button class="cookie-manage">Manage preferences</button>
</div>
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="{{base}}/" rel="home">Daily Ledger</a></p><p class="site-description">News you can count on</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li class="menu-item"><a href="{{base}}/">Home</a></li><li class="menu-item"><a href="{{base}}/category/world/">World</a></li><li class="menu-item"><a href="{{base}}/category/business/">Business</a></li><li class="menu-item"><a href="{{base}}/category/showbiz/">Showbiz</a></li><li class="menu-item"><a href="{{base}}/category/tv/">TV</a></li><li class="menu-item"><a href="{{base}}/category/weather/">Weather</a></li><li class="menu-item"><a href="{{base}}/category/deals/">Deals</a></li><li class="menu-item"><a href="{{base}}/newsletters/">Newsletters</a></li>
</ul></nav>
</header>
<div class="breadcrumbs" typeof="BreadcrumbList"><span><a href="{{base}}/">Home</a></span> &raquo; <span><a href="{{base}}/category/{cat}/">{t(article["section"])}</a></span> &raquo; <span class="breadcrumb_last" aria-current="page">{t(article["headline"])}</span></div>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{article["post_id"]}" class="post-{article["post_id"]} post type-post status-publish format-standard has-post-thumbnail hentry category-{cat}">
<header class="entry-header">
<span class="cat-links"><a href="{{base}}/category/{cat}/" rel="category tag">{t(article["section"])}</a></span>
<h1 class="entry-title">{t(article["headline"])}</h1>
<div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n" href="{{base}}/author/{slug(article["author"].split(",")[0])}/">{t(article["author"])}</a></span></span> {posted}</div>
</header>
<div class="share-buttons share-top"><span class="share-label">Share this article</span> {share}</div>
<figure class="post-thumbnail"><img width="1200" height="675" src="{{base}}/wp-content/uploads/2026/11/{article["id"]}-1200x675.jpg" alt="" /><figcaption class="wp-caption-text">Photograph: Daily Ledger picture desk</figcaption></figure>
<div class="entry-content">
{chr(10).join(body)}
</div>
<footer class="entry-footer"><span class="tags-links">Tagged {tags}</span></footer>
<div class="share-buttons share-bottom"><span class="share-label">Share</span> {share}</div>
<div class="reaction-box">Did you enjoy this article? <button class="react-up">👍 212</button> <button class="react-down">👎 9</button></div>
</article>
<section class="related-posts jp-relatedposts"><h3 class="jp-relatedposts-headline">Related</h3>
<ul class="related-list">
{thumbs(related, "related")}
</ul></section>
<section class="you-may-also-like"><h3 class="section-title">You may also like</h3>
<ul class="ymal-grid">
{thumbs(ymal, "ymal")}
</ul></section>
<div class="newsletter-signup"><h3>Get the Daily Ledger briefing</h3><p>The day's biggest stories, straight to your inbox every morning.</p><form><input type="email" placeholder="Your email address" /><button>Sign up</button></form></div>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="{{base}}{others[-1]["path"]}" rel="prev">Previous post</a></div><div class="nav-next"><a href="{{base}}{others[0]["path"]}" rel="next">Next post</a></div></div></nav>
</main>
</div>
<aside id="secondary" class="widget-area">
<section id="trending-2" class="widget widget_trending"><h2 class="widget-title">Trending</h2><ol>
{chr(10).join(f'<li><a href="{{base}}{a(h)}">{t(s)}</a></li>' for s, h in trending)}
</ol></section>
<section id="custom_html-3" class="widget widget_text"><div class="ad-slot ad-mpu"><span class="ad-label">Advertisement</span></div></section>
<section id="most-read-2" class="widget widget_most_read"><h2 class="widget-title">Most read</h2>
<ul class="most-read-list">
{thumbs(most_read, "most-read")}
</ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<nav class="footer-navigation"><a href="{{base}}/about/">About us</a> | <a href="{{base}}/contact/">Contact</a> | <a href="{{base}}/privacy-policy/">Privacy policy</a> | <a href="{{base}}/cookie-policy/">Cookie policy</a> | <a href="{{base}}/advertise/">Advertise</a></nav>
<div class="site-info">&copy; 2026 Daily Ledger Media Ltd. All rights reserved. Proudly powered by a CMS.</div>
</footer>
</div>
</body>
</html>
"""


def feed_a(base_articles: list[dict]) -> str:
    items = []
    for x in base_articles:
        pub = dt(x)
        cats = "".join(f"\n      <category><![CDATA[{c}]]></category>" for c in [x["section"], *x.get("tags", [])[:2]])
        items.append(f"""    <item>
      <title>{t(x["headline"])}</title>
      <link>{{base}}{x["path"]}</link>
      <comments>{{base}}{x["path"]}#respond</comments>
      <dc:creator><![CDATA[{x["author"]}]]></dc:creator>
      <pubDate>{format_datetime(pub)}</pubDate>{cats}
      <guid isPermaLink="false">{{base}}/?p={x["post_id"]}</guid>
      <description><![CDATA[<p>{excerpt(x)}</p>
<p>The post <a href="{{base}}{x["path"]}">{x["headline"]}</a> appeared first on <a href="{{base}}">Daily Ledger</a>.</p>]]></description>
    </item>""")
    newest = format_datetime(dt(base_articles[0]))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
  xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
  <channel>
    <title>Daily Ledger</title>
    <atom:link href="{{base}}/feed.xml" rel="self" type="application/rss+xml" />
    <link>{{base}}</link>
    <description>News you can count on</description>
    <lastBuildDate>{newest}</lastBuildDate>
    <language>en-GB</language>
    <sy:updatePeriod>hourly</sy:updatePeriod>
    <sy:updateFrequency>1</sy:updateFrequency>
    <generator>https://wordpress.org/?v=6.7</generator>
{chr(10).join(items)}
  </channel>
</rss>
"""


def index_a(base_articles: list[dict]) -> str:
    rows = "\n".join(
        f'<article class="post"><h2 class="entry-title"><a href="{{base}}{x["path"]}">{t(x["headline"])}</a></h2>'
        f'<div class="entry-summary"><p>{t(excerpt(x))}</p></div></article>'
        for x in base_articles
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="UTF-8" /><title>Daily Ledger | News you can count on</title>
<link rel="alternate" type="application/rss+xml" title="Daily Ledger &raquo; Feed" href="{{base}}/feed.xml" />
<link rel="stylesheet" href="{{base}}/wp-content/themes/ledger/style.css?ver=4.2.1" media="all" /></head>
<body class="home blog"><header class="site-header"><p class="site-title"><a href="{{base}}/">Daily Ledger</a></p></header>
<main id="main" class="site-main">
{rows}
</main>
<footer class="site-footer">&copy; 2026 Daily Ledger Media Ltd.</footer></body></html>
"""


ROBOTS_A = """# Daily Ledger robots.txt
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
Disallow: /?s=
Disallow: /search/
Disallow: /preview/

Sitemap: {base}/sitemap.xml
"""


def sitemap(urls: list[tuple[str, str]]) -> str:
    rows = "\n".join(f"  <url>\n    <loc>{{base}}{a(p)}</loc>\n    <lastmod>{m}</lastmod>\n  </url>" for p, m in urls)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{rows}
</urlset>
"""


# --------------------------------------------------------------------------- site-b
def page_b(article: dict, index: int) -> str:
    pub = dt(article)
    head_meta = ""
    if "meta" in article["date_style"]:
        head_meta = f'<meta property="article:published_time" content="{pub.isoformat()}">'
    body = []
    for i, para in enumerate(article["paragraphs"]):
        text = t(para)
        if i == 0 and article.get("dateline"):
            text = f"{t(article['dateline'])} {text}"
        body.append(f'<p style="text-indent:2em;">{text}</p>')
    disclaimer = ""
    if article.get("disclaimer"):
        disclaimer = ('<div class="statement">Disclaimer: This article is reprinted from ' + t(article["source"])
                      + " for the purpose of conveying more information and does not represent the views of this site. "
                      "If there is any infringement, please contact us and we will delete it.</div>")
    others = [x for x in site_articles("site-b") if x["id"] != article["id"]]
    related = [(x["headline"], x["path"]) for x in others[:2]] + pick(GOSSIP_B, index, 6)
    guess = pick(GOSSIP_B, index + 5, 8)
    ranking = pick(GOSSIP_B, index + 9, 10)
    recommend = pick(GOSSIP_B, index + 2, 6)
    NOISE[article["id"]] = [related[2][0], guess[0][0], ranking[0][0], "veryGood!", "【责任编辑："]
    if disclaimer:
        NOISE[article["id"]].append("This article is reprinted from")
    section = article["section"]
    section_dir = article["path"].split("/")[1]
    like = 396 + index * 37
    views = 12408 + index * 1311
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{t(article["headline"])} -东桥消息</title>
<meta name="keywords" content="{a(", ".join([section, "Eastbridge", "东桥消息", "news"]))}">
<meta name="description" content="{a(excerpt(article, 30))}">
{head_meta}
<link href="{{base}}/static/css/eb.css" rel="stylesheet" type="text/css">
</head>
<body>
<div class="top-bar"><div class="w1200"><span class="date-today">2026年11月28日 星期六</span><span class="top-links"><a href="{{base}}/login.html">登录</a> | <a href="{{base}}/reg.html">注册</a> | <a href="{{base}}/m/">手机版</a> | <a href="{{base}}/">English</a></span></div></div>
<div class="header w1200"><div class="logo"><a href="{{base}}/"><img src="{{base}}/static/images/logo.png" alt="东桥消息 Eastbridge News"></a></div>
<div class="search"><form action="{{base}}/search.html"><input type="text" name="q" placeholder="搜索 Search"><button>搜索</button></form></div></div>
<div class="nav"><ul class="w1200">
<li><a href="{{base}}/">首页 Home</a></li><li><a href="{{base}}/world/">国际 World</a></li><li><a href="{{base}}/finance/">财经 Finance</a></li><li><a href="{{base}}/ent/">娱乐 Entertainment</a></li><li><a href="{{base}}/sports/">体育 Sports</a></li><li><a href="{{base}}/tech/">科技 Tech</a></li><li><a href="{{base}}/video/">视频 Video</a></li><li><a href="{{base}}/photo/">图片 Photos</a></li>
</ul></div>
<div class="wrap w1200 clearfix">
<div class="crumb">Current:<a href="{{base}}/">Home</a> &gt; <a href="{{base}}/{section_dir}/">{t(section)}</a> &gt; Text</div>
<div class="main-left fl">
<div class="content-box">
<h1>{t(article["headline"])}</h1>
<div class="info"><span class="source">Source: {t(article["source"])}</span>&nbsp;&nbsp;<span class="author">Author: {t(article["author"])}</span>&nbsp;&nbsp;<span class="time">Date: {pub:%Y-%m-%d %H:%M:%S}</span>&nbsp;&nbsp;<span class="views">Views: {views:,}</span></div>
<div class="share-bar">分享到：<a class="wx" href="#">微信</a><a class="wb" href="#">微博</a><a class="qz" href="#">QQ空间</a><a class="fb" href="#">Facebook</a><a class="tw" href="#">X</a></div>
<div class="content" id="Content">
{chr(10).join(body)}
</div>
{disclaimer}
<div class="editor">【责任编辑：{t(article["editor"])}】</div>
<div class="like-box"><a class="good" href="javascript:;">veryGood! ({like})</a><a class="bad" href="javascript:;">veryBad! ({index * 3 + 7})</a></div>
<div class="pre-next"><p>上一篇：<a href="{{base}}{others[-1]["path"]}">{t(others[-1]["headline"])}</a></p><p>下一篇：<a href="{{base}}{others[0]["path"]}">{t(others[0]["headline"])}</a></p></div>
</div>
<div class="xgyd box"><div class="tit"><span>相关阅读</span> Related</div><ul class="txt-list">
{chr(10).join(f'<li><a href="{{base}}{a(h)}" target="_blank">{t(s)}</a><span class="d">11-{20 + (n % 8):02d}</span></li>' for n, (s, h) in enumerate(related))}
</ul></div>
<div class="cnxh box"><div class="tit"><span>猜你喜欢</span> Recommendation</div><ul class="pic-list clearfix">
{chr(10).join(f'<li><a href="{{base}}{a(h)}" target="_blank"><img src="{{base}}/uploads/allimg/202611/{(index * 5 + n) % 30 + 1}-2611.jpg" alt="{a(s)}"><p>{t(s)}</p></a></li>' for n, (s, h) in enumerate(guess))}
</ul>
<div class="page"><span class="total">total 12</span> <a class="cur" href="javascript:;">1</a><a href="{{base}}/ent/list_2.html">2</a><a href="{{base}}/ent/list_3.html">3</a><a href="{{base}}/ent/list_4.html">4</a>…<a href="{{base}}/ent/list_12.html">12</a><a href="{{base}}/ent/list_2.html">next</a></div>
</div>
<div class="comment-box box"><div class="tit"><span>网友评论</span> Comments</div><p class="login-tip">请<a href="{{base}}/login.html">登录</a>后发表评论 Please log in to comment. 已有0人参与</p></div>
</div>
<div class="main-right fr">
<div class="rank box"><div class="tit"><span>热门排行</span> Ranking</div><ul class="rank-list">
{chr(10).join(f'<li><em class="n{n + 1}">{n + 1}</em><a href="{{base}}{a(h)}" target="_blank">{t(s)}</a></li>' for n, (s, h) in enumerate(ranking))}
</ul></div>
<div class="ad box"><a href="{{base}}/ad/click.html?id=2611"><img src="{{base}}/uploads/ad/300x250.gif" alt="广告"></a><span>广告</span></div>
<div class="tui box"><div class="tit"><span>精彩推荐</span> Recommended</div><ul class="pic-txt">
{chr(10).join(f'<li><a href="{{base}}{a(h)}"><img src="{{base}}/uploads/allimg/202611/r{(index + n) % 20 + 1}.jpg" alt=""></a><a href="{{base}}{a(h)}">{t(s)}</a></li>' for n, (s, h) in enumerate(recommend))}
</ul></div>
</div>
</div>
<div class="footer"><p><a href="{{base}}/about.html">关于我们 About</a> | <a href="{{base}}/contact.html">联系我们 Contact</a> | <a href="{{base}}/ads.html">广告服务 Advertise</a> | <a href="{{base}}/sitemap.html">网站地图 Site map</a></p>
<p>Copyright &copy; 2012-2026 Eastbridge Media Co., Ltd. All Rights Reserved. 东桥消息 版权所有</p></div>
</body>
</html>
"""


def atom_b(base_articles: list[dict]) -> str:
    entries = []
    for x in base_articles:
        link = x.get("alternate_paths", [x["path"]])[0]
        pub = dt(x)
        entries.append(f"""  <entry>
    <title type="html">{t(x["headline"])}</title>
    <link rel="alternate" type="text/html" href="{{base}}{a(link)}"/>
    <id>tag:eastbridge.example,2026:{x["path"].rsplit("_", 1)[-1].removesuffix(".html")}</id>
    <published>{pub.isoformat()}</published>
    <updated>{(pub + timedelta(minutes=12)).isoformat()}</updated>
    <author><name>{t(x["author"])}</name></author>
    <category term="{a(x["section"])}"/>
    <summary type="html">{t(excerpt(x, 40))}</summary>
  </entry>""")
    updated = (dt(base_articles[0]) + timedelta(minutes=12)).isoformat()
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>东桥消息 Eastbridge News - Latest</title>
  <subtitle>World, entertainment, science and sports from Eastbridge</subtitle>
  <link rel="self" type="application/atom+xml" href="{{base}}/atom.xml"/>
  <link rel="alternate" type="text/html" href="{{base}}/"/>
  <id>tag:eastbridge.example,2026:latest</id>
  <updated>{updated}</updated>
{chr(10).join(entries)}
</feed>
"""


def news_sitemap_b(base_articles: list[dict]) -> str:
    rows = []
    for x in base_articles:
        rows.append(f"""  <url>
    <loc>{{base}}{x["path"]}</loc>
    <news:news>
      <news:publication>
        <news:name>Eastbridge News</news:name>
        <news:language>en</news:language>
      </news:publication>
      <news:publication_date>{dt(x).isoformat()}</news:publication_date>
      <news:title>{t(x["headline"])}</news:title>
    </news:news>
  </url>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(rows)}
</urlset>
"""


def index_b(base_articles: list[dict]) -> str:
    rows = "\n".join(f'<li><a href="{{base}}{x["path"]}">{t(x["headline"])}</a><span>{dt(x):%m-%d}</span></li>' for x in base_articles)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>东桥消息 Eastbridge News</title>
<link href="{{base}}/static/css/eb.css" rel="stylesheet" type="text/css"></head>
<body><div class="header w1200"><div class="logo"><a href="{{base}}/">东桥消息 Eastbridge News</a></div></div>
<div class="wrap w1200"><div class="main-left"><div class="box"><div class="tit"><span>最新消息</span> Latest</div><ul class="txt-list">
{rows}
</ul></div></div></div>
<div class="footer"><p>Copyright &copy; 2012-2026 Eastbridge Media Co., Ltd.</p></div></body></html>
"""


# --------------------------------------------------------------------------- site-c
# Cross-site "Around the Web" box (article pages only: on the listing page these links would
# count as discovered articles for any same-host check that ignores the port).
PARTNERS_C = """<table width="100%" cellpadding="4" cellspacing="0" class="sidebox"><tr><td class="boxhead"><b>Around the Web</b></td></tr>
<tr><td class="partners"><a href="{base_a}/2026/11/26/marisol-vane-and-jett-calloway-spark-romance-rumours-in-lisbon/">Marisol Vane and Jett Calloway spark romance rumours</a> <font size="1">(Daily Ledger)</font><br><a href="{base_b}/ent/202611/25/t20261125_81235523.html">Rowan Ashby and Lena Ashby confirm divorce</a> <font size="1">(Eastbridge)</font><br><a href="{base_a}/2026/11/27/black-friday-kitchen-deals/">21 kitchen deals worth buying</a> <font size="1">(Daily Ledger)</font></td></tr></table>
"""

SPONSORED_C = [
    ("Local dad's 2-minute teeth whitening trick has dentists furious", "/sponsored/whitening-trick.html"),
    ("Millbrook homeowners are switching to this solar plan", "/sponsored/solar-plan.html"),
    ("The 2026 SUVs with the best resale value", "/sponsored/suv-resale.html"),
    ("Seniors in Tri-County could qualify for this benefit", "/sponsored/senior-benefit.html"),
]


def frame_c(title: str, center: str, index: int, extra_head: str = "",
            most_read: list[tuple[str, str]] | None = None, recommend: list[tuple[str, str]] | None = None,
            partners: bool = True) -> str:
    most_read = most_read if most_read is not None else pick(GOSSIP_C, index + 4, 8)
    recommend = recommend if recommend is not None else pick(GOSSIP_C, index + 1, 6)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{t(title)}</title>
{extra_head}<link rel="stylesheet" href="{{base}}/css/courier.css" type="text/css">
<script type="text/javascript">var _courier_ads = {{zone: "news", slot: 4}};</script>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center" class="outer">
<tr><td colspan="3" class="masthead"><a href="{{base}}/index.html"><img src="{{base}}/images/courier_logo.gif" width="420" height="70" border="0" alt="Tri-County Courier"></a><br><font size="1" face="Verdana">Serving Millbrook, Ashford &amp; Kellerton since 1921 &nbsp;|&nbsp; Saturday, November 28, 2026</font></td></tr>
<tr><td colspan="3" class="topnav" bgcolor="#003366"><a href="{{base}}/index.html">Home</a> | <a href="{{base}}/section/local/">Local</a> | <a href="{{base}}/section/world/">World</a> | <a href="{{base}}/section/business/">Business</a> | <a href="{{base}}/section/sports/">Sports</a> | <a href="{{base}}/section/entertainment/">Entertainment</a> | <a href="{{base}}/section/weather/">Weather</a> | <a href="{{base}}/obituaries/">Obituaries</a> | <a href="{{base}}/classifieds/">Classifieds</a> | <a href="{{base}}/subscribe/">Subscribe</a></td></tr>
<tr>
<td width="170" valign="top" class="leftcol">
<table width="100%" cellpadding="4" cellspacing="0" class="sidebox"><tr><td class="boxhead"><b>Sections</b></td></tr>
<tr><td><a href="{{base}}/section/local/">Local News</a><br><a href="{{base}}/section/schools/">Schools</a><br><a href="{{base}}/section/police/">Police Blotter</a><br><a href="{{base}}/section/opinion/">Opinion</a><br><a href="{{base}}/section/letters/">Letters</a><br><a href="{{base}}/section/community/">Community Calendar</a></td></tr></table>
<table width="100%" cellpadding="4" cellspacing="0" class="sidebox"><tr><td class="boxhead"><b>Most Read</b></td></tr>
<tr><td class="mostread">{"<br>".join(f'{n + 1}. <a href="{{base}}{a(h)}">{t(s)}</a>' for n, (s, h) in enumerate(most_read))}</td></tr></table>
<table width="100%" cellpadding="4" cellspacing="0" class="sidebox"><tr><td class="boxhead"><b>Weather</b></td></tr>
<tr><td>Millbrook: 41&deg;F, cloudy<br>Tonight: low 33&deg;F<br><a href="{{base}}/section/weather/">7-day forecast</a></td></tr></table>
</td>
<td width="590" valign="top" class="centercol">
{center}
</td>
<td width="220" valign="top" class="rightcol">
<div class="adbox"><font size="1">ADVERTISEMENT</font><br><a href="{{base}}/ads/click.php?z=4"><img src="{{base}}/ads/brewer_corvane_300.gif" width="200" height="200" border="0" alt="Brewer Corvane - Year End Sale"></a></div>
<table width="100%" cellpadding="4" cellspacing="0" class="sidebox"><tr><td class="boxhead"><b>Recommendation</b></td></tr>
{"".join(f'<tr><td class="rec"><a href="{{base}}{a(h)}"><img src="{{base}}/images/thumbs/rec{(index * 3 + n) % 25 + 1}.jpg" width="60" height="45" align="left" border="0" alt=""></a><a href="{{base}}{a(h)}">{t(s)}</a></td></tr>' for n, (s, h) in enumerate(recommend))}
</table>
{PARTNERS_C if partners else ""}</td>
</tr>
<tr><td colspan="3" class="footer" align="center"><font size="1"><a href="{{base}}/about.html">About the Courier</a> | <a href="{{base}}/contact.html">Contact Us</a> | <a href="{{base}}/advertise.html">Advertise</a> | <a href="{{base}}/privacy.html">Privacy Policy</a> | <a href="{{base}}/terms.html">Terms of Use</a><br>Copyright &copy; 1998-2026 Tri-County Courier Publishing Co. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</font></td></tr>
</table>
</body>
</html>
"""


def page_c(article: dict, index: int) -> str:
    pub = dt(article)
    if article["date_style"] == "time":
        date_html = f'<div class="dateline">Published <time datetime="{pub.isoformat()}">{pub:%b}. {pub.day}, {pub:%Y} {clock(pub)}</time></div>'
    else:
        date_html = f'<div class="dateline">Posted: {pub:%A, %B} {pub.day}, {pub:%Y} {clock(pub)}</div>'
    paras = [t(p) for p in article["paragraphs"]]
    if article.get("dateline"):
        paras[0] = f"<b>{t(article['dateline'])}</b> {paras[0]}"
    if article.get("br_paragraphs"):
        story = "<br><br>\n".join(paras)
    else:
        story = "\n".join(f"<p>{p}</p>" for p in paras)
    more = [(x["headline"], x["path"]) for x in site_articles("site-c") if x["id"] != article["id"]][:3] + pick(GOSSIP_C, index + 7, 5)
    comments = [COMMENTS_C[(index + n) % len(COMMENTS_C)] for n in range(3)]
    NOISE[article["id"]] = [more[3][0], pick(GOSSIP_C, index + 4, 8)[0][0], pick(GOSSIP_C, index + 1, 6)[0][0],
                            comments[0][1]]
    comment_html = "\n".join(
        f'<div class="comment"><div class="commenter"><b>{t(user)}</b> <font size="1" color="#888888">{pub.day + 1 if pub.day < 28 else 28} Nov 2026</font></div><div class="commentbody">{t(text)}</div><div class="commentlinks"><a href="#">Reply</a> | <a href="#">Report abuse</a> | Like (' + str(3 + n * 4) + ")</div></div>"
        for n, (user, text) in enumerate(comments)
    )
    center = f"""<div class="storyhead"><span class="kicker">{t(article["section"].upper())}</span>
<h1 class="headline">{t(article["headline"])}</h1></div>
<div class="byline">By <a href="{{base}}/author/{slug(article["author"])}/"><b>{t(article["author"])}</b></a>, Courier</div>
{date_html}
<div class="toolbar">[<a href="#">Print</a>] [<a href="#">Email</a>] [<a href="#">Share</a>] &nbsp; Text size: <a href="#">A</a> <a href="#"><big>A</big></a> &nbsp; <a href="#comments">Comments (3)</a></div>
<div id="storytext" class="storytext">
{story}
</div>
<div class="storytools">Copyright 2026 Tri-County Courier. <a href="{{base}}/reprints.html">Reprints</a> | <a href="#comments">Comments (3)</a></div>
<table width="100%" cellpadding="3" cellspacing="0" class="morestories">
<tr><td colspan="2" class="boxhead"><b>More stories</b></td></tr>
{"".join(f'<tr><td width="70"><img src="{{base}}/images/thumbs/ms{(index + n) % 25 + 1}.jpg" width="64" height="48" border="0" alt=""></td><td><a href="{{base}}{a(h)}">{t(s)}</a></td></tr>' for n, (s, h) in enumerate(more))}
</table>
<div id="comments" class="comments"><h3>Reader comments (3)</h3>
{comment_html}
<form class="commentform" action="{{base}}/comments/post.php" method="post"><b>Leave a comment</b><br><textarea name="comment" rows="4" cols="50"></textarea><br><input type="text" name="name" value="Your name"> <input type="submit" value="Post comment"></form>
<p class="commentrules"><font size="1">Comments are moderated. Keep it clean and on topic. The Courier is not responsible for reader content.</font></p>
</div>"""
    return frame_c(f'{article["headline"]} - Tri-County Courier', center, index, f'<link rel="canonical" href="{{base}}{article["path"]}">\n')


def listing_c(base_articles: list[dict]) -> str:
    rows = []
    for x in base_articles:
        pub = dt(x)
        section = x["section"].lower()
        rows.append(
            f'<tr><td class="listitem"><span class="kicker"><a href="{{base}}/section/{section}/">{t(x["section"].upper())}</a></span><br>'
            f'<a class="listhead" href="{{base}}{x["path"]}"><b>{t(x["headline"])}</b></a><br>'
            f'<font size="1">By <a href="{{base}}/author/{slug(x["author"])}/">{t(x["author"])}</a> | {pub:%b}. {pub.day}, {pub:%Y}</font><br>'
            f'{t(excerpt(x, 28))} <a href="{{base}}{x["path"]}">Read more &raquo;</a></td></tr>'
        )
    tags = ["Millbrook", "Ashford", "Kellerton", "Elections", "Schools", "High school sports", "Celebrities", "Weather"]
    center = f"""<h1 class="sectionhead">Latest News</h1>
<table width="100%" cellpadding="6" cellspacing="0" class="storylist">
{chr(10).join(rows)}
</table>
<div class="pager">total 12 pages &nbsp; <b>1</b> <a href="{{base}}/news/page/2.html">2</a> <a href="{{base}}/news/page/3.html">3</a> <a href="{{base}}/news/page/4.html">4</a> &hellip; <a href="{{base}}/news/page/12.html">12</a> <a href="{{base}}/news/page/2.html">Next &raquo;</a></div>
<div class="tagcloud"><b>Popular tags:</b> {" ".join(f'<a href="{{base}}/tag/{slug(tag)}/">{t(tag)}</a>' for tag in tags)}</div>
<div class="staff"><b>Our reporters:</b> {" | ".join(f'<a href="{{base}}/author/{slug(n)}/">{t(n)}</a>' for n in ["Dale Whitcomb", "Jenna Pruitt", "Rick Tomasso"])}</div>"""
    # On the listing page (a discovery source) every article-like link is a real article; the
    # sidebars carry real stories and sponsored links (non-articles) instead of rotting gossip links.
    most_read = [(x["headline"], x["path"]) for x in sorted(base_articles, key=lambda x: x["id"])[:6]]
    return frame_c("Tri-County Courier - Local News for Millbrook, Ashford & Kellerton", center, 0,
                   most_read=most_read, recommend=SPONSORED_C, partners=False)


# --------------------------------------------------------------------------- css
CSS = {
    "site-a/wp-content/themes/ledger/style.css": """/* Theme Name: Ledger */
body{font-family:Georgia,serif;margin:0;color:#222}
.site-header{border-bottom:3px solid #111;padding:12px 24px}.site-title a{font-size:2em;color:#111;text-decoration:none}
.main-navigation ul{list-style:none;margin:0;padding:0;display:flex;gap:16px}
.site-content{display:flex;gap:32px;padding:0 24px}.content-area{flex:3}.widget-area{flex:1}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#222;color:#fff;padding:12px;z-index:99}
.related-list,.ymal-grid,.most-read-list{list-style:none;padding:0;display:grid;grid-template-columns:repeat(2,1fr);gap:8px}
.read-more-inline{border-left:3px solid #c00;padding-left:8px}.ad-slot{background:#eee;min-height:90px}
""",
    "site-b/static/css/eb.css": """body{font:14px/1.8 "Microsoft YaHei",Arial,sans-serif;margin:0;color:#333}
.w1200{width:1200px;margin:0 auto}.fl{float:left}.fr{float:right}.clearfix:after{content:"";display:block;clear:both}
.nav{background:#c40000}.nav ul{list-style:none;padding:0}.nav li{display:inline-block;padding:0 14px}.nav a{color:#fff}
.main-left{width:860px}.main-right{width:310px}.content-box h1{font-size:26px;text-align:center}
.info{color:#999;text-align:center}.like-box a{display:inline-block;border:1px solid #ddd;padding:4px 16px;margin:8px}
.box .tit{border-bottom:2px solid #c40000;font-weight:bold}.rank-list em{display:inline-block;width:20px;background:#999;color:#fff;text-align:center;margin-right:6px}
.pic-list li{float:left;width:25%;list-style:none}.pic-list img{width:190px;height:120px}
.footer{background:#333;color:#aaa;text-align:center;padding:20px;clear:both}
""",
    "site-c/css/courier.css": """body{font-family:Verdana,Arial,sans-serif;font-size:12px}
.topnav a{color:#fff;font-weight:bold}.boxhead{background:#ccd6e0}
.headline{font-family:Georgia,Times,serif;font-size:24px;margin:6px 0}
.storytext{font-size:13px;line-height:1.5}.kicker{color:#900;font-weight:bold;font-size:10px}
.comment{border-top:1px dotted #999;padding:6px 0}.footer{border-top:1px solid #003366;padding:8px}
""",
}


# --------------------------------------------------------------------------- build
def render() -> dict[str, str]:
    """Every output file, as relative path -> text."""
    files: dict[str, str] = {}
    for site in SITES:
        for index, article in enumerate(site_articles(site)):
            if site == "site-a":
                files[f"site-a{article['path']}index.html"] = page_a(article, index)
            elif site == "site-b":
                files[f"site-b{article['path']}"] = page_b(article, index)
            else:
                files[f"site-c{article['path']}"] = page_c(article, index)
    a_list, b_list, c_list = (site_articles(s) for s in SITES)
    files["site-a/feed.xml"] = feed_a(a_list)
    files["site-a/robots.txt"] = ROBOTS_A
    files["site-a/sitemap.xml"] = sitemap([(x["path"], dt(x).date().isoformat()) for x in a_list])
    files["site-a/index.html"] = index_a(a_list)
    files["site-b/atom.xml"] = atom_b(b_list)
    files["site-b/news-sitemap.xml"] = news_sitemap_b(b_list)
    files["site-b/index.html"] = index_b(b_list)
    files["site-c/index.html"] = listing_c(c_list)
    files["site-c/sitemap.xml"] = sitemap([("/index.html", "2026-11-28")] + [(x["path"], dt(x).date().isoformat()) for x in c_list])
    files.update(CSS)
    files["manifest.json"] = json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n"
    return files


def manifest() -> dict:
    groups: dict[str, list[str]] = {}
    articles = []
    for x in sorted(ARTICLES, key=lambda x: (x["site"], dt(x))):
        if x.get("syndication_group"):
            groups.setdefault(x["syndication_group"], []).append(x["id"])
        articles.append({
            "id": x["id"],
            "site": x["site"],
            "path": x["path"],
            "alternate_paths": x.get("alternate_paths", []),
            "topic": x["topic"],
            "syndication_group": x.get("syndication_group"),
            "headline": x["headline"],
            "author": x["author"],
            "published": x["published"],
            "date_style": x["date_style"],
            "paragraph_count": len(x["paragraphs"]),
            "body_first_words": " ".join(first_para(x).split()[:8]),
            "body_last_words": " ".join(x["paragraphs"][-1].split()[-8:]),
            "body": [first_para(x), *x["paragraphs"][1:]],
            "noise_samples": NOISE[x["id"]],
        })
    return {
        "about": "Bundled offline demo sites for `newsflow demo`; generated by newsflow/demo/build_site.py. "
                 "Paths are relative to the base URL of the article's site. Expected topics are what a correct "
                 "classifier should say. Articles sharing a syndication_group are copies of one wire story. "
                 "body is the article text a correct extractor returns (one string per paragraph); "
                 "noise_samples are strings shown on the same page (sidebars, banners, inline READ MORE links, "
                 "comments) that must not end up in the extracted text. date_style says how the page shows its date "
                 "(jsonld, meta, time = machine-readable with offset; visible, posted = local wall-clock text "
                 "without an offset); published is the true instant.",
        "sites": {
            name: {"name": info["name"], "layout": info["layout"], "placeholder": info["placeholder"],
                   "sources": info["sources"], "other_discovery": info["other_discovery"]}
            for name, info in SITES.items()
        },
        "articles": articles,
        "syndication_groups": groups,
        "duplicate_urls": [
            {"id": x["id"], "site": x["site"], "canonical_path": x["path"], "other_paths": x["alternate_paths"],
             "note": "the feed links the tracking-parameter URL, the sitemap the plain one"}
            for x in ARTICLES if x.get("alternate_paths")
        ],
    }


def write(target: Path) -> None:
    for rel, text in render().items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def stale(target: Path = SITE_DIR) -> list[str]:
    """Relative paths whose committed copy differs from a fresh build (or is missing/extra)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        write(fresh)
        want = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
        have = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} if target.exists() else set()
        return sorted((want ^ have) | {r for r in want & have if not filecmp.cmp(fresh / r, target / r, shallow=False)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if site/ differs from a fresh build")
    args = parser.parse_args(argv)
    if args.check:
        diff = stale()
        for rel in diff:
            print(f"stale: {rel}")
        return 1 if diff else 0
    write(SITE_DIR)
    print(f"wrote {len(render())} files under {SITE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
