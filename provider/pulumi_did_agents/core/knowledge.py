"""Knowledge bases and their documents: crash-safe creates, refresh, in-place updates of a knowledge
base's name and description; documents are immutable in the API, so every change is a replacement.

A document's source is checked here too, at preview, because the document is its only user: schemes
the API can fetch, local files that exist and parse. A local file's SHA-256 becomes the document's
``content_hash`` input, so editing the file is a change that replaces that document (and nothing
else) at the next ``pulumi up``. A ``data:`` URL is decoded at preview as the URL standard (WHATWG
fetch's data: URL processor) does, so one the emulator could not read fails the check instead of
the ingestion.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from ..client import describe_error
from ..errors import ProviderError
from ..spec import DOCUMENT, KNOWLEDGE_BASE, DocumentInputs, Failure, KnowledgeBaseInputs
from ..uploaders import UploaderError
from .base import Created, ReadResult, Reference, ResourceCore, TextMarkedCore, gone_is_done, or_none
from .markers import marker_in_url, strip_url, with_url_marker
from .session import MarkerIndex
from .settings import ProviderSettings
from .shapes import UNKNOWN, DiffPlan, from_wire, is_unknown, normalize, to_wire

if TYPE_CHECKING:
    from ..client import Client, Document, KnowledgeBase  # noqa: F401 - the base class's type argument
    from ..client.namespaces import KnowledgeBases

__all__ = [
    "DataURL",
    "DataURLError",
    "DocumentCore",
    "KnowledgeBaseCore",
    "SourceInfo",
    "decode_data_url",
    "forgiving_base64_decode",
    "infer_document_type",
    "inspect_source",
    "knowledge_exists",
    "local_path",
]


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

    def delete(
        self, id_: str, inputs: DocumentInputs, outputs: Mapping[str, Any], *, urn: str | None = None
    ) -> None:
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


# --- document sources -----------------------------------------------------------------------


_SUFFIX_TYPES = {".pdf": "pdf", ".pptx": "powerpoint", ".ppt": "powerpoint"}
MAX_LOCAL_BYTES = 20 * 1024 * 1024


def infer_document_type(source_url: str) -> str:
    """``pdf`` and ``powerpoint`` by the URL path's suffix; anything else is ``text``."""
    path = urlsplit(source_url).path.lower()
    for suffix, kind in _SUFFIX_TYPES.items():
        if path.endswith(suffix):
            return kind
    return "text"


@dataclass
class SourceInfo:
    content_hash: str | None = None
    problems: list[str] = field(default_factory=list)


def local_path(source_url: str) -> Path | None:
    """The file a ``file://`` URL names (``None`` for any other scheme)."""
    parts = urlsplit(source_url)
    if parts.scheme != "file":
        return None
    return Path(url2pathname(unquote(parts.path)))


def inspect_source(source_url: str, document_type: str, settings: ProviderSettings) -> SourceInfo:
    scheme = urlsplit(source_url).scheme.lower()
    if scheme in ("http", "https"):
        return SourceInfo()
    if scheme not in ("file", "data"):
        return SourceInfo(problems=[f"the API fetches only http(s) URLs, not {scheme}:"])
    if not settings.targets_emulator and not (scheme == "file" and settings.uploader):
        return SourceInfo(
            problems=[
                f"{scheme}: URLs are read only by the local emulator; the D-ID API at {settings.api_url} "
                "fetches http(s) URLs (set didagents:uploader to publish local files: docs/uploaders.md)"
            ]
        )
    if scheme == "data":
        try:
            decode_data_url(source_url)
        except DataURLError as exc:
            return SourceInfo(problems=[str(exc)])
        return SourceInfo()
    path = local_path(source_url)
    if path is None:
        return SourceInfo()
    return _inspect_file(path, document_type)


class DataURLError(ValueError):
    """A ``data:`` URL that the URL standard's processor rejects; the message is one line."""


@dataclass(frozen=True)
class DataURL:
    mime_type: str
    """As written (``text/plain;charset=US-ASCII`` when none is), without the ``;base64`` suffix."""
    body: bytes
    """The content: percent-decoded, then base64-decoded for ``;base64``. Never the fragment."""


_ASCII_WHITESPACE = "\t\n\x0c\r "
_BASE64_SUFFIX = re.compile(r";[ ]*base64$", re.IGNORECASE)
_BASE64_ALPHABET = re.compile(r"^[A-Za-z0-9+/]*$")


def decode_data_url(url: str) -> DataURL:
    """The content of a ``data:`` URL, following https://fetch.spec.whatwg.org/#data-url-processor.

    The fragment is not content; the body is percent-decoded; ``;base64`` bodies are decoded with
    the forgiving base64 of the HTML standard (whitespace ignored, ``=`` padding optional).
    """
    # The URL parser's own clean-up: surrounding C0 controls and spaces, and any tab or newline.
    cleaned = url.strip("".join(map(chr, range(0x21)))).translate({9: None, 10: None, 13: None})
    without_fragment = cleaned.partition("#")[0]
    scheme, colon, rest = without_fragment.partition(":")
    if not colon or scheme.lower() != "data":
        raise DataURLError("not a data: URL")
    mime_type, comma, encoded_body = rest.partition(",")
    if not comma:
        raise DataURLError("data: URL has no comma between its media type and its content")
    mime_type = mime_type.strip(_ASCII_WHITESPACE)
    body = unquote_to_bytes(encoded_body)
    suffix = _BASE64_SUFFIX.search(mime_type)
    if suffix is not None:
        mime_type = mime_type[: suffix.start()].rstrip(_ASCII_WHITESPACE)
        try:
            body = forgiving_base64_decode(body.decode("latin-1"))
        except ValueError:
            raise DataURLError("data: URL is not valid base64") from None
    if mime_type.startswith(";"):
        mime_type = "text/plain" + mime_type
    return DataURL(mime_type=mime_type or "text/plain;charset=US-ASCII", body=body)


def forgiving_base64_decode(data: str) -> bytes:
    """https://infra.spec.whatwg.org/#forgiving-base64-decode: ``ValueError`` where it fails."""
    data = data.translate({ord(c): None for c in _ASCII_WHITESPACE})
    if len(data) % 4 == 0:
        data = data[:-2] if data.endswith("==") else data[:-1] if data.endswith("=") else data
    if len(data) % 4 == 1:
        raise ValueError("impossible base64 length")
    if not _BASE64_ALPHABET.match(data):
        raise ValueError("a character outside the base64 alphabet")
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except binascii.Error as exc:  # not reached after the checks above; kept as a ValueError
        raise ValueError(str(exc)) from None


def _inspect_file(path: Path, document_type: str) -> SourceInfo:
    try:
        if not path.is_file():
            return SourceInfo(problems=[f"local file {path} does not exist"])
        size = path.stat().st_size
        if size > MAX_LOCAL_BYTES:
            return SourceInfo(problems=[f"local file {path} is larger than 20 MB"])
        content = path.read_bytes()
    except OSError as exc:
        return SourceInfo(problems=[f"local file {path} cannot be read: {exc.strerror or exc}"])
    problem = _unparseable(content, document_type)
    info = SourceInfo(content_hash="sha256:" + hashlib.sha256(content).hexdigest())
    if problem:
        info.problems.append(f"local file {path} is not valid {document_type}: {problem}")
    return info


def _unparseable(content: bytes, document_type: str) -> str | None:
    if not content.strip():
        return "it is empty"
    if document_type == "pdf":
        return None if content.startswith(b"%PDF-") else "it does not start with %PDF-"
    if document_type != "text":
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"it is not UTF-8 text ({exc.reason} at byte {exc.start})"
    return None
