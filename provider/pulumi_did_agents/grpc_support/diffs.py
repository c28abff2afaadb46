"""A core ``DiffPlan`` as the fields of the engine's ``DiffResponse``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pulumi.runtime import proto

from ..core.diff import DiffPlan, PropertyChange

__all__ = ["diff_response_fields"]

_KINDS = {
    ("add", False): proto.PropertyDiff.ADD,
    ("add", True): proto.PropertyDiff.ADD_REPLACE,
    ("delete", False): proto.PropertyDiff.DELETE,
    ("delete", True): proto.PropertyDiff.DELETE_REPLACE,
    ("update", False): proto.PropertyDiff.UPDATE,
    ("update", True): proto.PropertyDiff.UPDATE_REPLACE,
}


def _kind(change: PropertyChange) -> Any:
    return _KINDS[(change.kind, change.replace)]


def diff_response_fields(plan: DiffPlan, rename: Callable[[str], str] = lambda path: path) -> dict[str, Any]:
    """``changes``, ``replaces``, ``stables``, ``deleteBeforeReplace`` and the detailed diff.

    ``rename`` maps core property paths to the front end's (snake_case or camelCase).
    """
    fields: dict[str, Any] = {
        "changes": proto.DiffResponse.DIFF_SOME if plan.changes else proto.DiffResponse.DIFF_NONE,
        "replaces": [rename(key) for key in plan.replaces],
        "stables": [rename(key) for key in plan.stables],
        "deleteBeforeReplace": plan.delete_before_replace,
        "diffs": [rename(key) for key in plan.changed_keys],
        "detailedDiff": {
            rename(path): proto.PropertyDiff(kind=_kind(change), inputDiff=True)
            for path, change in plan.detailed.items()
        },
        "hasDetailedDiff": True,
    }
    return fields
