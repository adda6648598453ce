"""Reading what comes in: a company folder (`loading`: CSV/XLSX and company.yaml, every
problem as `file:line: column: message`) and anything a stranger sent (`safe_io`).
"""

from __future__ import annotations

from solver import lazy_door

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


__getattr__ = lazy_door(__name__, _DOOR)
