"""Bundled offline demo: three invented content-farm news sites served from 127.0.0.1.

``DemoSite`` (in :mod:`newsflow.dev.demo.server`) serves ``site/site-a``, ``site/site-b`` and
``site/site-c`` on ephemeral localhost ports and writes a matching sources file;
``site/manifest.json`` lists every article with its expected topic and syndication group.
"""

from newsflow.dev.demo.server import DemoSite, load_manifest

__all__ = ["DemoSite", "load_manifest"]
