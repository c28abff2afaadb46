"""Typed, synchronous httpx + pydantic client for the D-ID Agents API.

>>> from pulumi_did_agents.client import Client
>>> with Client() as client:  # DID_API_KEY / DID_API_URL from the environment
...     agent = client.agents.get("agt_123")
"""

from ._client import USER_AGENT, Client
from ._config import ClientConfig, resolve_config
from ._constants import DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, ENV_API_KEY, ENV_API_URL
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
from .documents import split_document_id
from .models import (
    Agent,
    AgentCreate,
    AgentUpdate,
    Background,
    Chat,
    ChatMessage,
    ChatResponse,
    CustomLlm,
    Document,
    DocumentCreate,
    KnowledgeBase,
    KnowledgeBaseCreate,
    KnowledgeBaseUpdate,
    KnowledgeMatch,
    KnowledgeRef,
    Llm,
    Presenter,
    PromptCustomization,
    Voice,
)

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
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "CustomLlm",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
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
