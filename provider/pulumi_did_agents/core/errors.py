"""Errors as the user sees them: one line naming the resource kind, the field and the API's answer.

The engine already prefixes the resource's URN; these messages add what failed (``creating``),
which input it concerns (the user's name for it, not the API's), and the API's status and kind.
"""

from __future__ import annotations

from ..client import APIConnectionError, APIStatusError
from ..errors import ConfigError, DidAgentsError, ProviderError
from ..spec import Prop, ResourceSpec

__all__ = ["ConfigError", "ProviderError", "explain"]


def _wire_to_input(props: tuple[Prop, ...], prefix: str = "", wire_prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in props:
        if prop.api_name is None:
            continue
        wire = f"{wire_prefix}{prop.api_name}"
        name = f"{prefix}{prop.name}"
        out[wire] = name
        if prop.shape is not None:
            out.update(_wire_to_input(prop.shape.props, f"{name}.", f"{wire}."))
    return out


def _field(spec: ResourceSpec, description: str) -> str | None:
    """The input a ``"<wire field>: …"`` description is about, in the user's words."""
    head, sep, _ = description.partition(":")
    if not sep or " " in head.strip():
        return None
    return _wire_to_input(spec.inputs).get(head.strip(), head.strip())


def explain(spec: ResourceSpec, action: str, exc: DidAgentsError) -> ProviderError:
    """``exc`` reworded as one line: ``Agent create: llm.model: 400 BadRequestError: … (POST /agents)``."""
    if isinstance(exc, ProviderError):
        return exc
    what = f"{spec.name} {action}"
    if isinstance(exc, APIStatusError):
        field = _field(spec, exc.description)
        about = f"{field}: " if field else ""
        return ProviderError(
            f"{what}: {about}{exc.status_code} {exc.kind}: {exc.description} ({exc.method} {exc.path})"
        )
    if isinstance(exc, APIConnectionError):
        return ProviderError(f"{what}: {exc} (retried up to didagents:retryTimeout)")
    return ProviderError(f"{what}: {exc}")
