"""``client.knowledge``: CRUD for ``/knowledge`` (knowledge bases)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._base import Namespace, dump_body, segment
from .models import KnowledgeBase, KnowledgeBaseCreate, KnowledgeBaseUpdate

__all__ = ["KnowledgeBases"]


class KnowledgeBases(Namespace):
    def create(self, body: KnowledgeBaseCreate | Mapping[str, Any]) -> KnowledgeBase:
        data = self._client.request("POST", "/knowledge", json=dump_body(KnowledgeBaseCreate, body))
        return KnowledgeBase.model_validate(data)

    def get(self, knowledge_id: str) -> KnowledgeBase:
        data = self._client.request("GET", f"/knowledge/{segment(knowledge_id)}")
        return KnowledgeBase.model_validate(data)

    def update(self, knowledge_id: str, body: KnowledgeBaseUpdate | Mapping[str, Any]) -> KnowledgeBase:
        payload = dump_body(KnowledgeBaseUpdate, body, partial=True)
        data = self._client.request("PATCH", f"/knowledge/{segment(knowledge_id)}", json=payload)
        return KnowledgeBase.model_validate(data)

    def delete(self, knowledge_id: str) -> None:
        """Deletes the knowledge base and, server-side, all of its documents."""
        self._client.request("DELETE", f"/knowledge/{segment(knowledge_id)}")

    def list(self) -> list[KnowledgeBase]:
        data = self._client.request("GET", "/knowledge") or []
        return [KnowledgeBase.model_validate(item) for item in data]
