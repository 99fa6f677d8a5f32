"""Topic classifier internals: text normalisation, features, lexicons and the linear model."""
