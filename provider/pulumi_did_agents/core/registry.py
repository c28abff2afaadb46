"""The core of each resource kind, by the kind's name (``"Agent"`` → ``AgentCore``)."""

from __future__ import annotations

from typing import Any

from .agents import AgentCore
from .base import ResourceCore
from .client_keys import ClientKeyCore
from .conversation_tests import ConversationTestCore
from .documents import DocumentCore
from .knowledge_bases import KnowledgeBaseCore

__all__ = ["CORES"]

CORES: dict[str, type[ResourceCore[Any]]] = {
    core.spec.name: core
    for core in (AgentCore, KnowledgeBaseCore, DocumentCore, ClientKeyCore, ConversationTestCore)
}
