"""The declared shape of every resource: the one place a field is written.

``schema.json``, the typed args, the wire mapping, validation and diff rules all derive from these.
"""

from ._decl import OWNER_MARKER, Failure, Kind, Prop, ResourceSpec, Rule, Shape, camel
from ._generated import *  # noqa: F403 - each kind's checked inputs as a TypedDict
from ._generated import __all__ as _TYPED
from .agent import AGENT, CLIENT_KEY
from .conversation_test import CONVERSATION_TEST
from .knowledge import DOCUMENT, KNOWLEDGE_BASE, KNOWLEDGE_FOLDER

RESOURCES: tuple[ResourceSpec, ...] = (AGENT, KNOWLEDGE_BASE, DOCUMENT, CLIENT_KEY, CONVERSATION_TEST)
COMPONENTS: tuple[ResourceSpec, ...] = (KNOWLEDGE_FOLDER,)
"""Component resources the plugin serves by Construct: children, no API object of their own."""

__all__ = [
    *_TYPED,
    "AGENT",
    "CLIENT_KEY",
    "COMPONENTS",
    "CONVERSATION_TEST",
    "DOCUMENT",
    "KNOWLEDGE_BASE",
    "KNOWLEDGE_FOLDER",
    "OWNER_MARKER",
    "RESOURCES",
    "Failure",
    "Kind",
    "Prop",
    "ResourceSpec",
    "Rule",
    "Shape",
    "camel",
]
