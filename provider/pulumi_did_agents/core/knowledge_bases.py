"""Knowledge bases: crash-safe create, refresh, in-place updates of name and description."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ProviderError
from ..spec import KNOWLEDGE_BASE, KnowledgeBaseInputs
from .base import Created, Reference, or_none
from .text_marked import TextMarkedCore

if TYPE_CHECKING:
    from ..client import Client, KnowledgeBase  # noqa: F401 - the base class's type argument
    from ..client.namespaces import KnowledgeBases

__all__ = ["KnowledgeBaseCore", "knowledge_exists"]


def knowledge_exists(client: Client, knowledge_id: str) -> bool:
    return or_none(lambda: client.knowledge.get(knowledge_id)) is not None


class KnowledgeBaseCore(TextMarkedCore["KnowledgeBase", KnowledgeBaseInputs]):
    """Deleting a knowledge base deletes its documents (the API cascades)."""

    spec = KNOWLEDGE_BASE
    marker_field = "description"
    scope = ("knowledge",)

    def group(self, client: Client) -> KnowledgeBases:
        return client.knowledge

    def references(self) -> tuple[Reference, ...]:
        return (Reference("adopt_id", knowledge_exists, "knowledge base"),)

    def create(self, inputs: KnowledgeBaseInputs, *, urn: str) -> Created:
        body = self._body(inputs, urn)
        with self.api("create", urn) as client:
            adopt_id = inputs.get("adopt_id")
            if adopt_id:
                if or_none(lambda: client.knowledge.get(adopt_id)) is None:
                    raise ProviderError(
                        f"KnowledgeBase create: adopt_id: knowledge base {adopt_id} does not exist"
                    )
                return Created(adopt_id, self._outputs(client.knowledge.update(adopt_id, body)))
            kb, found = self._find_or_create(client, body, inputs, urn)
            if not found:
                self.session.mark_fresh(("documents", kb.id))
            self.session.note_made(kb.id)
        return Created(kb.id, self._outputs(kb))

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: KnowledgeBaseInputs, *, urn: str
    ) -> dict[str, Any]:
        with self.api("update", urn) as client:
            kb = client.knowledge.update(id_, self._body(new_inputs, urn))
        return self._outputs(kb)
