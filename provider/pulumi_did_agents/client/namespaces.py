"""The resource namespaces of the client: ``client.agents``, ``client.knowledge``,
``client.documents``, ``client.client_keys`` and ``client.chats``.

Each builds paths and parses models, and never touches HTTP: it calls back into the client through
:class:`Requester`, a Protocol that avoids an import cycle. Client keys are credentials: they travel
in a path segment for PATCH and DELETE, so those calls redact them from errors and logs.

Polling until an asynchronously prepared object is usable (:func:`wait_until`) lives here, with the
statuses it waits for. Agents start as ``created`` and documents as ``processing``; both become
usable later. Statuses occur plain (``done``) and prefixed (``document/done``), so only the last
segment is compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

from ._defaults import DEFAULT_WAIT_TIMEOUT
from ._exceptions import ResourceFailedError, WaitTimeoutError, describe_error
from .models import (
    Agent,
    AgentCreate,
    AgentUpdate,
    Chat,
    ChatMessage,
    ChatResponse,
    ClientKey,
    Document,
    DocumentCreate,
    KnowledgeBase,
    KnowledgeBaseCreate,
    KnowledgeBaseUpdate,
)

__all__ = [
    "AGENT_FAILED",
    "AGENT_READY",
    "DOCUMENT_FAILED",
    "DOCUMENT_READY",
    "Agents",
    "Chats",
    "ClientKeys",
    "Documents",
    "KnowledgeBases",
    "Namespace",
    "Progress",
    "Requester",
    "dump_body",
    "normalise_status",
    "segment",
    "split_document_id",
    "wait_until",
]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

Progress = Callable[[str, float], None]
"""Told ``(status, seconds waited so far)`` after every poll that is not yet final."""


class Requester(Protocol):
    @property
    def sleep(self) -> Callable[[float], None]: ...

    @property
    def clock(self) -> Callable[[], float]: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
        redact: str | None = None,
    ) -> Any: ...


class Namespace:
    """Base of ``client.agents`` etc.: builds paths and parses models, never touches HTTP."""

    def __init__(self, client: Requester) -> None:
        self._client = client


def segment(value: str) -> str:
    """Percent-encode one path segment (document ids contain ``#``)."""
    return quote(value, safe="")


def dump_body(model_cls: type[M], body: M | Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate ``body`` and dump it as JSON-ready dict.

    ``partial`` (PATCH) keeps explicit ``None`` values, which clear a top-level field; a create
    body drops them.
    """
    model = body if isinstance(body, model_cls) else model_cls.model_validate(body)
    if partial:
        return model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def split_document_id(document_id: str) -> tuple[str, str]:
    """``"knl_x#doc_y"`` → ``("knl_x", "doc_y")``; raises ``ValueError`` without a ``#``."""
    knowledge_id, sep, doc = document_id.partition("#")
    if not sep or not knowledge_id or not doc:
        raise ValueError(f"document id {document_id!r} is not of the form 'knl_…#doc_…'")
    return knowledge_id, doc


AGENT_READY = frozenset({"done", "ready"})
AGENT_FAILED = frozenset({"error", "rejected"})


class Agents(Namespace):
    """``client.agents``: CRUD for ``/agents`` and a readiness waiter."""

    def create(self, body: AgentCreate | Mapping[str, Any]) -> Agent:
        """``POST /agents``; the agent starts as ``created`` (see :meth:`wait_until_ready`)."""
        data = self._client.request("POST", "/agents", json=dump_body(AgentCreate, body))
        return Agent.model_validate(data)

    def get(self, agent_id: str) -> Agent:
        return Agent.model_validate(self._client.request("GET", f"/agents/{segment(agent_id)}"))

    def update(self, agent_id: str, body: AgentUpdate | Mapping[str, Any]) -> Agent:
        """``PATCH /agents/{id}``: each supplied top-level key replaces the stored value whole."""
        payload = dump_body(AgentUpdate, body, partial=True)
        data = self._client.request("PATCH", f"/agents/{segment(agent_id)}", json=payload)
        return Agent.model_validate(data)

    def delete(self, agent_id: str) -> None:
        self._client.request("DELETE", f"/agents/{segment(agent_id)}")

    def list(self, *, page_size: int = 100) -> list[Agent]:
        """Every agent of the account, following ``GET /agents/me``'s cursor pages."""
        agents: list[Agent] = []
        token: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": page_size}
            if token:
                params["token"] = token
            data = self._client.request("GET", "/agents/me", params=params) or {}
            agents += [Agent.model_validate(item) for item in data.get("agents", [])]
            token = data.get("token")
            if not token:
                return agents

    def wait_until_ready(
        self, agent_id: str, *, timeout: float = DEFAULT_WAIT_TIMEOUT, progress: Progress | None = None
    ) -> Agent:
        """Poll until ``done``/``ready``; raise ``ResourceFailedError`` on ``error``/``rejected``."""
        return wait_until(
            lambda: self.get(agent_id),
            what="agent",
            resource_id=agent_id,
            status_of=lambda agent: agent.status,
            error_of=lambda agent: agent.error,
            ready=AGENT_READY,
            failed=AGENT_FAILED,
            timeout=timeout,
            sleep=self._client.sleep,
            clock=self._client.clock,
            progress=progress,
        )


class KnowledgeBases(Namespace):
    """``client.knowledge``: CRUD for ``/knowledge`` (knowledge bases)."""

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


DOCUMENT_READY = frozenset({"done"})
DOCUMENT_FAILED = frozenset({"error", "rejected"})


class Documents(Namespace):
    """``client.documents``: documents of a knowledge base (no update: documents are immutable)."""

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


class ClientKeys(Namespace):
    """``client.client_keys``: keys browsers use to talk to one agent (``/agents/{id}/client-keys``)."""

    def _path(self, agent_id: str) -> str:
        return f"/agents/{segment(agent_id)}/client-keys"

    def create(self, agent_id: str, *, allowed_domains: Sequence[str], name: str | None = None) -> ClientKey:
        body: dict[str, object] = {"allowed_domains": list(allowed_domains)}
        if name is not None:
            body["name"] = name
        data = self._client.request("POST", self._path(agent_id), json=body)
        return ClientKey.model_validate(data)

    def list(self, agent_id: str) -> list[ClientKey]:
        data = self._client.request("GET", self._path(agent_id)) or []
        return [ClientKey.model_validate(item) for item in data]

    def update(self, agent_id: str, client_key: str, *, allowed_domains: Sequence[str]) -> None:
        """``PATCH …/client-keys/{key}``: only ``allowed_domains`` can change (204)."""
        path = f"{self._path(agent_id)}/{segment(client_key)}"
        self._client.request(
            "PATCH", path, json={"allowed_domains": list(allowed_domains)}, redact=client_key
        )

    def delete(self, agent_id: str, client_key: str) -> None:
        path = f"{self._path(agent_id)}/{segment(client_key)}"
        self._client.request("DELETE", path, redact=client_key)


class Chats(Namespace):
    """``client.chats``: open a chat with an agent and send it messages, as D-ID's client SDK does."""

    def create(self, agent_id: str, *, persist: bool = False) -> Chat:
        """``POST /agents/{id}/chat``; ``persist`` keeps the chat in the agent's history."""
        data = self._client.request("POST", f"/agents/{segment(agent_id)}/chat", json={"persist": persist})
        return Chat.model_validate(data)

    def get(self, agent_id: str, chat_id: str) -> Chat:
        """A chat with the messages the server stored."""
        data = self._client.request("GET", f"/agents/{segment(agent_id)}/chat/{segment(chat_id)}")
        return Chat.model_validate(data)

    def send_message(
        self,
        agent_id: str,
        chat_id: str,
        content: str | Sequence[ChatMessage],
        *,
        chat_mode: str | None = None,
    ) -> ChatResponse:
        """Send one user message (a string) or the whole conversation so far; return the agent's answer.

        The SDK sends every earlier turn (user and assistant) with each new user message, each with
        its own ``id``; ``chat_mode`` is the chat's ``chat_mode`` echoed back as ``chatMode``.
        """
        messages = [ChatMessage.new("user", content)] if isinstance(content, str) else list(content)
        body: dict[str, Any] = {"messages": [m.model_dump(mode="json", exclude_none=True) for m in messages]}
        if chat_mode is not None:
            body["chatMode"] = chat_mode
        data = self._client.request("POST", f"/agents/{segment(agent_id)}/chat/{segment(chat_id)}", json=body)
        return ChatResponse.model_validate(data)


# Polling.


_INITIAL_INTERVAL = 0.1
_MAX_INTERVAL = 5.0


def normalise_status(status: str | None) -> str:
    return (status or "").rsplit("/", 1)[-1].strip().lower()


def wait_until(
    fetch: Callable[[], T],
    *,
    what: str,
    resource_id: str,
    status_of: Callable[[T], str | None],
    error_of: Callable[[T], Any],
    ready: frozenset[str],
    failed: frozenset[str],
    timeout: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float] = time.monotonic,
    progress: Progress | None = None,
) -> T:
    """Call ``fetch`` until its status is in ``ready``; raise on ``failed`` or after ``timeout`` s.

    The interval starts short (objects are often ready almost at once) and grows to 5 s so a
    slow agent does not cost hundreds of requests.
    """
    started = clock()
    deadline = started + timeout
    interval = _INITIAL_INTERVAL
    while True:
        current = fetch()
        status = normalise_status(status_of(current))
        if status in ready:
            return current
        if status in failed:
            reason = describe_error(error_of(current))
            raise ResourceFailedError(
                f"{what} {resource_id} failed with status {status!r}: {reason}",
                resource_id=resource_id,
                status=status,
                reason=reason,
            )
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                f"{what} {resource_id} was not ready after {timeout:g}s (status {status or 'empty'!r})",
                resource_id=resource_id,
                status=status,
            )
        if progress is not None:
            progress(status or "pending", clock() - started)
        sleep(min(interval, remaining))
        interval = min(interval * 2, _MAX_INTERVAL)
