"""The provider's own configuration: ``didagents:apiUrl``, ``didagents:apiKey`` (secret) and the timeouts.

The engine hands them over as the provider resource's inputs (for the default provider: the stack's
``didagents:*`` config), keyed by the short name (``apiUrl``). They are resolved by the same
``ProviderSettings.resolve`` as the dynamic front end's, with the same ``DID_*`` environment
fallbacks, so a mistake fails the preview with one line naming the key. ``apiKey`` is always sent
back secret, so the provider resource's state never holds it in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path as PathType
from typing import Any

from ..core import CONFIG_KEYS, ConfigError, ProviderSettings
from ..core.diff import ChangeKind, DiffPlan, PropertyChange
from ..core.settings import NAMESPACE, config_problems
from ..core.shapes import contains_unknown, prune_none
from ..spec import Failure
from .marshal import Path

__all__ = ["SECRET_KEYS", "check_config", "diff_config", "plaintext_in_stack_file", "settings_from"]

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


def check_config(news: Mapping[str, Any], *, is_secret: Callable[[str], bool] = bool) -> list[Failure]:
    """Problems of the new configuration; each names its key (e.g. ``didagents:apiUrl``).

    The engine sends secret config in clear here, so whether a value was set with ``--secret`` is
    ``is_secret(name)`` (:func:`plaintext_in_stack_file`); an unknown key fails with a did-you-mean.
    """
    failures = [Failure("", problem) for problem in config_problems(news, is_secret)]
    try:
        settings_from(news)
    except ConfigError as exc:
        failures.append(Failure("", str(exc)))
    return failures


def plaintext_in_stack_file(urn: str, project_dir: PathType | None = None) -> set[str]:
    """``didagents:`` keys stored in plain text in the stack's ``Pulumi.<stack>.yaml`` (short names).

    The engine strips the secret marks from ``CheckConfig``'s inputs, so the stack's config file,
    beside the project (the plugin's working directory), is where a committed plain-text key is seen.
    A stack whose config lives elsewhere (``--config-file``, ``stackConfigDir``) is not checked.
    """
    stack = urn.split("::", 1)[0].rpartition(":")[2] if urn.startswith("urn:pulumi:") else ""
    path = (project_dir or PathType.cwd()) / f"Pulumi.{stack}.yaml"
    if not stack or not path.is_file():
        return set()
    import yaml  # a dependency of the Pulumi SDK; only a provider check reads it

    try:
        config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("config") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        return set()
    prefix = f"{NAMESPACE}:"
    return {
        key.removeprefix(prefix)
        for key, value in config.items()
        if isinstance(key, str) and key.startswith(prefix) and not isinstance(value, dict)
    }


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
