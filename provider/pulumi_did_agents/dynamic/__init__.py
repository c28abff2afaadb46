"""The Python dynamic front end: ``Agent``, ``KnowledgeBase``, ``Document``, ``ClientKey`` and their args."""

from ._generated import *  # noqa: F403 - the generated surface is the public API
from ._generated import __all__ as _generated_all
from .provider import (
    AgentProvider,
    ClientKeyProvider,
    ConversationTestProvider,
    DocumentProvider,
    DynamicProvider,
    KnowledgeBaseProvider,
)

__all__ = [
    *_generated_all,
    "AgentProvider",
    "ClientKeyProvider",
    "ConversationTestProvider",
    "DocumentProvider",
    "DynamicProvider",
    "KnowledgeBaseProvider",
]
