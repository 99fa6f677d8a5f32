"""XML parsing that refuses entity declarations and external references (no entity expansion)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring, iterparse


class UnsafeXml(ValueError):
    """The document declares entities or references external resources; it was not expanded."""


class MalformedXml(ValueError):
    """The document is not well-formed XML."""


def parse_xml(content: bytes) -> Element:
    """Parse ``content`` safely; raise UnsafeXml or MalformedXml with a reason to report."""
    with _refusals():
        return fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)


def iter_xml(content: bytes) -> Iterator[tuple[str, Element]]:
    """``("start"|"end", element)`` events, parsed safely and incrementally (for large sitemaps).

    Raises UnsafeXml or MalformedXml while iterating; clear elements once used to bound memory.
    """
    with _refusals():
        events = iterparse(io.BytesIO(content), events=("start", "end"), forbid_entities=True, forbid_external=True)
        yield from events


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except EntitiesForbidden as exc:
        raise UnsafeXml(
            f"document declares XML entity {exc.name!r}; refused to prevent entity expansion (billion laughs)"
        ) from None
    except ExternalReferenceForbidden as exc:
        raise UnsafeXml(f"document references an external resource ({exc.sysid}); refused") from None
    except DefusedXmlException as exc:
        raise UnsafeXml(f"document refused by the XML safety check: {exc}") from None
    except (ParseError, ValueError) as exc:
        raise MalformedXml(f"malformed XML: {exc}") from None


def local_name(tag: object) -> str:
    """``"urlset"`` from ``"{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
