"""The bundled offline demo sites (newsflow.dev.demo): content, discovery files and the DemoSite server."""

from __future__ import annotations

import difflib
import gzip
import html
import http.client
import re
import socket
import threading
import tomllib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from newsflow.dev.demo import DemoSite, load_manifest
from newsflow.dev.demo.build_site import stale

# Never go through a proxy from the environment: everything here is on 127.0.0.1.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
TITLE_SUFFIX = {"site-a": " | Daily Ledger", "site-b": " -东桥消息", "site-c": " - Tri-County Courier"}


def fetch(url: str) -> tuple[int, str, str]:
    assert urlsplit(url).hostname == "127.0.0.1", url
    try:
        with OPENER.open(url, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8", "replace")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)


def links_of(kind: str, url: str, body: str) -> set[str]:
    """Absolute URLs a discovery file points at."""
    if kind == "listing":
        parser = _Links()
        parser.feed(body)
        return {urljoin(url, h) for h in parser.hrefs}
    root = ET.fromstring(body.encode("utf-8"))
    if root.tag == "rss":
        return {el.text.strip() for el in root.iterfind("channel/item/link")}
    if root.tag == f"{{{NS['atom']}}}feed":
        return {el.get("href") for el in root.iterfind("atom:entry/atom:link[@rel='alternate']", NS)}
    return {el.text.strip() for el in root.iterfind("sm:url/sm:loc", NS)}


@pytest.fixture(scope="module")
def demo():
    with DemoSite() as site:
        yield site


@pytest.fixture(scope="module")
def manifest():
    return load_manifest()


# ----------------------------------------------------------------------------- manifest
def test_manifest_counts_and_topic_mix(manifest):
    articles = manifest["articles"]
    assert len(articles) >= 22
    assert set(manifest["sites"]) == {"site-a", "site-b", "site-c"}
    assert {a["site"] for a in articles} == {"site-a", "site-b", "site-c"}
    assert len({a["id"] for a in articles}) == len(articles)
    assert len({(a["site"], a["path"]) for a in articles}) == len(articles)
    # distinct stories: the syndicated copies count once
    stories = {a["syndication_group"] or a["id"]: a["topic"] for a in articles}
    mix = Counter(stories.values())
    assert set(mix) == {"geopolitics", "celebrity", "other"}
    assert mix["geopolitics"] >= 7 and mix["celebrity"] >= 6 and mix["other"] >= 7, mix


def test_manifest_syndication_and_duplicate_url(manifest):
    by_id = {a["id"]: a for a in manifest["articles"]}
    groups = manifest["syndication_groups"]
    assert len(groups) == 1
    (members,) = groups.values()
    copies = [by_id[m] for m in members]
    assert sorted(c["site"] for c in copies) == ["site-a", "site-b"]
    assert len({c["headline"] for c in copies}) == 2  # retitled
    assert len({c["topic"] for c in copies}) == 1
    assert copies[0]["paragraph_count"] != copies[1]["paragraph_count"]  # one copy trimmed
    (dup,) = manifest["duplicate_urls"]
    art = by_id[dup["id"]]
    assert art["alternate_paths"] == dup["other_paths"] and dup["canonical_path"] == art["path"]
    assert all(p.split("?")[0] == art["path"] and "utm_source=" in p for p in dup["other_paths"])


def test_committed_site_matches_generator():
    assert stale() == [], "run: python -m newsflow.dev.demo.build_site"


# ----------------------------------------------------------------------------- server basics
def test_base_urls_and_sources_toml(demo, tmp_path):
    assert set(demo.base_urls) == {"site-a", "site-b", "site-c"}
    ports = set()
    for base in demo.base_urls.values():
        parts = urlsplit(base)
        assert parts.scheme == "http" and parts.hostname == "127.0.0.1" and parts.port
        ports.add(parts.port)
    assert len(ports) == 3
    data = tomllib.loads(demo.sources_toml())
    kinds = [(s["kind"], s["url"]) for s in data["sources"]]
    assert kinds == [
        ("feed", demo.base_urls["site-a"] + "/feed.xml"),
        ("feed", demo.base_urls["site-b"] + "/atom.xml"),
        ("sitemap", demo.base_urls["site-b"] + "/news-sitemap.xml"),
        ("listing", demo.base_urls["site-c"] + "/index.html"),
    ]
    assert len({s["name"] for s in data["sources"]}) == 4
    path = demo.write_sources(tmp_path / "sources.toml")
    from newsflow.connectors.sources import load_sources  # the pipeline's own loader must accept it

    loaded = load_sources(path)
    assert [(s.kind, s.url) for s in loaded] == kinds


DISCOVERY = [
    ("site-a", "/feed.xml", "application/rss+xml"),
    ("site-a", "/robots.txt", "text/plain"),
    ("site-a", "/sitemap.xml", "application/xml"),
    ("site-b", "/atom.xml", "application/atom+xml"),
    ("site-b", "/news-sitemap.xml", "application/xml"),
    ("site-c", "/index.html", "text/html"),
    ("site-c", "/sitemap.xml", "application/xml"),
]


@pytest.mark.parametrize("site,path,ctype", DISCOVERY)
def test_discovery_files_served(demo, site, path, ctype):
    status, got_type, body = fetch(demo.url(site, path))
    assert status == 200
    assert got_type.split(";")[0].strip() == ctype
    assert "{base" not in body
    assert demo.base_urls[site] in body
    if path.endswith(".xml"):
        ET.fromstring(body.encode("utf-8"))  # well-formed


def test_robots_txt_allows_articles(demo, manifest):
    import urllib.robotparser

    _, _, body = fetch(demo.url("site-a", "/robots.txt"))
    assert f"Sitemap: {demo.base_urls['site-a']}/sitemap.xml" in body
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(body.splitlines())
    for art in manifest["articles"]:
        if art["site"] == "site-a":
            assert rp.can_fetch("newsflow", demo.url("site-a", art["path"]))
    assert not rp.can_fetch("newsflow", demo.url("site-a", "/wp-admin/options.php"))


def test_news_sitemap_fields(demo, manifest):
    _, _, body = fetch(demo.url("site-b", "/news-sitemap.xml"))
    root = ET.fromstring(body.encode("utf-8"))
    urls = root.findall("sm:url", NS)
    assert len(urls) == sum(a["site"] == "site-b" for a in manifest["articles"])
    for url in urls:
        assert url.findtext("news:news/news:publication_date", namespaces=NS)
        assert url.findtext("news:news/news:title", namespaces=NS)


def test_every_article_linked_from_a_configured_source(demo, manifest):
    linked: set[str] = set()
    for src in demo.sources():
        status, _, body = fetch(src["url"])
        assert status == 200
        linked |= links_of(src["kind"], src["url"], body)
    for art in demo.articles():
        assert {art["url"], *art["alternate_urls"]} & linked, f"{art['id']} is not reachable from any source"
    # the duplicate-URL article: tracking URL in the Atom feed, plain URL in the news sitemap
    (dup,) = manifest["duplicate_urls"]
    site = dup["site"]
    feed = links_of("feed", "", fetch(demo.url(site, "/atom.xml"))[2])
    smap = links_of("sitemap", "", fetch(demo.url(site, "/news-sitemap.xml"))[2])
    assert demo.url(site, dup["other_paths"][0]) in feed
    assert demo.url(site, dup["canonical_path"]) in smap


def test_cross_site_links_on_article_pages(demo, manifest):
    art = next(a for a in demo.articles() if a["site"] == "site-c")
    hrefs = links_of("listing", art["url"], fetch(art["url"])[2])
    for site in ("site-a", "site-b"):  # {base_a} / {base_b} placeholders, pointing at real articles
        cross = {h for h in hrefs if h.startswith(demo.base_urls[site] + "/")}
        assert cross and all(fetch(h)[0] == 200 for h in cross)


def test_listing_page_has_non_article_links(demo, manifest):
    url = demo.url("site-c", "/index.html")
    hrefs = links_of("listing", url, fetch(url)[2])
    articles = {demo.url("site-c", a["path"]) for a in manifest["articles"] if a["site"] == "site-c"}
    others = {h for h in hrefs if h.startswith(demo.base_urls["site-c"]) and h not in articles}
    assert any("/tag/" in h for h in others)
    assert any("/author/" in h for h in others)
    assert any("/section/" in h for h in others)
    assert not any(h.startswith((demo.base_urls["site-a"], demo.base_urls["site-b"])) for h in hrefs)
    assert articles <= hrefs
    # every article-looking link on the listing is a real article (no 404s for a listing crawler)
    article_like = {h for h in hrefs if re.search(r"/news/\d{4}/\d\d/\d\d/.+\.html$", h)}
    assert article_like == articles
    for href in {h for h in hrefs if h.startswith(tuple(demo.base_urls.values()))} - others:
        assert fetch(href)[0] == 200, href


# ----------------------------------------------------------------------------- articles
def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_every_article_page(demo, manifest):
    for art in demo.articles():
        for url in [art["url"], *art["alternate_urls"]]:
            status, ctype, body = fetch(url)
            assert status == 200, url
            assert ctype == "text/html; charset=utf-8"
            assert "{base" not in body
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
            assert h1 and _text(h1.group(1)).strip() == art["headline"], url
            title = _text(re.search(r"<title>(.*?)</title>", body, re.S).group(1))
            assert title == art["headline"] + TITLE_SUFFIX[art["site"]]
            plain = " ".join(_text(body).split())
            assert art["body_first_words"] in plain and art["body_last_words"] in plain, art["id"]
            body_text = " ".join(art["body"])
            for para in art["body"]:
                assert " ".join(para.split()) in plain, (art["id"], para[:60])
            assert len(art["noise_samples"]) >= 4
            for noise in art["noise_samples"]:
                assert noise in plain and noise not in body_text, (art["id"], noise)
            assert art["author"].split(",")[0] in plain
            assert 4 <= art["paragraph_count"] == len(art["body"]) <= 8


def test_article_pages_carry_clutter_and_dates(demo, manifest):
    seen = Counter()
    for art in demo.articles():
        body = fetch(art["url"])[2]
        body += "\n" + " ".join(_text(body).split())  # markup and visible text
        if "application/ld+json" in body and '"datePublished"' in body:
            seen["jsonld"] += 1
        if 'property="article:published_time"' in body:
            seen["meta"] += 1
        if "<time " in body and "datetime=" in body:
            seen["time"] += 1
        if re.search(r"Date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", body):
            seen["visible"] += 1
        seen["read_more"] += "READ MORE:" in body
        for marker in ("Related", "Trending", "Most read", "You may also like", "More stories",
                       "相关阅读", "热门排行", "猜你喜欢", "Recommendation", "veryGood!", "total 12",
                       "Current: Home >", "cookie-banner", "Reader comments"):
            seen[marker] += marker in body
    for key in ("jsonld", "meta", "time", "visible"):
        assert seen[key] >= 3, seen
    assert seen["read_more"] >= 2
    for marker in ("相关阅读", "热门排行", "猜你喜欢", "veryGood!", "total 12", "Current: Home >",
                   "cookie-banner", "Reader comments", "Related", "Trending", "More stories"):
        assert seen[marker] >= 6, (marker, seen)


def test_syndicated_copies_share_most_text(demo, manifest):
    (members,) = manifest["syndication_groups"].values()
    arts = {a["id"]: a for a in demo.articles()}
    paragraphs = []
    for member in members:
        body = fetch(arts[member]["url"])[2]
        paragraphs.append([" ".join(_text(p).split()) for p in re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)])
    shared = set(paragraphs[0]) & set(paragraphs[1])
    assert len(shared) >= 3  # identical paragraphs
    a_words = " ".join(p for p in paragraphs[0] if p).split()
    b_words = " ".join(p for p in paragraphs[1] if p).split()
    wire_a = " ".join(a_words[a_words.index("Veldoria"):]).split()
    wire_b = " ".join(b_words[b_words.index("Veldoria"):]).split()
    assert difflib.SequenceMatcher(None, wire_a, wire_b, autojunk=False).ratio() > 0.6
    assert paragraphs[0] != paragraphs[1]


# ----------------------------------------------------------------------------- HTTP behaviour
def test_404_redirect_head_gzip_and_etag(demo, manifest):
    status, ctype, body = fetch(demo.url("site-a", "/no/such/page.html"))
    assert status == 404 and ctype.startswith("text/html")
    assert fetch(demo.url("site-b", "/../manifest.json"))[0] == 404
    assert fetch(demo.url("site-a", "/%2e%2e/manifest.json"))[0] == 404

    art = next(a for a in manifest["articles"] if a["site"] == "site-a")
    host, port = urlsplit(demo.base_urls["site-a"])[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", art["path"].rstrip("/"))
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 301 and resp.getheader("Location") == art["path"]

        conn.request("HEAD", art["path"])
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 200 and int(resp.getheader("Content-Length")) > 1000
        etag = resp.getheader("ETag")

        conn.request("GET", art["path"], headers={"If-None-Match": etag})
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 304

        conn.request("GET", art["path"], headers={"Accept-Encoding": "gzip"})
        resp = conn.getresponse()
        raw = resp.read()
        assert resp.getheader("Content-Encoding") == "gzip"
        assert art["headline"] in html.unescape(gzip.decompress(raw).decode("utf-8"))
    finally:
        conn.close()


def test_server_is_silent(capfd):
    with DemoSite() as site:
        fetch(site.url("site-a", "/feed.xml"))
        fetch(site.url("site-a", "/missing"))
        host, port = urlsplit(site.base_urls["site-c"])[1].split(":")
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(b"BOGUS\r\n\r\n")
            sock.recv(1024)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_stop_closes_ports_and_joins_threads():
    before = set(threading.enumerate())
    site = DemoSite()
    with site:
        bases = dict(site.base_urls)
        started = [t for t in threading.enumerate() if t not in before]
        assert len([t for t in started if t.name.startswith("newsflow-demo-")]) == 3
        assert fetch(bases["site-a"] + "/robots.txt")[0] == 200
        # an idle keep-alive connection must not keep the server alive
        host, port = urlsplit(bases["site-b"])[1].split(":")
        idle = http.client.HTTPConnection(host, int(port), timeout=5)
        idle.request("GET", "/atom.xml")
        idle.getresponse().read()
    assert not site.running and site.base_urls == {}
    assert not [t for t in started if t.is_alive()]
    for base in bases.values():
        parts = urlsplit(base)
        with pytest.raises(OSError):
            socket.create_connection((parts.hostname, parts.port), timeout=2).close()
    with pytest.raises((OSError, http.client.HTTPException)):
        idle.request("GET", "/atom.xml")
        idle.getresponse().read()
    idle.close()
