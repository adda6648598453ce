"""The solver at work behind the service: jobs and the pool of solver processes (`jobs`),
what runs inside them (`work`), and the one step from a request to a day's inputs
(`inputs`).
"""

from __future__ import annotations

from solver import lazy_door

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


__getattr__ = lazy_door(__name__, _DOOR)
