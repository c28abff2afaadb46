"""Reads that are not refreshes: a ``get`` of an id that is not there, and ``pulumi import``.

A refresh reads an object recorded in state: when it is gone, the read answers "nothing" and the
engine drops it from the stack. A ``get`` (``Agent.get("ro", "agt_…")``) has nothing in state: the
engine sends the resource's own (empty) properties, no outputs, and an empty answer would let a
typo pass preview and ``up``. These helpers tell the two apart and word the one-line failures.

``pulumi import`` of a dynamic token reaches the SDK's servicer with no properties at all, so no
``__provider`` to unpickle: :func:`guard_get_provider` wraps the servicer's ``get_provider`` to
answer with the native token and ``adopt_id`` instead of a ``KeyError`` traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any, TypeVar

from .._tokens import MODULE
from ..errors import ProviderError
from ..spec import RESOURCES, ResourceSpec

__all__ = [
    "ImportNotSupportedError",
    "MissingOnGetError",
    "guard_get_provider",
    "import_refusal",
    "is_get",
    "missing_on_get",
]

PROVIDER_KEY = "__provider"  # the SDK's key of the pickled provider (dynamic/provider.py's too)
T = TypeVar("T")

_WHAT = {
    "Agent": "agent",
    "KnowledgeBase": "knowledge base",
    "Document": "document",
    "ClientKey": "client key",
    "ConversationTest": "conversation test",
}


class MissingOnGetError(ProviderError):
    """``<Kind>.get`` of an id the account does not have."""


class ImportNotSupportedError(ProviderError):
    """``pulumi import`` with a dynamic token."""


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


def _kind_of_urn(urn: str) -> str:
    """``Agent`` of ``urn:pulumi:dev::proj::pulumi-python:dynamic/didagents:Agent::name``."""
    parts = urn.split("::")
    type_token = parts[2].rsplit("$", 1)[-1] if len(parts) >= 4 else ""
    return type_token.rpartition(":")[2] if type_token.startswith("pulumi-python:dynamic/") else ""


def import_refusal(urn: str, id_: str = "") -> ImportNotSupportedError:
    """The one-line answer to ``pulumi import pulumi-python:dynamic/didagents:<Kind> …``."""
    kind = _kind_of_urn(urn)
    name = urn.rsplit("::", 1)[-1] if urn.count("::") >= 3 else "<name>"
    ident = id_ or "<id>"
    if kind == "ConversationTest":
        return ImportNotSupportedError(
            "pulumi import: a ConversationTest owns no object in D-ID, so there is nothing to import; "
            "declare it in the program"
        )
    if kind not in {spec.name for spec in RESOURCES}:
        return ImportNotSupportedError(
            "pulumi import: dynamic resources cannot be imported (the engine sends no provider with "
            f"an import); use the native token {MODULE}:index:<Kind>, or adopt_id in the program"
        )
    return ImportNotSupportedError(
        f"pulumi import: {kind} cannot be imported with the dynamic token (pulumi-python:dynamic/"
        f"{MODULE}:{kind}); import with the native provider: `pulumi import {MODULE}:index:{kind} {name} "
        f'{ident}`, or keep the Python program and declare it with adopt_id="{ident}"'
    )


def _serving_read() -> Any:
    """The engine's ``ReadRequest`` that this thread is serving (a local of the servicer's frame)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "Read" and "request" in frame.f_locals:
            return frame.f_locals["request"]
        frame = frame.f_back
    return None


def guard_get_provider(get_provider: Callable[..., T]) -> Callable[..., T]:
    """Wrap the SDK servicer's ``get_provider(props, config)``: props without ``__provider`` are an
    import of a dynamic token, answered with :func:`import_refusal` instead of ``KeyError``."""
    if getattr(get_provider, "__did_guarded__", False):
        return get_provider

    @functools.wraps(get_provider)
    def guarded(props: Mapping[str, Any], *args: Any, **kwargs: Any) -> T:
        if PROVIDER_KEY not in props:
            request = _serving_read()
            raise import_refusal(
                str(getattr(request, "urn", "") or ""), str(getattr(request, "id", "") or "")
            )
        return get_provider(props, *args, **kwargs)

    guarded.__did_guarded__ = True  # type: ignore[attr-defined]
    return guarded
