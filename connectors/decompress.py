"""Streaming decompression with bounded output per step, so compression bombs stay small in memory."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Protocol

import brotli

STEP = 64 * 1024  # most bytes produced from one input step


class BodyTooLarge(Exception):
    """The (decompressed) body exceeds the byte cap."""


class UnsupportedEncoding(Exception):
    """The server used a Content-Encoding we cannot decode."""


class CorruptBody(Exception):
    """The compressed body cannot be decoded."""


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...
    def flush(self) -> Iterator[bytes]: ...


class IdentityDecoder:
    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            yield data

    def flush(self) -> Iterator[bytes]:
        return iter(())


class ZlibDecoder:
    """gzip (``wbits=31``), zlib (15) or raw deflate (-15); ``None`` picks zlib or raw on first bytes.

    Concatenated gzip members are decoded in turn; bytes after the last member are ignored.
    """

    def __init__(self, wbits: int | None) -> None:
        self._wbits = wbits
        self._obj = None if wbits is None else zlib.decompressobj(wbits)
        self._pending = b""  # too few bytes yet to tell what follows a finished member
        self._done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        data, self._pending = self._pending + data, b""
        if self._done or not data:
            return
        if self._obj is None:
            if len(data) < 2:
                self._pending = data
                return
            looks_zlib = data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            self._wbits = 15 if looks_zlib else -15
            self._obj = zlib.decompressobj(self._wbits)
        try:
            while data:
                if self._obj.eof:
                    if self._wbits == 31 and len(data) < 2:
                        self._pending = data
                        return
                    if self._wbits != 31 or not data.startswith(b"\x1f\x8b"):
                        self._done = True  # trailing bytes after the stream are ignored
                        return
                    self._obj = zlib.decompressobj(31)  # the next gzip member
                out = self._obj.decompress(data, STEP)
                data = self._obj.unconsumed_tail or (self._obj.unused_data if self._obj.eof else b"")
                if out:
                    yield out
        except zlib.error as exc:
            raise CorruptBody(f"compressed body is corrupt: {exc}") from None

    def flush(self) -> Iterator[bytes]:
        if self._obj is None and self._pending:  # a one-byte body: decide now
            self._obj, self._wbits = zlib.decompressobj(-15), -15
            yield from self.feed(b"")
        try:
            while self._obj is not None and not self._obj.eof:
                out = self._obj.decompress(b"", STEP)
                if not out:
                    break
                yield out
        except zlib.error as exc:
            raise CorruptBody(f"compressed body is corrupt: {exc}") from None


class BrotliDecoder:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            yield from self._drain(data)

    def flush(self) -> Iterator[bytes]:
        yield from self._drain(b"")

    def _drain(self, data: bytes) -> Iterator[bytes]:
        """Process ``data``, then keep pulling bounded output while the decoder holds some back."""
        try:
            out = self._obj.process(data, output_buffer_limit=STEP)
            if out:
                yield out
            while not self._obj.is_finished() and (not self._obj.can_accept_more_data() or not data):
                out = self._obj.process(b"", output_buffer_limit=STEP)
                if not out:
                    break
                yield out
        except brotli.error as exc:
            raise CorruptBody(f"brotli body is corrupt: {exc}") from None


class ChainDecoder:
    """Undo several encodings, last-applied first."""

    def __init__(self, decoders: list[Decoder]) -> None:
        self._decoders = decoders

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(0, [data])

    def flush(self) -> Iterator[bytes]:
        for index, decoder in enumerate(self._decoders):
            yield from self._through(index + 1, decoder.flush())

    def _through(self, index: int, pieces: Iterable[bytes]) -> Iterator[bytes]:
        if index == len(self._decoders):
            yield from pieces
            return
        for piece in pieces:
            yield from self._through(index + 1, self._decoders[index].feed(piece))


_DECODERS = {
    "identity": IdentityDecoder,
    "gzip": lambda: ZlibDecoder(31),
    "x-gzip": lambda: ZlibDecoder(31),
    "deflate": lambda: ZlibDecoder(None),
    "br": BrotliDecoder,
}


def decoder_for(content_encoding: str | None) -> Decoder:
    """A decoder for a ``Content-Encoding`` header value; raise UnsupportedEncoding."""
    names = [part.strip().lower() for part in (content_encoding or "").split(",") if part.strip()]
    decoders: list[Decoder] = []
    for name in reversed(names):
        factory = _DECODERS.get(name)
        if factory is None:
            raise UnsupportedEncoding(f"unsupported Content-Encoding {name!r}")
        decoders.append(factory())
    if not decoders:
        return IdentityDecoder()
    return decoders[0] if len(decoders) == 1 else ChainDecoder(decoders)


def collect(pieces: Iterable[bytes], limit: int) -> bytes:
    """Join ``pieces``; raise BodyTooLarge as soon as more than ``limit`` bytes arrive."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        if len(buffer) > limit:
            raise BodyTooLarge(f"body exceeds {limit} bytes")
    return bytes(buffer)


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress a gzip file held in memory (e.g. ``sitemap.xml.gz``) up to ``limit`` bytes."""
    decoder = ZlibDecoder(31)

    def pieces() -> Iterator[bytes]:
        yield from decoder.feed(data)
        yield from decoder.flush()

    return collect(pieces(), limit)
