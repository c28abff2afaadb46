"""CRUD per resource kind on plain dicts, shared by the dynamic and the native front ends.

Arrows run one way: front ends → core → spec and client. The core knows nothing of Pulumi's
wire formats; it validates, diffs, and creates crash-safely against an API without idempotency.

Names load on first use (PEP 562): a program that only declares resources imports ``core.shapes``
and ``core.base``, never the HTTP client; the provider processes load the rest when they first act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from ..errors import ConfigError as ConfigError
    from ..errors import ProviderError as ProviderError
    from .agents import CORES as CORES
    from .agents import AgentCore as AgentCore
    from .agents import ClientKeyCore as ClientKeyCore
    from .base import CheckResult as CheckResult
    from .base import Created as Created
    from .base import IncompleteCreate as IncompleteCreate
    from .base import ReadResult as ReadResult
    from .base import ResourceCore as ResourceCore
    from .conversation_tests import ConversationTestCore as ConversationTestCore
    from .knowledge import DocumentCore as DocumentCore
    from .knowledge import KnowledgeBaseCore as KnowledgeBaseCore
    from .session import Session as Session
    from .settings import CONFIG_KEYS as CONFIG_KEYS
    from .settings import ProviderSettings as ProviderSettings
    from .shapes import UNKNOWN as UNKNOWN
    from .shapes import DiffPlan as DiffPlan
    from .shapes import PropertyChange as PropertyChange
    from .shapes import is_unknown as is_unknown

__getattr__, __dir__, __all__ = lazy_exports(__name__, __file__)
