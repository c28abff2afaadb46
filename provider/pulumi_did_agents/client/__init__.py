"""Typed, synchronous httpx + pydantic client for the D-ID Agents API.

>>> from pulumi_did_agents.client import Client
>>> with Client() as client:  # DID_API_KEY / DID_API_URL from the environment
...     agent = client.agents.get("agt_123")

Names load on first use (PEP 562): error classes and defaults import without httpx and pydantic,
which a provider answering a preview never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from ._client import USER_AGENT, Client
    from ._config import ClientConfig, resolve_config
    from ._constants import DEFAULT_TIMEOUT
    from ._defaults import DEFAULT_BASE_URL, DEFAULT_RETRY_TIMEOUT, ENV_API_KEY, ENV_API_URL
    from ._exceptions import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        DidAgentsError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResourceFailedError,
        WaitTimeoutError,
        make_status_error,
    )
    from ._ids import split_document_id
    from ._waiters import DEFAULT_WAIT_TIMEOUT
    from .chat_models import Chat, ChatMessage, ChatResponse, KnowledgeMatch
    from .models import (
        Agent,
        AgentCreate,
        AgentUpdate,
        Background,
        ClientKey,
        CustomLlm,
        Document,
        DocumentCreate,
        KnowledgeBase,
        KnowledgeBaseCreate,
        KnowledgeBaseUpdate,
        KnowledgeRef,
        Llm,
        Presenter,
        PromptCustomization,
        Voice,
    )

_WHERE: dict[str, str] = {
    "APIConnectionError": "_exceptions",
    "APIStatusError": "_exceptions",
    "APITimeoutError": "_exceptions",
    "Agent": "models",
    "AgentCreate": "models",
    "AgentUpdate": "models",
    "AuthenticationError": "_exceptions",
    "Background": "models",
    "BadRequestError": "_exceptions",
    "Chat": "chat_models",
    "ChatMessage": "chat_models",
    "ChatResponse": "chat_models",
    "Client": "_client",
    "ClientConfig": "_config",
    "ClientKey": "models",
    "ConfigurationError": "_exceptions",
    "ConflictError": "_exceptions",
    "CustomLlm": "models",
    "DEFAULT_BASE_URL": "_defaults",
    "DEFAULT_RETRY_TIMEOUT": "_defaults",
    "DEFAULT_TIMEOUT": "_constants",
    "DEFAULT_WAIT_TIMEOUT": "_waiters",
    "DidAgentsError": "_exceptions",
    "Document": "models",
    "DocumentCreate": "models",
    "ENV_API_KEY": "_defaults",
    "ENV_API_URL": "_defaults",
    "InternalServerError": "_exceptions",
    "KnowledgeBase": "models",
    "KnowledgeBaseCreate": "models",
    "KnowledgeBaseUpdate": "models",
    "KnowledgeMatch": "chat_models",
    "KnowledgeRef": "models",
    "Llm": "models",
    "NotFoundError": "_exceptions",
    "PermissionDeniedError": "_exceptions",
    "Presenter": "models",
    "PromptCustomization": "models",
    "RateLimitError": "_exceptions",
    "ResourceFailedError": "_exceptions",
    "USER_AGENT": "_client",
    "Voice": "models",
    "WaitTimeoutError": "_exceptions",
    "make_status_error": "_exceptions",
    "resolve_config": "_config",
    "split_document_id": "_ids",
}

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Agent",
    "AgentCreate",
    "AgentUpdate",
    "AuthenticationError",
    "Background",
    "BadRequestError",
    "Chat",
    "ChatMessage",
    "ChatResponse",
    "Client",
    "ClientKey",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "CustomLlm",
    "DEFAULT_BASE_URL",
    "DEFAULT_RETRY_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WAIT_TIMEOUT",
    "DidAgentsError",
    "Document",
    "DocumentCreate",
    "ENV_API_KEY",
    "ENV_API_URL",
    "InternalServerError",
    "KnowledgeBase",
    "KnowledgeBaseCreate",
    "KnowledgeBaseUpdate",
    "KnowledgeMatch",
    "KnowledgeRef",
    "Llm",
    "NotFoundError",
    "PermissionDeniedError",
    "Presenter",
    "PromptCustomization",
    "RateLimitError",
    "ResourceFailedError",
    "USER_AGENT",
    "Voice",
    "WaitTimeoutError",
    "make_status_error",
    "resolve_config",
    "split_document_id",
]


__getattr__, __dir__ = lazy_exports(__name__, _WHERE, __all__)
