"""One bounded HTTP exchange: a GET under a total deadline, classified into a :class:`Hop`.

No retries and no redirect following here (the client does those); this module only talks to
the server once and says what happened: body within the byte cap, redirect target, HTTP error
(with Retry-After), or the transport failure, each with a reason sentence.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal

import httpx

from newsflow.connectors import content_types
from newsflow.connectors.addresses import AddressGuard, BlockedAddress
from newsflow.connectors.content_types import Accept
from newsflow.connectors.deadline import deadline, expired
from newsflow.connectors.fetch_result import FetchStatus
from newsflow.connectors.decompress import BodyTooLarge, CorruptBody, UnsupportedEncoding, collect, decoder_for
from newsflow.connectors.network import guarded_transport
from newsflow.connectors.retries import RETRY_AFTER_STATUSES, TRANSIENT_STATUSES, parse_retry_after
from newsflow.core.urls import host_of

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
STASHED_LOCATION = "x-newsflow-location"


@dataclass(frozen=True)
class Hop:
    """What one exchange with one URL produced; ``status`` "redirect" carries ``location``."""

    status: FetchStatus | Literal["redirect"]
    reason: str
    http_status: int | None = None
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    retry_after: float | None = None
    transient: bool = False  # worth retrying (connect errors, timeouts, 429/5xx)

    @property
    def host_failed(self) -> bool:
        """Whether this counts against the host's circuit breaker (server or network trouble)."""
        return self.transient or self.status == "timeout" or (self.http_status or 0) >= 500


def open_http_client(guard: AddressGuard, *, user_agent: str, connect: float, read: float, pool: float) -> httpx.Client:
    """The single httpx client: guarded transport, no env proxies, no automatic redirects."""
    return httpx.Client(
        transport=guarded_transport(guard),
        timeout=httpx.Timeout(connect=connect, read=read, write=read, pool=pool),
        follow_redirects=False,
        trust_env=False,  # no proxies from the environment: the guard must see the real target
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate, br"},
        event_hooks={"response": [_stash_location]},
    )


def exchange(
    http: httpx.Client,
    url: str,
    headers: dict[str, str],
    *,
    accept: Accept,
    max_bytes: int,
    budget: float,
    cap_note: str = "",
) -> Hop:
    """GET ``url`` once within ``budget`` seconds (all bytes included); never raises for I/O."""
    with deadline(budget):
        try:
            with http.stream("GET", url, headers=headers) as response:
                return _read_response(response, accept, max_bytes)
        except BlockedAddress as exc:  # refused at connect time (e.g. DNS changed since the check)
            return Hop("blocked", f"{host_of(url)} refused: {exc.describe()}")
        except httpx.TimeoutException as exc:
            if expired():
                return Hop("timeout", f"gave up after the {budget:g} s total time budget (server too slow)")
            phase = {httpx.ConnectTimeout: "connect", httpx.PoolTimeout: "connection pool"}.get(type(exc), "read")
            return Hop("timeout", f"{phase} timeout", transient=True)
        except BodyTooLarge:
            return Hop("too_large", f"body exceeds {max_bytes} bytes{cap_note}")
        except (UnsupportedEncoding, CorruptBody) as exc:
            return Hop("network_error", str(exc))
        except httpx.ConnectError as exc:
            if _caused_by(exc, ssl.SSLError):
                return Hop("network_error", f"TLS handshake failed: {exc}")
            return Hop("network_error", f"connection failed: {exc}", transient=True)
        except httpx.TransportError as exc:
            return Hop("network_error", f"{type(exc).__name__}: {exc}", transient=True)
        except httpx.HTTPError as exc:
            return Hop("network_error", f"{type(exc).__name__}: {exc}")


def _read_response(response: httpx.Response, accept: Accept, max_bytes: int) -> Hop:
    code = response.status_code
    ctype = response.headers.get("content-type")
    meta = {
        "http_status": code,
        "content_type": ctype,
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }
    if code in REDIRECT_STATUSES:
        location = response.headers.get(STASHED_LOCATION)
        if not location:
            return Hop("redirect_error", f"HTTP {code} redirect without a Location header", **meta)
        return Hop("redirect", f"HTTP {code}", location=location, **meta)
    if code == 304:
        return Hop("not_modified", "HTTP 304 Not Modified", **meta)
    if not 200 <= code < 300:
        retry_after = parse_retry_after(response.headers.get("retry-after")) if code in RETRY_AFTER_STATUSES else None
        return Hop("http_error", _status_line(code), retry_after=retry_after, transient=code in TRANSIENT_STATUSES, **meta)
    if not content_types.accepts(accept, ctype):
        return Hop("not_html", content_types.refusal(accept, ctype), **meta)
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise BodyTooLarge(length)  # declared too big: not downloaded at all
    decoder = decoder_for(response.headers.get("content-encoding"))

    def decoded() -> Iterator[bytes]:
        for raw in response.iter_raw():
            yield from decoder.feed(raw)
        yield from decoder.flush()

    body = collect(decoded(), max_bytes)
    if accept == "html" and not content_types.media_type(ctype) and not content_types.looks_like_html(body):
        return Hop("not_html", "no Content-Type and the body does not look like HTML", **meta)
    return Hop("fetched", _status_line(code), content=body, **meta)


def _status_line(code: int) -> str:
    try:
        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _stash_location(response: httpx.Response) -> None:
    """Hide ``Location`` from httpx, which parses it (and raises on junk) even when not following."""
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[STASHED_LOCATION] = location
