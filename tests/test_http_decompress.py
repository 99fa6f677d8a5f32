"""Streaming decoders: any chunking gives the same bytes; output is produced in bounded steps."""

from __future__ import annotations

import gzip
import os
import zlib

import brotli
import pytest

from newsflow.connectors.decompress import STEP, BodyTooLarge, CorruptBody, UnsupportedEncoding, collect, decoder_for, gunzip_bounded

BODY = os.urandom(3000) + b"news " * 40_000


def _raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(wbits=-15)
    return obj.compress(data) + obj.flush()


def decode(encoding: str, blob: bytes, step: int, limit: int = 10_000_000) -> bytes:
    decoder = decoder_for(encoding)

    def pieces():
        for i in range(0, len(blob), step):
            yield from decoder.feed(blob[i : i + step])
        yield from decoder.flush()

    return collect(pieces(), limit)


@pytest.mark.parametrize(
    ("encoding", "blob"),
    [
        ("gzip", gzip.compress(BODY)),
        ("x-gzip", gzip.compress(BODY)),
        ("deflate", zlib.compress(BODY)),
        ("deflate", _raw_deflate(BODY)),
        ("br", brotli.compress(BODY)),
        ("identity", BODY),
        ("gzip, br", brotli.compress(gzip.compress(BODY))),
    ],
)
@pytest.mark.parametrize("step", [1, 7, 4096, 1 << 20])
def test_any_chunking_decodes_the_same(encoding, blob, step):
    if step == 1 and len(blob) > 50_000:
        blob_step = 13  # keep the suite fast: byte-by-byte only for small blobs
    else:
        blob_step = step
    assert decode(encoding, blob, blob_step) == BODY


def test_concatenated_gzip_members_and_trailing_padding():
    blob = gzip.compress(b"hello ") + gzip.compress(b"world") + b"\0\0\0"
    for step in (1, 2, 3, 100):
        assert decode("gzip", blob, step) == b"hello world"
    assert gunzip_bounded(blob, 100) == b"hello world"


def test_each_decoded_piece_is_bounded():
    decoder = decoder_for("gzip")
    pieces = list(decoder.feed(gzip.compress(b"\0" * 5_000_000)))
    assert max(len(p) for p in pieces) <= STEP


def test_limits_and_errors():
    with pytest.raises(BodyTooLarge):
        decode("gzip", gzip.compress(b"\0" * 1_000_000), 65536, limit=100_000)
    with pytest.raises(CorruptBody):
        decode("gzip", b"\x1f\x8b\x08\x00not-really-gzip-data", 4096)
    with pytest.raises(CorruptBody):
        decode("br", b"definitely not brotli", 4096)
    with pytest.raises(UnsupportedEncoding, match="unsupported Content-Encoding 'compress'"):
        decoder_for("compress")
