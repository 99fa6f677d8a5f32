"""Static word vectors for the topic classifier: the file format, loading, and document vectors.

A document's vector is the normalised sum of its known words' (frequency-weighted) vectors; the
classifier weighs its dimensions like any other feature (``e:<dim>``). The table is built by
:mod:`newsflow.dev.training.wordvectors`; here it is only read (numpy, loaded once per process).

File format (gzip): one JSON header line ``{"format", "words", "dims", "scale"}``, then the words,
one per line, then ``words x dims`` int8 values (row-major); a word's vector is its row times
``scale`` (one factor per dimension).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

WORDVEC_FILE = Path(__file__).with_name("wordvec-v2.bin.gz")
FORMAT = "newsflow-wordvec-1"
FEATURE_PREFIX = "e:"
#: Features of the title's own vector (the headline states the event).
TITLE_VECTOR_PREFIX = "h:"


def frequency_weight(rank: np.ndarray) -> np.ndarray:
    """Weight of a word by its frequency rank (0 = most frequent): rare words count more."""
    return np.log1p(np.asarray(rank, dtype=np.float64) / 100.0) + 0.1


@dataclass(frozen=True)
class WordVectors:
    """Word -> row index, and the (dequantised, frequency-weighted) vectors."""

    index: dict[str, int]
    vectors: np.ndarray
    #: SHA-256 of the file the table was read from (models record the table they were trained on).
    sha256: str = ""

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def rows(self, toks: Sequence[str]) -> list[int]:
        """Row ids of the known tokens, in order, with repeats."""
        get = self.index.get
        return [i for i in (get(t) for t in toks) if i is not None]

    def doc_vector(self, toks: Sequence[str]) -> np.ndarray | None:
        """The unit-length sum of the known tokens' vectors (``None`` when no token is known)."""
        ids = self.rows(toks)
        if not ids:
            return None
        total = self.vectors[ids].sum(axis=0)
        norm = float(np.sqrt(total @ total))
        return total / norm if norm > 0 else None

    def features(self, toks: Sequence[str], prefix: str = FEATURE_PREFIX) -> dict[str, float]:
        """``<prefix><dim>`` features of a token sequence (empty when no token is known)."""
        vec = self.doc_vector(toks)
        if vec is None:
            return {}
        return {f"{prefix}{d}": float(v) for d, v in enumerate(vec)}


def write_table(words: Sequence[str], table: np.ndarray, out: Path) -> Path:
    """Quantise ``table`` (one row per word) to int8 and write it deterministically."""
    table = np.asarray(table, dtype=np.float64)
    scale = np.abs(table).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.clip(np.rint(table / scale), -127, 127).astype(np.int8)
    header = {"format": FORMAT, "words": len(words), "dims": int(table.shape[1]), "scale": [float(s) for s in scale]}
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write((json.dumps(header, sort_keys=True) + "\n").encode())
        gz.write(("\n".join(words) + "\n").encode())
        gz.write(quantised.tobytes())
    out = Path(out)
    out.write_bytes(buf.getvalue())
    return out


def read_table(path: Path) -> WordVectors:
    """Read a table written by :func:`write_table`."""
    packed = Path(path).read_bytes()
    with gzip.GzipFile(fileobj=io.BytesIO(packed)) as fh:
        header = json.loads(fh.readline())
        if header.get("format") != FORMAT:
            raise ValueError(f"{path} is not a {FORMAT} word-vector file")
        n, dims = int(header["words"]), int(header["dims"])
        words = [fh.readline().decode().rstrip("\n") for _ in range(n)]
        raw = fh.read(n * dims)
    if len(raw) != n * dims:
        raise ValueError(f"{path} is truncated: expected {n * dims} vector bytes, found {len(raw)}")
    vectors = np.frombuffer(raw, dtype=np.int8).reshape(n, dims).astype(np.float64)
    vectors *= np.asarray(header["scale"], dtype=np.float64)
    return WordVectors({w: i for i, w in enumerate(words)}, vectors, hashlib.sha256(packed).hexdigest())


@lru_cache(maxsize=1)
def shipped_vectors() -> WordVectors:
    """The shipped word vectors, loaded once per process."""
    return read_table(WORDVEC_FILE)
