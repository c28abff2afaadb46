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
    from ._constants import DEFAULT_BASE_URL, DEFAULT_RETRY_TIMEOUT, DEFAULT_TIMEOUT, ENV_API_KEY, ENV_API_URL
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
    from ._waiters import DEFAULT_WAIT_TIMEOUT
    from .chat_models import Chat, ChatMessage, ChatResponse, KnowledgeMatch
    from .documents import split_document_id
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

_WHERE: dict[str, tuple[str, str]] = {
    "APIConnectionError": ("_exceptions", "APIConnectionError"),
    "APIStatusError": ("_exceptions", "APIStatusError"),
    "APITimeoutError": ("_exceptions", "APITimeoutError"),
    "Agent": ("models", "Agent"),
    "AgentCreate": ("models", "AgentCreate"),
    "AgentUpdate": ("models", "AgentUpdate"),
    "AuthenticationError": ("_exceptions", "AuthenticationError"),
    "Background": ("models", "Background"),
    "BadRequestError": ("_exceptions", "BadRequestError"),
    "Chat": ("chat_models", "Chat"),
    "ChatMessage": ("chat_models", "ChatMessage"),
    "ChatResponse": ("chat_models", "ChatResponse"),
    "Client": ("_client", "Client"),
    "ClientConfig": ("_config", "ClientConfig"),
    "ClientKey": ("models", "ClientKey"),
    "ConfigurationError": ("_exceptions", "ConfigurationError"),
    "ConflictError": ("_exceptions", "ConflictError"),
    "CustomLlm": ("models", "CustomLlm"),
    "DEFAULT_BASE_URL": ("_constants", "DEFAULT_BASE_URL"),
    "DEFAULT_RETRY_TIMEOUT": ("_constants", "DEFAULT_RETRY_TIMEOUT"),
    "DEFAULT_TIMEOUT": ("_constants", "DEFAULT_TIMEOUT"),
    "DEFAULT_WAIT_TIMEOUT": ("_waiters", "DEFAULT_WAIT_TIMEOUT"),
    "DidAgentsError": ("_exceptions", "DidAgentsError"),
    "Document": ("models", "Document"),
    "DocumentCreate": ("models", "DocumentCreate"),
    "ENV_API_KEY": ("_constants", "ENV_API_KEY"),
    "ENV_API_URL": ("_constants", "ENV_API_URL"),
    "InternalServerError": ("_exceptions", "InternalServerError"),
    "KnowledgeBase": ("models", "KnowledgeBase"),
    "KnowledgeBaseCreate": ("models", "KnowledgeBaseCreate"),
    "KnowledgeBaseUpdate": ("models", "KnowledgeBaseUpdate"),
    "KnowledgeMatch": ("chat_models", "KnowledgeMatch"),
    "KnowledgeRef": ("models", "KnowledgeRef"),
    "Llm": ("models", "Llm"),
    "NotFoundError": ("_exceptions", "NotFoundError"),
    "PermissionDeniedError": ("_exceptions", "PermissionDeniedError"),
    "Presenter": ("models", "Presenter"),
    "PromptCustomization": ("models", "PromptCustomization"),
    "RateLimitError": ("_exceptions", "RateLimitError"),
    "ResourceFailedError": ("_exceptions", "ResourceFailedError"),
    "USER_AGENT": ("_client", "USER_AGENT"),
    "Voice": ("models", "Voice"),
    "WaitTimeoutError": ("_exceptions", "WaitTimeoutError"),
    "make_status_error": ("_exceptions", "make_status_error"),
    "resolve_config": ("_config", "resolve_config"),
    "split_document_id": ("documents", "split_document_id"),
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
