"""CRUD per resource kind on plain dicts, shared by the dynamic and the native front ends.

Arrows run one way: front ends → core → spec and client. The core knows nothing of Pulumi's
wire formats; it validates, diffs, and creates crash-safely against an API without idempotency.

Names load on first use (PEP 562): a program that only declares resources imports ``core.values``
and ``core.diff``, never the HTTP client; the provider processes load the rest when they first act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .agents import AgentCore
    from .base import CheckResult, Created, IncompleteCreate, ReadResult, ResourceCore
    from .client_keys import ClientKeyCore
    from .conversation_tests import ConversationTestCore
    from .diff import DiffPlan, PropertyChange
    from .documents import DocumentCore
    from .errors import ConfigError, ProviderError
    from .knowledge_bases import KnowledgeBaseCore
    from .registry import CORES
    from .session import Session
    from .settings import CONFIG_KEYS, ProviderSettings
    from .values import UNKNOWN, is_unknown

_WHERE = {
    "AgentCore": "agents",
    "CheckResult": "base",
    "Created": "base",
    "IncompleteCreate": "base",
    "ReadResult": "base",
    "ResourceCore": "base",
    "ClientKeyCore": "client_keys",
    "ConversationTestCore": "conversation_tests",
    "DiffPlan": "diff",
    "PropertyChange": "diff",
    "DocumentCore": "documents",
    "ConfigError": "errors",
    "ProviderError": "errors",
    "KnowledgeBaseCore": "knowledge_bases",
    "CORES": "registry",
    "Session": "session",
    "CONFIG_KEYS": "settings",
    "ProviderSettings": "settings",
    "UNKNOWN": "values",
    "is_unknown": "values",
}

__all__ = [
    "AgentCore",
    "CONFIG_KEYS",
    "CORES",
    "CheckResult",
    "ClientKeyCore",
    "ConfigError",
    "ConversationTestCore",
    "Created",
    "DiffPlan",
    "DocumentCore",
    "IncompleteCreate",
    "KnowledgeBaseCore",
    "PropertyChange",
    "ProviderError",
    "ProviderSettings",
    "ReadResult",
    "ResourceCore",
    "Session",
    "UNKNOWN",
    "is_unknown",
]


__getattr__, __dir__ = lazy_exports(__name__, _WHERE, __all__)
