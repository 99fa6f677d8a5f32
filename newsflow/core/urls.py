"""URLs, the one home of the concept (pure functions, no I/O).

Validation (:func:`validate_url`, :func:`resolve_url`): only absolute http(s) URLs with a host are
fetched or kept. Identity (:func:`canonicalize_url`): w3lib's ``canonicalize_url`` (percent-encoding,
IDNA host, sorted query, fragment dropped) plus what w3lib leaves alone: the tracking parameters of
``tracking_params.txt``, lower-case scheme/host, default ports, trailing slashes and AMP variants
(``/amp/`` path segment, ``.amp`` suffix, ``?amp=1``, ``outputType=amp``, Google AMP-cache viewer
URLs). ``www.`` is kept (another host), and so is an ``amp.`` subdomain: whether its canonical host
is the bare domain or ``www.`` is unknowable from the URL alone (the page's ``rel=canonical`` link is
the place to resolve that). Sites (:func:`same_site`): one rule for "the same publisher's page".
"""

from __future__ import annotations

import ipaddress
from importlib import resources
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

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


def _load_tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    """The tracking keys and key prefixes of ``tracking_params.txt`` (package data)."""
    text = resources.files("newsflow.core").joinpath("tracking_params.txt").read_text(encoding="utf-8")
    lines = [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(l for l in lines if not l.endswith("*")), tuple(l[:-1] for l in lines if l.endswith("*"))


TRACKING_PARAMS, TRACKING_PREFIXES = _load_tracking_params()

_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_FLAG_VALUES = {"", "1", "true", "yes", "on"}
_AMP_CACHE_SUFFIX = ".cdn.ampproject.org"


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host; never raises."""
    try:
        parts = urlsplit(str(url).strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
        return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname) and " " not in parts.netloc
    except (ValueError, TypeError):
        return False


def _drop_query_param(key: str, value: str) -> bool:
    k = unquote(key).lower()
    if k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES):
        return True
    v = unquote(value).lower()
    return (k == "amp" and v in _AMP_FLAG_VALUES) or (k == "outputtype" and v == "amp")


def _clean_query(query: str) -> str:
    kept = []
    for item in query.split("&"):
        if not item:
            continue
        key, _, value = item.partition("=")
        if not _drop_query_param(key, value):
            kept.append(item)
    return "&".join(kept)


def _clean_path(path: str) -> str:
    """Drop AMP path markers and a trailing slash ("/a/b/amp/" -> "/a/b", "/x.amp.html" -> "/x.html")."""
    segments = [s for s in path.split("/") if s.lower() != "amp"]
    if segments:
        last = segments[-1]
        low = last.lower()
        if low.endswith(".amp"):
            segments[-1] = last[:-4]
        elif ".amp." in low:  # story.amp.html -> story.html
            i = low.rindex(".amp.")
            segments[-1] = last[:i] + last[i + 4:]
    path = "/".join(segments)
    path = path.rstrip("/")
    return path if path.startswith("/") else "/" + path


def _from_amp_cache(parts) -> str | None:
    """``https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a`` -> the publisher URL."""
    host = (parts.hostname or "").lower()
    if not host.endswith(_AMP_CACHE_SUFFIX):
        return None
    segs = parts.path.split("/")
    # /c/s/host/path (https) or /c/host/path (http); also /v/ and /i/ (viewer, image)
    if len(segs) < 3 or segs[1] not in {"c", "v", "i"}:
        return None
    scheme, rest = ("https", segs[3:]) if segs[2] == "s" else ("http", segs[2:])
    if not rest or not rest[0]:
        return None
    url = f"{scheme}://" + "/".join(rest)
    return url + ("?" + parts.query if parts.query else "")


def canonicalize_url(url: str) -> str:
    """Canonical form of an http(s) URL for de-duplication; other or junk input is returned stripped."""
    raw = url.strip() if isinstance(url, str) else ""
    try:
        if not is_http_url(raw):
            return raw
        parts = urlsplit(raw)
        cached = _from_amp_cache(parts)
        if cached and is_http_url(cached):
            parts = urlsplit(cached)
        # w3lib: percent-encoding, IDNA, sorted query, fragment dropped; it keeps ports and slashes.
        parts = urlsplit(_w3lib_canonicalize(urlunsplit(parts)))
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower().rstrip(".")
        if ":" in host:  # IPv6 literal
            host = f"[{host}]"
        netloc = host
        if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
            netloc = f"{host}:{parts.port}"
        if parts.username is not None:
            userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
            netloc = f"{userinfo}@{netloc}"
        return urlunsplit((scheme, netloc, _clean_path(parts.path), _clean_query(parts.query), ""))
    except Exception:  # noqa: BLE001 - contract: never raise on junk input
        return raw


def _site_parts(url: str) -> tuple[str, int | None]:
    """(host without ``www.``, non-default port or None) of a URL; ("", None) for junk."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "", None
    host = (parts.hostname or "").lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    return host, (port if port != _DEFAULT_PORTS.get(parts.scheme.lower()) else None)


def site_of(url: str) -> str:
    """The site a URL belongs to: its lower-case host without ``www.``, with a non-default port.

    Two servers on one host but different ports (as local test sites are) are different sites.
    """
    host, port = _site_parts(url)
    return f"{host}:{port}" if port is not None else host


def same_site(url: str, other: str) -> bool:
    """The one "same publisher" rule: same site, or one host a subdomain of the other (``news.``).

    Used for listing links (stay on the site) and for page identity (a ``rel=canonical`` on the same
    site makes an alias; one on another site never does).
    """
    (host_a, port_a), (host_b, port_b) = _site_parts(url), _site_parts(other)
    if not host_a or not host_b or port_a != port_b:
        return False
    if host_a == host_b:
        return True
    if _is_ip(host_a) or _is_ip(host_b):
        return False
    return host_a.endswith("." + host_b) or host_b.endswith("." + host_a)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
