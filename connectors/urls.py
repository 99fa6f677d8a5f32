"""URL validation: only absolute http(s) URLs with a host are fetched or kept."""

from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit, urlunsplit

MAX_URL_LENGTH = 2048
ALLOWED_SCHEMES = ("http", "https")
# Characters left as they are when non-ASCII and spaces are percent-encoded (RFC 3986, plus "%").
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


class InvalidUrl(ValueError):
    """The URL cannot be fetched; the message says why."""


def validate_url(url: object) -> str:
    """Return the URL normalised or raise InvalidUrl with the reason.

    Normalised: surrounding whitespace and the fragment removed, scheme lower-case, IDN host in
    punycode, non-ASCII and spaces in path and query percent-encoded, empty path as ``/``.
    """
    if not isinstance(url, str):
        raise InvalidUrl(f"URL must be a string, got {type(url).__name__}")
    text = url.strip()
    if not text:
        raise InvalidUrl("URL is empty")
    if len(text) > MAX_URL_LENGTH:
        raise InvalidUrl(f"URL is longer than {MAX_URL_LENGTH} characters")
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in text):
        raise InvalidUrl("URL contains control characters")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidUrl(f"URL cannot be parsed: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme!r}" if scheme else "none"
        raise InvalidUrl(f"unsupported URL scheme {shown}: only http and https are fetched")
    if not parts.hostname:
        raise InvalidUrl("URL has no host")
    if parts.username is not None or parts.password is not None:
        raise InvalidUrl("URL contains credentials (user:password@); remove them")
    if port == 0:
        raise InvalidUrl("URL has port 0")
    host = parts.hostname
    if any(ch.isspace() or ch in "<>\"{}|\\^`" for ch in host):
        raise InvalidUrl(f"URL host {host!r} is not a valid host name")
    netloc = parts.netloc
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise InvalidUrl(f"URL host {host!r} is not a valid internationalised domain name") from None
        netloc = f"{ascii_host}:{port}" if port is not None else ascii_host
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    query = quote(parts.query, safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


def resolve_url(raw: object, base: str) -> str:
    """Resolve a (possibly relative) link against ``base`` and validate it; raise InvalidUrl."""
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidUrl("link is empty")
    text = raw.strip()
    head = text.split(":", 1)[0].lower() if ":" in text else ""
    if head and head.isalpha() and head not in ALLOWED_SCHEMES and "/" not in head:
        raise InvalidUrl(f"unsupported URL scheme {head!r}: only http and https are kept")
    try:
        joined = urljoin(base, text)
    except ValueError as exc:
        raise InvalidUrl(f"link cannot be parsed: {exc}") from None
    return validate_url(joined)


def host_of(url: str) -> str:
    """The lower-case host name of a validated URL (IPv6 without brackets)."""
    return (urlsplit(url).hostname or "").lower()


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a validated URL (the scope of a robots.txt); default port omitted."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    default = 443 if parts.scheme == "https" else 80
    port = "" if parts.port in (None, default) else f":{parts.port}"
    return f"{parts.scheme}://{host}{port}"
