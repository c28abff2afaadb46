"""What a resource namespace needs from the client, as a Protocol to avoid an import cycle."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

__all__ = ["Namespace", "Requester", "dump_body", "segment"]

M = TypeVar("M", bound=BaseModel)


class Requester(Protocol):
    @property
    def sleep(self) -> Callable[[float], None]: ...

    @property
    def clock(self) -> Callable[[], float]: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
        redact: str | None = None,
    ) -> Any: ...


class Namespace:
    """Base of ``client.agents`` etc.: builds paths and parses models, never touches HTTP."""

    def __init__(self, client: Requester) -> None:
        self._client = client


def segment(value: str) -> str:
    """Percent-encode one path segment (document ids contain ``#``)."""
    return quote(value, safe="")


def dump_body(model_cls: type[M], body: M | Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate ``body`` and dump it as JSON-ready dict.

    ``partial`` (PATCH) keeps explicit ``None`` values, which clear a top-level field; a create
    body drops them.
    """
    model = body if isinstance(body, model_cls) else model_cls.model_validate(body)
    if partial:
        return model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)
