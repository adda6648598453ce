"""Reading what comes in: a company folder (`loading`: CSV/XLSX and company.yaml, every
problem as `file:line: column: message`) and anything a stranger sent (`safe_io`).
"""

from __future__ import annotations

from importlib import import_module

# What the rest of the code may call, and the module that holds it.
_DOOR = {
    "CompanyError": "solver.io.loading",
    "Problem": "solver.io.loading",
    "load_company": "solver.io.loading",
    "yaml_key_lines": "solver.io.loading",
    "compose_yaml": "solver.io.safe_io",
    "text_only": "solver.io.safe_io",
}
__all__ = sorted(_DOOR)


def __getattr__(name: str):
    """The door opens lazily (PEP 562): importing the package loads none of its modules, so a
    caller pays only for what it uses and the packages cannot import each other in a circle."""
    if name not in _DOOR:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_DOOR[name]), name)
