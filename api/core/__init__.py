"""The service's core: settings from the environment (`settings`), the database engine,
sessions and migrations at start-up (`db`), tokens and roles (`auth`), the typed dependencies
routes declare (`deps`), and the one error envelope (`errors`).
"""

from __future__ import annotations

from solver import lazy_door

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


__getattr__ = lazy_door(__name__, _DOOR)
