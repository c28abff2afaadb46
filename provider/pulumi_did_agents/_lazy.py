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
    package: str, where: Mapping[str, str | tuple[str, str]], names: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``where[name]`` is a submodule, or
    ``(submodule, name in it)`` when it exports the value under another name."""

    def getattr_(name: str) -> Any:
        found = where.get(name)
        if found is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = (found, name) if isinstance(found, str) else found
        value = getattr(importlib.import_module(f"{package}.{module}"), attribute)
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return list(names)

    return getattr_, dir_
