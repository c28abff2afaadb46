"""``KnowledgeBase``: a named container of up to five documents that agents answer from."""

from __future__ import annotations

from ._decl import ResourceSpec, identifier, owner_marker, string

__all__ = ["KNOWLEDGE_BASE"]

KNOWLEDGE_BASE = ResourceSpec(
    name="KnowledgeBase",
    doc=(
        "A D-ID knowledge base: up to five documents an agent answers from. `name` and `description` "
        "update in place. Deleting it deletes its documents (the API cascades)."
    ),
    inputs=(
        string("name", "Name of the knowledge base.", required=True, min_length=1, not_blank=True),
        string("description", "What the knowledge base holds.", required=True, min_length=1, not_blank=True),
        identifier(
            "adopt_id", "Take over this existing knowledge base (`knl_…`) on create.", wire=None, diff=False
        ),
    ),
    outputs=(
        string("knowledge_id", "The knowledge base's id.", wire="id"),
        string("status", '`""` while empty, `processing` while a document is, then `done` (or `error`).'),
        string("created_at", "Creation time."),
        string("modified_at", "Last modification time."),
        owner_marker(),
    ),
    stable_outputs=("knowledge_id", "created_at"),
)
