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
    from ._client import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
    from ._client import USER_AGENT as USER_AGENT
    from ._client import Client as Client
    from ._client import ClientConfig as ClientConfig
    from ._client import resolve_config as resolve_config
    from ._defaults import DEFAULT_BASE_URL as DEFAULT_BASE_URL
    from ._defaults import DEFAULT_RETRY_TIMEOUT as DEFAULT_RETRY_TIMEOUT
    from ._defaults import DEFAULT_WAIT_TIMEOUT as DEFAULT_WAIT_TIMEOUT
    from ._defaults import ENV_API_KEY as ENV_API_KEY
    from ._defaults import ENV_API_URL as ENV_API_URL
    from ._defaults import api_url_problem as api_url_problem
    from ._exceptions import APIConnectionError as APIConnectionError
    from ._exceptions import APIStatusError as APIStatusError
    from ._exceptions import APITimeoutError as APITimeoutError
    from ._exceptions import AuthenticationError as AuthenticationError
    from ._exceptions import BadRequestError as BadRequestError
    from ._exceptions import ConfigurationError as ConfigurationError
    from ._exceptions import ConflictError as ConflictError
    from ._exceptions import DidAgentsError as DidAgentsError
    from ._exceptions import InternalServerError as InternalServerError
    from ._exceptions import NotFoundError as NotFoundError
    from ._exceptions import PermissionDeniedError as PermissionDeniedError
    from ._exceptions import RateLimitError as RateLimitError
    from ._exceptions import ResourceFailedError as ResourceFailedError
    from ._exceptions import WaitTimeoutError as WaitTimeoutError
    from ._exceptions import describe_error as describe_error
    from ._exceptions import make_status_error as make_status_error
    from ._retry import AdaptiveLimiter as AdaptiveLimiter
    from ._retry import backoff_delay as backoff_delay
    from .models import Agent as Agent
    from .models import AgentCreate as AgentCreate
    from .models import AgentUpdate as AgentUpdate
    from .models import Background as Background
    from .models import Chat as Chat
    from .models import ChatMessage as ChatMessage
    from .models import ChatResponse as ChatResponse
    from .models import ClientKey as ClientKey
    from .models import CustomLlm as CustomLlm
    from .models import Document as Document
    from .models import DocumentCreate as DocumentCreate
    from .models import KnowledgeBase as KnowledgeBase
    from .models import KnowledgeBaseCreate as KnowledgeBaseCreate
    from .models import KnowledgeBaseUpdate as KnowledgeBaseUpdate
    from .models import KnowledgeMatch as KnowledgeMatch
    from .models import KnowledgeRef as KnowledgeRef
    from .models import Llm as Llm
    from .models import Presenter as Presenter
    from .models import PromptCustomization as PromptCustomization
    from .models import Voice as Voice
    from .namespaces import AGENT_FAILED as AGENT_FAILED
    from .namespaces import AGENT_READY as AGENT_READY
    from .namespaces import DOCUMENT_FAILED as DOCUMENT_FAILED
    from .namespaces import DOCUMENT_READY as DOCUMENT_READY
    from .namespaces import split_document_id as split_document_id

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)
