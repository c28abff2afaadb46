"""The API's composite document ids (``knl_…#doc_…``), without the rest of the client."""

from __future__ import annotations

__all__ = ["split_document_id"]


def split_document_id(document_id: str) -> tuple[str, str]:
    """``"knl_x#doc_y"`` → ``("knl_x", "doc_y")``; raises ``ValueError`` without a ``#``."""
    knowledge_id, sep, doc = document_id.partition("#")
    if not sep or not knowledge_id or not doc:
        raise ValueError(f"document id {document_id!r} is not of the form 'knl_…#doc_…'")
    return knowledge_id, doc
