"""The ingest flow against a hostile site, on real Postgres: the run finishes and every URL is accounted for."""

from __future__ import annotations

import gzip
import random

import pytest
from sqlalchemy import select

from tests.hostile_server import HostileServer, Reply, Seen, Tripwire, drip, endless
from tests.conftest import write_sources
from tests.local_site import rss

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("prefect_api")]

HTML = {"Content-Type": "text/html; charset=utf-8"}
PARAGRAPH = "The regional assembly debated the harbour budget for a third day, with members divided over dredging costs and fees."


def article(title: str, extra: str = "") -> bytes:
    body = "".join(f"<p>{PARAGRAPH} ({title}, part {i}.)</p>" for i in range(5))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}{extra}</article></body></html>".encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><link>http://127.0.0.1/x</link></item></channel></rss>"""


def test_hostile_site_every_url_recorded(tmp_path, configure, clean_tables, postgres_url):
    from newsflow.flows.ingest import ingest
    from newsflow.storage.db import open_database
    from newsflow.storage.models import Article, Fetch

    with HostileServer() as server, Tripwire("127.0.0.2") as wire:
        def busy(seen: Seen) -> Reply:
            if len(server.requests_to("/busy.html")) == 1:
                return Reply(429, b"slow down", {"Retry-After": "1"})
            return Reply(200, article("Busy page"), HTML)

        pages = {
            "/ok-1252.html": Reply(200, article("Café owners protest", "<p>Le café est fermé – naïve résumé “quoted”.</p>").decode("utf-8").encode("cp1252"),
                                   {"Content-Type": "text/html; charset=windows-1252"}),
            "/bomb.html": Reply(200, gzip.compress(b"\0" * 30_000_000), {**HTML, "Content-Encoding": "gzip"}),
            "/endless.html": None,
            "/drip.html": None,
            "/loop.html": Reply(302, b"", {"Location": "/loop.html"}),
            "/to-private.html": Reply(302, b"", {"Location": wire.url("/secret")}),
            "/binary.html": Reply(200, random.Random(1).randbytes(20_000), HTML),
            "/private/secret.html": Reply(200, article("Secret"), HTML),
            "/busy.html": busy,
            "/gone.html": Reply(410, b"gone"),
            "/broken.html": Reply(500, b"boom"),
        }
        server.routes.update({path: reply for path, reply in pages.items() if reply is not None})
        server.routes["/endless.html"] = lambda seen: endless()
        server.routes["/drip.html"] = lambda seen: drip(article("Drip"), 0.05)
        server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
        links = [server.url(path) for path in pages] + ["javascript:alert(1)", "mailto:desk@example.com"]
        server.routes["/feed.xml"] = Reply(200, rss([(link, link) for link in links]).encode(), {"Content-Type": "application/rss+xml"})
        server.routes["/evil.xml"] = Reply(200, BILLION_LAUGHS, {"Content-Type": "application/rss+xml"})
        server.routes["/bad.xml"] = Reply(200, b"<rss><channel><item><link>", {"Content-Type": "application/rss+xml"})

        configure(NEWSFLOW_TOTAL_TIMEOUT="2", NEWSFLOW_READ_TIMEOUT="1", NEWSFLOW_MAX_BODY_BYTES="1000000")
        sources = write_sources(tmp_path, ("hostile", "feed", server.url("/feed.xml")),
                                ("evil", "feed", server.url("/evil.xml")), ("bad", "feed", server.url("/bad.xml")))
        rows = {row["source"]: row for row in ingest(sources=str(sources))}

        assert wire.connections == 0, "the private address was contacted"
        assert server.requests_to("/private/secret.html") == []
        first, second = server.requests_to("/busy.html")
        assert second.at - first.at >= 1.0

    with open_database(postgres_url).sessions() as session:
        fetches = list(session.scalars(select(Fetch)))
        stored = {a.title: a for a in session.scalars(select(Article))}
    status = {f.url.replace(server.base, ""): f.status for f in fetches}
    assert status["/ok-1252.html"] == "fetched" and status["/busy.html"] == "fetched"
    assert status["/bomb.html"] == "too_large" and status["/endless.html"] == "too_large"
    assert status["/drip.html"] == "timeout"
    assert status["/loop.html"] == "redirect_error"
    assert status["/to-private.html"] == "blocked"
    assert status["/binary.html"] in ("parse_error", "not_html")
    assert status["/private/secret.html"] == "robots_disallowed"
    assert status["/gone.html"] == "http_error" and status["/broken.html"] == "http_error"
    assert status["javascript:alert(1)"] == "invalid_url" and status["mailto:desk@example.com"] == "invalid_url"
    assert status["/evil.xml"] == "parse_error" and status["/bad.xml"] == "parse_error"
    assert all(f.reason for f in fetches)
    assert "Le café est fermé – naïve résumé “quoted”." in stored["Café owners protest"].body
    assert rows["hostile"]["new"] == 2 and "too_large: 2" in rows["hostile"]["failed"]
