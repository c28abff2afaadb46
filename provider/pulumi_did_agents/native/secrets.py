"""Which values the provider sends back as secrets.

The provider accepts secrets (``acceptSecrets``), so the engine keeps a value secret only if the
provider marks it. Two sources: the declarations (``ClientKey.clientKey``, ``llm.custom.key``,
``llm.custom.headers`` …) and whatever arrived secret from the program (a ``pulumi.secret`` or a
secret config value), at the same path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..spec import Prop
from .marshal import Path
from .names import props_by_name

__all__ = ["declared_secrets", "secret_paths"]


def declared_secrets(props: Sequence[Prop], values: Mapping[str, Any], prefix: Path = ()) -> set[Path]:
    """Paths of engine-named ``values`` that the declarations mark secret."""
    found: set[Path] = set()
    declared = props_by_name(props, inbound=True)
    for key, value in values.items():
        prop = declared.get(key)
        if prop is None or value is None:
            continue
        path = (*prefix, key)
        if prop.secret:
            found.add(path)
        elif prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
            found |= declared_secrets(prop.shape.props, value, path)
        elif prop.items is not None and prop.items.shape is not None:
            found |= _item_secrets(prop, value, path)
    return found


def _item_secrets(prop: Prop, value: Any, path: Path) -> set[Path]:
    assert prop.items is not None and prop.items.shape is not None
    shape = prop.items.shape
    entries: Iterable[tuple[str | int, Any]] = (
        enumerate(value) if isinstance(value, list) else value.items() if isinstance(value, Mapping) else ()
    )
    found: set[Path] = set()
    for key, element in entries:
        if isinstance(element, Mapping):
            found |= declared_secrets(shape.props, element, (*path, key))
    return found


def secret_paths(props: Sequence[Prop], values: Mapping[str, Any], *received: Iterable[Path]) -> set[Path]:
    """What to mark secret in ``values``: the declared secrets and every path that arrived secret."""
    paths = declared_secrets(props, values)
    for secrets in received:
        paths.update(secrets)
    return paths
