"""Reads that are not refreshes: a ``get`` of an id that is not there.

A refresh reads an object recorded in state: when it is gone, the read answers "nothing" and the
engine drops it from the stack. A ``get`` (``Agent.get("ro", "agt_…")``) has nothing in state: the
engine sends the resource's own (empty) properties, no outputs, and an empty answer would let a
typo pass preview and ``up``. These helpers tell the two apart and word the one-line failures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ProviderError
from ..spec import ResourceSpec

__all__ = ["MissingOnGetError", "is_get", "missing_on_get"]

_WHAT = {
    "Agent": "agent",
    "KnowledgeBase": "knowledge base",
    "Document": "document",
    "ClientKey": "client key",
    "ConversationTest": "conversation test",
}


class MissingOnGetError(ProviderError):
    """``<Kind>.get`` of an id the account does not have."""


def is_get(spec: ResourceSpec, props: Mapping[str, Any]) -> bool:
    """Whether a read's ``props`` come from a ``get`` (or an import), not from state.

    State always holds the outputs of a create (at least the first, the object's id field); the
    props of a ``get`` are the resource's own registration, with no output set.
    """
    return all(props.get(prop.name) in (None, "") for prop in spec.outputs)


def missing_on_get(spec: ResourceSpec, id_: str) -> MissingOnGetError:
    """The one-line failure of ``<Kind>.get`` when the API answers 404 (missing or another account's)."""
    what = _WHAT.get(spec.name, spec.name)
    return MissingOnGetError(
        f"{spec.name}.get: {what} {id_} does not exist in this account (the API answers 404 for an id "
        "that is not there and for another account's)"
    )
