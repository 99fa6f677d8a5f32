"""URL canonicalisation: tracking params, case, ports, fragments, slashes, AMP variants, junk."""

from __future__ import annotations

import pytest

from newsflow.core.urls import canonicalize_url, is_http_url


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.com/a?utm_source=x&utm_medium=y&UTM_Campaign=z&id=5", "https://example.com/a?id=5"),
        ("https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4", "https://example.com/a"),
        ("https://example.com/a?igshid=1&ref_src=2&_ga=3&yclid=4&msclkid=5", "https://example.com/a"),
        ("https://example.com/a?pk_campaign=x&b=2&a=1", "https://example.com/a?a=1&b=2"),
    ],
)
def test_tracking_parameters_dropped_and_query_sorted(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_scheme_and_host_lower_cased_path_kept() -> None:
    assert canonicalize_url("HTTPS://News.Example.COM/World/Story") == "https://news.example.com/World/Story"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://example.com:80/x", "http://example.com/x"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("http://[::1]:80/x", "http://[::1]/x"),
    ],
)
def test_default_ports_dropped(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_fragment_dropped() -> None:
    assert canonicalize_url("https://example.com/story#comments") == "https://example.com/story"


def test_trailing_slash_normalised() -> None:
    assert canonicalize_url("https://example.com/a/b/") == canonicalize_url("https://example.com/a/b")
    assert canonicalize_url("https://example.com") == "https://example.com/"
    assert canonicalize_url("https://example.com/") == "https://example.com/"


def test_www_is_not_stripped() -> None:
    assert canonicalize_url("https://www.example.com/a") == "https://www.example.com/a"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/news/story/amp/",
        "https://www.example.com/news/story/amp",
        "https://www.example.com/amp/news/story",
        "https://www.example.com/news/story.amp",
        "https://www.example.com/news/story?amp=1",
        "https://www.example.com/news/story?amp",
        "https://www.example.com/news/story?outputType=amp",
        "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story?amp=1",
    ],
)
def test_amp_variants_map_to_the_plain_url(url: str) -> None:
    assert canonicalize_url(url) == "https://www.example.com/news/story"


def test_amp_html_suffix_and_other_query_kept() -> None:
    assert canonicalize_url("https://example.com/s.amp.html?id=3&amp=1") == "https://example.com/s.html?id=3"
    # a real parameter named like a flag is kept when it is not an AMP switch
    assert canonicalize_url("https://example.com/s?amp=page2") == "https://example.com/s?amp=page2"


def test_amp_subdomain_left_alone() -> None:
    # amp.example.com may canonicalise to example.com or www.example.com: not decidable from the URL
    assert canonicalize_url("https://amp.example.com/story") == "https://amp.example.com/story"


def test_equivalent_urls_collapse() -> None:
    a = canonicalize_url("HTTP://Example.com:80/news/story/?utm_source=tw&b=2&a=1#top")
    b = canonicalize_url("http://example.com/news/story?a=1&b=2")
    assert a == b == "http://example.com/news/story?a=1&b=2"


@pytest.mark.parametrize(
    "junk",
    ["", "   ", "not a url", "http://", "mailto:desk@example.com", "javascript:void(0)",
     "http://exa mple.com/", "http://example.com:99999/", "http://[::1/x", "//example.com/x"],
)
def test_junk_never_raises_and_comes_back_stripped(junk: str) -> None:
    assert canonicalize_url(f"  {junk}\n") == junk.strip()


def test_non_string_input_does_not_raise() -> None:
    assert canonicalize_url(None) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.com/a", True),
        ("HTTP://example.com", True),
        ("ftp://example.com/a", False),
        ("example.com/a", False),
        ("https://", False),
        ("", False),
        ("http://[::1/x", False),
        ("http://example.com:99999/", False),
    ],
)
def test_is_http_url(url: str, ok: bool) -> None:
    assert is_http_url(url) is ok
