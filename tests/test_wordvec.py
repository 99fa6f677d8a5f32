"""The topic classifier's static word vectors: file format, document vectors, shipped table."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from newsflow.processing.topics.wordvec import WordVectors, read_table, shipped_vectors, write_table


def _table(tmp_path: Path) -> tuple[list[str], np.ndarray, Path]:
    rng = np.random.default_rng(0)
    words = ["alpha", "beta", "gamma", "delta"]
    table = rng.normal(size=(len(words), 8))
    return words, table, write_table(words, table, tmp_path / "t.bin.gz")


def test_table_round_trip_keeps_words_and_vectors(tmp_path: Path) -> None:
    words, table, path = _table(tmp_path)
    vectors = read_table(path)
    assert vectors.index == {w: i for i, w in enumerate(words)}
    assert vectors.dims == 8
    # int8 quantisation with one scale per dimension: error at most half a step.
    step = np.abs(table).max(axis=0) / 127.0
    assert np.all(np.abs(vectors.vectors - table) <= step / 2 + 1e-12)


def test_writing_is_deterministic(tmp_path: Path) -> None:
    words, table, path = _table(tmp_path)
    again = write_table(words, table, tmp_path / "again.bin.gz")
    assert path.read_bytes() == again.read_bytes()


def test_truncated_or_foreign_file_is_refused(tmp_path: Path) -> None:
    _, _, path = _table(tmp_path)
    data = gzip.decompress(path.read_bytes())
    cut = tmp_path / "cut.bin.gz"
    cut.write_bytes(gzip.compress(data[:-5]))
    with pytest.raises(ValueError, match="truncated"):
        read_table(cut)
    other = tmp_path / "other.bin.gz"
    other.write_bytes(gzip.compress(b'{"format": "something-else"}\n'))
    with pytest.raises(ValueError, match="not a newsflow-wordvec-1"):
        read_table(other)


def test_doc_vector_is_unit_sum_of_known_words() -> None:
    vectors = WordVectors({"a": 0, "b": 1}, np.array([[3.0, 0.0], [0.0, 4.0]]))
    assert vectors.doc_vector(["zzz"]) is None
    assert vectors.features(["zzz"]) == {}
    vec = vectors.doc_vector(["a", "b", "unknown", "b"])
    assert vec is not None
    assert vec == pytest.approx(np.array([3.0, 8.0]) / np.sqrt(73.0))
    assert vectors.features(["a"]) == {"e:0": 1.0, "e:1": 0.0}


def _cosine(vectors: WordVectors, a: str, b: str) -> float:
    va, vb = vectors.vectors[vectors.index[a]], vectors.vectors[vectors.index[b]]
    return float(va @ vb / np.sqrt((va @ va) * (vb @ vb)))


def test_shipped_table_places_related_words_together() -> None:
    """General knowledge the n-gram features lack: related words, and names, sit close together."""
    vectors = shipped_vectors()
    assert len(vectors.index) >= 50_000
    for word in ("the", "sanctions", "actress", "kardashian", "usa"):
        assert word in vectors.index
    assert _cosine(vectors, "actress", "singer") > _cosine(vectors, "actress", "missile")
    assert _cosine(vectors, "missile", "troops") > _cosine(vectors, "missile", "actress")
    assert _cosine(vectors, "kardashian", "celebrity") > _cosine(vectors, "kardashian", "parliament")
    assert shipped_vectors() is vectors  # loaded once per process


def test_model_refuses_a_word_vector_table_it_was_not_trained_on() -> None:
    from newsflow.processing.classify import classify
    from newsflow.processing.topics.model import LinearModel, shipped_model

    from newsflow.processing.topics.model import FusedModel, Member

    fused = shipped_model()
    shipped = fused.member("learned")
    assert shipped.uses_vectors
    assert shipped.meta["training"]["wordvec_sha256"] == shipped_vectors().sha256
    assert fused.meta["training"]["wordvec_sha256"] == shipped_vectors().sha256
    meta = {**shipped.meta, "training": {**shipped.meta["training"], "wordvec_sha256": "0" * 64}}
    stale = LinearModel(shipped.labels, shipped.bias, shipped.weights, shipped.version, meta)
    members = (Member("learned", stale, 0.5), fused.members[1])
    with pytest.raises(ValueError, match="retrain it"):
        classify("Troops cross the border", "", model=FusedModel(fused.labels, fused.version, members))
