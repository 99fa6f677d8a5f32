"""Serve the bundled demo sites from 127.0.0.1 (stdlib only).

Usage (or ``python -m newsflow.dev.demo`` to serve until Ctrl-C)::

    with DemoSite() as demo:
        demo.write_sources("demo-sources.toml")
        print(demo.base_urls)   # {"site-a": "http://127.0.0.1:41234", ...}

Each site in ``site/`` gets its own threaded HTTP server (an ephemeral port, or a stable one),
so each is its own host. Text files are served with the placeholders
``{base}`` (this site), ``{base_a}``, ``{base_b}`` and ``{base_c}`` replaced
by the real base URLs. Nothing is logged.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

SITE_ROOT = Path(__file__).with_name("site")
SITE_NAMES: tuple[str, ...] = ("site-a", "site-b", "site-c")
HOST = "127.0.0.1"
# A fixed Last-Modified, so conditional requests behave the same on every run.
LAST_MODIFIED = "Sat, 28 Nov 2026 06:00:00 GMT"
_LAST_MODIFIED_TS = email.utils.parsedate_to_datetime(LAST_MODIFIED).timestamp()

_TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
}


def load_manifest(root: str | Path = SITE_ROOT) -> dict[str, Any]:
    """The demo's ``manifest.json``: sites, articles (path, topic, syndication group), duplicate URLs."""
    return json.loads((Path(root) / "manifest.json").read_text(encoding="utf-8"))


def content_type(path: Path, head: bytes) -> str:
    """Content-Type for a served file; XML is told apart by its root element."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        start = head[:500].lstrip()
        if b"<rss" in start:
            return "application/rss+xml; charset=utf-8"
        if b"<feed" in start:
            return "application/atom+xml; charset=utf-8"
        return "application/xml; charset=utf-8"
    return _TEXT_TYPES.get(suffix, "application/octet-stream")


#: Ports ``newsflow demo`` prefers, so a second demo run sees the same URLs (falls back to any free port).
STABLE_PORTS = {"site-a": 8731, "site-b": 8732, "site-c": 8733}


class _SiteServer(ThreadingHTTPServer):
    """One site. Tracks open connections so stop() can close keep-alive ones too."""

    daemon_threads = False
    block_on_close = True  # server_close() joins the request threads

    def __init__(self, site: str, root: Path, port: int = 0) -> None:
        super().__init__((HOST, port), _Handler)
        self.site = site
        self.root = root.resolve()
        self.request_log: list[str] = []
        self.replacements: dict[str, str] = {}
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        self._cache: dict[Path, bytes] = {}
        self._cache_lock = threading.Lock()

    # connection bookkeeping
    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:  # no tracebacks on stderr
        pass

    # files
    def resolve(self, url_path: str) -> tuple[str, Path | None]:
        """('file', path) | ('redirect', None) for a directory without '/' | ('missing', None)."""
        if not url_path.startswith("/") or "\x00" in url_path or "\\" in url_path:
            return "missing", None
        parts = [p for p in url_path.split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts):
            return "missing", None
        target = self.root.joinpath(*parts)
        try:
            target = target.resolve()
            target.relative_to(self.root)
        except (OSError, ValueError):
            return "missing", None
        if target.is_dir():
            if not url_path.endswith("/"):
                return "redirect", None
            target = target / "index.html"
        return ("file", target) if target.is_file() else ("missing", None)

    def body(self, path: Path) -> bytes:
        with self._cache_lock:
            cached = self._cache.get(path)
        if cached is not None:
            return cached
        data = path.read_bytes()
        if path.suffix.lower() in (".html", ".xml", ".txt", ".css", ".json"):
            text = data.decode("utf-8")
            for token, value in self.replacements.items():
                text = text.replace(token, value)
            data = text.encode("utf-8")
        with self._cache_lock:
            self._cache[path] = data
        return data


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    server_version = "DemoCMS/2.4"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 15  # idle keep-alive connections are dropped after this

    def log_message(self, format: str, *args: Any) -> None:  # silence access and error logs
        pass

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        self.server.request_log.append(f"{self.server.site}{self.path}")
        split = urlsplit(self.path)
        status, path = self.server.resolve(unquote(split.path))
        if status == "redirect":
            location = split.path + "/" + (f"?{split.query}" if split.query else "")
            self._simple(HTTPStatus.MOVED_PERMANENTLY, send_body, location=location)
            return
        if path is None:
            self._simple(HTTPStatus.NOT_FOUND, send_body)
            return
        body = self.server.body(path)
        ctype = content_type(path, body)
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        use_gzip = len(body) > 512 and "gzip" in self.headers.get("Accept-Encoding", "").lower()
        if use_gzip:
            etag = etag[:-1] + '-gz"'
        if self._not_modified(etag):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if use_gzip:
            body = gzip.compress(body, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Cache-Control", "max-age=300")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _not_modified(self, etag: str) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return inm.strip() == "*" or etag in [tag.strip().removeprefix("W/") for tag in inm.split(",")]
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return email.utils.parsedate_to_datetime(ims).timestamp() >= _LAST_MODIFIED_TS
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
        return False

    def _simple(self, status: HTTPStatus, send_body: bool, location: str | None = None) -> None:
        body = (f"<!DOCTYPE html><html><head><title>{status.value} {status.phrase}</title></head>"
                f"<body><h1>{status.phrase}</h1></body></html>\n").encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class DemoSite:
    """The three demo sites, each served by its own threaded HTTP server on 127.0.0.1.

    A context manager: servers start on ``__enter__`` (or :meth:`start`) and stop
    on ``__exit__`` (or :meth:`stop`): serve loops shut down, sockets closed,
    open connections dropped and all threads joined.
    """

    def __init__(self, root: str | Path | None = None, *, stable_ports: bool = False) -> None:
        self.root = Path(root) if root is not None else SITE_ROOT
        self.stable_ports = stable_ports
        #: Every request answered, as "site-a/path?query", in order (kept after stop()).
        self.requests: list[str] = []
        self.manifest: dict[str, Any] = load_manifest(self.root)
        self.base_urls: dict[str, str] = {}
        self._servers: dict[str, _SiteServer] = {}
        self._threads: list[threading.Thread] = []

    def _bind(self, site: str) -> _SiteServer:
        """Bind the site's stable port when asked (so reruns see the same URLs), else any free port."""
        if self.stable_ports:
            try:
                return _SiteServer(site, self.root / site, STABLE_PORTS[site])
            except OSError:
                pass
        return _SiteServer(site, self.root / site)

    # lifecycle
    def start(self) -> "DemoSite":
        if self._servers:
            raise RuntimeError("DemoSite is already running")
        try:
            for site in SITE_NAMES:
                server = self._bind(site)
                server.request_log = self.requests
                self._servers[site] = server
                host, port = server.server_address[:2]
                self.base_urls[site] = f"http://{host}:{port}"
            shared = {"{base_a}": self.base_urls["site-a"], "{base_b}": self.base_urls["site-b"],
                      "{base_c}": self.base_urls["site-c"]}
            for site, server in self._servers.items():
                server.replacements = {"{base}": self.base_urls[site], **shared}
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                          name=f"newsflow-demo-{site}", daemon=True)
                thread.start()
                self._threads.append(thread)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        servers, threads = list(self._servers.values()), list(self._threads)
        for server, thread in zip(servers, threads):
            server.shutdown()  # only valid for a server whose serve_forever thread was started
        for server in servers:
            server.close_connections()
            server.server_close()
        for thread in threads:
            thread.join()
        self._servers.clear()
        self._threads.clear()
        self.base_urls = {}

    def __enter__(self) -> "DemoSite":
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return bool(self._servers)

    # URLs
    def url(self, site: str, path: str = "/") -> str:
        """Absolute URL of ``path`` on ``site`` (e.g. ``demo.url("site-a", "/feed.xml")``)."""
        if site not in self.base_urls:
            raise KeyError(f"{site!r} is not running (sites: {', '.join(self.base_urls) or 'none'})")
        return self.base_urls[site] + path

    def articles(self) -> list[dict[str, Any]]:
        """Manifest articles with absolute ``url`` and ``alternate_urls`` added."""
        return [
            {**art, "url": self.url(art["site"], art["path"]),
             "alternate_urls": [self.url(art["site"], p) for p in art["alternate_paths"]]}
            for art in self.manifest["articles"]
        ]

    def sources(self) -> list[dict[str, str]]:
        """The sources entries: site-a RSS, site-b Atom, site-b news sitemap, site-c listing."""
        entries = []
        for site in SITE_NAMES:
            for src in self.manifest["sites"][site]["sources"]:
                entries.append({"name": src["name"], "kind": src["kind"], "url": self.url(site, src["path"])})
        return entries

    def sources_toml(self) -> str:
        """A sources file (``[[sources]]`` tables: name, kind, url, tags) for the running sites."""
        lines = ["# newsflow demo sources: generated by newsflow.dev.demo.DemoSite; ports may change between runs.", ""]
        for src in self.sources():
            site = next(s for s in SITE_NAMES if src["url"].startswith(self.base_urls[s] + "/"))
            lines += [
                "[[sources]]",
                f"name = {json.dumps(src['name'])}",
                f"kind = {json.dumps(src['kind'])}",
                f"url = {json.dumps(src['url'])}",
                f'tags = ["demo", {json.dumps(site)}]',
                "",
            ]
        return "\n".join(lines)

    def write_sources(self, path: str | Path) -> Path:
        """Write :meth:`sources_toml` to ``path`` (UTF-8) and return it."""
        path = Path(path)
        path.write_text(self.sources_toml(), encoding="utf-8")
        return path
