"""Model training entry points (topic classifier, ...)."""
