"""Topic classifier internals: text normalisation, features, word vectors, list files and the fused model."""
