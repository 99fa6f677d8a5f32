"""Local test servers for the HTTP layer: a scriptable (often hostile) HTTP server and a tripwire.

Everything binds to loopback only. ``HostileServer`` serves routes registered by the test and
logs every request; ``Tripwire`` accepts TCP connections on an address that must never be
contacted (e.g. 127.0.0.2) and records them.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # hostile clients (e.g. TLS to a plain-HTTP port) are expected here


@dataclass
class Reply:
    """A response to send: ``body`` may be bytes or an iterable of chunks (streamed, then close)."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunk_pause: float = 0.0  # seconds between streamed chunks
    raw: bool = False  # body is the whole response, status line and headers included


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    at: float


Handler = Callable[[Seen], Reply]


class HostileServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with per-path scripted replies and a request log."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Reply | Handler] = {}
        self.log: list[Seen] = []
        self._lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                seen = Seen("GET", self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with outer._lock:
                    outer.log.append(seen)
                    route = outer.routes.get(self.path)
                reply = route(seen) if callable(route) else route
                if reply is None:
                    reply = Reply(404, b"not found", {"Content-Type": "text/plain"})
                try:
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    self.close_connection = True

            def _send(self, reply: Reply) -> None:
                if reply.raw:
                    self.close_connection = True
                    self._stream(reply)
                    return
                self.send_response(reply.status)
                streamed = not isinstance(reply.body, (bytes, bytearray))
                headers = {k.lower(): v for k, v in reply.headers.items()}
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if streamed:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                elif "content-length" not in headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if not streamed:
                    self.wfile.write(reply.body)
                    return
                self._stream(reply)

            def _stream(self, reply: Reply) -> None:
                for chunk in reply.body:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    if reply.chunk_pause:
                        time.sleep(reply.chunk_pause)

            def log_message(self, *args: object) -> None:
                pass

        self._server = _QuietServer((host, 0), _Handler)
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.log]

    def requests_to(self, path: str) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.log if seen.path == path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "HostileServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Tripwire:
    """Listens on an address that must never be contacted; counts connections made to it."""

    def __init__(self, host: str = "127.0.0.2", port: int = 0) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self.host, self.port = self._sock.getsockname()[:2]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nContent-Type: text/html\r\n\r\nSECRET!")
            conn.close()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(1)
        self._sock.close()

    def __enter__(self) -> "Tripwire":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def drip(data: bytes, pause: float) -> Reply:
    """A reply that sends ``data`` one byte at a time, ``pause`` seconds apart."""
    return Reply(200, (data[i : i + 1] for i in range(len(data))), {"Content-Type": "text/html"}, chunk_pause=pause)


def endless(chunk: bytes = b"A" * 65536) -> Reply:
    """A text/html reply that never ends."""

    def forever() -> Iterable[bytes]:
        while True:
            yield chunk

    return Reply(200, forever(), {"Content-Type": "text/html"})


def slow_headers(pause: float) -> Reply:
    """A response whose status line and headers arrive one byte every ``pause`` seconds."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Filler: " + b"z" * 400 + b"\r\n\r\n<html></html>"
    return Reply(body=(head[i : i + 1] for i in range(len(head))), chunk_pause=pause, raw=True)
