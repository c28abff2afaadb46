"""``KnowledgeBase``: a named container of up to five documents that agents answer from; and
``Document``: one source ingested into a knowledge base, which the API cannot update."""

from __future__ import annotations

from ._decl import ResourceSpec, digest, identifier, integer, owner_marker, string, string_map, strings, url

__all__ = ["DOCUMENT", "DOCUMENT_TYPES", "KNOWLEDGE_BASE", "KNOWLEDGE_FOLDER", "MAX_DOCUMENTS_PER_KNOWLEDGE"]

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

DOCUMENT_TYPES = ("pdf", "text", "powerpoint")
"""What a create may say (docs contract ``SupportedDocumentType``); markdown, HTML, CSV and JSON are
``text`` to the API, which reports the finer type it detects in responses."""
MAX_DOCUMENTS_PER_KNOWLEDGE = 5

DOCUMENT = ResourceSpec(
    name="Document",
    doc=(
        "A document ingested into a knowledge base. The API has no document update, so any change "
        "replaces it (the old document is deleted first: a knowledge base holds at most five). For a "
        "local source (`file://`) the file's content hash is part of the inputs, so editing the file "
        "replaces the document at the next `pulumi up`. The resource id is the API's `knl_…#doc_…`."
    ),
    inputs=(
        identifier("knowledge_id", "Id of the knowledge base.", wire=None, required=True, replace=True),
        string(
            "source_url",
            "Where the API fetches the document (`https://…`; `file://` for the local "
            "emulator or with an uploader configured).",
            required=True,
            replace=True,
            pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$",
            pattern_hint="an absolute URL",
        ),
        string(
            "title",
            "Title shown with answers that cite the document.",
            required=True,
            replace=True,
            min_length=1,
            not_blank=True,
        ),
        string(
            "document_type",
            "Format; inferred from the URL's suffix when omitted (else `text`).",
            wire="documentType",
            replace=True,
            choices=DOCUMENT_TYPES,
        ),
        url("webhook", "URL the API calls when the document is processed.", replace=True),
        digest(
            "content_hash",
            "`sha256:…` of the content. Computed for local sources; pin it (or "
            "`version`) on a remote source to force a re-ingest when it changes.",
            wire=None,
            replace=True,
        ),
        string(
            "version",
            "Any string; changing it re-ingests the document.",
            wire=None,
            replace=True,
            min_length=1,
        ),
        string(
            "adopt_id",
            "Take over this existing document (`knl_…#doc_…`) on create; its inputs must match.",
            wire=None,
            diff=False,
            pattern=r"^[^\s#/]+#[^\s#/]+$",
            pattern_hint="knl_…#doc_…",
        ),
    ),
    outputs=(
        string("document_id", "The document's id, `knl_…#doc_…`.", wire="id"),
        string("status", "`processing`, then `done` (or `error`)."),
        string("error", "Why ingestion failed, when it did."),
        string("created_at", "Creation time."),
        string("modified_at", "Last modification time."),
        string(
            "published_url",
            "Where `didagents:uploader` published a local source (what the API fetched).",
            wire=None,
        ),
    ),
    delete_before_replace=True,
    stable_outputs=("document_id", "created_at"),
)


KNOWLEDGE_FOLDER = ResourceSpec(
    name="KnowledgeFolder",
    doc=(
        "A component keeping a knowledge base's documents equal to the files of a folder: one "
        "`Document` per matching file (a `file://` source, titled after the file name: "
        '`returns-policy.md` becomes "Returns policy"), added, replaced and deleted as the folder '
        "changes. Served by the plugin (Construct), so YAML, TypeScript and Go programs use it as "
        "Python programs do."
    ),
    inputs=(
        identifier("knowledge_id", "Id of the knowledge base.", wire=None, required=True),
        string(
            "path",
            "The folder; a relative path is relative to the program's directory.",
            wire=None,
            required=True,
            min_length=1,
        ),
        strings(
            "patterns",
            "Glob patterns of the files to keep, relative to the folder (`*.md`, `guides/**/*.md`).",
            wire=None,
            default=("*",),
        ),
        integer(
            "max_documents",
            "The API's limit of documents per knowledge base; lower it if the knowledge base holds "
            "other documents too.",
            wire=None,
            default=MAX_DOCUMENTS_PER_KNOWLEDGE,
            minimum=1,
        ),
    ),
    outputs=(
        string_map(
            "document_ids",
            "The documents' ids by the file's path relative to the folder (`guides/returns.md`).",
            wire=None,
        ),
    ),
)
"""Not in ``RESOURCES``: a component, which no API call serves (schema ``isComponent``)."""
