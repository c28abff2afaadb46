"""``client.documents``: documents of a knowledge base (no update: documents are immutable)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._base import Namespace, dump_body, segment
from ._ids import split_document_id
from ._waiters import DEFAULT_WAIT_TIMEOUT, Progress, wait_until
from .models import Document, DocumentCreate

__all__ = ["DOCUMENT_FAILED", "DOCUMENT_READY", "Documents", "split_document_id"]

DOCUMENT_READY = frozenset({"done"})
DOCUMENT_FAILED = frozenset({"error", "rejected"})


class Documents(Namespace):
    def _path(self, knowledge_id: str, document_id: str | None = None) -> str:
        path = f"/knowledge/{segment(knowledge_id)}/documents"
        # The full composite id is sent URL-encoded (knl_x%23doc_y), which the API accepts.
        return path if document_id is None else f"{path}/{segment(document_id)}"

    def create(self, knowledge_id: str, body: DocumentCreate | Mapping[str, Any]) -> Document:
        """Add a document; it starts as ``processing`` (see :meth:`wait_until_ready`)."""
        data = self._client.request("POST", self._path(knowledge_id), json=dump_body(DocumentCreate, body))
        return Document.model_validate(data)

    def get(self, knowledge_id: str, document_id: str) -> Document:
        return Document.model_validate(self._client.request("GET", self._path(knowledge_id, document_id)))

    def delete(self, knowledge_id: str, document_id: str) -> None:
        self._client.request("DELETE", self._path(knowledge_id, document_id))

    def list(self, knowledge_id: str) -> list[Document]:
        data = self._client.request("GET", self._path(knowledge_id)) or []
        return [Document.model_validate(item) for item in data]

    def wait_until_ready(
        self,
        knowledge_id: str,
        document_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        progress: Progress | None = None,
    ) -> Document:
        """Poll until ``done``; raise ``ResourceFailedError`` with the server's reason on ``error``."""
        return wait_until(
            lambda: self.get(knowledge_id, document_id),
            what="document",
            resource_id=document_id,
            status_of=lambda doc: doc.status,
            error_of=lambda doc: doc.error,
            ready=DOCUMENT_READY,
            failed=DOCUMENT_FAILED,
            timeout=timeout,
            sleep=self._client.sleep,
            clock=self._client.clock,
            progress=progress,
        )
