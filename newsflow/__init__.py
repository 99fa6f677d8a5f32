"""newsflow: scheduled news ingestion (discover, fetch, extract, dedup, classify, store)."""

__version__ = "0.1.0"
