"""Connectors: the polite, safe HTTP layer and link discovery.

- :mod:`newsflow.connectors.http` — ``PoliteClient.fetch`` → ``FetchResult`` (never raises per URL); its
  layers live in small modules: ``urls``, ``addresses``/``network`` (private-address guard),
  ``breaker``, ``robots``, ``throttle``, ``retries``, ``exchange``/``deadline``/``decompress``/
  ``content_types`` (one bounded request).
- :mod:`newsflow.connectors.discover` — ``discover(source, client)`` → ``DiscoveryResult``; per kind in
  ``feeds`` (+ ``jsonfeed``), ``sitemaps``, ``listing`` (+ ``article_urls``), sharing ``links``,
  ``safexml``, ``dates``, ``encoding``.
- :mod:`newsflow.connectors.sources` — the sources file.
"""
