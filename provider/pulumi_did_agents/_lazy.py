"""Loading a package's names on first use (PEP 562), shared by the packages that do it.

A package maps each public name to the module that defines it; attribute access imports that
module once and caches the value in the package, so ``import`` stays cheap and names stay typed
(the packages import them for type checkers under ``TYPE_CHECKING``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, where: Mapping[str, str], names: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``where[name]`` is the submodule defining ``name``."""

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return list(names)

    return getattr_, dir_
