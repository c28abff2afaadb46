"""Knowledge bases and their documents: crash-safe creates, refresh, in-place updates of a knowledge
base's name and description; documents are immutable in the API, so every change is a replacement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..client import describe_error
from ..errors import ProviderError
from ..spec import DOCUMENT, KNOWLEDGE_BASE, DocumentInputs, Failure, KnowledgeBaseInputs
from ..uploaders import UploaderError
from .base import Created, ReadResult, Reference, ResourceCore, TextMarkedCore, gone_is_done, or_none
from .diff import DiffPlan
from .markers import marker_in_url, strip_url, with_url_marker
from .session import MarkerIndex
from .shapes import UNKNOWN, from_wire, is_unknown, normalize, to_wire
from .sources import infer_document_type, inspect_source, local_path

if TYPE_CHECKING:
    from ..client import Client, Document, KnowledgeBase  # noqa: F401 - the base class's type argument
    from ..client.namespaces import KnowledgeBases

__all__ = ["DocumentCore", "KnowledgeBaseCore", "knowledge_exists"]


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


class DocumentCore(ResourceCore[DocumentInputs]):
    """Local content is desired state: a local source's content hash is among the inputs."""

    spec = DOCUMENT

    def defaults(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """The type follows the URL unless declared (unknown while the URL is)."""
        url = inputs.get("source_url")
        out = dict(inputs)
        if "document_type" not in out and isinstance(url, str):
            out["document_type"] = infer_document_type(url)
        elif "document_type" not in out and is_unknown(url):
            out["document_type"] = UNKNOWN
        return out

    def prepare(self, inputs: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
        """Check the source can be fetched; hash a local source's bytes so an edit is a change."""
        url = inputs.get("source_url")
        out = dict(inputs)
        if isinstance(url, str) and isinstance(out.get("document_type"), str):
            source = inspect_source(url, out["document_type"], self.session.settings)
            failures += [Failure("source_url", problem) for problem in source.problems]
            if source.content_hash is not None:
                out["content_hash"] = source.content_hash
        return out

    def references(self) -> tuple[Reference, ...]:
        return (Reference("knowledge_id", knowledge_exists, "knowledge base"),)

    def diff(
        self, old_inputs: Mapping[str, Any], new_inputs: Mapping[str, Any], *, urn: str | None = None
    ) -> DiffPlan:
        """A local file is its content: the same bytes at another path (another checkout, another
        CI runner) are the same document, so only ``content_hash`` decides."""
        old, new = old_inputs.get("source_url"), new_inputs.get("source_url")
        same_content = old_inputs.get("content_hash") == new_inputs.get("content_hash") is not None
        if same_content and _both_local(old, new):
            # defaults first: an omitted document_type still follows the new path
            new_inputs = {**self.known_inputs(new_inputs), "source_url": old}
        return super().diff(old_inputs, new_inputs, urn=urn)

    # --- wire ---------------------------------------------------------------------------------

    def _fetch_url(self, inputs: DocumentInputs) -> str:
        """What the API fetches: the declared URL, or where the uploader published a local file."""
        path = local_path(inputs["source_url"])
        uploader = self.session.uploader()
        if path is None or uploader is None:
            return str(inputs["source_url"])
        try:
            return uploader.publish(path)
        except UploaderError as exc:
            raise ProviderError(f"Document create: source_url: {exc}") from None

    def _create_body(self, inputs: DocumentInputs, fetch_url: str, urn: str) -> dict[str, Any]:
        """The declared wire body, fetching from where the source was published, marked as ours."""
        marked = with_url_marker(fetch_url, self.marker(urn))
        return {**to_wire(self.spec.inputs, inputs), "source_url": marked}

    def _outputs(self, doc: Document, published: str | None) -> dict[str, Any]:
        outputs = from_wire(self.spec.outputs, doc.model_dump(mode="json", by_alias=True, exclude_none=True))
        outputs.pop("error", None)
        if doc.error:
            outputs["error"] = describe_error(doc.error)
        if published is not None:
            outputs["published_url"] = published
        return outputs

    def _live_inputs(self, doc: Document, prior: Mapping[str, Any], published: str | None) -> dict[str, Any]:
        """Inputs describing ``doc``; a published copy of a local file stands for the declared file."""
        live = doc.model_dump(mode="json", by_alias=True, exclude_none=True)
        live["source_url"] = strip_url(live.get("source_url") or "")
        if published is not None and live["source_url"] == published and prior.get("source_url"):
            live["source_url"] = prior["source_url"]
        inputs = from_wire(self.spec.inputs, live, prior)
        inputs["knowledge_id"] = doc.knowledge_id
        return normalize(self.spec.inputs, inputs)

    def _matches(self, doc: Document, inputs: DocumentInputs, published: str | None) -> bool:
        live = self._live_inputs(doc, inputs, published)
        return all(live.get(key) == inputs.get(key) for key in ("source_url", "title", "document_type"))

    def _index(self, knowledge_id: str) -> MarkerIndex[Document]:
        return self.index(
            ("documents", knowledge_id),
            lambda client: client.documents.list(knowledge_id),
            lambda doc: marker_in_url(doc.source_url),
            lambda doc: doc.id,
        )

    # --- CRUD ---------------------------------------------------------------------------------

    def create(self, inputs: DocumentInputs, *, urn: str) -> Created:
        if inputs.get("adopt_id"):
            with self.api("create", urn) as client:
                doc = self._adopt(client, inputs["adopt_id"], inputs)
                return Created(doc.id, self._outputs(doc, None))
        knowledge_id = inputs["knowledge_id"]
        fetch_url = self._fetch_url(inputs)
        published = fetch_url if fetch_url != inputs["source_url"] else None
        body = self._create_body(inputs, fetch_url, urn)
        with self.api("create", urn) as client:

            def confirm(candidate: Document) -> Document | None:
                live = or_none(lambda: client.documents.get(knowledge_id, candidate.id))
                if live is not None and not self._matches(live, inputs, published):
                    client.documents.delete(knowledge_id, live.id)  # an attempt at older inputs
                    return None
                return live

            doc, _ = self.find_or_create(
                client,
                index=self._index(knowledge_id),
                urn=urn,
                post=lambda: client.documents.create(knowledge_id, body),
                confirm=confirm,
                discard=lambda duplicate: client.documents.delete(knowledge_id, duplicate.id),
            )
            created = Created(doc.id, self._outputs(doc, published))
            doc = self.wait_or_leave(
                lambda: client.documents.wait_until_ready(
                    knowledge_id,
                    doc.id,
                    timeout=self.session.settings.wait_timeout,
                    progress=lambda status, waited: self.session.report(
                        urn,
                        f"waiting for {inputs['title']!r} to be ingested (status {status}, {waited:.0f}s)",
                    ),
                ),
                created=created,
                remove=lambda: client.documents.delete(knowledge_id, doc.id),
            )
        return Created(doc.id, self._outputs(doc, published))

    def _adopt(self, client: Client, document_id: str, inputs: DocumentInputs) -> Document:
        """Documents cannot be updated, so adopting one succeeds only if the declared inputs match."""
        knowledge_id, _ = _split(document_id)
        doc = or_none(lambda: client.documents.get(knowledge_id, document_id))
        if doc is None:
            raise ProviderError(f"Document create: adopt_id: document {document_id} does not exist")
        if knowledge_id != inputs["knowledge_id"] or not self._matches(doc, inputs, None):
            raise ProviderError(
                f"Document create: adopt_id: document {document_id} differs from the declared "
                "knowledge_id, source_url, title or document_type, and documents cannot be updated"
            )
        return doc

    def read(self, id_: str, inputs: DocumentInputs, outputs: Mapping[str, Any]) -> ReadResult | None:
        """Refresh (or import); a document (or its knowledge base) deleted out of band is gone."""
        knowledge_id, _ = _split(id_)
        with self.api("read") as client:
            doc = or_none(lambda: client.documents.get(knowledge_id, id_))
        if doc is None:
            return None
        published = outputs.get("published_url")
        published = published if isinstance(published, str) else None
        live = self._live_inputs(doc, inputs, published)
        if not inputs:  # import: derive what check() derives (a local file's hash), or the program
            live = self.prepare(live, [])  # declaring this document would show a change
        return ReadResult(doc.id, live, self._outputs(doc, published))

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: DocumentInputs, *, urn: str
    ) -> dict[str, Any]:
        """Reached only when nothing but create-time settings changed: nothing to send."""
        return {p.name: old_inputs[p.name] for p in self.spec.outputs if old_inputs.get(p.name) is not None}

    def delete(self, id_: str, inputs: DocumentInputs, outputs: Mapping[str, Any]) -> None:
        knowledge_id, _ = _split(id_)
        with self.api("delete") as client:
            gone_is_done(lambda: client.documents.delete(knowledge_id, id_))
        self.session.forget(("documents", knowledge_id), id_)


def _both_local(old: Any, new: Any) -> bool:
    return isinstance(old, str) and isinstance(new, str) and bool(local_path(old)) and bool(local_path(new))


def _split(document_id: str) -> tuple[str, str]:
    from ..client import split_document_id  # with the client's namespaces: loaded by the calls that split

    try:
        return split_document_id(document_id)
    except ValueError as exc:
        raise ProviderError(f"Document: {exc}") from None
