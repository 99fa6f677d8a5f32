"""Connectors: the polite, safe HTTP layer and link discovery.

- :mod:`connectors.http` — ``PoliteClient.fetch`` → ``FetchResult`` (never raises per URL); its
  layers live in small modules: ``urls``, ``addresses``/``network`` (private-address guard),
  ``breaker``, ``robots``, ``throttle``, ``retries``, ``exchange``/``deadline``/``decompress``/
  ``content_types`` (one bounded request).
- :mod:`connectors.discover` — ``discover(source, client)`` → ``DiscoveryResult``; per kind in
  ``feeds`` (+ ``jsonfeed``), ``sitemaps``, ``listing`` (+ ``article_urls``), sharing ``links``,
  ``safexml``, ``dates``, ``encoding``.
- :mod:`connectors.sources` — the sources file.
"""
