"""Knowledge bases: crash-safe create, refresh, in-place updates of name and description."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..client._exceptions import NotFoundError
from ..spec import KNOWLEDGE_BASE
from .base import Created, ReadResult, Reference, ResourceCore
from .errors import ProviderError
from .markers import marker_in_text, strip_text, with_text_marker
from .session import MarkerIndex
from .shapes import normalize
from .wire import from_wire, to_wire

if TYPE_CHECKING:
    from ..client import Client, KnowledgeBase

__all__ = ["KnowledgeBaseCore", "knowledge_exists"]

_SCOPE = ("knowledge",)


def knowledge_exists(client: Client, knowledge_id: str) -> bool:
    return _get_or_none(client, knowledge_id) is not None


def _get_or_none(client: Client, knowledge_id: str) -> KnowledgeBase | None:
    try:
        return client.knowledge.get(knowledge_id)
    except NotFoundError:
        return None


class KnowledgeBaseCore(ResourceCore):
    spec = KNOWLEDGE_BASE

    def references(self) -> tuple[Reference, ...]:
        return (Reference("adopt_id", knowledge_exists, "knowledge base"),)

    def _body(self, inputs: Mapping[str, Any], urn: str) -> dict[str, Any]:
        body = to_wire(self.spec.inputs, inputs)
        body["description"] = with_text_marker(inputs.get("description"), self.marker(urn))
        return body

    def _outputs(self, kb: KnowledgeBase) -> dict[str, Any]:
        return from_wire(self.spec.outputs, kb.model_dump(mode="json", exclude_none=True))

    def _live_inputs(self, kb: KnowledgeBase, prior: Mapping[str, Any]) -> dict[str, Any]:
        live = kb.model_dump(mode="json", exclude_none=True)
        live["description"] = strip_text(live.get("description"))
        return normalize(self.spec.inputs, from_wire(self.spec.inputs, live, prior))

    def warm(self) -> None:
        self._index().prefetch()

    def _index(self) -> MarkerIndex[KnowledgeBase]:
        return self.index(
            _SCOPE,
            lambda client: client.knowledge.list(),
            lambda kb: marker_in_text(kb.description),
            lambda kb: kb.id,
        )

    def create(self, inputs: Mapping[str, Any], *, urn: str) -> Created:
        body = self._body(inputs, urn)
        with self.api("create") as client:
            adopt_id = inputs.get("adopt_id")
            if adopt_id:
                if _get_or_none(client, adopt_id) is None:
                    raise ProviderError(
                        f"KnowledgeBase create: adopt_id: knowledge base {adopt_id} does not exist"
                    )
                return Created(adopt_id, self._outputs(client.knowledge.update(adopt_id, body)))
            kb, found = self.find_or_create(
                client,
                index=self._index(),
                marker=self.marker(urn),
                post=lambda: client.knowledge.create(body),
                confirm=lambda candidate: _get_or_none(client, candidate.id),
                discard=lambda duplicate: client.knowledge.delete(duplicate.id),
            )
            if found and self._live_inputs(kb, inputs) != normalize(self.spec.inputs, inputs):
                kb = client.knowledge.update(kb.id, body)
            if not found:
                self.session.mark_fresh(("documents", kb.id))
            self.session.note_made(kb.id)
        return Created(kb.id, self._outputs(kb))

    def read(self, id_: str, inputs: Mapping[str, Any], outputs: Mapping[str, Any]) -> ReadResult | None:
        with self.api("read") as client:
            kb = _get_or_none(client, id_)
        if kb is None:
            return None
        return ReadResult(kb.id, self._live_inputs(kb, inputs), self._outputs(kb))

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: Mapping[str, Any], *, urn: str
    ) -> dict[str, Any]:
        with self.api("update") as client:
            kb = client.knowledge.update(id_, self._body(new_inputs, urn))
        return self._outputs(kb)

    def delete(self, id_: str, inputs: Mapping[str, Any], outputs: Mapping[str, Any]) -> None:
        """Deleting a knowledge base deletes its documents (the API cascades)."""
        with self.api("delete") as client:
            try:
                client.knowledge.delete(id_)
            except NotFoundError:
                pass
        self.session.forget(_SCOPE, id_)
