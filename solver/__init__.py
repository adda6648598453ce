"""enclaveplan's library: the packages below are its layers (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_door(package: str, door: dict[str, str]) -> Callable[[str], Any]:
    """A package's `__getattr__` that opens its door lazily (PEP 562): `door` maps each name the
    rest of the code may call to the module that holds it. Importing the package then loads none
    of its modules, so a caller pays only for what it uses (a cold command starts faster) and the
    packages cannot import each other in a circle."""

    def __getattr__(name: str) -> Any:
        if name not in door:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(door[name]), name)

    return __getattr__
