"""Pulumi dynamic resources for D-ID interactive AI agents.

>>> import pulumi_did_agents as didagents
>>> kb = didagents.KnowledgeBase("kb", name="Docs", description="Product docs")

Configure with ``pulumi config set didagents:apiUrl …`` and
``pulumi config set --secret didagents:apiKey …`` (or ``DID_API_URL`` / ``DID_API_KEY``).
"""

from ._tokens import AGENT_TYPE, DOCUMENT_TYPE, KNOWLEDGE_BASE_TYPE, MODULE
from ._version import __version__
from .lookups import (
    get_agent,
    get_agent_output,
    get_document,
    get_document_output,
    get_knowledge_base,
    get_knowledge_base_output,
)
from .resources import (
    CONFIG_API_KEY,
    CONFIG_API_URL,
    CONFIG_MAX_RETRIES,
    CONFIG_WAIT_TIMEOUT,
    Agent,
    AgentArgs,
    AgentArgsDict,
    AgentProvider,
    BackgroundArgs,
    BackgroundArgsDict,
    CustomLlmArgs,
    CustomLlmArgsDict,
    Document,
    DocumentArgs,
    DocumentArgsDict,
    DocumentProvider,
    KnowledgeBase,
    KnowledgeBaseArgs,
    KnowledgeBaseArgsDict,
    KnowledgeBaseProvider,
    LlmArgs,
    LlmArgsDict,
    PresenterArgs,
    PresenterArgsDict,
    PromptCustomizationArgs,
    PromptCustomizationArgsDict,
    ProvisioningError,
    VoiceArgs,
    VoiceArgsDict,
)

__all__ = [
    "AGENT_TYPE",
    "CONFIG_API_KEY",
    "CONFIG_API_URL",
    "CONFIG_MAX_RETRIES",
    "CONFIG_WAIT_TIMEOUT",
    "DOCUMENT_TYPE",
    "KNOWLEDGE_BASE_TYPE",
    "MODULE",
    "Agent",
    "AgentArgs",
    "AgentArgsDict",
    "AgentProvider",
    "BackgroundArgs",
    "BackgroundArgsDict",
    "CustomLlmArgs",
    "CustomLlmArgsDict",
    "Document",
    "DocumentArgs",
    "DocumentArgsDict",
    "DocumentProvider",
    "KnowledgeBase",
    "KnowledgeBaseArgs",
    "KnowledgeBaseArgsDict",
    "KnowledgeBaseProvider",
    "LlmArgs",
    "LlmArgsDict",
    "PresenterArgs",
    "PresenterArgsDict",
    "PromptCustomizationArgs",
    "PromptCustomizationArgsDict",
    "ProvisioningError",
    "VoiceArgs",
    "VoiceArgsDict",
    "__version__",
    "get_agent",
    "get_agent_output",
    "get_document",
    "get_document_output",
    "get_knowledge_base",
    "get_knowledge_base_output",
]
