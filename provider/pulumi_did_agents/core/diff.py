"""Diff rules from the declarations: per-property update vs replace, and what stays stable.

The plan is front-end neutral: the native provider sends ``detailed`` as the engine's detailed
diff; the dynamic one sends ``changes``/``replaces``/``stables`` (and ``detailed`` where the host
forwards it). Identical inputs never show a change; a value unknown during a preview always does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..spec import Prop, ResourceSpec
from .shapes import contains_unknown, is_unknown, prune_none

__all__ = ["ChangeKind", "DiffPlan", "PropertyChange", "plan_diff"]

ChangeKind = Literal["add", "delete", "update"]


@dataclass(frozen=True)
class PropertyChange:
    kind: ChangeKind
    replace: bool


@dataclass(frozen=True)
class DiffPlan:
    detailed: dict[str, PropertyChange] = field(default_factory=dict)
    """Changed property paths (``llm.instructions``, ``presenter.type``) and how each changes."""
    stables: tuple[str, ...] = ()
    """Outputs (and unchanged inputs) an update leaves as they are."""
    delete_before_replace: bool = False

    @property
    def changes(self) -> bool:
        return bool(self.detailed)

    @property
    def replaces(self) -> list[str]:
        """Top-level inputs whose change forces a replacement."""
        return sorted({_top(path) for path, change in self.detailed.items() if change.replace})

    @property
    def changed_keys(self) -> list[str]:
        return sorted({_top(path) for path in self.detailed})


def _top(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def plan_diff(spec: ResourceSpec, old: Mapping[str, Any], new: Mapping[str, Any]) -> DiffPlan:
    """Compare the inputs recorded in state with the new checked inputs."""
    detailed: dict[str, PropertyChange] = {}
    for prop in spec.inputs:
        if prop.diff:
            _diff_prop(prop, old.get(prop.name), new.get(prop.name), prop.name, detailed)
    changed = {_top(path) for path in detailed}
    replacing = any(change.replace for change in detailed.values())
    stables = (*spec.stable_outputs, *(p.name for p in spec.inputs if p.name not in changed))
    return DiffPlan(
        detailed=detailed,
        stables=() if replacing else stables,
        delete_before_replace=spec.delete_before_replace and replacing,
    )


def _diff_prop(prop: Prop, old: Any, new: Any, path: str, out: dict[str, PropertyChange]) -> None:
    if old is None:
        old = prop.default  # state written before a default was declared means the same thing
    if is_unknown(new) or (contains_unknown(new) and prop.kind != "object"):
        out[path] = PropertyChange("update", prop.replace or _may_replace(prop))
        return
    if (
        prop.kind == "object"
        and prop.shape is not None
        and isinstance(new, Mapping)
        and isinstance(old, Mapping)
    ):
        for child in prop.shape.props:
            if child.diff:
                sub: dict[str, PropertyChange] = {}
                _diff_prop(child, old.get(child.name), new.get(child.name), f"{path}.{child.name}", sub)
                out.update({p: PropertyChange(c.kind, c.replace or prop.replace) for p, c in sub.items()})
        return
    if prune_none(old) == prune_none(new):
        return
    kind: ChangeKind = "add" if old is None else "delete" if new is None else "update"
    out[path] = PropertyChange(
        kind, prop.replace or (_may_replace(prop) and _replace_fields_differ(prop, old, new))
    )


def _may_replace(prop: Prop) -> bool:
    """Whether some part of ``prop`` forces replacement (an unknown value there might change it)."""
    if prop.replace:
        return True
    if prop.kind == "object" and prop.shape is not None:
        return any(_may_replace(child) for child in prop.shape.props)
    return False


def _replace_fields_differ(prop: Prop, old: Any, new: Any) -> bool:
    """A whole object added or removed replaces only if one of its replace-on-change fields differs."""
    if prop.replace:
        return True
    if prop.kind != "object" or prop.shape is None:
        return False
    old_map = old if isinstance(old, Mapping) else {}
    new_map = new if isinstance(new, Mapping) else {}
    return any(
        _replace_fields_differ(child, old_map.get(child.name), new_map.get(child.name))
        for child in prop.shape.props
        if _may_replace(child) and prune_none(old_map.get(child.name)) != prune_none(new_map.get(child.name))
    )
