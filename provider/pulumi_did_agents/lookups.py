"""Read-only lookups for programs: fetch an agent, knowledge base, document or an agent's client keys.

They call the API directly (not through the engine), so they work in previews and put nothing in
state. Credentials resolve like the provider's: explicit arguments, then the stack config
``didagents:apiUrl`` / ``didagents:apiKey``, then ``DID_API_URL`` / ``DID_API_KEY``. A missing id
fails with one clear line. Client keys are credentials: the ``_output`` forms return them as secrets.
Use ``Agent.get(...)`` instead when you want a resource whose outputs other resources can use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pulumi
from pulumi.runtime.config import get_config

from .errors import DidAgentsError, ProviderError

if TYPE_CHECKING:  # the client loads on first use: declaring resources needs no HTTP client
    from .client import Agent, Client, ClientKey, Document, KnowledgeBase

__all__ = [
    "LookupFailedError",
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
