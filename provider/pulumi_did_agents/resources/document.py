"""The ``Document`` dynamic resource and its provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack
from urllib.parse import urlsplit

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, Resource, UpdateResult
from pulumi.output import UNKNOWN

from .._tokens import MODULE
from ..client import Client, DidAgentsError, NotFoundError, split_document_id
from ..client import Document as ApiDocument
from ..client._waiters import describe_error
from ._args import DocumentArgs, DocumentArgsDict, merge_args
from ._provider import DidResourceProvider, ProvisioningError, discard
from ._schemas import DocumentInputs
from ._values import is_unknown, outputs_of, prune_none, without_provider

__all__ = [
    "DOCUMENT_INPUT_KEYS",
    "DOCUMENT_OUTPUT_KEYS",
    "Document",
    "DocumentProvider",
    "infer_document_type",
]

DOCUMENT_INPUT_KEYS = ("knowledge_id", "source_url", "title", "document_type", "webhook", "adopt_id")
DOCUMENT_OUTPUT_KEYS = ("document_id", "status", "error", "created_at", "modified_at")

_SUFFIX_TYPES = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".csv": "csv",
    ".json": "json",
}


def infer_document_type(source_url: str) -> str:
    """The API's own default: the URL path's suffix decides, anything else is ``text``."""
    path = urlsplit(source_url).path.lower()
    for suffix, kind in _SUFFIX_TYPES.items():
        if path.endswith(suffix):
            return kind
    return "text"


def _outputs(inputs: Mapping[str, Any], doc: ApiDocument) -> dict[str, Any]:
    return outputs_of(
        inputs,
        document_id=doc.id,
        status=doc.status,
        error=describe_error(doc.error) if doc.error else None,
        created_at=doc.created_at,
        modified_at=doc.modified_at,
    )


def _live_inputs(knowledge_id: str, doc: ApiDocument) -> dict[str, Any]:
    """The inputs that would declare ``doc`` as it is (for refresh and for adoption's check)."""
    return {
        "knowledge_id": knowledge_id,
        "source_url": doc.source_url,
        "title": doc.title,
        "document_type": doc.document_type,
    }


class DocumentProvider(DidResourceProvider):
    """Documents cannot be edited through the API: every input change replaces the document.

    Replacement is Pulumi's default create-before-delete, so a replacement that fails to ingest
    leaves the old document in place. A knowledge base holds at most five documents: to replace
    one in a full knowledge base, set ``ResourceOptions(delete_before_replace=True)``.
    """

    inputs_model = DocumentInputs
    input_keys = DOCUMENT_INPUT_KEYS

    def normalize(self, props: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = prune_none(dict(props))
        source_url = out.get("source_url")
        if "document_type" not in out and isinstance(source_url, str):
            out["document_type"] = infer_document_type(source_url)
        elif "document_type" not in out and is_unknown(source_url):
            out["document_type"] = UNKNOWN  # inferred once the URL is known
        return out

    def replaces_for(self, key: str, old: Any, new: Any) -> bool:
        return True

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Add the document and wait for ingestion; if it fails, delete it and report the server's reason."""
        inputs = self.normalize(without_provider(props))
        knowledge_id = inputs["knowledge_id"]
        with self.client() as client:
            if inputs.get("adopt_id"):
                doc = _adopt(client, inputs["adopt_id"], inputs)
                return CreateResult(doc.id, _outputs(inputs, doc))
            body = {key: inputs.get(key) for key in ("source_url", "title", "document_type", "webhook")}
            doc = client.documents.create(knowledge_id, body)
            try:
                doc = client.documents.wait_until_ready(
                    knowledge_id, doc.id, timeout=self.settings.wait_timeout
                )
            except DidAgentsError as exc:
                cleanup = discard(lambda: client.documents.delete(knowledge_id, doc.id), f"document {doc.id}")
                raise ProvisioningError(
                    f"document {inputs['source_url']!r} could not be ingested: {exc}; {cleanup}"
                ) from exc
        return CreateResult(doc.id, _outputs(inputs, doc))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh; a document (or its knowledge base) deleted out of band leaves the stack."""
        knowledge_id, _ = split_document_id(id_)
        with self.client() as client:
            try:
                doc = client.documents.get(knowledge_id, id_)
            except NotFoundError:
                return ReadResult("", {})
        prior = self.pick_inputs(props)
        inputs = self.normalize(
            {
                **_live_inputs(knowledge_id, doc),
                "webhook": doc.webhook if doc.webhook is not None else prior.get("webhook"),
                "adopt_id": prior.get("adopt_id"),
            }
        )
        return ReadResult(id_, _outputs(inputs, doc), inputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        """Only reached when nothing but ``adopt_id`` changed: refresh the outputs."""
        inputs = self.normalize(without_provider(_news))
        knowledge_id, _ = split_document_id(_id)
        with self.client() as client:
            doc = client.documents.get(knowledge_id, _id)
        return UpdateResult(_outputs(inputs, doc))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        knowledge_id, _ = split_document_id(_id)
        with self.client() as client:
            try:
                client.documents.delete(knowledge_id, _id)
            except NotFoundError:
                pass


def _adopt(client: Client, document_id: str, inputs: Mapping[str, Any]) -> ApiDocument:
    """Documents cannot be PATCHed, so adoption only succeeds if the declared inputs already match."""
    knowledge_id, _ = split_document_id(document_id)
    try:
        doc = client.documents.get(knowledge_id, document_id)
    except NotFoundError:
        raise ProvisioningError(f"cannot adopt document {document_id}: it does not exist") from None
    live = _live_inputs(knowledge_id, doc)
    mismatched = sorted(key for key, value in live.items() if inputs.get(key) != value)
    if mismatched:
        raise ProvisioningError(
            f"cannot adopt document {document_id}: declared {', '.join(mismatched)} differ from the live "
            "document, and documents cannot be updated (declare the live values)"
        )
    return doc


_PROVIDER = DocumentProvider()


class Document(Resource, module=MODULE, name="Document"):
    """A document ingested into a :class:`KnowledgeBase` (PDF, text, HTML, Markdown, CSV, JSON).

    ``pulumi up`` waits until ingestion is ``done``; a document the API cannot fetch or parse is
    deleted again and the update fails with the server's reason. Any input change replaces the
    document (create, then delete the old one; in a knowledge base that already holds the maximum of
    five documents use ``opts=ResourceOptions(delete_before_replace=True)``). The resource id is the
    API's composite ``knl_…#doc_…``.

    Adopt an existing document with ``adopt_id="knl_…#doc_…"`` (inputs must match it); read one
    without managing it with ``Document.get(name, "knl_…#doc_…")``.
    """

    document_id: pulumi.Output[str]
    status: pulumi.Output[str]
    error: pulumi.Output[str | None]
    created_at: pulumi.Output[str]
    modified_at: pulumi.Output[str]
    knowledge_id: pulumi.Output[str]
    source_url: pulumi.Output[str]
    title: pulumi.Output[str]
    document_type: pulumi.Output[str]
    webhook: pulumi.Output[str | None]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: DocumentArgs | DocumentArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[DocumentArgsDict],
    ) -> None:
        props: dict[str, Any] = {key: None for key in (*DOCUMENT_INPUT_KEYS, *DOCUMENT_OUTPUT_KEYS)}
        props.update(merge_args(args, kwargs, "Document"))
        super().__init__(_PROVIDER, resource_name, props, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> Document:
        """Read an existing document (``knl_…#doc_…``) into the program (not managed)."""
        return Document(resource_name, opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id)))
