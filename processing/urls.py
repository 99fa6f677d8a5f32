"""URL canonicalisation for de-duplicating fetched pages (pure functions, no I/O).

:func:`canonicalize_url` = w3lib's ``canonicalize_url`` (percent-encoding, IDNA host, sorted query,
fragment dropped) plus what w3lib leaves alone: a project-owned list of tracking parameters, lower-case
scheme/host, default ports, trailing slashes and AMP variants (``/amp/`` path segment, ``.amp``
suffix, ``?amp=1``, ``outputType=amp``, Google AMP-cache viewer URLs).  ``www.`` is kept (another
host), and so is an ``amp.`` subdomain: whether its canonical host is the bare domain or ``www.`` is
unknowable from the URL alone (the page's ``rel=canonical`` link is the place to resolve that).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "canonicalize_url", "is_http_url"]

# Query keys (compared case-insensitively) that only carry campaign / click / session tracking.
TRACKING_PARAMS: frozenset[str] = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ttclid", "twclid",
    "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "__hstc",
    "__hssc", "__hsfp", "hsctatrack", "mkt_tok", "ref_src", "ref_url", "s_cid", "cmpid", "ncid",
    "ocid", "smid", "sr_share", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "rb_clickid",
    "wickedid", "epik", "_openstat", "at_medium", "at_campaign", "at_custom1", "at_custom2",
    "at_custom3", "at_custom4", "ito", "spm", "share_id", "cvid", "guccounter", "guce_referrer",
    "guce_referrer_sig", "ga_source", "ga_medium", "ga_campaign", "ga_content", "ga_term",
})
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "matomo_", "piwik_", "hsa_", "stm_")

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
