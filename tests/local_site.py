"""A tiny threaded HTTP server on 127.0.0.1 that serves fixed routes and logs every request."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalSite:
    """Serve ``routes`` ({path: (content_type, body)}) on an ephemeral loopback port.

    Bodies may contain ``{base}``, replaced with this site's base URL. ``requests`` lists the paths
    asked for, in order.
    """

    def __init__(self, routes: dict[str, tuple[str, bytes | str]]) -> None:
        self.routes = routes
        self.requests: list[str] = []
        self.not_modified: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.requests.append(self.path)
                route = site.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    self.send_error(404)
                    return
                content_type, body = route
                data = body.encode("utf-8") if isinstance(body, str) else body
                data = data.replace(b"{base}", site.base_url.encode())
                etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
                if self.headers.get("If-None-Match") == etag:
                    site.not_modified.append(self.path)
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "LocalSite":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def rss(items: list[tuple[str, str]]) -> str:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{title}</title><link>{link}</link></item>" for title, link in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>{{base}}/</link>{entries}</channel></rss>'
