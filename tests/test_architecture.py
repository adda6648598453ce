"""The direction of imports that docs/architecture.md draws, held by reading the source (ast).

The contracts speak in packages (solver.domain, solver.roster, ...): nothing in `solver/`
imports `api/`; each package of `solver/` imports only the packages below it in LAYERS; the
roster model (solver.roster, solver.coverage) reaches no reports, words or command line, not
even through another package; the independent checker imports nothing of ours but the domain
types. And no module grows past MAX_LINES unless the first line of its docstring says why.
Every import counts, also one inside a function or under TYPE_CHECKING: a lazy import is still a
dependency.

An offence that exists today and is not fixed yet is listed below as a named, temporary
exception with the reason; any new offence fails. Remove an exception when its import goes.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package of solver/ may import besides itself (the picture in docs/architecture.md).
LAYERS = {
    "solver.domain": set(),
    "solver.io": {"solver.domain"},
    "solver.roster": {"solver.domain"},
    "solver.coverage": {"solver.domain", "solver.roster"},
    "solver.checker": {"solver.domain"},
    "solver.generator": {"solver.domain", "solver.io"},
    "solver.analysis": {"solver.domain", "solver.io", "solver.roster", "solver.coverage"},
    "solver.reports": {"solver.domain", "solver.io", "solver.roster", "solver.analysis"},
    "solver.cli": {
        "solver.domain",
        "solver.io",
        "solver.roster",
        "solver.checker",
        "solver.analysis",
        "solver.reports",
        "solver.generator",
    },
}

# The library's root (`solver/__init__.py`: the lazy door every package's `__init__` uses) imports
# nothing of ours, so any layer may use it.
LIBRARY_ROOT = {"solver", "solver.lazy_door"}

# The roster model, and what a person reads (it must reach none of it).
ROSTER_MODEL = ("solver.roster", "solver.coverage")
WORDS = ("solver.reports", "solver.cli")

# Temporary exceptions: (importing module, imported package) -> why it is still there.
EXCEPTIONS = {
    ("solver.analysis.robustness", "solver.reports"): (
        "the robustness result carries its sentences (words.t); issue 12 moves them to the edge"
    ),
    ("solver.io.loading.problems", "solver.reports"): (
        "a Problem renders itself in the reader's language (Problem.render); the rendering "
        "belongs at the edge that shows it"
    ),
    ("solver.analysis.pool.reasons", "solver.reports"): (
        "pool sizing's reasons are sentences; they belong in solver.reports with pool_report"
    ),
    ("solver.analysis.pool.designs", "solver.reports"): (
        "design_label: a design's readable name; it belongs at the edge that shows it"
    ),
    ("solver.analysis.scenario.terms", "solver.reports"): (
        "METRIC_WORDS: the metrics' names in both languages, read from the catalogue; issue 12 "
        "moves them to the edge"
    ),
    ("solver.analysis.scenario.export", "solver.reports"): (
        "describe_change and the workbook are words; they belong in solver.reports"
    ),
}

# The checker's one outside dependency besides the standard library: docs/roster-rules.md names
# the `holidays` package as the source of public holidays, so the checker reads it too.
CHECKER_MAY_IMPORT = {"solver.domain", "holidays"}

# The size contract: a longer module says why in the first line of its docstring, or is named
# here with the reason (to split, or why not).
MAX_LINES = 600
LONG_MODULES: dict[str, str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, as absolute dotted names (relative imports resolved)."""
    module = _module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module or ""
            found.add(prefix)
            # `from solver.reports import words` may name a module: keep both.
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
    return found


def _files(package: str) -> list[Path]:
    return [p for p in sorted((ROOT / package).rglob("*.py")) if "migrations" not in p.parts]


MODULES = {_module_name(p): _imports(p) for top in ("solver", "api") for p in _files(top)}


def _package(name: str) -> str:
    """The package of ours a dotted name belongs to: `solver.roster.model.X` -> `solver.roster`
    (a top-level module such as `api.app` is its own package)."""
    return ".".join(name.split(".")[:2])


def _ours(names: set[str]) -> set[str]:
    return {n for n in names if n.split(".")[0] in ("solver", "api")}


def _package_edges(package: str) -> dict[str, set[str]]:
    """Package -> the other packages its modules import (temporary exceptions left out)."""
    edges: dict[str, set[str]] = {}
    for module, imported in MODULES.items():
        if _package(module) != package:
            continue
        for name in _ours(imported):
            if name in LIBRARY_ROOT:
                continue
            target = _package(name)
            if target != package and (module, target) not in EXCEPTIONS:
                edges.setdefault(target, set()).add(module)
    return edges


def _reachable(start: str) -> dict[str, str]:
    """Every package `start` depends on, directly or not, each with the package importing it."""
    seen: dict[str, str] = {}
    todo = [start]
    while todo:
        package = todo.pop()
        for target in sorted(_package_edges(package)):
            if target not in seen and target != start:
                seen[target] = package
                todo.append(target)
    return seen


def test_the_source_tree_is_read():
    """The graph is real: the packages named in the contracts exist and have imports."""
    packages = {_package(m) for m in MODULES}
    for package in (*LAYERS, "api.core", "api.storage", "api.runtime", "api.routers"):
        assert package in packages, package
    assert "solver.roster.model" in MODULES
    assert "solver.domain" in _package_edges("solver.roster")
    assert "solver.roster" in _package_edges("solver.analysis")


def test_every_package_of_solver_has_a_layer():
    packages = {_package(m) for m in MODULES if m.startswith("solver.") and m.count(".") >= 1}
    assert packages - {"solver"} <= set(LAYERS), sorted(packages - set(LAYERS))


def test_solver_never_imports_api():
    offences = sorted(
        (module, name)
        for module, imported in MODULES.items()
        if module.split(".")[0] == "solver"
        for name in imported
        if name.split(".")[0] == "api"
    )
    assert offences == [], "solver/ must not depend on the service (api/)"


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_each_package_imports_only_the_layers_below(package):
    edges = _package_edges(package)
    upward = {t: sorted(m) for t, m in edges.items() if t not in LAYERS[package]}
    assert upward == {}, f"{package} may import only {sorted(LAYERS[package])}"


@pytest.mark.parametrize("package", ROSTER_MODEL)
def test_the_roster_model_imports_no_reports_or_words(package):
    reached = _reachable(package)
    words = sorted(p for p in reached if p in WORDS or p.split(".")[0] == "api")

    def path(target: str) -> str:
        chain = [target]
        while chain[-1] != package:
            chain.append(reached[chain[-1]])
        return " <- ".join(chain)

    assert words == [], [path(p) for p in words]


def test_the_checker_imports_only_the_domain_types():
    outside = set()
    for path in _files("solver/checker"):
        module = _module_name(path)
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or name == "__future__":
                continue
            target = _package(name) if top in ("solver", "api") else top
            if target == "solver.checker" or target in CHECKER_MAY_IMPORT:
                continue
            if (module, target) in EXCEPTIONS:
                continue
            outside.add((module, name))
    assert outside == set(), "the checker keeps its own logic: domain types and stdlib only"


def _first_docstring_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


@pytest.mark.parametrize("top", ["solver", "api"])
def test_no_module_is_longer_than_it_says(top):
    long = {}
    for path in _files(top):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        module = _module_name(path)
        if lines <= MAX_LINES or module in LONG_MODULES:
            continue
        if "long" in _first_docstring_line(path).lower():
            continue  # the first line says why it is long
        long[module] = lines
    assert long == {}, f"over {MAX_LINES} lines: split by concern, or say why in the first line"


def test_the_exceptions_are_still_needed():
    """An exception whose import has gone is removed (else it would hide a new one)."""
    for module, target in EXCEPTIONS:
        assert any(_package(n) == target for n in _ours(MODULES[module])), (module, target)
    for module in LONG_MODULES:
        path = ROOT / Path(*module.split(".")).with_suffix(".py")
        assert len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES, module


def test_the_library_root_imports_nothing_of_ours():
    assert _ours(MODULES["solver"]) == set()
