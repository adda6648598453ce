"""The solver at work behind the service: jobs and the pool of solver processes (`jobs`),
what runs inside them (`work`), and the one step from a request to a day's inputs
(`inputs`).
"""

from __future__ import annotations

from importlib import import_module

# What the rest of the code may call, and the module that holds it.
_DOOR = {
    "JobRunner": "api.runtime.jobs",
    "SolvePool": "api.runtime.jobs",
    "Busy": "api.runtime.jobs",
    "Unavailable": "api.runtime.jobs",
    "within_deadline": "api.runtime.work",
    "day_asked": "api.runtime.inputs",
}
__all__ = sorted(_DOOR)


def __getattr__(name: str):
    """The door opens lazily (PEP 562): importing the package loads none of its modules, so a
    caller pays only for what it uses and the packages cannot import each other in a circle."""
    if name not in _DOOR:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_DOOR[name]), name)
