"""A core ``DiffPlan`` as the fields of the engine's ``DiffResponse``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.diff import DiffPlan, PropertyChange
from .proto import load

if TYPE_CHECKING:
    from pulumi.runtime.proto import provider_pb2
else:
    provider_pb2 = load("provider_pb2")

__all__ = ["diff_response_fields"]

_KINDS = {
    ("add", False): provider_pb2.PropertyDiff.ADD,
    ("add", True): provider_pb2.PropertyDiff.ADD_REPLACE,
    ("delete", False): provider_pb2.PropertyDiff.DELETE,
    ("delete", True): provider_pb2.PropertyDiff.DELETE_REPLACE,
    ("update", False): provider_pb2.PropertyDiff.UPDATE,
    ("update", True): provider_pb2.PropertyDiff.UPDATE_REPLACE,
}
_SOME, _NONE = provider_pb2.DiffResponse.DIFF_SOME, provider_pb2.DiffResponse.DIFF_NONE


def _kind(change: PropertyChange) -> Any:
    return _KINDS[(change.kind, change.replace)]


def diff_response_fields(plan: DiffPlan, rename: Callable[[str], str] = lambda path: path) -> dict[str, Any]:
    """``changes``, ``replaces``, ``stables``, ``deleteBeforeReplace`` and the detailed diff.

    ``rename`` maps core property paths to the front end's (snake_case or camelCase).
    """
    fields: dict[str, Any] = {
        "changes": _SOME if plan.changes else _NONE,
        "replaces": [rename(key) for key in plan.replaces],
        "stables": [rename(key) for key in plan.stables],
        "deleteBeforeReplace": plan.delete_before_replace,
        "diffs": [rename(key) for key in plan.changed_keys],
        "detailedDiff": {
            rename(path): provider_pb2.PropertyDiff(kind=_kind(change), inputDiff=True)
            for path, change in plan.detailed.items()
        },
        "hasDetailedDiff": True,
    }
    return fields
