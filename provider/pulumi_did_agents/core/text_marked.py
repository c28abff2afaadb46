"""What agents and knowledge bases share: flat CRUD under one client group, and the ownership
marker appended to the declared ``description`` where the API stores it (``marker_field``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from ..spec import OWNER_MARKER
from .base import In, ReadResult, ResourceCore, gone_is_done, or_none
from .markers import marker_in_text, owner_of, strip_text, with_text_marker
from .session import MarkerIndex
from .shapes import from_wire, normalize, to_wire

if TYPE_CHECKING:
    from ..client import Agent, Client, KnowledgeBase

__all__ = ["Group", "TextMarkedCore"]

T = TypeVar("T", bound="Agent | KnowledgeBase")


class Group(Protocol[T]):
    """A kind's client namespace (``client.agents``, ``client.knowledge``)."""

    def get(self, id_: str, /) -> T: ...
    def list(self) -> list[T]: ...
    def create(self, body: Mapping[str, Any], /) -> T: ...
    def update(self, id_: str, body: Mapping[str, Any], /) -> T: ...
    def delete(self, id_: str, /) -> None: ...


class TextMarkedCore(ResourceCore[In], Generic[T, In]):
    """Subclasses set ``marker_field`` (the API field holding the description), ``scope`` (of the
    ownership index) and ``group``."""

    marker_field: ClassVar[str]
    scope: ClassVar[tuple[str, ...]]

    def group(self, client: Client) -> Group[T]:
        raise NotImplementedError

    # --- wire ---------------------------------------------------------------------------------

    def _body(self, inputs: In, urn: str) -> dict[str, Any]:
        body = to_wire(self.spec.inputs, inputs)
        body[self.marker_field] = with_text_marker(inputs.get("description"), self.marker(urn))
        return body

    def _outputs(self, obj: T) -> dict[str, Any]:
        outputs = from_wire(self.spec.outputs, obj.model_dump(mode="json", exclude_none=True))
        marker = marker_in_text(getattr(obj, self.marker_field))
        if marker is not None:
            outputs[OWNER_MARKER] = marker
        return outputs

    def remark(self, state: Mapping[str, Any], urn: str) -> bool:
        """The object carries another stack instance's marker (moved here with ``pulumi state
        move``) or one without an owner id (a version before them): the next update rewrites it.

        Only the owner id counts: a rename or a migration changes the URN but not who owns the
        object, and an unmarked object (imported, adopted) stays as its owner left it."""
        marker, owner = state.get(OWNER_MARKER), self.session.settings.owner
        return isinstance(marker, str) and owner is not None and owner_of(marker) != owner

    def _live_inputs(self, obj: T, prior: Mapping[str, Any]) -> dict[str, Any]:
        live = obj.model_dump(mode="json", exclude_none=True)
        live[self.marker_field] = strip_text(live.get(self.marker_field))
        return normalize(self.spec.inputs, from_wire(self.spec.inputs, live, prior))

    def warm(self) -> None:
        self._index().prefetch()

    def _index(self) -> MarkerIndex[T]:
        return self.index(
            self.scope,
            lambda client: self.group(client).list(),
            lambda obj: marker_in_text(getattr(obj, self.marker_field)),
            lambda obj: obj.id,
        )

    # --- CRUD ---------------------------------------------------------------------------------

    def _find_or_create(self, client: Client, body: dict[str, Any], inputs: In, urn: str) -> tuple[T, bool]:
        """:meth:`find_or_create`; an earlier attempt found at other inputs is updated to ``body``."""
        group = self.group(client)
        obj, found = self.find_or_create(
            client,
            index=self._index(),
            urn=urn,
            post=lambda: group.create(body),
            confirm=lambda candidate: or_none(lambda: group.get(candidate.id)),
            discard=lambda duplicate: group.delete(duplicate.id),
        )
        if found and self._live_inputs(obj, inputs) != normalize(self.spec.inputs, inputs):
            obj = group.update(obj.id, body)
        return obj, found

    def read(self, id_: str, inputs: In, outputs: Mapping[str, Any]) -> ReadResult | None:
        with self.api("read") as client:
            obj = or_none(lambda: self.group(client).get(id_))
        if obj is None:
            return None
        return ReadResult(obj.id, self._live_inputs(obj, inputs), self._outputs(obj))

    def delete(self, id_: str, inputs: In, outputs: Mapping[str, Any]) -> None:
        with self.api("delete") as client:
            gone_is_done(lambda: self.group(client).delete(id_))
        self.session.forget(self.scope, id_)
