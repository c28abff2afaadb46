"""The dynamic resources and their providers."""

from ._args import (
    AgentArgs,
    AgentArgsDict,
    BackgroundArgs,
    BackgroundArgsDict,
    CustomLlmArgs,
    CustomLlmArgsDict,
    DocumentArgs,
    DocumentArgsDict,
    KnowledgeBaseArgs,
    KnowledgeBaseArgsDict,
    LlmArgs,
    LlmArgsDict,
    PresenterArgs,
    PresenterArgsDict,
    PromptCustomizationArgs,
    PromptCustomizationArgsDict,
    VoiceArgs,
    VoiceArgsDict,
)
from ._provider import ProvisioningError
from ._settings import CONFIG_API_KEY, CONFIG_API_URL, CONFIG_MAX_RETRIES, CONFIG_WAIT_TIMEOUT
from .agent import Agent, AgentProvider
from .document import Document, DocumentProvider
from .knowledge_base import KnowledgeBase, KnowledgeBaseProvider

__all__ = [
    "CONFIG_API_KEY",
    "CONFIG_API_URL",
    "CONFIG_MAX_RETRIES",
    "CONFIG_WAIT_TIMEOUT",
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
]
