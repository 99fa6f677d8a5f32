"""Near-duplicate detection for news articles: MinHash + LSH banding + containment verification.

Pipeline (all pure functions, no I/O):

1. :func:`newsflow.processing.dedup_text.clean_body` strips page furniture (site-name title suffixes, desk
   prefixes, datelines, "Published/Updated" stamps, share/subscribe prompts, credits), then
   :func:`~newsflow.processing.dedup_text.tokens` case-folds and drops punctuation.  Numbers are kept.
2. Word 3-shingles are MinHashed into ``NUM_PERM`` 32-bit values and cut into ``BANDS`` LSH bands of
   ``ROWS`` rows each.  ``ROWS >= 3`` keeps pairs that only share a little text (site boilerplate,
   same-topic stories) from becoming candidates; each band key is a signed 64-bit int (Postgres
   BIGINT) that includes the band index.
3. :func:`match` = same normalised body, or (shares a band key AND estimated containment of the
   smaller shingle set in the larger >= ``CONTAINMENT_THRESHOLD`` AND the figures agree).  The
   figure check compares the shingles that contain a number (exact up to ``NUMBER_SKETCH`` of them,
   a bottom-k sketch beyond): republished copies keep their figures in context, recurring templated
   reports ("hog and cattle slaughter guesstimates", "seven grain ships loading") change them while
   the template text stays the same.

Parameters: 3-word shingles (2-word ones let recurring templates through, 4-word ones lose edited
copies); 42 bands x 3 rows = 126 permutations puts the LSH S-curve's midpoint near Jaccard 0.29, so
trimmed/edited copies (Jaccard >= 0.4) are candidates with p >= 0.94 while same-topic stories
(Jaccard < 0.1) almost never are; 42 BIGINT keys per article keep the index small.  The thresholds
sit between the classes rather than on the last dev example: containment 0.5 (copies >= 0.8,
other stories < 0.3), figures 0.65 (copies mostly 1.0, recurring reports cluster below 0.6).
A republished copy whose figures were *corrected* is therefore not matched (by design), nor is a
short item whose full version is many times longer (Jaccard too low for the LSH stage).

Why a hand-written MinHash: it is vectorised with numpy (one multiply-add-shift per permutation
and shingle, >3,000 articles/s on one core) and it must be *stable across processes and machines*
because signatures and band keys are stored in the database.  Python's ``hash()`` is salted per
process (PYTHONHASHSEED) and must never be used here; tokens are hashed with BLAKE2b and the
permutation constants come from a fixed splitmix64 sequence, not from a library RNG whose stream
could change between versions.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np

from newsflow.processing.dedup_text import clean_body, tokens

__all__ = [
    "BANDS",
    "CONTAINMENT_THRESHOLD",
    "DEDUP_VERSION",
    "MINHASH_VERSION",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_SIZE",
    "Fingerprint",
    "candidates",
    "content_hash",
    "fingerprint",
    "match",
    "normalize_text",
    "number_containment",
    "similarity",
    "within_date_window",
]

SHINGLE_SIZE = 3  # words per shingle
ROWS = 3  # MinHash rows per LSH band (>= 3: shared boilerplate alone must not make candidates)
BANDS = 42  # LSH bands -> one band key each
NUM_PERM = ROWS * BANDS  # MinHash values per signature
NUMBER_SKETCH = 64  # bottom-k sketch size for the shingles that contain a number
CONTAINMENT_THRESHOLD = 0.5  # estimated containment of the smaller text in the larger
NUMBER_THRESHOLD = 0.65  # containment of the smaller set of numeric shingles in the larger
NUMBER_MIN = 1  # the figure check applies when both texts have at least this many numeric shingles

MINHASH_VERSION = f"mh1-w{SHINGLE_SIZE}-p{NUM_PERM}-r{ROWS}-b{BANDS}"
DEDUP_VERSION = f"{MINHASH_VERSION}-c{CONTAINMENT_THRESHOLD}-n{NUMBER_THRESHOLD}-t1"

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
_BAND_SEED = np.array(_splitmix64(0x62616E64, BANDS), dtype=np.uint64)  # one seed per band index

_token_cache: dict[str, int] = {}


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on a uint64 array (wrapping arithmetic)."""
    z = (z ^ (z >> _S30)) * _C1
    z = (z ^ (z >> _S27)) * _C2
    return z ^ (z >> _S31)


def _token_hashes(toks: list[str]) -> np.ndarray:
    """Stable 64-bit token hashes (BLAKE2b, cached; never Python's salted ``hash()``)."""
    cache = _token_cache
    if len(cache) > 200_000:  # bound memory in long-running workers
        cache.clear()
    out = []
    for t in toks:
        h = cache.get(t)
        if h is None:
            h = int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
            cache[t] = h
        out.append(h)
    return np.array(out, dtype=np.uint64)


def _shingle_hashes(th: np.ndarray, numeric: np.ndarray, k: int = SHINGLE_SIZE):
    """Distinct 32-bit hashes of all k-token shingles and of those containing a number.

    A text shorter than k tokens is one shingle.
    """
    n = len(th)
    if n == 0:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint64)
    k = min(k, n)
    m = n - k + 1
    h = th[:m].copy()
    has_num = numeric[:m].copy()
    for j in range(1, k):
        h = _mix(h * _K + th[j : m + j])
        has_num |= numeric[j : m + j]
    h >>= _S32
    return np.unique(h), np.unique(h[has_num])


def _minhash(x: np.ndarray) -> np.ndarray:
    """MinHash signature: per permutation min of ((a*x + b) mod 2^64) >> 32 (multiply-add-shift)."""
    if len(x) == 0:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    sig = None
    for start in range(0, len(x), 4096):  # bound the temporary (NUM_PERM x chunk) matrix
        part = ((_A * x[None, start : start + 4096] + _B) >> _S32).min(axis=1)
        sig = part if sig is None else np.minimum(sig, part)
    return sig.astype(np.uint32)


def _band_keys(sig: np.ndarray) -> tuple[int, ...]:
    """One signed int64 key per band: mix(band seed, row values); the band index is in the seed."""
    rows = sig.reshape(BANDS, ROWS).astype(np.uint64)
    h = _BAND_SEED.copy()
    for j in range(ROWS):
        h = _mix(h * _K + rows[:, j])
    return tuple(int(v) for v in h.view(np.int64))


def normalize_text(text: str) -> str:
    """Cleaned body (no page furniture), case-folded, punctuation dropped, whitespace collapsed."""
    return " ".join(tokens(clean_body(text or "")))


def content_hash(text: str) -> str:
    """Hex SHA-256 of :func:`normalize_text`: equal for exact republications."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What dedup needs to know about one article; store ``to_bytes()`` and ``band_keys``."""

    content_hash: str
    signature: np.ndarray  # uint32[NUM_PERM]
    band_keys: tuple[int, ...]  # signed int64, one per band; empty for a text without words
    shingle_count: int
    numbers: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint32))  # bottom-k
    number_count: int = 0  # distinct shingles that contain a number

    _FMT = struct.Struct("<2sBHHIIH32s")  # magic, format, perms, bands, shingles, numbers, k, sha

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fingerprint) and self.to_bytes() == other.to_bytes()

    def __hash__(self) -> int:
        return hash(self.to_bytes())

    def to_bytes(self) -> bytes:
        """Compact little-endian serialisation (about 0.8 kB) for a BYTEA column."""
        head = self._FMT.pack(
            b"NF", 1, len(self.signature), BANDS, self.shingle_count, self.number_count,
            len(self.numbers), bytes.fromhex(self.content_hash),
        )
        return head + self.signature.astype("<u4").tobytes() + self.numbers.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Fingerprint":
        """Inverse of :meth:`to_bytes`; band keys are recomputed from the signature."""
        magic, fmt, perms, bands, shingles, nnum, k, sha = cls._FMT.unpack_from(data)
        if magic != b"NF" or fmt != 1 or perms != NUM_PERM or bands != BANDS:
            raise ValueError(f"fingerprint format {magic!r}/{fmt}/{perms}x{bands} != {MINHASH_VERSION}")
        off = cls._FMT.size
        sig = np.frombuffer(data, dtype="<u4", count=perms, offset=off).astype(np.uint32)
        nums = np.frombuffer(data, dtype="<u4", count=k, offset=off + 4 * perms).astype(np.uint32)
        return _make(sha.hex(), sig, shingles, nums, nnum)


def _make(sha: str, sig: np.ndarray, shingles: int, nums: np.ndarray, nnum: int) -> Fingerprint:
    sig.setflags(write=False)
    nums.setflags(write=False)
    keys = _band_keys(sig) if shingles else ()
    return Fingerprint(sha, sig, keys, shingles, nums, nnum)


def fingerprint(text: str) -> Fingerprint:
    """Fingerprint of an article body (title first is fine); deterministic across processes."""
    toks = tokens(clean_body(text or ""))
    sha = hashlib.sha256(" ".join(toks).encode("utf-8")).hexdigest()
    numeric = np.array([t[0].isdigit() or t == "%" for t in toks], dtype=bool)
    shingles, num_sh = _shingle_hashes(_token_hashes(toks), numeric)
    sketch = num_sh[:NUMBER_SKETCH].astype(np.uint32)  # np.unique sorted: the bottom-k
    return _make(sha, _minhash(shingles), len(shingles), sketch, len(num_sh))


def _jaccard(a: Fingerprint, b: Fingerprint) -> float:
    if a.signature.shape != b.signature.shape:
        raise ValueError("fingerprints from different MinHash versions")
    return float(np.count_nonzero(a.signature == b.signature)) / len(a.signature)


def _containment(j: float, na: int, nb: int) -> float:
    """|A&B| / min(|A|,|B|) from Jaccard and set sizes: |A&B| = J(|A|+|B|)/(1+J)."""
    if na == 0 or nb == 0:
        return 0.0
    return min(1.0, j * (na + nb) / (1.0 + j) / min(na, nb))


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated containment of the smaller text's shingles in the larger's, in [0, 1]."""
    if a.shingle_count == 0 or b.shingle_count == 0:
        return 0.0
    if a.content_hash == b.content_hash:
        return 1.0
    return _containment(_jaccard(a, b), a.shingle_count, b.shingle_count)


def number_containment(a: Fingerprint, b: Fingerprint) -> float | None:
    """Containment of the smaller set of numeric shingles in the larger (exact, or bottom-k).

    ``None`` when either text has fewer than ``NUMBER_MIN`` numeric shingles (no evidence).
    """
    if a.number_count < NUMBER_MIN or b.number_count < NUMBER_MIN:
        return None
    union = np.union1d(a.numbers, b.numbers)[:NUMBER_SKETCH]  # bottom-k of the union
    both = np.intersect1d(a.numbers, b.numbers, assume_unique=True)
    inter = np.count_nonzero(np.isin(union, both, assume_unique=True))
    if a.number_count <= NUMBER_SKETCH and b.number_count <= NUMBER_SKETCH:
        return float(inter) / min(a.number_count, b.number_count)  # exact
    return _containment(float(inter) / len(union), a.number_count, b.number_count)


def candidates(a: Fingerprint, b: Fingerprint) -> bool:
    """LSH candidacy: the two fingerprints share at least one band key."""
    return not set(a.band_keys).isdisjoint(b.band_keys)


def match(a: Fingerprint, b: Fingerprint) -> bool:
    """The detector: same normalised body, or LSH candidate + containment + numbers agree."""
    if a.shingle_count == 0 or b.shingle_count == 0:
        return False
    if a.content_hash == b.content_hash:
        return True
    if not candidates(a, b):
        return False
    if similarity(a, b) < CONTAINMENT_THRESHOLD:
        return False
    nc = number_containment(a, b)
    return nc is None or nc >= NUMBER_THRESHOLD


def within_date_window(a_dt: datetime | None, b_dt: datetime | None, days: float = 3.0) -> bool:
    """True if two publication times are at most ``days`` apart (or either is unknown).

    Naive datetimes are taken as UTC.  Meant for the store-level candidate filter.
    """
    if a_dt is None or b_dt is None:
        return True
    if a_dt.tzinfo is None:
        a_dt = a_dt.replace(tzinfo=timezone.utc)
    if b_dt.tzinfo is None:
        b_dt = b_dt.replace(tzinfo=timezone.utc)
    return abs(a_dt - b_dt) <= timedelta(days=days)
