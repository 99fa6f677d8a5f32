"""newsflow.core.encoding: one decoder, with browser rules, for listing pages and the extractor."""

from __future__ import annotations

import codecs

from newsflow.core.encoding import decode_html, decode_html_utf8
from newsflow.connectors.listing import read_listing
from newsflow.connectors.links import LinkCollector

CP1252_PAGE = "<html><body><p>“Quoted” – naïve café</p></body></html>".encode("cp1252")


def test_latin1_label_decodes_as_windows_1252():
    assert "“Quoted” – naïve café" in decode_html(CP1252_PAGE, "text/html; charset=iso-8859-1")


def test_utf16_bom_is_honoured():
    data = codecs.BOM_UTF16_LE + "<p>héllo</p>".encode("utf-16-le")
    assert decode_html(data) == "<p>héllo</p>"


def test_plain_utf8_is_reported_so_the_bytes_can_go_to_the_parser():
    assert decode_html_utf8("<p>é</p>".encode()) == ("<p>é</p>", True)
    assert decode_html_utf8(CP1252_PAGE, "text/html; charset=windows-1252")[1] is False


def test_listing_page_titles_use_the_same_decoder():
    page = ('<html><body><a href="/news/2026/11/20/caf-owners-protest-1234.html">Café owners’ protest</a>'
            "</body></html>").encode("cp1252")
    collector = LinkCollector("t", limit=10)
    read_listing(page, "http://127.0.0.1/", "text/html; charset=iso-8859-1", collector)
    titles = [link.title for link in collector.finish().links]
    assert titles == ["Café owners’ protest"]
