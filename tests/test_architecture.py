"""The import contract: floors point down, prefect stays in flows, processing stays pure, no cycles.

Read from the source with ``ast`` (nothing is imported), over every module of the ``newsflow`` package
as pyproject maps it: ``newsflow/`` plus the root folders connectors/, processing/, storage/, flows/
and deploy/. Imports inside functions count as much as those at the top of a module.
"""

from __future__ import annotations

import ast
import tomllib
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

#: The floors, bottom first. A module may import its own floor's modules and anything below.
FLOORS: list[tuple[str, ...]] = [
    ("newsflow.core",),
    ("newsflow.connectors", "newsflow.processing", "newsflow.storage"),
    ("newsflow.pipeline",),
    ("newsflow.settings", "newsflow.deploy"),
    ("newsflow.flows",),
    ("newsflow.cli", "newsflow.dev"),
]
#: Floor-mates that must not know each other: where articles come from, what is done to a page and
#: where records go are independent; the pipeline joins them.
INDEPENDENT = {"newsflow.connectors", "newsflow.processing", "newsflow.storage"}
#: What the running pipeline is made of: it never imports the CLI or the dev-only tools.
RUNTIME = ("newsflow.core", "newsflow.connectors", "newsflow.processing", "newsflow.storage",
           "newsflow.pipeline", "newsflow.settings", "newsflow.deploy", "newsflow.flows")
#: Packages that do I/O (network, database, orchestration, processes): never in processing.
IO_PACKAGES = ("httpx", "sqlalchemy", "alembic", "psycopg", "prefect", "socket", "requests",
               "urllib.request", "http.client", "subprocess", "protego", "feedparser")


@cache
def modules() -> dict[str, Path]:
    """Module name -> file, for every module the wheel installs."""
    package_dirs = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    found: dict[str, Path] = {}
    for package, folder in package_dirs.items():
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            parts = path.relative_to(REPO_ROOT / folder).with_suffix("").parts
            if any(part in {"site", "__pycache__"} for part in parts):
                continue
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found.setdefault(name, path)
    return found


def _is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


@cache
def imports_of(name: str) -> frozenset[str]:
    """Every module name the module imports (internal ones resolved to the deepest existing module)."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    package = name if _is_package(name) else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in modules() else base)
    return frozenset(targets)


def _floor(name: str) -> tuple[int, str] | None:
    for level, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                return level, prefix
    return None


def _internal_edges() -> list[tuple[str, str]]:
    return [(source, target) for source in modules() for target in imports_of(source) if target in modules()]


def test_every_module_is_on_a_floor() -> None:
    unplaced = [name for name in modules() if name != "newsflow" and _floor(name) is None]
    assert not unplaced, f"modules outside every floor of FLOORS: {unplaced}"


def test_imports_point_down() -> None:
    upward = []
    for source, target in _internal_edges():
        if target == "newsflow" or source == "newsflow":
            continue
        (low, low_home), (high, high_home) = _floor(target), _floor(source)
        if low > high or (low == high and low_home != high_home and {low_home, high_home} <= INDEPENDENT):
            upward.append(f"{source} -> {target}")
    assert not upward, "imports that point up or sideways:\n" + "\n".join(upward)


def test_runtime_never_imports_cli_or_dev_tools() -> None:
    leaks = [f"{s} -> {t}" for s, t in _internal_edges()
             if s.startswith(RUNTIME) and t.startswith(("newsflow.cli", "newsflow.dev"))]
    assert not leaks, "\n".join(leaks)


def test_prefect_only_in_flows() -> None:
    users = sorted(name for name in modules()
                   if any(t == "prefect" or t.startswith("prefect.") for t in imports_of(name))
                   and not name.startswith("newsflow.flows"))
    assert not users, f"only newsflow.flows may import prefect; also: {users}"


def test_processing_is_pure() -> None:
    impure = sorted(f"{name} -> {target}" for name in modules() if name.startswith("newsflow.processing")
                    for target in imports_of(name)
                    if any(target == io or target.startswith(io + ".") for io in IO_PACKAGES))
    assert not impure, "processing must not do I/O:\n" + "\n".join(impure)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {name: set() for name in modules()}
    for source, target in _internal_edges():
        # A package importing its own submodules (re-exports, command registration) is not a cycle.
        if source != target and not target.startswith(source + "."):
            graph[source].add(target)
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("rule", ["up", "prefect", "cycle"])
def test_the_checker_catches_violations(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above are not vacuous: a planted violation of each rule is reported."""
    planted = {
        "up": ("newsflow.storage.db", "newsflow.flows.ingest"),
        "prefect": ("newsflow.processing.extract", "prefect"),
        "cycle": ("newsflow.core.urls", "newsflow.core.dates"),
    }[rule]
    real = imports_of.__wrapped__

    def with_plant(name: str) -> frozenset[str]:
        found = real(name)
        if name == planted[0]:
            found |= {planted[1]}
        if rule == "cycle" and name == planted[1]:
            found |= {planted[0]}
        return found

    monkeypatch.setattr(f"{__name__}.imports_of", with_plant)
    check = {"up": test_imports_point_down, "prefect": test_prefect_only_in_flows, "cycle": test_no_import_cycles}[rule]
    with pytest.raises(AssertionError):
        check()
