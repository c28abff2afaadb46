"""Defaults and typed readers for the policy configuration of ``did-agents-guardrails``.

Policy configuration arrives through ``args.get_config()`` as the JSON object given for that policy in
the ``--policy-pack-config`` file (minus ``enforcementLevel``). It has been through protobuf's
``Struct``, so every number is a ``float``; the readers below turn it back into what the rules expect.

A value of the wrong type raises ``ValueError``: a guardrail that silently falls back to its default
when someone mistyped the config file would be worse than one that stops the preview and says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

DEFAULT_PRODUCTION_STACKS: Final[tuple[str, ...]] = ("prod", "production")
"""Stack names (or ``fnmatch`` globs such as ``prod-*``) that count as production."""

DEFAULT_NAME_PATTERN: Final = r"^[a-z][a-z0-9-]{2,62}$"
"""Lower-case slug: starts with a letter, 3 to 63 characters of ``a-z``, ``0-9`` and ``-``."""

DEFAULT_MAX_DOCUMENTS: Final = 5
"""D-ID accepts at most 5 documents per knowledge base; the 6th ``POST`` fails with 400."""

DEFAULT_ALLOW_EMBED: Final = False
"""Embedding an agent on a web page exposes its client key to browsers, so it is opt-in."""


def string_list(config: Mapping[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """Read a list of strings, e.g. ``productionStacks``."""
    value = config.get(key)
    if value is None:
        return default
    if isinstance(value, str) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"policy config {key!r} must be a list of strings, got {value!r}")
    return tuple(value)


def boolean(config: Mapping[str, Any], key: str, default: bool) -> bool:
    """Read a boolean, e.g. ``allowEmbed``."""
    value = config.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ValueError(f"policy config {key!r} must be true or false, got {value!r}")
    return value


def integer(config: Mapping[str, Any], key: str, default: int, *, minimum: int) -> int:
    """Read an integer >= ``minimum``, e.g. ``maxDocuments`` (arrives as ``5.0``)."""
    value = config.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise ValueError(f"policy config {key!r} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"policy config {key!r} must be at least {minimum}, got {int(value)}")
    return int(value)


def string(config: Mapping[str, Any], key: str, default: str) -> str:
    """Read a string, e.g. ``pattern``."""
    value = config.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"policy config {key!r} must be a string, got {value!r}")
    return value
