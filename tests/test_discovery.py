"""discover() per source kind, against local servers: feeds, sitemaps, listing pages."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from datetime import datetime, timezone

import pytest

from newsflow.connectors.article_urls import looks_like_article
from newsflow.core.urls import same_site
from newsflow.connectors.discover import DiscoveredLink, DiscoveryResult, Rejected, discover
from newsflow.connectors.http import HttpConfig, PoliteClient
from newsflow.connectors.sources import Source
from newsflow.connectors.addresses import PrivateHostPolicy
from tests.hostile_server import HostileServer, Reply, Tripwire

RSS_TYPE = {"Content-Type": "application/rss+xml"}
XML_TYPE = {"Content-Type": "application/xml"}
HTML_TYPE = {"Content-Type": "text/html; charset=utf-8"}
SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


@pytest.fixture
def server():
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def client():
    cfg = HttpConfig(
        private_hosts=PrivateHostPolicy.parse("127.0.0.1"),
        min_host_delay=0.0,
        total_timeout=2.0,
        max_body_bytes=500_000,
        max_sitemap_bytes=1_000_000,
        backoff_base=0.01,
        backoff_max=0.02,
    )
    with PoliteClient(cfg) as c:
        yield c


def run(server: HostileServer, client: PoliteClient, kind: str, path: str, **kwargs) -> DiscoveryResult:
    return discover(Source(name="src", kind=kind, url=server.url(path)), client, **kwargs)


def urls(result: DiscoveryResult) -> list[str]:
    return [link.url for link in result.links]


# -- feeds ------------------------------------------------------------------------------------------

RSS2 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>{base}/</link>
<item><title>First  story</title><link>/news/2024/05/01/first-story</link>
  <pubDate>Wed, 01 May 2024 10:00:00 +0200</pubDate></item>
<item><title>Script</title><link>javascript:alert(1)</link></item>
<item><title>Mail</title><link>mailto:desk@example.org</link></item>
<item><title>Same again</title><link>{base}/news/2024/05/01/first-story#comments</link></item>
<item><title>Second</title><link>https://elsewhere.example/2024/second</link></item>
<item><title>No link at all</title></item>
</channel></rss>"""


def test_rss2_relative_invalid_and_duplicate_links(server, client):
    server.routes["/feed.xml"] = Reply(200, RSS2.replace("{base}", server.base).encode(), RSS_TYPE)
    result = run(server, client, "feed", "/feed.xml")
    assert urls(result) == [server.url("/news/2024/05/01/first-story"), "https://elsewhere.example/2024/second"]
    first = result.links[0]
    assert first == DiscoveredLink(
        server.url("/news/2024/05/01/first-story"), "First story", datetime(2024, 5, 1, 8, tzinfo=timezone.utc), "src"
    )
    assert [(r.url, r.status) for r in result.rejected] == [
        ("javascript:alert(1)", "invalid_url"),
        ("mailto:desk@example.org", "invalid_url"),
        ("", "invalid_url"),
    ]
    assert result.rejected[0].reason == "unsupported URL scheme 'javascript': only http and https are kept"
    assert result.rejected[2].reason == "feed entry 'No link at all' has no link"
    assert server.paths() == ["/robots.txt", "/feed.xml"]  # discovery fetches only the feed


def test_feed_relative_links_resolve_against_the_feed_url(server, client):
    feed = b'<rss version="2.0"><channel><item><title>t</title><link>story-one-two-three</link></item></channel></rss>'
    server.routes["/feeds/world/rss.xml"] = Reply(200, feed, RSS_TYPE)
    result = run(server, client, "feed", "/feeds/world/rss.xml")
    assert urls(result) == [server.url("/feeds/world/story-one-two-three")]


def test_atom_feed_with_alternate_links_and_updated_dates(server, client):
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:x</id><updated>2024-05-02T00:00:00Z</updated>
<entry><title>Atom one</title><id>urn:1</id><updated>2024-05-02T09:30:00+01:00</updated>
  <link rel="alternate" type="text/html" href="/a/atom-one"/><link rel="edit" href="/edit/1"/></entry>
<entry><title type="html">Atom &lt;b&gt;two&lt;/b&gt;</title><id>https://example.org/ids/2</id>
  <published>2024-05-01T00:00:00Z</published><link href="https://example.org/a/atom-two"/></entry>
<entry><title>Bad</title><id>urn:3</id><link href="data:text/html,hi"/></entry>
</feed>"""
    server.routes["/atom.xml"] = Reply(200, atom, {"Content-Type": "application/atom+xml"})
    result = run(server, client, "feed", "/atom.xml")
    assert urls(result) == [server.url("/a/atom-one"), "https://example.org/a/atom-two"]
    assert [link.title for link in result.links] == ["Atom one", "Atom two"]
    assert result.links[0].published_at == datetime(2024, 5, 2, 8, 30, tzinfo=timezone.utc)
    assert result.links[1].published_at == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert [(r.url, r.status) for r in result.rejected] == [("data:text/html,hi", "invalid_url")]


def test_rss1_rdf_feed(server, client):
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="x"><title>R</title><link>http://x/</link></channel>
<item rdf:about="https://example.org/rdf-item-one"><title>RDF one</title>
  <link>https://example.org/rdf-item-one</link><dc:date>2024-05-03T12:00:00Z</dc:date></item>
</rdf:RDF>"""
    server.routes["/rdf"] = Reply(200, rdf, {"Content-Type": "application/rdf+xml"})
    result = run(server, client, "feed", "/rdf")
    assert [(l.url, l.title, l.published_at) for l in result.links] == [
        ("https://example.org/rdf-item-one", "RDF one", datetime(2024, 5, 3, 12, tzinfo=timezone.utc))
    ]


def test_rss091_feed(server, client):
    rss = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><link>http://x/</link>
<description>d</description><language>en</language>
<item><title>Old one</title><link>https://example.org/old-feed-item</link></item></channel></rss>"""
    server.routes["/old.rss"] = Reply(200, rss, {"Content-Type": "text/xml"})
    assert urls(run(server, client, "feed", "/old.rss")) == ["https://example.org/old-feed-item"]


def test_json_feed_relative_and_invalid_links(server, client):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "items": [
            {"id": "1", "url": "/j/json-item-one", "title": "JSON one", "date_published": "2024-05-04T10:00:00-04:00"},
            {"id": "2", "external_url": "https://example.org/ext", "title": "External"},
            {"id": "3", "url": "javascript:void(0)"},
            {"id": "4", "content_text": "no url"},
            "not an object",
        ],
    }
    server.routes["/feed.json"] = Reply(200, json.dumps(feed).encode(), {"Content-Type": "application/feed+json"})
    result = run(server, client, "feed", "/feed.json")
    assert urls(result) == [server.url("/j/json-item-one"), "https://example.org/ext"]
    assert result.links[0].published_at == datetime(2024, 5, 4, 14, tzinfo=timezone.utc)
    assert [r.status for r in result.rejected] == ["invalid_url", "invalid_url"]


def test_json_that_is_not_a_feed(server, client):
    server.routes["/x.json"] = Reply(200, b'{"hello": "world"}', {"Content-Type": "application/json"})
    result = run(server, client, "feed", "/x.json")
    assert result.links == []
    assert result.rejected == [Rejected(server.url("/x.json"), "parse_error", "JSON document is not a JSON Feed (no jsonfeed.org version)")]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>/laughs/article-one-here</link></item></channel></rss>"""


def test_entity_expansion_feed_is_refused_unexpanded(server, client):
    server.routes["/lol.xml"] = Reply(200, BILLION_LAUGHS, RSS_TYPE)
    tracemalloc.start()
    try:
        result = run(server, client, "feed", "/lol.xml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.links == []
    [rejected] = result.rejected
    assert rejected.status == "parse_error" and rejected.url == server.url("/lol.xml")
    assert "entity expansion" in rejected.reason and "'lol'" in rejected.reason
    assert peak < 10_000_000  # expanded, lol9 would be ~3 GB


def test_external_entity_feed_is_refused(server, client):
    xxe = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>/x/one-two-three</link></item></channel></rss>"""
    server.routes["/xxe.xml"] = Reply(200, xxe, RSS_TYPE)
    [rejected] = run(server, client, "feed", "/xxe.xml").rejected
    assert rejected.status == "parse_error" and "entity" in rejected.reason


def test_malformed_xml_feed_is_a_parse_error(server, client):
    server.routes["/bad.xml"] = Reply(200, b"<rss version='2.0'><channel><item><title>cut off", RSS_TYPE)
    result = run(server, client, "feed", "/bad.xml")
    assert result.links == []
    assert [(r.status, r.reason.split(":")[0]) for r in result.rejected] == [("parse_error", "malformed XML")]


def test_html_served_as_a_feed_is_a_parse_error(server, client):
    server.routes["/feed"] = Reply(200, b"<html><body><p>Not a feed</p></body></html>", {"Content-Type": "text/xml"})
    result = run(server, client, "feed", "/feed")
    assert result.links == [] and result.rejected[0].status == "parse_error"


def test_feed_with_html_entities_is_still_read(server, client):
    feed = b"""<rss version="2.0"><channel><title>A&nbsp;B</title>
<item><title>Caf&eacute; news</title><link>https://example.org/cafe-news-story</link></item></channel></rss>"""
    server.routes["/loose.xml"] = Reply(200, feed, RSS_TYPE)
    result = run(server, client, "feed", "/loose.xml")
    assert urls(result) == ["https://example.org/cafe-news-story"] and result.rejected == []


@pytest.mark.parametrize(
    ("reply", "status", "reason"),
    [
        (Reply(500, b"boom"), "http_error", "HTTP 500 Internal Server Error"),
        (Reply(404, b"nope"), "http_error", "HTTP 404 Not Found"),
        (Reply(200, b"%PDF", {"Content-Type": "application/pdf"}), "not_html", "content type 'application/pdf' is not a feed or sitemap (XML/JSON/text/gzip)"),
    ],
)
def test_failed_feed_fetch_is_reported(server, client, reply, status, reason):
    server.routes["/feed.xml"] = reply
    result = run(server, client, "feed", "/feed.xml")
    assert result.links == []
    assert result.rejected == [Rejected(server.url("/feed.xml"), status, reason)]


def test_limit_and_exclude(server, client):
    items = "".join(f"<item><link>/n/story-number-{i}</link></item>" for i in range(10))
    server.routes["/feed.xml"] = Reply(200, f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(), RSS_TYPE)
    limited = run(server, client, "feed", "/feed.xml", limit=3)
    assert urls(limited) == [server.url(f"/n/story-number-{i}") for i in range(3)] and limited.truncated
    known = {server.url("/n/story-number-0"), server.url("/n/story-number-2")}
    fresh = run(server, client, "feed", "/feed.xml", limit=3, exclude=known)
    assert urls(fresh) == [server.url(f"/n/story-number-{i}") for i in (1, 3, 4)]
    everything = run(server, client, "feed", "/feed.xml")
    assert len(everything.links) == 10 and not everything.truncated


def test_feed_links_to_private_addresses_are_listed_but_never_fetched(server, client):
    with Tripwire("127.0.0.2") as wire:
        feed = f'<rss version="2.0"><channel><item><link>{wire.url("/internal-admin-page")}</link></item></channel></rss>'
        server.routes["/feed.xml"] = Reply(200, feed.encode(), RSS_TYPE)
        result = run(server, client, "feed", "/feed.xml")
        assert urls(result) == [wire.url("/internal-admin-page")]
        assert client.fetch(result.links[0].url).status == "blocked"
        assert wire.connections == 0


# -- sitemaps -------------------------------------------------------------------------------------


def sitemap_routes(server: HostileServer) -> None:
    server.routes["/robots.txt"] = Reply(
        200, f"User-agent: *\nDisallow: /private/\nSitemap: {server.url('/sitemap_index.xml')}\n".encode()
    )
    server.routes["/sitemap_index.xml"] = Reply(
        200,
        f"""<?xml version="1.0"?><sitemapindex {SM}>
<sitemap><loc>{server.url('/sitemap-2023.xml.gz')}</loc><lastmod>2023-12-31</lastmod></sitemap>
<sitemap><loc>/news-sitemap.xml</loc><lastmod>2024-05-05T10:00:00Z</lastmod></sitemap>
<sitemap><loc>javascript:alert(1)</loc></sitemap>
</sitemapindex>""".encode(),
        XML_TYPE,
    )
    server.routes["/sitemap-2023.xml.gz"] = Reply(
        200,
        gzip.compress(
            f"""<urlset {SM}><url><loc>{server.url('/2023/12/old-story-here')}</loc><lastmod>2023-12-30</lastmod></url>
<url><loc>/2023/12/another-old-story</loc></url></urlset>""".encode()
        ),
        {"Content-Type": "application/x-gzip"},
    )
    server.routes["/news-sitemap.xml"] = Reply(
        200,
        f"""<?xml version="1.0" encoding="UTF-8"?><urlset {SM} {NEWS}>
<url><loc>{server.url('/2024/05/05/fresh-story')}</loc><news:news>
  <news:publication><news:name>Paper</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2024-05-05T09:00:00+02:00</news:publication_date>
  <news:title>Fresh  story</news:title></news:news></url>
<url><loc>{server.url('/2024/05/05/fresh-story')}</loc></url>
<url><loc>mailto:x@example.org</loc></url>
</urlset>""".encode(),
        XML_TYPE,
    )


def test_sitemap_index_gzip_and_news_sitemap(server, client):
    sitemap_routes(server)
    result = run(server, client, "sitemap", "/sitemap_index.xml")
    assert result.links[0] == DiscoveredLink(
        server.url("/2024/05/05/fresh-story"), "Fresh story", datetime(2024, 5, 5, 7, tzinfo=timezone.utc), "src"
    )
    assert urls(result)[1:] == [server.url("/2023/12/old-story-here"), server.url("/2023/12/another-old-story")]
    assert {(r.url, r.status) for r in result.rejected} == {
        ("javascript:alert(1)", "invalid_url"),
        ("mailto:x@example.org", "invalid_url"),
    }
    # newest child sitemap first
    assert server.paths() == ["/robots.txt", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-2023.xml.gz"]


def test_sitemap_limit_stops_reading_further_sitemaps(server, client):
    sitemap_routes(server)
    result = run(server, client, "sitemap", "/sitemap_index.xml", limit=1)
    assert urls(result) == [server.url("/2024/05/05/fresh-story")]
    assert "/sitemap-2023.xml.gz" not in server.paths()


@pytest.mark.parametrize("path", ["/robots.txt", "/"])
def test_sitemaps_found_through_robots_txt(server, client, path):
    sitemap_routes(server)
    result = run(server, client, "sitemap", path)
    assert len(result.links) == 3
    assert server.paths()[:2] == ["/robots.txt", "/sitemap_index.xml"]


def test_site_root_without_sitemap_lines_falls_back_to_sitemap_xml(server, client):
    server.routes["/sitemap.xml"] = Reply(200, f"<urlset {SM}><url><loc>/a/b-c-d</loc></url></urlset>".encode(), XML_TYPE)
    assert urls(run(server, client, "sitemap", "/")) == [server.url("/a/b-c-d")]


def test_robots_txt_without_sitemaps(server, client):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n")
    result = run(server, client, "sitemap", "/robots.txt")
    assert result.rejected == [Rejected(server.url("/robots.txt"), "parse_error", "robots.txt lists no Sitemap: lines")]


def test_unavailable_robots_txt_is_reported_for_site_root_sources(server, client):
    server.routes["/robots.txt"] = Reply(503, b"down")
    result = run(server, client, "sitemap", "/")
    assert [(r.status, r.reason) for r in result.rejected] == [
        ("robots_disallowed", f"{server.base}/robots.txt is unavailable (HTTP 503 Service Unavailable); try again later")
    ]
    assert server.paths() == ["/robots.txt"]


def test_sitemap_index_recursion_is_bounded(server, client):
    for depth in range(6):  # /sm0 → /sm1 → … each an index, plus a self-reference
        server.routes[f"/sm{depth}.xml"] = Reply(
            200,
            f"<sitemapindex {SM}><sitemap><loc>/sm{depth}.xml</loc></sitemap>"
            f"<sitemap><loc>/sm{depth + 1}.xml</loc></sitemap></sitemapindex>".encode(),
            XML_TYPE,
        )
    result = run(server, client, "sitemap", "/sm0.xml")
    assert result.links == []
    assert [(r.url, r.status) for r in result.rejected] == [(server.url("/sm4.xml"), "skipped")]
    assert result.rejected[0].reason == "sitemap index nested deeper than 3 levels; not followed"
    assert server.paths().count("/sm0.xml") == 1 and "/sm4.xml" not in server.paths()


def test_sitemap_gzip_bomb_is_refused(server, client):
    server.routes["/bomb.xml.gz"] = Reply(200, gzip.compress(b" " * 40_000_000), {"Content-Type": "application/gzip"})
    tracemalloc.start()
    try:
        result = run(server, client, "sitemap", "/bomb.xml.gz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(r.status, r.reason) for r in result.rejected] == [("too_large", "gunzipped sitemap exceeds 1000000 bytes")]
    assert peak < 4_000_000


def test_sitemap_entity_expansion_and_malformed(server, client):
    server.routes["/lol.xml"] = Reply(200, BILLION_LAUGHS.replace(b"rss", b"urlset"), XML_TYPE)
    server.routes["/bad.xml"] = Reply(200, f"<urlset {SM}><url><loc>/x".encode(), XML_TYPE)
    server.routes["/html.xml"] = Reply(200, b"<html><body>hi</body></html>", XML_TYPE)
    lol = run(server, client, "sitemap", "/lol.xml").rejected[0]
    assert lol.status == "parse_error" and "entity expansion" in lol.reason
    bad = run(server, client, "sitemap", "/bad.xml").rejected[0]
    assert bad.status == "parse_error" and "malformed XML" in bad.reason
    html = run(server, client, "sitemap", "/html.xml").rejected[0]
    assert html.reason == "not a sitemap: root element is <html>, not <urlset> or <sitemapindex>"


def test_malformed_feed_declaring_entities_is_refused(server, client):
    feed = b"garbage<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaa'>]><rss><channel><item><link>/x/a-b-c</link></item></channel></rss>"
    server.routes["/odd.xml"] = Reply(200, feed, RSS_TYPE)
    result = run(server, client, "feed", "/odd.xml")
    assert result.links == [] and "entity expansion" in result.rejected[0].reason


def test_sitemap_that_is_neither_xml_nor_text(server, client):
    server.routes["/sitemap.json"] = Reply(200, b'{"urls": []}', {"Content-Type": "application/json"})
    result = run(server, client, "sitemap", "/sitemap.json")
    assert result.rejected == [
        Rejected(server.url("/sitemap.json"), "parse_error", "not a sitemap: neither XML nor a text/plain list of URLs")
    ]


def test_plain_text_sitemap(server, client):
    server.routes["/sitemap.txt"] = Reply(200, b"https://example.org/t/one-two-three\n\n/t/relative-item\n", {"Content-Type": "text/plain"})
    assert urls(run(server, client, "sitemap", "/sitemap.txt")) == [
        "https://example.org/t/one-two-three",
        server.url("/t/relative-item"),
    ]


# -- listing pages --------------------------------------------------------------------------------

LISTING = """<!doctype html><html><head><title>World</title></head><body>
<header><a href="/">Home</a><a href="/login">Log in</a></header>
<nav><a href="/world">World</a><a href="/2024/05/06/nav-promoted-story">Promo</a></nav>
<main>
  <article><h2><a href="/2024/05/06/floods-hit-the-valley">Floods  hit
     the valley</a></h2><time datetime="2024-05-06T07:15:00+02:00">this morning</time><a href="/author/jane-doe">Jane Doe</a> <a href="/tag/weather">weather</a></article>
  <article><a href="/world/europe/parliament-votes-on-budget-plan"><img src="x.jpg" alt=""></a>
     <a href="/world/europe/parliament-votes-on-budget-plan">Parliament votes on budget</a></article>
  <article><a href="news/story-48213.html">Relative id story</a></article>
  <a href="/category/politics">Politics</a>
  <a href="/section/world/2024/05/06/hub-dated-story">Dated story under a section</a>
  <a href="/page/2">Next page</a>
  <a href="/search?q=x">Search</a>
  <a href="https://other-site.example/2024/05/06/someone-elses-story">Elsewhere</a>
  <a href="https://news.SITE/2024/05/06/subdomain-story-here">Subdomain</a>
  <a href="javascript:void(0)">JS</a><a href="mailto:tips@site">Tips</a><a href="#top">Top</a>
  <a href="/static/report-2024-final.pdf">PDF report</a>
  <a href="/about">About</a>
</main>
<footer><a href="/privacy-policy-and-cookie-notice">Privacy</a></footer>
</body></html>"""


def test_listing_keeps_same_site_article_links_only(server, client):
    page = LISTING.replace("news.SITE", f"news.{server.host}")
    server.routes["/world/"] = Reply(200, page.encode(), HTML_TYPE)
    result = run(server, client, "listing", "/world/")
    assert [(l.url, l.title) for l in result.links] == [
        (server.url("/2024/05/06/floods-hit-the-valley"), "Floods hit the valley"),
        (server.url("/world/europe/parliament-votes-on-budget-plan"), "Parliament votes on budget"),
        (server.url("/world/news/story-48213.html"), "Relative id story"),
        (server.url("/section/world/2024/05/06/hub-dated-story"), "Dated story under a section"),
    ]
    assert [r.url for r in result.rejected] == ["javascript:void(0)", "mailto:tips@site"]
    assert [link.published_at for link in result.links] == [datetime(2024, 5, 6, 5, 15, tzinfo=timezone.utc), None, None, None]
    assert all(link.source == "src" for link in result.links)


def test_listing_honours_base_href_and_decodes_windows_1252(server, client):
    page = '<html><head><base href="/en/"></head><body><a href="2024/05/07/caf\xe9-story">Caf\xe9 \u201cnews\u201d</a></body></html>'
    server.routes["/en/index"] = Reply(200, page.encode("cp1252"), {"Content-Type": "text/html; charset=windows-1252"})
    result = run(server, client, "listing", "/en/index")
    assert [(l.url, l.title) for l in result.links] == [(server.url("/en/2024/05/07/caf%C3%A9-story"), "Caf\xe9 \u201cnews\u201d")]


def test_listing_page_that_is_not_html(server, client):
    server.routes["/list"] = Reply(200, b"{}", {"Content-Type": "application/json"})
    result = run(server, client, "listing", "/list")
    assert result.rejected == [Rejected(server.url("/list"), "not_html", "content type 'application/json' is not HTML")]


def test_listing_of_random_bytes_does_not_crash(server, client):
    import os

    server.routes["/noise"] = Reply(200, os.urandom(20_000), HTML_TYPE)
    result = run(server, client, "listing", "/noise")
    assert isinstance(result, DiscoveryResult)


def test_robots_disallowed_listing_is_never_requested(server, client):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n")
    server.routes["/private/list"] = Reply(200, LISTING.encode(), HTML_TYPE)
    result = run(server, client, "listing", "/private/list")
    assert result.links == [] and result.rejected[0].status == "robots_disallowed"
    assert server.paths() == ["/robots.txt"]


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://site.example/2024/05/06/some-story", True),
        ("https://site.example/news/2024-05-06/story", True),
        ("https://site.example/politics/budget-vote-passes-senate", True),
        ("https://site.example/news/article-1234567", True),
        ("https://site.example/?p=1234", True),
        ("https://site.example/story.php?id=991", True),
        ("https://site.example/", False),
        ("https://site.example/world", False),
        ("https://site.example/world/europe", False),
        ("https://site.example/tag/some-long-tag-name", False),
        ("https://site.example/author/jane-doe-smith", False),
        ("https://site.example/login", False),
        ("https://site.example/about-us", False),
        ("https://site.example/category/local-news-and-more", False),
        ("https://site.example/news?page=2", False),
        ("https://site.example/uploads/2024/05/photo-of-the-day.jpg", False),
        ("https://site.example/contact.html", False),
    ],
)
def test_article_url_heuristic(url, article):
    assert looks_like_article(url) is article


def test_same_site():
    assert same_site("https://www.site.example/a", "https://site.example/")
    assert same_site("https://news.site.example/a", "https://www.site.example/")
    assert not same_site("https://evil.example/a", "https://site.example/")
    assert not same_site("https://notsite.example/a", "https://site.example/")


def test_unknown_source_kind_is_reported_not_raised(server, client):
    result = discover(Source("odd", "podcast", server.url("/")), client)  # type: ignore[arg-type]
    assert result.rejected == [Rejected(server.url("/"), "invalid_source", "unknown source kind 'podcast'")]
