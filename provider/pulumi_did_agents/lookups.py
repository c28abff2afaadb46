"""Read-only lookups for programs: fetch an agent, knowledge base or document by id.

These call the API directly (not through the engine), so they work in previews and never put
anything in state. Credentials resolve like the provider's: explicit arguments, then the stack
config ``didagents:apiUrl`` / ``didagents:apiKey``, then ``DID_API_URL`` / ``DID_API_KEY``.
Use ``Agent.get(...)`` instead when you want a resource whose outputs other resources can use.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.runtime.config import get_config

from .client import Agent, Client, Document, KnowledgeBase, split_document_id
from .resources._settings import ProviderSettings

__all__ = [
    "get_agent",
    "get_agent_output",
    "get_document",
    "get_document_output",
    "get_knowledge_base",
    "get_knowledge_base_output",
]


def _program_config(key: str) -> Any:
    # get_config reads the raw value (secrets included) without the warning Config.get logs for
    # secrets; the value never leaves this process.
    return get_config(key)


def _client(api_url: str | None, api_key: str | None) -> Client:
    settings = ProviderSettings.resolve(_program_config)
    return Client(
        base_url=api_url or settings.api_url,
        api_key=api_key or settings.api_key,
        max_retries=settings.max_retries,
    )


def get_agent(agent_id: str, *, api_url: str | None = None, api_key: str | None = None) -> Agent:
    """The live agent (``client_key`` included: treat it as a secret)."""
    with _client(api_url, api_key) as client:
        return client.agents.get(agent_id)


def get_knowledge_base(
    knowledge_id: str, *, api_url: str | None = None, api_key: str | None = None
) -> KnowledgeBase:
    with _client(api_url, api_key) as client:
        return client.knowledge.get(knowledge_id)


def get_document(document_id: str, *, api_url: str | None = None, api_key: str | None = None) -> Document:
    """``document_id`` is the composite ``knl_…#doc_…``."""
    knowledge_id, _ = split_document_id(document_id)
    with _client(api_url, api_key) as client:
        return client.documents.get(knowledge_id, document_id)


def get_agent_output(agent_id: pulumi.Input[str]) -> pulumi.Output[Agent]:
    """:func:`get_agent` for an id that is itself an Output (e.g. another stack's export)."""
    return pulumi.Output.from_input(agent_id).apply(get_agent)


def get_knowledge_base_output(knowledge_id: pulumi.Input[str]) -> pulumi.Output[KnowledgeBase]:
    return pulumi.Output.from_input(knowledge_id).apply(get_knowledge_base)


def get_document_output(document_id: pulumi.Input[str]) -> pulumi.Output[Document]:
    return pulumi.Output.from_input(document_id).apply(get_document)
