"""The provider's own configuration: ``didagents:apiUrl``, ``didagents:apiKey`` (secret) and the timeouts.

The engine hands them over as the provider resource's inputs (for the default provider: the stack's
``didagents:*`` config), keyed by the short name (``apiUrl``). They are resolved by the same
``ProviderSettings.resolve`` as the dynamic front end's, with the same ``DID_*`` environment
fallbacks, so a mistake fails the preview with one line naming the key. ``apiKey`` is always sent
back secret, so the provider resource's state never holds it in clear.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core import CONFIG_KEYS, ConfigError, ProviderSettings
from ..core.diff import ChangeKind, DiffPlan, PropertyChange
from ..core.settings import NAMESPACE
from ..core.values import contains_unknown, prune_none
from ..spec import Failure
from .marshal import Path

__all__ = ["SECRET_KEYS", "check_config", "diff_config", "settings_from"]

SECRET_KEYS: frozenset[Path] = frozenset((key.name,) for key in CONFIG_KEYS if key.secret)


def _short(key: str) -> str:
    """``didagents:apiUrl`` or ``didagents:config:apiUrl`` (the engine's variables) → ``apiUrl``."""
    return key.rsplit(":", 1)[-1]


def settings_from(args: Mapping[str, Any], variables: Mapping[str, str] | None = None) -> ProviderSettings:
    """Settings from the provider's inputs (else the older ``variables`` map), else the environment.

    A value still unknown (a preview of a provider configured from another resource's output) counts
    as unset.
    """
    values = {_short(key): value for key, value in (variables or {}).items()}
    values.update(args)

    def get(key: str) -> Any:
        value = values.get(key.removeprefix(f"{NAMESPACE}:"))
        return None if value is None or contains_unknown(value) else value

    return ProviderSettings.resolve(get)


def check_config(news: Mapping[str, Any]) -> list[Failure]:
    """Problems of the new configuration; each names its key (e.g. ``didagents:apiUrl``)."""
    try:
        settings_from(news)
    except ConfigError as exc:
        return [Failure("", str(exc))]
    return []


def diff_config(olds: Mapping[str, Any], news: Mapping[str, Any]) -> DiffPlan:
    """Changed settings update the provider in place: no setting replaces the resources it manages."""
    keys = {key.name for key in CONFIG_KEYS} & (set(olds) | set(news))
    detailed: dict[str, PropertyChange] = {}
    for key in sorted(keys):
        old, new = olds.get(key), news.get(key)
        if contains_unknown(new) or prune_none(old) != prune_none(new):
            kind: ChangeKind = "add" if old is None else "delete" if new is None else "update"
            detailed[key] = PropertyChange(kind, replace=False)
    return DiffPlan(detailed=detailed)
