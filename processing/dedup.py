"""Near-duplicate detection for news articles: MinHash + LSH banding, then text verification.

Pipeline (all pure functions, no I/O):

1. :func:`newsflow.processing.dedup_text.clean_body` strips page furniture (site-name title suffixes, desk
   prefixes, datelines, "Published/Updated" stamps, share/subscribe prompts, credits), then the
   tokens are case-folded, punctuation dropped, unit words canonicalised ("dlrs"/"dollars") and
   spelled-out numbers mapped to digits.  A figure is one token ("9-1/2", "1,250.5").
2. Shingles are word 3-grams over the content words (stop words skipped, so a republisher's small
   rewording breaks fewer shingles).  They are MinHashed into ``NUM_PERM`` 32-bit values cut into
   ``BANDS`` LSH bands of ``ROWS`` rows; ``PREFIX_BANDS`` more bands come from the MinHash of the
   lead (the first ``PREFIX_TOKENS`` content words), so a short trimmed copy of a long story is a
   candidate although its Jaccard with the full text is low.  Each band key is a signed 64-bit
   int (Postgres BIGINT in ``article_band_keys``) that includes the band index: ``NUM_KEYS`` per
   article, and candidate lookup stays one index query.
3. :func:`copy_verdict` is THE copy decision (the store and the pipeline call it; :func:`match` is
   its yes/no): same normalised body -> ``exact_text``; otherwise ``near_copy`` when the containment
   of the smaller text's shingles in the larger's (exact from a bottom-``SKETCH`` sketch up to 256
   shingles, estimated beyond) is >= ``CONTAINMENT_THRESHOLD`` and the figures agree: the distinct
   figures (``NUMBER_THRESHOLD``) and the consecutive figure pairs, i.e. figures in the same order
   (``NUMBER_ORDER_THRESHOLD``).  Republished copies keep their figures; recurring templated reports
   ("hog and cattle slaughter guesstimates", "seven grain ships loading") change them while the
   template stays.  There is NO publication-date window: content farms repost wire stories months
   later, so precision comes from the text.  A copy whose figures were corrected is not matched.

Thresholds were chosen on the tuning part of ../shared/dedup/pairs_dev.jsonl only (a fixed-seed
split that keeps 40 % locked; ``newsflow eval dedup --tune`` reruns the grid): containment 0.4,
figures 0.8, figure order 0.4.  The LSH stage stays at 42 x 3 (midpoint near Jaccard 0.29): on the
tuning part every verified copy is already a candidate, and a lower S-curve only added recurring
reports that pass the text check.

``FINGERPRINT_VERSION`` is bumped whenever tokenisation, shingling, the byte layout or the band
scheme changes; stored fingerprints and band keys of another version must be recomputed
(``Fingerprint.from_bytes`` refuses them).  Version 2 (this one): stop-word-free shingles, one-token
figures, lead bands, shingle and figure sketches; 50 band keys per article (was 42).

Why a hand-written MinHash: it is vectorised with numpy (one multiply-add-shift per permutation
and shingle) and it must be *stable across processes and machines* because signatures and band
keys are stored in the database.  Python's ``hash()`` is salted per process (PYTHONHASHSEED) and
must never be used here; tokens are hashed with BLAKE2b and the permutation constants come from a
fixed splitmix64 sequence, not from a library RNG whose stream could change between versions.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from newsflow.processing.dedup_text import STOPWORDS, canonical_token, clean_body, raw_tokens, tokens

__all__ = [
    "BANDS",
    "CONTAINMENT_THRESHOLD",
    "DEDUP_VERSION",
    "FINGERPRINT_VERSION",
    "MINHASH_VERSION",
    "NUM_KEYS",
    "NUM_PERM",
    "PREFIX_BANDS",
    "ROWS",
    "SHINGLE_SIZE",
    "CopyVerdict",
    "Fingerprint",
    "candidates",
    "content_hash",
    "copy_verdict",
    "verdict_with",
    "fingerprint",
    "match",
    "normalize_text",
    "number_containment",
    "number_order_containment",
    "similarity",
]

SHINGLE_SIZE = 3  # words per shingle
ROWS = 3  # MinHash rows per LSH band (>= 3: shared boilerplate alone must not make candidates)
BANDS = 42  # LSH bands -> one band key each
NUM_PERM = ROWS * BANDS  # MinHash values per signature
PREFIX_TOKENS = 40  # the lead of a text: its first 40 shingled words (title and first paragraph)
PREFIX_BANDS = 8  # extra LSH bands over the lead's shingles: a short trimmed copy of a long story
NUM_KEYS = BANDS + PREFIX_BANDS  # band keys per article (rows in article_band_keys)
SKETCH = 256  # bottom-k sketch of the shingle hashes: exact containment up to 256 shingles
NUMBER_SKETCH = 32  # bottom-k sketch size for the figures and for consecutive figure pairs
# Verdict thresholds, chosen on the tuning part of pairs_dev only (newsflow eval dedup):
CONTAINMENT_THRESHOLD = 0.4  # containment of the smaller text's shingles in the larger's
NUMBER_THRESHOLD = 0.8  # containment of the smaller set of distinct figures in the larger
NUMBER_ORDER_THRESHOLD = 0.4  # the same for consecutive figure pairs (figures in the same order)

#: Bumped whenever the fingerprint bytes, tokenisation, shingling or band keys change: stored
#: fingerprints and ``article_band_keys`` rows of another version must be recomputed (reprocess).
FINGERPRINT_VERSION = 2
MINHASH_VERSION = f"mh{FINGERPRINT_VERSION}-w{SHINGLE_SIZE}-p{NUM_PERM}-r{ROWS}-b{BANDS}+{PREFIX_BANDS}"
DEDUP_VERSION = (f"{MINHASH_VERSION}-c{CONTAINMENT_THRESHOLD}-n{NUMBER_THRESHOLD}"
                 f"-o{NUMBER_ORDER_THRESHOLD}")

_M64 = (1 << 64) - 1
_EMPTY = np.uint32(0xFFFFFFFF)


def _splitmix64(seed: int, n: int) -> list[int]:
    """Deterministic 64-bit constants (pure Python, identical on every platform and version)."""
    out, x = [], seed & _M64
    for _ in range(n):
        x = (x + 0x9E3779B97F4A7C15) & _M64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
        out.append(z ^ (z >> 31))
    return out


_consts = _splitmix64(0x6E657773666C6F77, 2 * NUM_PERM)  # seed: b"newsflow"
_A = np.array([c | 1 for c in _consts[:NUM_PERM]], dtype=np.uint64)[:, None]  # odd multipliers
_B = np.array(_consts[NUM_PERM:], dtype=np.uint64)[:, None]
_C1 = np.uint64(0xBF58476D1CE4E5B9)
_C2 = np.uint64(0x94D049BB133111EB)
_K = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S32 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(32)
_BAND_SEED = np.array(_splitmix64(0x62616E64, NUM_KEYS), dtype=np.uint64)  # one seed per band index
_NUM_START = np.uint64(_splitmix64(0x6E756D, 1)[0])  # the "start of text" figure for figure pairs

# raw token -> (canonical token, stable 64-bit hash of the canonical token); the hash's lowest bit
# says "a figure", the next one "a stop word" (not shingled)
_token_cache: dict[str, tuple[str, int]] = {}
_CACHE_MAX = 200_000  # bound memory in long-running workers
_LOW = np.uint64(1)
_STOP = np.uint64(2)


def clear_caches() -> None:
    """Forget the token cache (benchmarks time the cold cost with it)."""
    _token_cache.clear()


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on a uint64 array (wrapping arithmetic), in place: pass an array you own."""
    z ^= z >> _S30
    z *= _C1
    z ^= z >> _S27
    z *= _C2
    z ^= z >> _S31
    return z


def _token_hashes(text: str) -> tuple[tuple[str, ...], np.ndarray]:
    """Canonical tokens of a cleaned text and their stable 64-bit hashes (BLAKE2b, cached).

    Never Python's salted ``hash()``.  The lowest bit of a hash says whether the token is a figure,
    the next one whether it is a stop word.
    """
    cache = _token_cache
    if len(cache) > _CACHE_MAX:
        cache.clear()
    raw = raw_tokens(text)
    entries = list(map(cache.get, raw))
    if None in entries:  # hash each new token once (the loop runs over the new ones only)
        for r in {r for r, e in zip(raw, entries) if e is None}:
            t = canonical_token(r)
            h = int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
            h = (h | 1) if t[0].isdigit() else (h & ~1)
            cache[r] = (t, (h | 2) if t in STOPWORDS else (h & ~2))
        entries = list(map(cache.get, raw))
    if not entries:
        return (), np.empty(0, dtype=np.uint64)
    toks, hashes = zip(*entries)
    return toks, np.array(hashes, dtype=np.uint64)


def _shingle_hashes(th: np.ndarray, k: int = SHINGLE_SIZE) -> np.ndarray:
    """32-bit hashes (as uint64, in text order, with repeats) of all k-token shingles.

    A text shorter than k tokens is one shingle.
    """
    n = len(th)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(k, n)
    m = n - k + 1
    h = th[:m].copy()
    for j in range(1, k):
        h *= _K
        h += th[j : m + j]
        h = _mix(h)
    h >>= _S32
    return h


def _minhash(x: np.ndarray, perms: int = NUM_PERM) -> np.ndarray:
    """MinHash signature: per permutation min of ((a*x + b) mod 2^64) >> 32 (multiply-add-shift).

    The shift is taken after the minimum (it is monotonic, so the result is the same).
    """
    if len(x) == 0:
        return np.full(perms, _EMPTY, dtype=np.uint32)
    a, b = _A[:perms], _B[:perms]
    sig = None
    for start in range(0, len(x), 4096):  # bound the temporary (perms x chunk) matrix
        m = a * x[None, start : start + 4096]
        m += b
        part = m.min(axis=1)
        sig = part if sig is None else np.minimum(sig, part)
    sig >>= _S32
    return sig.astype(np.uint32)


def _unique(x: np.ndarray) -> np.ndarray:
    """Sorted distinct values (``np.unique`` without its overhead: ~3x faster on short arrays)."""
    a = np.sort(x)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def _band_keys(sig: np.ndarray, first_band: int = 0) -> tuple[int, ...]:
    """One signed int64 key per band: mix(band seed, row values); the band index is in the seed."""
    bands = len(sig) // ROWS
    rows = sig.reshape(bands, ROWS).astype(np.uint64)
    h = _BAND_SEED[first_band : first_band + bands].copy()
    for j in range(ROWS):
        h *= _K
        h += rows[:, j]
        _mix(h)
    return tuple(h.view(np.int64).tolist())


def normalize_text(text: str) -> str:
    """Cleaned body (no page furniture), case-folded, punctuation dropped, whitespace collapsed."""
    return " ".join(tokens(clean_body(text or "")))


def content_hash(text: str) -> str:
    """Hex SHA-256 of :func:`normalize_text`: equal for exact republications."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CopyVerdict:
    """Why a new text is a copy of a stored one (cross-site canonical copies are decided by URL)."""

    kind: Literal["exact_text", "near_copy"]
    similarity: float  # containment of the smaller text's shingles in the larger's (1.0 for exact)


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What dedup needs to know about one article; store ``to_bytes()`` and ``band_keys``.

    ``signature`` is the MinHash of the word 3-shingles (band keys come from it and from
    ``lead_signature``, the MinHash of the first ``PREFIX_TOKENS`` tokens' shingles); ``sketch`` is
    the bottom-``SKETCH`` of the distinct shingle hashes (the text verification uses it);
    ``numbers`` / ``number_pairs`` are bottom-k sketches of the distinct figures and of consecutive
    figure pairs (the first figure paired with a start marker), with their exact distinct counts.
    """

    content_hash: str
    signature: np.ndarray  # uint32[NUM_PERM]
    band_keys: tuple[int, ...]  # signed int64, NUM_KEYS of them; empty for a text without words
    shingle_count: int  # distinct shingles
    sketch: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))
    numbers: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))
    number_count: int = 0
    number_pairs: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))
    number_pair_count: int = 0
    lead_signature: np.ndarray = field(default_factory=lambda: np.full(PREFIX_BANDS * ROWS, _EMPTY, np.uint32))

    # magic, format, perms, bands, lead perms, shingles, sketch k, figures, k, pairs, k, sha
    _FMT = struct.Struct("<2sBHHHIHIHIH32s")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fingerprint) and self.to_bytes() == other.to_bytes()

    def __hash__(self) -> int:
        return hash(self.to_bytes())

    def to_bytes(self) -> bytes:
        """Compact little-endian serialisation (1-2 kB) for a BYTEA column."""
        head = self._FMT.pack(
            b"NF", FINGERPRINT_VERSION, len(self.signature), BANDS, len(self.lead_signature),
            self.shingle_count, len(self.sketch), self.number_count, len(self.numbers),
            self.number_pair_count, len(self.number_pairs), bytes.fromhex(self.content_hash),
        )
        parts = (self.signature, self.lead_signature, self.sketch, self.numbers, self.number_pairs)
        return head + b"".join(p.astype("<u4").tobytes() for p in parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Fingerprint":
        """Inverse of :meth:`to_bytes`; band keys are recomputed from the signatures."""
        magic, fmt = data[:2], data[2] if len(data) > 2 else None
        if magic != b"NF" or fmt != FINGERPRINT_VERSION:
            raise ValueError(f"fingerprint format {magic!r}/{fmt} != {FINGERPRINT_VERSION} ({MINHASH_VERSION}); "
                             "recompute it from the text")
        (_, _, perms, bands, lead, shingles, k_sk, nnum, k_num, npair, k_pair, sha) = cls._FMT.unpack_from(data)
        if perms != NUM_PERM or bands != BANDS or lead != PREFIX_BANDS * ROWS:
            raise ValueError(f"fingerprint layout {perms}x{bands}+{lead} != {MINHASH_VERSION}")
        off = cls._FMT.size
        out = []
        for count in (perms, lead, k_sk, k_num, k_pair):
            out.append(np.frombuffer(data, dtype="<u4", count=count, offset=off).astype(np.uint32))
            off += 4 * count
        sig, lead_sig, sketch, nums, pairs = out
        return _make(sha.hex(), sig, lead_sig, shingles, sketch, nums, nnum, pairs, npair)


def _make(sha: str, sig: np.ndarray, lead_sig: np.ndarray, shingles: int, sketch: np.ndarray,
          nums: np.ndarray, nnum: int, pairs: np.ndarray, npair: int) -> Fingerprint:
    for a in (sig, lead_sig, sketch, nums, pairs):
        a.setflags(write=False)
    keys = _band_keys(np.concatenate((sig, lead_sig))) if shingles else ()  # BANDS, then PREFIX_BANDS
    return Fingerprint(sha, sig, keys, shingles, sketch, nums, nnum, pairs, npair, lead_sig)


def fingerprint(text: str) -> Fingerprint:
    """Fingerprint of an article body (title first is fine); deterministic across processes."""
    toks, th = _token_hashes(clean_body(text or ""))
    sha = hashlib.sha256(" ".join(toks).encode("utf-8")).hexdigest()
    words = th[(th & _STOP) == 0]  # shingles skip stop words
    if len(words) == 0:
        words = th  # a text of stop words only is still a text
    in_order = _shingle_hashes(words)
    shingles = _unique(in_order)  # sorted: its head is the bottom-k sketch
    # the lead's shingles are the first ones of the text (those of words[:PREFIX_TOKENS])
    lead = in_order[: max(1, min(len(words), PREFIX_TOKENS) - SHINGLE_SIZE + 1)]
    # Figures: distinct numeric tokens, and consecutive pairs of them in text order.
    fig = th[(th & _LOW) != 0]
    nums = pairs = fig
    if len(fig):
        nums = _unique(fig >> _S32)
        chained = np.empty_like(fig)  # previous figure (a start marker for the first) * K + figure
        chained[0] = _NUM_START
        chained[1:] = fig[:-1]
        chained *= _K
        chained += fig
        pairs = _unique(_mix(chained) >> _S32)
    return _make(
        sha, _minhash(shingles), _minhash(lead, PREFIX_BANDS * ROWS), len(shingles),
        shingles[:SKETCH].astype(np.uint32), nums[:NUMBER_SKETCH].astype(np.uint32), len(nums),
        pairs[:NUMBER_SKETCH].astype(np.uint32), len(pairs),
    )


def _sketch_containment(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> float:
    """Containment |A&B| / min(|A|,|B|) from bottom-k sketches of A and B (exact when both fit).

    The smaller set's sampled values below both sketches' cut-off are looked up in the other sketch.
    """
    if na == 0 or nb == 0:
        return 0.0
    if (na, len(a)) > (nb, len(b)):
        a, na, b, nb = b, nb, a, na
    cut = np.uint32(0xFFFFFFFF)
    if na > len(a) and len(a):
        cut = min(cut, a[-1])
    if nb > len(b) and len(b):
        cut = min(cut, b[-1])
    sample = a[a <= cut]
    if len(sample) == 0:
        return 0.0
    return float(np.count_nonzero(np.isin(sample, b, assume_unique=True))) / len(sample)


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Containment of the smaller text's shingles in the larger's, in [0, 1] (symmetric)."""
    if a.shingle_count == 0 or b.shingle_count == 0:
        return 0.0
    if a.content_hash == b.content_hash:
        return 1.0
    return _sketch_containment(a.sketch, a.shingle_count, b.sketch, b.shingle_count)


def number_containment(a: Fingerprint, b: Fingerprint) -> float | None:
    """Containment of the smaller set of distinct figures in the larger; ``None`` if either has none."""
    if a.number_count == 0 or b.number_count == 0:
        return None
    return _sketch_containment(a.numbers, a.number_count, b.numbers, b.number_count)


def number_order_containment(a: Fingerprint, b: Fingerprint) -> float | None:
    """The same for consecutive figure pairs: do the shared figures come in the same order?"""
    if a.number_pair_count == 0 or b.number_pair_count == 0:
        return None
    return _sketch_containment(a.number_pairs, a.number_pair_count, b.number_pairs, b.number_pair_count)


def candidates(a: Fingerprint, b: Fingerprint) -> bool:
    """LSH candidacy: the two fingerprints share at least one band key (what the store looks up)."""
    return not set(a.band_keys).isdisjoint(b.band_keys)


def copy_verdict(new: Fingerprint, stored: Fingerprint) -> CopyVerdict | None:
    """THE copy decision: is ``new`` the same story text as ``stored``?  ``None`` when it is not.

    Pure and symmetric, and with no date window: content farms repost wire stories months later,
    so the text alone decides.  Exact text: same normalised body.  Near copy: most of the smaller
    text's shingles are in the larger one (trimmed paragraphs, new dateline, site furniture, word
    edits) AND its figures agree, as a set and in order, so a recurring templated report ("hog
    slaughter guesstimates", "grain ships loading") with new numbers is not a copy.  The caller
    finds ``stored`` through the band keys (``candidates``); this function verifies the text.
    """
    return verdict_with(new, stored, CONTAINMENT_THRESHOLD, NUMBER_THRESHOLD, NUMBER_ORDER_THRESHOLD)


def verdict_with(new: Fingerprint, stored: Fingerprint, containment: float, figures: float,
                 figure_order: float) -> CopyVerdict | None:
    """:func:`copy_verdict` with explicit thresholds (the evaluation's tuning grid uses it)."""
    if new.shingle_count == 0 or stored.shingle_count == 0:
        return None
    if new.content_hash == stored.content_hash:
        return CopyVerdict("exact_text", 1.0)
    sim = similarity(new, stored)
    if sim < containment:
        return None
    nc = number_containment(new, stored)
    if nc is not None and nc < figures:
        return None
    oc = number_order_containment(new, stored)
    if oc is not None and oc < figure_order:
        return None
    return CopyVerdict("near_copy", round(sim, 4))


def match(a: Fingerprint, b: Fingerprint) -> bool:
    """``copy_verdict(a, b) is not None`` (kept for callers that only need yes/no)."""
    return copy_verdict(a, b) is not None
