"""PoliteClient against a hostile local server: every layer, every status, bounded memory."""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
import tracemalloc
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import brotli
import pytest

from newsflow.connectors import addresses
from newsflow.connectors.http import FetchResult, HttpConfig, PoliteClient
from newsflow.connectors.retries import parse_retry_after
from newsflow.connectors.addresses import PrivateHostPolicy
from newsflow.settings import Settings
from tests.hostile_server import HostileServer, Reply, Seen, Tripwire, drip, endless, slow_headers

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<!doctype html><html><head><title>t</title></head><body><p>hello</p></body></html>"
LOOPBACK_ONLY = PrivateHostPolicy.parse("127.0.0.1")


def config(**overrides: object) -> HttpConfig:
    """Small timeouts and delays so the suite stays fast; only 127.0.0.1 is allowed."""
    base = dict(
        private_hosts=LOOPBACK_ONLY,
        min_host_delay=0.0,
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=1.5,
        max_body_bytes=200_000,
        backoff_base=0.01,
        backoff_max=0.05,
        max_retry_after=5.0,
    )
    base.update(overrides)
    return HttpConfig(**base)


@pytest.fixture
def server():
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def tripwire():
    with Tripwire("127.0.0.2") as wire:
        yield wire


@pytest.fixture
def client():
    with PoliteClient(config()) as c:
        yield c


# -- the happy path and the result shape -----------------------------------------------------------


def test_fetch_returns_body_metadata_and_sends_user_agent(server, client):
    server.routes["/a"] = Reply(200, PAGE, {**HTML, "ETag": '"v1"', "Last-Modified": "Tue, 10 Jun 2003 04:00:00 GMT"})
    result = client.fetch(server.url("/a"))
    assert isinstance(result, FetchResult)
    assert result.ok and result.status == "fetched" and result.reason == "HTTP 200 OK"
    assert result.content == PAGE and result.content_type == "text/html; charset=utf-8"
    assert (result.url, result.final_url) == (server.url("/a"), server.url("/a"))
    assert result.etag == '"v1"' and result.last_modified == "Tue, 10 Jun 2003 04:00:00 GMT"
    assert result.http_status == 200 and result.attempts == 1
    assert result.attempted_at.tzinfo is not None and result.elapsed >= 0
    seen = server.requests_to("/a")[0]
    assert seen.headers["user-agent"] == HttpConfig().user_agent
    assert "text/html" in seen.headers["accept"]


def test_redirect_is_followed_and_final_url_reported(server, client):
    server.routes["/old"] = Reply(301, b"", {"Location": "/new"})
    server.routes["/new"] = Reply(200, PAGE, HTML)
    result = client.fetch(server.url("/old"))
    assert result.ok and result.final_url == server.url("/new") and result.url == server.url("/old")


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "deflate-raw", "br"])
def test_compressed_bodies_are_decoded(server, client, encoding):
    body = PAGE * 50
    packed = {
        "gzip": lambda: gzip.compress(body),
        "deflate": lambda: zlib.compress(body),
        "deflate-raw": lambda: zlib.compress(body, wbits=-15) if False else _raw_deflate(body),
        "br": lambda: brotli.compress(body),
    }[encoding]()
    server.routes["/z"] = Reply(200, packed, {**HTML, "Content-Encoding": encoding.split("-")[0]})
    result = client.fetch(server.url("/z"))
    assert result.ok, result.reason
    assert result.content == body


def _raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(wbits=-15)
    return obj.compress(data) + obj.flush()


# -- bombs, endless and dripping bodies ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compression_bomb_is_stopped_early_with_bounded_memory(server, encoding):
    bomb_size = 64_000_000
    packed = gzip.compress(b"\0" * bomb_size) if encoding == "gzip" else brotli.compress(b"\0" * bomb_size, quality=1)
    server.routes["/bomb"] = Reply(200, packed, {**HTML, "Content-Encoding": encoding})
    with PoliteClient(config(max_body_bytes=1_000_000)) as client:
        tracemalloc.start()
        try:
            result = client.fetch(server.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.status == "too_large"
    assert result.reason == "body exceeds 1000000 bytes (NEWSFLOW_MAX_BODY_BYTES)"
    assert result.content is None
    assert peak < 4_000_000, f"peak {peak} bytes while reading a {bomb_size}-byte bomb"


def test_endless_body_is_cut_at_the_byte_cap(server, client):
    server.routes["/endless"] = lambda seen: endless()
    tracemalloc.start()
    try:
        result = client.fetch(server.url("/endless"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.status == "too_large" and result.attempts == 1
    assert peak < 2_000_000


def test_declared_oversize_body_is_refused_before_download(server, client):
    server.routes["/big"] = Reply(200, b"x" * 300_000, HTML)
    result = client.fetch(server.url("/big"))
    assert result.status == "too_large"


def test_byte_dripping_server_is_cut_off_by_the_total_deadline(server):
    server.routes["/drip"] = lambda seen: drip(b"<html>" + b"x" * 200, 0.05)  # ~10 s in all
    with PoliteClient(config(total_timeout=0.6, read_timeout=1.0)) as client:
        result = client.fetch(server.url("/drip"))
    assert result.status == "timeout"
    assert result.reason == "gave up after the 0.6 s total time budget (server too slow)"
    assert result.attempts == 1  # a deadline overrun is not retried
    assert result.content is None


def test_dripping_headers_are_cut_off_too(server):
    server.routes["/slow-head"] = lambda seen: slow_headers(0.02)  # ~9 s of headers
    with PoliteClient(config(total_timeout=0.5, read_timeout=1.0)) as client:
        result = client.fetch(server.url("/slow-head"))
    assert result.status == "timeout" and "total time budget" in result.reason


def test_body_shorter_than_declared_is_a_network_error(server, client):
    server.routes["/short"] = Reply(200, b"<html>", {**HTML, "Content-Length": "1000", "Connection": "close"})
    result = client.fetch(server.url("/short"))
    assert result.status == "network_error" and result.content is None


def test_silent_server_times_out_and_is_retried(server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections (kernel backlog) but never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        with PoliteClient(config(read_timeout=0.2, total_timeout=5, max_retries=1, respect_robots=False)) as client:
            result = client.fetch(url)
    finally:
        listener.close()
    assert result.status == "timeout" and result.reason == "read timeout"
    assert result.attempts == 2


# -- redirects ---------------------------------------------------------------------------------


def test_redirect_loop(server, client):
    server.routes["/a"] = Reply(302, b"", {"Location": "/b"})
    server.routes["/b"] = Reply(302, b"", {"Location": server.url("/a")})
    result = client.fetch(server.url("/a"))
    assert result.status == "redirect_error"
    assert result.reason == f"redirect loop: {server.url('/b')} redirects back to {server.url('/a')}"
    assert server.paths().count("/a") == 1


def test_too_many_redirects(server):
    for i in range(5):
        server.routes[f"/r{i}"] = Reply(302, b"", {"Location": f"/r{i + 1}"})
    with PoliteClient(config(max_redirects=3)) as client:
        result = client.fetch(server.url("/r0"))
    assert result.status == "redirect_error"
    assert result.reason.startswith("more than 3 redirects")
    assert "/r4" not in server.paths()


@pytest.mark.parametrize("location", ["javascript:alert(1)", "ftp://example.org/x", "https://"])
def test_redirect_to_an_invalid_url(server, client, location):
    server.routes["/r"] = Reply(302, b"", {"Location": location})
    result = client.fetch(server.url("/r"))
    assert result.status == "redirect_error" and result.reason.startswith(f"redirect to {location!r} refused:")


def test_redirect_without_location(server, client):
    server.routes["/r"] = Reply(302, b"")
    assert client.fetch(server.url("/r")).status == "redirect_error"


# -- private-address guard -----------------------------------------------------------------------


def test_redirect_to_a_private_address_is_refused_and_never_contacted(server, client, tripwire):
    server.routes["/r"] = Reply(302, b"", {"Location": tripwire.url("/secret")})
    result = client.fetch(server.url("/r"))
    assert result.status == "blocked"
    assert result.reason.startswith("redirect to 127.0.0.2 refused: private address")
    assert "NEWSFLOW_ALLOW_PRIVATE_HOSTS" in result.reason
    assert result.final_url == tripwire.url("/secret")
    assert tripwire.connections == 0


@pytest.mark.parametrize("host", ["127.0.0.2", "2130706434", "0x7f.0.0.2", "[::ffff:127.0.0.2]"])
def test_private_address_forms_are_refused(client, tripwire, host):
    result = client.fetch(f"http://{host}:{tripwire.port}/")
    assert result.status == "blocked", result.reason
    assert "private address" in result.reason
    assert tripwire.connections == 0


def test_default_policy_refuses_loopback_entirely(server):
    with PoliteClient(config(private_hosts=PrivateHostPolicy())) as client:
        result = client.fetch(server.url("/a"))
    assert result.status == "blocked"
    assert result.reason == (
        "127.0.0.1 refused: private address (loopback 127.0.0.1; set NEWSFLOW_ALLOW_PRIVATE_HOSTS to allow)"
    )
    assert server.paths() == []  # not even robots.txt


def test_policy_can_allow_a_private_address(tripwire):
    with PoliteClient(config(private_hosts=PrivateHostPolicy.parse("127.0.0.2"), respect_robots=False)) as client:
        result = client.fetch(tripwire.url("/"))
    assert result.ok and result.content == b"SECRET!"
    assert tripwire.connections == 1


def test_address_is_checked_again_at_connect_time(monkeypatch, tripwire):
    """DNS rebinding: the name resolves to an allowed IP first and to 127.0.0.2 when dialled."""
    real = socket.getaddrinfo
    calls = []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            calls.append(host)
            host = "127.0.0.1" if len(calls) == 1 else "127.0.0.2"
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(addresses.socket, "getaddrinfo", rebinding)
    with PoliteClient(config(respect_robots=False)) as client:
        result = client.fetch(f"http://rebind.test:{tripwire.port}/")
    assert result.status == "blocked" and "127.0.0.2" in result.reason
    assert len(calls) == 2
    assert tripwire.connections == 0


def test_unresolvable_host_is_a_network_error(client):
    result = client.fetch("http://does-not-exist.invalid/")
    assert result.status == "network_error" and result.reason.startswith("cannot resolve host does-not-exist.invalid")


# -- content: types, odd bytes, encodings ---------------------------------------------------------------


def test_random_binary_served_as_html_does_not_crash(server, client):
    noise = os.urandom(50_000)
    server.routes["/noise"] = Reply(200, noise, {"Content-Type": "text/html"})
    result = client.fetch(server.url("/noise"))
    assert result.status in ("fetched", "not_html")
    assert result.content in (noise, None)


def test_windows_1252_page_bytes_and_content_type_are_kept(server, client):
    body = "<html><body><p>Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5</p></body></html>".encode("cp1252")
    server.routes["/cp"] = Reply(200, body, {"Content-Type": "text/html; charset=windows-1252"})
    result = client.fetch(server.url("/cp"))
    assert result.ok and result.content == body
    assert result.content_type == "text/html; charset=windows-1252"


def test_non_html_is_refused_for_html_and_accepted_for_xml(server, client):
    server.routes["/feed"] = Reply(200, b"<rss/>", {"Content-Type": "application/rss+xml"})
    server.routes["/pdf"] = Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
    html_view = client.fetch(server.url("/feed"))
    assert html_view.status == "not_html"
    assert html_view.reason == "content type 'application/rss+xml' is not HTML"
    assert client.fetch(server.url("/feed"), accept="xml").ok
    assert client.fetch(server.url("/pdf"), accept="xml").status == "not_html"
    assert "application/rss+xml" in server.requests_to("/feed")[-1].headers["accept"]


def test_unlabelled_body_is_sniffed(server, client):
    server.routes["/html"] = Reply(200, PAGE)
    server.routes["/bin"] = Reply(200, b"\x00\x01binary")
    assert client.fetch(server.url("/html")).ok
    assert client.fetch(server.url("/bin")).status == "not_html"


def test_unknown_content_encoding_is_reported(server, client):
    server.routes["/enc"] = Reply(200, b"zzz", {**HTML, "Content-Encoding": "zstd-ish"})
    result = client.fetch(server.url("/enc"))
    assert result.status == "network_error" and "unsupported Content-Encoding 'zstd-ish'" in result.reason


def test_corrupt_gzip_is_reported(server, client):
    server.routes["/bad"] = Reply(200, b"\x1f\x8b\x08\x00garbage-garbage", {**HTML, "Content-Encoding": "gzip"})
    assert client.fetch(server.url("/bad")).status == "network_error"


# -- robots.txt ----------------------------------------------------------------------------------------


def test_robots_disallowed_path_is_never_requested(server, client):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
    server.routes["/private/page"] = Reply(200, PAGE, HTML)
    server.routes["/public"] = Reply(200, PAGE, HTML)
    result = client.fetch(server.url("/private/page"))
    assert result.status == "robots_disallowed"
    assert result.reason == f"{server.base}/robots.txt disallows {server.url('/private/page')} for this crawler"
    assert result.attempts == 0
    assert client.fetch(server.url("/public")).ok
    assert server.paths() == ["/robots.txt", "/public"]  # robots.txt fetched once, private never


def test_robots_rules_for_our_user_agent(server):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: newsflow\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    server.routes["/a"] = Reply(200, PAGE, HTML)
    with PoliteClient(config()) as client:
        assert client.fetch(server.url("/a")).status == "robots_disallowed"
    with PoliteClient(config(user_agent="otherbot/1.0")) as client:
        assert client.fetch(server.url("/a")).ok


def test_robots_groups_match_the_product_token_only(server):
    """Our UA mentions github.com; a ``User-agent: github`` group must not apply to us."""
    server.routes["/robots.txt"] = Reply(200, b"User-agent: github\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    server.routes["/a"] = Reply(200, PAGE, HTML)
    with PoliteClient(config(user_agent="newsflow/0.1 (+https://github.com/newsflow/newsflow)")) as client:
        assert client.fetch(server.url("/a")).ok


def test_robots_5xx_disallows_for_now_and_4xx_allows(server):
    server.routes["/robots.txt"] = Reply(503, b"down")
    server.routes["/a"] = Reply(200, PAGE, HTML)
    with PoliteClient(config()) as client:
        result = client.fetch(server.url("/a"))
    assert result.status == "robots_disallowed" and "HTTP 503" in result.reason and "for now" in result.reason
    assert "/a" not in server.paths()
    server.routes["/robots.txt"] = Reply(403, b"no")
    with PoliteClient(config()) as client:
        assert client.fetch(server.url("/a")).ok


def test_crawl_delay_is_honoured(server):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nCrawl-delay: 0.4\n")
    server.routes["/a"] = Reply(200, PAGE, HTML)
    server.routes["/b"] = Reply(200, PAGE, HTML)
    with PoliteClient(config()) as client:
        assert client.fetch(server.url("/a")).ok
        assert client.fetch(server.url("/b")).ok
    first, second = server.requests_to("/a")[0], server.requests_to("/b")[0]
    assert second.at - first.at >= 0.4 - 0.1  # measured on arrival: allow for scheduling jitter


def test_min_host_delay_spaces_requests_to_a_host(server):
    server.routes["/a"] = Reply(200, PAGE, HTML)
    server.routes["/b"] = Reply(200, PAGE, HTML)
    with PoliteClient(config(min_host_delay=0.4)) as client:
        assert client.fetch(server.url("/a")).ok and client.fetch(server.url("/b")).ok
    first, second = server.requests_to("/a")[0], server.requests_to("/b")[0]
    assert second.at - first.at >= 0.4 - 0.1


def test_per_host_concurrency_is_bounded(server):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(seen: Seen) -> Reply:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.15)
        with lock:
            in_flight[0] -= 1
        return Reply(200, PAGE, HTML)

    for i in range(6):
        server.routes[f"/p{i}"] = slow
    with PoliteClient(config(per_host_concurrency=2)) as client:
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(client.fetch, [server.url(f"/p{i}") for i in range(6)]))
    assert all(r.ok for r in results)
    assert peak[0] == 2


# -- HTTP errors, retries, Retry-After, circuit breaker ------------------------------------------------


def test_410_is_an_http_error_and_not_retried(server, client):
    server.routes["/gone"] = Reply(410, b"gone")
    result = client.fetch(server.url("/gone"))
    assert (result.status, result.reason, result.http_status, result.attempts) == ("http_error", "HTTP 410 Gone", 410, 1)
    assert result.content is None


def test_persistent_500_is_retried_a_bounded_number_of_times(server):
    server.routes["/err"] = Reply(500, b"boom")
    with PoliteClient(config(max_retries=2)) as client:
        result = client.fetch(server.url("/err"))
    assert (result.status, result.reason, result.attempts) == ("http_error", "HTTP 500 Internal Server Error", 3)
    assert server.paths().count("/err") == 3


def test_429_with_retry_after_waits_then_fetches(server, client):
    def limited(seen: Seen) -> Reply:
        if len(server.requests_to("/limited")) == 1:
            return Reply(429, b"slow down", {"Retry-After": "1"})
        return Reply(200, PAGE, HTML)

    server.routes["/limited"] = limited
    result = client.fetch(server.url("/limited"))
    assert result.ok and result.attempts == 2
    first, second = server.requests_to("/limited")
    assert second.at - first.at >= 1.0


def test_retry_after_beyond_the_bound_is_not_waited_for(server, client):
    server.routes["/busy"] = Reply(503, b"busy", {"Retry-After": "3600"})
    result = client.fetch(server.url("/busy"))
    assert result.status == "http_error" and result.attempts == 1
    assert result.reason == "HTTP 503 Service Unavailable; Retry-After 3600 s exceeds the 5 s bound, not retried"


def test_connection_refused_is_a_retried_network_error():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with PoliteClient(config(respect_robots=False, max_retries=1)) as client:
        result = client.fetch(f"http://127.0.0.1:{port}/")
    assert result.status == "network_error" and result.reason.startswith("connection failed")
    assert result.attempts == 2


def test_circuit_breaker_opens_after_consecutive_failures_and_recovers(server):
    server.routes["/err"] = Reply(500, b"boom")
    server.routes["/ok"] = Reply(200, PAGE, HTML)
    cfg = config(max_retries=0, circuit_breaker_threshold=3, circuit_breaker_cooldown=0.6)
    with PoliteClient(cfg) as client:
        assert [client.fetch(server.url("/err")).status for _ in range(3)] == ["http_error"] * 3
        blocked = client.fetch(server.url("/ok"))
        assert blocked.status == "blocked" and blocked.reason.startswith("circuit open for 127.0.0.1 after 3")
        assert "/ok" not in server.paths()
        time.sleep(0.65)
        assert client.fetch(server.url("/ok")).ok  # half-open probe succeeds, circuit closes
        assert client.fetch(server.url("/ok")).ok


def test_client_errors_do_not_open_the_circuit(server):
    server.routes["/ok"] = Reply(200, PAGE, HTML)
    with PoliteClient(config(circuit_breaker_threshold=2)) as client:
        for _ in range(4):
            assert client.fetch(server.url("/missing")).status == "http_error"
        assert client.fetch(server.url("/ok")).ok


# -- conditional GET ---------------------------------------------------------------------------------


def test_conditional_get_not_modified(server, client):
    stamp = "Tue, 10 Jun 2003 04:00:00 GMT"

    def conditional(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, b"", {"ETag": '"v1"'})
        return Reply(200, PAGE, {**HTML, "ETag": '"v1"', "Last-Modified": stamp})

    server.routes["/c"] = conditional
    first = client.fetch(server.url("/c"))
    again = client.fetch(server.url("/c"), etag=first.etag, last_modified=first.last_modified)
    assert again.status == "not_modified" and again.reason == "HTTP 304 Not Modified"
    assert again.http_status == 304 and again.content is None and again.etag == '"v1"'
    assert server.requests_to("/c")[-1].headers["if-modified-since"] == stamp


# -- invalid input never raises ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("mailto:someone@example.org", "unsupported URL scheme 'mailto'"),
        ("ftp://example.org/file", "unsupported URL scheme 'ftp'"),
        ("/relative/path", "unsupported URL scheme none"),
        ("http://", "URL has no host"),
        ("", "URL is empty"),
        ("http://user:pw@example.org/", "URL contains credentials"),
        ("http://example.org:99999/", "URL cannot be parsed"),
        ("http://exa\tmple.org/\n", "URL contains control characters"),
        ("http://exa mple.org/", "URL host 'exa mple.org' is not a valid host name"),
        (None, "URL must be a string"),
    ],
)
def test_invalid_urls(client, url, reason):
    result = client.fetch(url)
    assert result.status == "invalid_url" and result.reason.startswith(reason), result.reason
    assert result.attempts == 0


def test_unexpected_errors_become_results(server, monkeypatch):
    with PoliteClient(config(respect_robots=False)) as client:
        monkeypatch.setattr(client, "_exchange", lambda *a: 1 / 0)
        result = client.fetch(server.url("/x"))
    assert result.status == "network_error" and "ZeroDivisionError" in result.reason


# -- configuration ----------------------------------------------------------------------------------


def test_config_from_settings():
    settings = Settings(allow_private_hosts="10.0.0.0/8,intranet", contact="ops@example.org", min_host_delay=2)
    cfg = settings.http_config(max_retries=4)
    assert cfg.user_agent.endswith("ops@example.org")
    assert cfg.min_host_delay == 2 and cfg.max_retries == 4 and cfg.max_body_bytes == settings.max_body_bytes
    assert cfg.private_hosts.allows_host("intranet") and not cfg.private_hosts.allow_all


def test_parse_retry_after():
    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert parse_retry_after("120") == 120
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_half_open_probe_refused_by_robots_does_not_wedge_the_circuit(server):
    server.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n")
    server.routes["/err"] = Reply(500, b"boom")
    server.routes["/ok"] = Reply(200, PAGE, HTML)
    cfg = config(max_retries=0, circuit_breaker_threshold=1, circuit_breaker_cooldown=0.2)
    with PoliteClient(cfg) as client:
        assert client.fetch(server.url("/err")).status == "http_error"
        time.sleep(0.25)
        assert client.fetch(server.url("/private/x")).status == "robots_disallowed"  # took the probe slot
        assert client.fetch(server.url("/ok")).ok


def test_tls_failure_is_not_retried(server, client):
    server.routes["/a"] = Reply(200, PAGE, HTML)
    with PoliteClient(config(respect_robots=False)) as tls_client:
        result = tls_client.fetch(f"https://127.0.0.1:{server.port}/a")  # the server speaks plain HTTP
    assert result.status == "network_error" and result.reason.startswith("TLS handshake failed")
    assert result.attempts == 1


def test_not_modified_without_validators_keeps_the_request_ones(server, client):
    server.routes["/c"] = Reply(304, b"")
    result = client.fetch(server.url("/c"), etag='"abc"', last_modified="Tue, 10 Jun 2003 04:00:00 GMT")
    assert result.status == "not_modified"
    assert (result.etag, result.last_modified) == ('"abc"', "Tue, 10 Jun 2003 04:00:00 GMT")


def test_config_rejects_nonsense():
    with pytest.raises(ValueError, match="per_host_concurrency must be positive"):
        HttpConfig(per_host_concurrency=0)
    with pytest.raises(ValueError, match="max_retries must not be negative"):
        HttpConfig(max_retries=-1)
    assert hash(HttpConfig()) == hash(HttpConfig())  # usable as a cache key


def test_client_is_safe_under_many_threads(server):
    for i in range(20):
        server.routes[f"/t{i}"] = Reply(200, PAGE + str(i).encode(), HTML)
    server.routes["/gone"] = Reply(410, b"")
    urls = [server.url(f"/t{i}") for i in range(20)] + [server.url("/gone"), "mailto:x@y"] * 3
    with PoliteClient(config(per_host_concurrency=4)) as client, ThreadPoolExecutor(8) as pool:
        results = list(pool.map(client.fetch, urls))
    assert [r.content for r in results[:20]] == [PAGE + str(i).encode() for i in range(20)]
    assert [r.status for r in results[20:]] == ["http_error", "invalid_url"] * 3
    assert server.paths().count("/robots.txt") == 1
