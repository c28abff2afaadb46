"""Pulumi resources for D-ID interactive AI agents.

>>> import pulumi_did_agents as didagents
>>> kb = didagents.KnowledgeBase("kb", name="docs", description="Product docs")

Configure with ``pulumi config set didagents:apiUrl …`` and
``pulumi config set --secret didagents:apiKey …`` (or ``DID_API_URL`` / ``DID_API_KEY``).
The same resources are served to YAML programs and ``pulumi import`` by the native plugin
``pulumi-resource-didagents``.

The resources, components and lookups load on first use (PEP 562): the native plugin and programs
that use only part of the package do not pay for the rest on the critical path of a preview.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._exports import DYNAMIC
from ._lazy import lazy_exports
from ._tokens import *  # noqa: F403 - the type tokens, listed once in _tokens.__all__
from ._tokens import __all__ as _TOKENS
from .errors import ConfigError, ProviderError

if TYPE_CHECKING:
    from ._version import __version__ as __version__
    from .dynamic import *  # noqa: F403 - the generated resources and args are the public API
    from .program import KnowledgeFolder as KnowledgeFolder
    from .program import LookupFailedError as LookupFailedError
    from .program import get_agent as get_agent
    from .program import get_agent_output as get_agent_output
    from .program import get_client_keys as get_client_keys
    from .program import get_client_keys_output as get_client_keys_output
    from .program import get_document as get_document
    from .program import get_document_output as get_document_output
    from .program import get_knowledge_base as get_knowledge_base
    from .program import get_knowledge_base_output as get_knowledge_base_output

__getattr__, __dir__, _LAZY = lazy_exports(__name__, __file__, stars={"dynamic": DYNAMIC})
__all__ = [*_LAZY, *_TOKENS, "ConfigError", "ProviderError"]
