"""The sources file: a TOML list of ``[[sources]]`` tables (name, kind, url, optional settings).

Checked against a schema: an unknown key (``max_new_url``) or a wrong type is a one-line
:class:`SourcesFileError` naming the file, the line and the source, with a "did you mean" hint.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SourceKind = Literal["feed", "sitemap", "listing"]
SOURCE_KINDS: tuple[str, ...] = ("feed", "sitemap", "listing")

#: The keys a ``[[sources]]`` table may have, and what each must be.
SOURCE_KEYS: dict[str, str] = {
    "name": "a non-empty string",
    "kind": "one of " + ", ".join(SOURCE_KINDS),
    "url": "an http:// or https:// URL",
    "max_new_urls": "a positive integer",
    "tags": "a list of strings",
}
#: Keys allowed at the top of the file.
TOP_LEVEL_KEYS = ("sources",)


class SourcesFileError(ValueError):
    """The sources file cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Source:
    """One configured place articles come from."""

    name: str
    kind: SourceKind
    url: str
    max_new_urls: int | None = None
    tags: tuple[str, ...] = ()


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; raise SourcesFileError with a one-line message."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read sources file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"sources file {path} is not valid TOML: {exc}") from None
    locate = _Locator(text)
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise SourcesFileError(f"sources file {path} has no [[sources]] tables")
    for key in data:
        if key not in TOP_LEVEL_KEYS and isinstance(data[key], (list, dict)):
            raise SourcesFileError(f"{path}{locate.top(key)}: unknown table {key!r}{_did_you_mean(key, TOP_LEVEL_KEYS)}")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        sources.append(_parse_entry(entry, index, path, locate))
        if sources[-1].name in seen:
            raise SourcesFileError(f"{path}: source name {sources[-1].name!r} is used twice")
        seen.add(sources[-1].name)
    return sources


def _did_you_mean(key: str, choices) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


class _Locator:
    """Line numbers of keys in the n-th ``[[sources]]`` table (tomllib gives none)."""

    _HEADER = re.compile(r"^\s*\[\[\s*sources\s*\]\]")
    _TABLE = re.compile(r"^\s*\[")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [i for i, line in enumerate(self.lines) if self._HEADER.match(line)]

    def key(self, index: int, key: str) -> str:
        """':LINE' of ``key`` in table #index (1-based), or of the table's header, or ''."""
        if index > len(self.headers):
            return ""
        start = self.headers[index - 1]
        for i in range(start + 1, len(self.lines)):
            if self._TABLE.match(self.lines[i]):
                break
            if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", self.lines[i]):
                return f":{i + 1}"
        return f":{start + 1}"

    def top(self, key: str) -> str:
        for i, line in enumerate(self.lines):
            if re.match(rf"^\s*\[*\s*{re.escape(key)}\b", line):
                return f":{i + 1}"
        return ""


def _parse_entry(entry: object, index: int, path: Path, locate: _Locator) -> Source:
    name = entry.get("name") if isinstance(entry, dict) else None
    label = f"source {name!r}" if isinstance(name, str) and name else f"[[sources]] #{index}"

    def fail(key: str | None, message: str) -> SourcesFileError:
        line = locate.key(index, key) if key else locate.key(index, "\0")
        return SourcesFileError(f"{path}{line}: {label}: {message}")

    if not isinstance(entry, dict):
        raise SourcesFileError(f"{path}: [[sources]] #{index} is not a table")
    for key, value in entry.items():
        if key not in SOURCE_KEYS:
            raise fail(key, f"unknown key {key!r}{_did_you_mean(key, SOURCE_KEYS)} (allowed: {', '.join(SOURCE_KEYS)})")
    missing = [key for key in ("name", "kind", "url") if key not in entry]
    if missing:
        raise fail(None, f"needs a non-empty {', '.join(missing)}")
    for key in ("name", "kind", "url"):
        if not isinstance(entry[key], str) or not entry[key]:
            raise fail(key, f"{key} must be {SOURCE_KEYS[key]}, not {_shown(entry[key])}")
    if entry["kind"] not in SOURCE_KINDS:
        raise fail("kind", f"kind {entry['kind']!r} is not one of {', '.join(SOURCE_KINDS)}{_did_you_mean(entry['kind'], SOURCE_KINDS)}")
    if not entry["url"].startswith(("http://", "https://")):
        raise fail("url", "url must start with http:// or https://")
    max_new = entry.get("max_new_urls")
    if max_new is not None and (isinstance(max_new, bool) or not isinstance(max_new, int) or max_new < 1):
        raise fail("max_new_urls", f"max_new_urls must be a positive integer, not {_shown(max_new)}")
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise fail("tags", f"tags must be a list of strings, not {_shown(tags)}")
    return Source(name=entry["name"], kind=entry["kind"], url=entry["url"], max_new_urls=max_new, tags=tuple(tags))


def _shown(value: object) -> str:
    return f"{type(value).__name__} {value!r}"[:80]
