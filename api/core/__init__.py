"""The service's core: settings from the environment (`settings`), the database engine,
sessions and migrations at start-up (`db`), tokens and roles (`auth`), the typed dependencies
routes declare (`deps`), and the one error envelope (`errors`).
"""

from __future__ import annotations

from importlib import import_module

# What the rest of the code may call, and the module that holds it.
_DOOR = {
    "Settings": "api.core.settings",
    "make_engine": "api.core.db",
    "migrate": "api.core.db",
    "session_factory": "api.core.db",
    "ROLES": "api.core.auth",
    "Caller": "api.core.auth",
    "create_token": "api.core.auth",
    "ApiError": "api.core.errors",
}
__all__ = sorted(_DOOR)


def __getattr__(name: str):
    """The door opens lazily (PEP 562): importing the package loads none of its modules, so a
    caller pays only for what it uses and the packages cannot import each other in a circle."""
    if name not in _DOOR:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_DOOR[name]), name)
