"""The socket layer under httpx: every connection is address-checked, pinned and deadline-bound.

The check runs at connect time on the IP actually dialled, so redirects, keep-alive pools
and DNS rebinding cannot reach an address the fetch layer did not approve.
"""

from __future__ import annotations

import ssl
import typing

import httpcore
import httpx

from newsflow.connectors.addresses import AddressGuard, UnresolvableHost
from newsflow.connectors.deadline import DeadlineExceeded, remaining


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose reads and writes never outlive the request deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            timeout = remaining(timeout)
        except DeadlineExceeded as exc:
            raise httpcore.ReadTimeout(str(exc)) from None
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            timeout = remaining(timeout)
        except DeadlineExceeded as exc:
            raise httpcore.WriteTimeout(str(exc)) from None
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        try:
            timeout = remaining(timeout)
        except DeadlineExceeded as exc:
            raise httpcore.ConnectTimeout(str(exc)) from None
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks every address with the guard, then connects to a checked IP only."""

    def __init__(self, guard: AddressGuard, inner: httpcore.NetworkBackend | None = None) -> None:
        self._guard = guard
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            ips = self._guard.check(host, port)  # raises BlockedAddress: propagates to the fetch layer
        except UnresolvableHost as exc:
            raise httpcore.ConnectError(str(exc)) from None
        error: Exception = httpcore.ConnectError(f"no address of {host} accepted a connection")
        for ip in ips:
            try:
                budget = remaining(timeout)
            except DeadlineExceeded as exc:
                raise httpcore.ConnectTimeout(str(exc)) from None
            try:
                stream = self._inner.connect_tcp(str(ip), port, budget, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return DeadlineStream(stream)
        raise error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: typing.Iterable[typing.Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by newsflow")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def guarded_transport(guard: AddressGuard, *, max_connections: int = 100) -> httpx.HTTPTransport:
    """An httpx transport (no proxies) whose connections go through GuardedBackend."""
    transport = httpx.HTTPTransport(
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=20),
        retries=0,
    )
    # httpx has no public hook for the network backend; httpcore's pool reads this attribute
    # for every new connection (checked against httpx 0.28 / httpcore 1.0).
    pool = transport._pool
    if not hasattr(pool, "_network_backend"):
        raise RuntimeError("httpcore changed: cannot install the private-address guard; pin httpcore<2")
    pool._network_backend = GuardedBackend(guard)
    return transport
