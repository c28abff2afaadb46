"""What a Python program uses besides the resources: read-only lookups (``get_agent`` & co.) and the
``KnowledgeFolder`` component. Both run in the program's process only; the package loads this
module on first use of either. Neither imports the resources or the HTTP client before it is used.

Lookups fetch an agent, knowledge base, document or an agent's client keys. They call the API
directly (not through the engine), so they work in previews and put nothing in state. Credentials
resolve like the provider's: explicit arguments, then the stack config ``didagents:apiUrl`` /
``didagents:apiKey``, then ``DID_API_URL`` / ``DID_API_KEY``. A missing id fails with one clear
line. Client keys are credentials: the ``_output`` forms return them as secrets. Use
``Agent.get(...)`` instead when you want a resource whose outputs other resources can use.

``KnowledgeFolder``: a folder (or glob) of files, one ``Document`` per file. Each document is named
after its file's path in the folder, so adding, editing and removing files maps to creating,
replacing and deleting exactly those documents, and nothing else changes. A file's content hash is
part of its document's inputs (the provider computes it), which is what makes an edit a
replacement. The API's limit of five documents per knowledge base is checked when the program
runs, so a preview fails before anything is created, naming the files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pulumi
from pulumi.runtime.config import get_config

from .errors import DidAgentsError, ProviderError
from .spec.knowledge import KNOWLEDGE_FOLDER, MAX_DOCUMENTS_PER_KNOWLEDGE

if TYPE_CHECKING:  # the client loads on first use: declaring resources needs no HTTP client
    from .client import Agent, Client, ClientKey, Document, KnowledgeBase
    from .dynamic import Document as DocumentResource
    from .spec import ResourceSpec

__all__ = [
    "KnowledgeFolder",
    "LookupFailedError",
    "folder_files",
    "get_agent",
    "get_agent_output",
    "get_client_keys",
    "get_client_keys_output",
    "get_document",
    "get_document_output",
    "get_knowledge_base",
    "get_knowledge_base_output",
]

T = TypeVar("T")


# Lookups.


class LookupFailedError(ProviderError, pulumi.RunError):
    """A lookup that cannot be answered; a ``RunError``, so the program stops with one line, no traceback."""


def _client(api_url: str | None, api_key: str | None) -> Client:
    from .client import Client
    from .core.settings import ProviderSettings

    # get_config reads the raw value (secrets included) without the warning Config.get logs for
    # secrets; the value never leaves this process.
    settings = ProviderSettings.resolve(get_config)
    return Client(
        base_url=api_url or settings.api_url,
        api_key=api_key or settings.api_key,
        retry_timeout=settings.retry_timeout,
    )


def _lookup(
    function: str,
    what: str,
    ident: str,
    fetch: Callable[[Client], T],
    api_url: str | None,
    api_key: str | None,
) -> T:
    """``fetch`` the object ``what`` named ``ident``; errors start with the public ``function``'s name."""
    if not isinstance(ident, str) or not ident.strip() or ident != ident.strip():
        raise LookupFailedError(f"{function}: the id must be a non-empty string without spaces")
    from .client import NotFoundError

    try:
        with _client(api_url, api_key) as client:
            return fetch(client)
    except NotFoundError:
        raise LookupFailedError(f"{function}: {what} {ident} does not exist") from None
    except DidAgentsError as exc:
        raise LookupFailedError(f"{function}({ident}): {exc}") from None


def get_agent(agent_id: str, *, api_url: str | None = None, api_key: str | None = None) -> Agent:
    return _lookup("get_agent", "agent", agent_id, lambda c: c.agents.get(agent_id), api_url, api_key)


def get_knowledge_base(
    knowledge_id: str, *, api_url: str | None = None, api_key: str | None = None
) -> KnowledgeBase:
    return _lookup(
        "get_knowledge_base",
        "knowledge base",
        knowledge_id,
        lambda c: c.knowledge.get(knowledge_id),
        api_url,
        api_key,
    )


def get_document(document_id: str, *, api_url: str | None = None, api_key: str | None = None) -> Document:
    """``document_id`` is the composite ``knl_…#doc_…``."""
    from .client import split_document_id

    try:
        knowledge_id, _ = split_document_id(document_id)
    except ValueError as exc:
        raise LookupFailedError(f"get_document: {exc}") from None
    return _lookup(
        "get_document",
        "document",
        document_id,
        lambda c: c.documents.get(knowledge_id, document_id),
        api_url,
        api_key,
    )


def get_client_keys(
    agent_id: str, *, api_url: str | None = None, api_key: str | None = None
) -> list[ClientKey]:
    """The agent's client keys (credentials: prefer :func:`get_client_keys_output`, which is secret)."""
    return _lookup(
        "get_client_keys", "agent", agent_id, lambda c: c.client_keys.list(agent_id), api_url, api_key
    )


def get_agent_output(agent_id: pulumi.Input[str]) -> pulumi.Output[Agent]:
    """:func:`get_agent` for an id that is itself an Output (e.g. another stack's export)."""
    return pulumi.Output.from_input(agent_id).apply(get_agent)


def get_knowledge_base_output(knowledge_id: pulumi.Input[str]) -> pulumi.Output[KnowledgeBase]:
    return pulumi.Output.from_input(knowledge_id).apply(get_knowledge_base)


def get_document_output(document_id: pulumi.Input[str]) -> pulumi.Output[Document]:
    return pulumi.Output.from_input(document_id).apply(get_document)


def get_client_keys_output(agent_id: pulumi.Input[str]) -> pulumi.Output[list[ClientKey]]:
    """The agent's client keys as a secret Output: exports and state never show them in clear."""
    return pulumi.Output.secret(pulumi.Output.from_input(agent_id).apply(get_client_keys))


# Components.


def _default_title(relative: Path) -> str:
    return relative.stem.replace("-", " ").replace("_", " ").strip().capitalize() or relative.name


def folder_files(folder: Path, patterns: Sequence[str]) -> list[Path]:
    """Regular, non-hidden files under ``folder`` matching any pattern, sorted by path."""
    found: set[Path] = set()
    for pattern in patterns:
        for path in folder.glob(pattern):
            relative = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                found.add(path)
    return sorted(found)


class KnowledgeFolder(pulumi.ComponentResource):
    """Keep a knowledge base's documents equal to the files of a folder.

    >>> docs = KnowledgeFolder("handbook", knowledge_id=kb.knowledge_id, path="docs", patterns=["*.md"])
    >>> agent = Agent(..., opts=pulumi.ResourceOptions(depends_on=[docs]))

    ``title`` turns a file's path (relative to the folder) into its document's title; by default
    ``returns-policy.md`` becomes "Returns policy". ``max_documents`` is the API's limit per
    knowledge base; lower it if the knowledge base holds other documents too.
    """

    if TYPE_CHECKING:  # the SDK evaluates run-time annotations, and Document loads on first use
        documents: dict[str, DocumentResource]
        """Documents by the file's path relative to the folder (``guides/returns.md``)."""

    def __init__(
        self,
        resource_name: str,
        *,
        knowledge_id: pulumi.Input[str],
        path: str | Path,
        patterns: Sequence[str] = ("*",),
        title: Callable[[Path], str] = _default_title,
        max_documents: int = MAX_DOCUMENTS_PER_KNOWLEDGE,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        DocumentResource = self._document_type()

        super().__init__(KNOWLEDGE_FOLDER.token, resource_name, None, opts)
        folder = Path(path).resolve()
        if not folder.is_dir():
            raise pulumi.RunError(f"KnowledgeFolder {resource_name}: {folder} is not a folder")
        files = folder_files(folder, patterns)
        if not files:
            raise pulumi.RunError(
                f"KnowledgeFolder {resource_name}: no file in {folder} matches {', '.join(patterns)}"
            )
        if len(files) > max_documents:
            names = ", ".join(str(f.relative_to(folder)) for f in files)
            raise pulumi.RunError(
                f"KnowledgeFolder {resource_name}: {len(files)} files match in {folder}, but a knowledge "
                f"base holds at most {max_documents} documents: {names}"
            )
        child = pulumi.ResourceOptions(parent=self)
        self.documents = {}
        for file in files:
            relative = file.relative_to(folder)
            self.documents[relative.as_posix()] = DocumentResource(
                f"{resource_name}/{relative.as_posix()}",
                knowledge_id=knowledge_id,
                source_url=file.as_uri(),
                title=title(relative),
                opts=child,
            )
        self.document_ids = pulumi.Output.from_input({name: doc.id for name, doc in self.documents.items()})
        self.register_outputs({"document_ids": self.document_ids})

    @staticmethod
    def _document_type() -> Any:
        """The ``Document`` class made per file: the dynamic one (``native.sdk`` uses the plugin's)."""
        from .dynamic import Document as DocumentResource  # loaded here: a lookup needs no resource

        return DocumentResource


def with_secret_outputs(
    spec: ResourceSpec, opts: pulumi.ResourceOptions | None
) -> pulumi.ResourceOptions | None:
    """``opts`` with the kind's secret outputs marked, as both front ends' resources register them."""
    secret = list(spec.secret_outputs())
    if not secret:
        return opts
    return pulumi.ResourceOptions.merge(pulumi.ResourceOptions(additional_secret_outputs=secret), opts)


def read_options(id: pulumi.Input[str], opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:  # noqa: A002
    """The options of a ``get``: read the object with this id instead of creating one."""
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
