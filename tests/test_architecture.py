"""The direction of imports that docs/architecture.md draws, held by reading the source (ast).

Three contracts: nothing in `solver/` imports `api/`; the roster model imports no reports and no
words (not even through another module); the independent checker imports nothing of ours but
the domain types. Every import counts, also one inside a function or under TYPE_CHECKING: a
lazy import is still a dependency.

An offence that exists today and is not fixed yet is listed below as a named, temporary
exception with the reason; any new offence fails. Remove an exception when its import goes.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The roster model: the day's facts, who may go where, the rules, the model, the coverage kernel.
ROSTER_MODEL = (
    "solver.model",
    "solver.rules",
    "solver.day",
    "solver.eligibility",
    "solver.reasons",
    "solver.coverage",
)

# Temporary exceptions: (importer, imported) -> why it is still there.
EXCEPTIONS = {
    ("solver.checker", "solver.loading"): (
        "check_file reads a company folder for the command line; reading files belongs at the "
        "edge that calls the checker"
    ),
}

# The checker's one outside dependency besides the standard library: docs/roster-rules.md names
# the `holidays` package as the source of public holidays, so the checker reads it too.
CHECKER_MAY_IMPORT = {"solver.domain", "holidays"}


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
            # `from . import x` and `from solver import x` may name a module: keep both.
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
    return found


def _graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of ours (solver, api) it imports, for every file in `package`."""
    graph = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        ours = {m for m in _imports(path) if m.split(".")[0] in ("solver", "api")}
        graph[_module_name(path)] = ours
    return graph


SOLVER = _graph("solver")
API = _graph("api")
MODULES = {**SOLVER, **API}


def _known(name: str) -> str | None:
    """The module `name` refers to (a name imported from a module maps to that module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _edges(module: str) -> set[str]:
    targets = {_known(m) for m in MODULES.get(module, ())}
    return {t for t in targets if t and t != module and (module, t) not in EXCEPTIONS}


def _is_words(module: str) -> bool:
    """Reports, explanations and command lines: what a person reads."""
    last = module.rpartition(".")[2]
    return (
        last in ("explain", "cli", "words")
        or last.startswith("report")
        or last.endswith("_report")
        or last.endswith("_cli")
    )


def _reachable(start: str) -> dict[str, str]:
    """Every module `start` depends on, directly or not, each with the module that imports it."""
    seen: dict[str, str] = {}
    todo = [start]
    while todo:
        module = todo.pop()
        for target in sorted(_edges(module)):
            if target not in seen:
                seen[target] = module
                todo.append(target)
    return seen


def test_the_source_tree_is_read():
    """The graph is real: the modules named in the contracts exist and have imports."""
    for module in (*ROSTER_MODEL, "solver.checker"):
        assert module in SOLVER, module
    assert "solver.day" in _edges("solver.model")
    assert "solver.eligibility" in _edges("solver.day")
    assert _known("solver.domain.Company") == "solver.domain"


def test_solver_never_imports_api():
    offences = sorted(
        (module, target)
        for module, imported in SOLVER.items()
        for target in imported
        if target.split(".")[0] == "api" and (module, _known(target)) not in EXCEPTIONS
    )
    assert offences == [], "solver/ must not depend on the service (api/)"


@pytest.mark.parametrize("module", ROSTER_MODEL)
def test_the_roster_model_imports_no_reports_or_words(module):
    reached = _reachable(module)
    words = sorted(m for m in reached if _is_words(m))

    def path(target: str) -> str:
        chain = [target]
        while chain[-1] != module:
            chain.append(reached[chain[-1]])
        return " <- ".join(chain)

    assert words == [], [path(m) for m in words]
    assert not any(m.startswith("api") for m in reached)


def test_the_checker_imports_only_the_domain_types():
    path = ROOT / "solver" / "checker.py"
    outside = set()
    for name in _imports(path):
        top = name.split(".")[0]
        if top in sys.stdlib_module_names or name == "__future__":
            continue
        module = _known(name) or name
        if module in CHECKER_MAY_IMPORT or ("solver.checker", module) in EXCEPTIONS:
            continue
        outside.add(module)
    assert outside == set(), "the checker keeps its own logic: domain types and stdlib only"
