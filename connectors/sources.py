"""The sources file: a TOML list of ``[[sources]]`` tables (name, kind, url, optional settings)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SourceKind = Literal["feed", "sitemap", "listing"]
SOURCE_KINDS: tuple[str, ...] = ("feed", "sitemap", "listing")


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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"cannot read sources file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"sources file {path} is not valid TOML: {exc}") from None
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise SourcesFileError(f"sources file {path} has no [[sources]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        sources.append(_parse_entry(entry, index, path))
        if sources[-1].name in seen:
            raise SourcesFileError(f"{path}: source name {sources[-1].name!r} is used twice")
        seen.add(sources[-1].name)
    return sources


def _parse_entry(entry: object, index: int, path: Path) -> Source:
    where = f"{path}: [[sources]] #{index}"
    if not isinstance(entry, dict):
        raise SourcesFileError(f"{where} is not a table")
    missing = [key for key in ("name", "kind", "url") if not isinstance(entry.get(key), str) or not entry[key]]
    if missing:
        raise SourcesFileError(f"{where} needs a non-empty {', '.join(missing)}")
    if entry["kind"] not in SOURCE_KINDS:
        raise SourcesFileError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(SOURCE_KINDS)}")
    if not entry["url"].startswith(("http://", "https://")):
        raise SourcesFileError(f"{where}: url must start with http:// or https://")
    max_new = entry.get("max_new_urls")
    if max_new is not None and (not isinstance(max_new, int) or max_new < 1):
        raise SourcesFileError(f"{where}: max_new_urls must be a positive integer")
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise SourcesFileError(f"{where}: tags must be a list of strings")
    return Source(name=entry["name"], kind=entry["kind"], url=entry["url"], max_new_urls=max_new, tags=tuple(tags))
