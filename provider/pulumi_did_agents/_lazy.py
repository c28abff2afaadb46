"""Loading a package's names on first use (PEP 562), shared by the packages that do it.

A package lists its public names once, as the ``from .module import name as name`` lines of its
``if TYPE_CHECKING:`` block, which type checkers read; :func:`lazy_exports` reads the same lines
from the package's source to learn where each name lives. Attribute access imports that module once
and caches the value in the package, so ``import`` stays cheap.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["lazy_exports"]


def _type_checking_imports(package: str, init_file: str) -> dict[str, str]:
    """``name → module`` for the relative imports under ``if TYPE_CHECKING:`` in ``init_file``."""
    tree = ast.parse(Path(init_file).read_text())
    where: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.level and statement.module:
                    base = package.rsplit(".", statement.level - 1)[0]
                    for alias in statement.names:
                        if alias.name != "*":
                            where[alias.asname or alias.name] = f"{base}.{statement.module}"
    return where


def lazy_exports(
    package: str, init_file: str, *, stars: Mapping[str, Sequence[str]] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and the lazily loaded names of ``package``; ``stars`` names what a
    ``from .module import *`` line of the block provides (its source cannot say)."""
    where = _type_checking_imports(package, init_file)
    for module, names in (stars or {}).items():
        where.update(dict.fromkeys(names, f"{package}.{module}"))

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    names = sorted(where)

    def dir_() -> list[str]:
        return list(names)

    return getattr_, dir_, names
