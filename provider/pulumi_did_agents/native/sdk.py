"""The Python SDK of the native plugin (``didagents:index:*``), instead of the dynamic provider.

``import pulumi_did_agents.native.sdk as didagents`` and a program written for
``pulumi_did_agents`` runs unchanged: the same resources (``Agent``, ``KnowledgeBase``,
``Document``, ``ClientKey``, ``ConversationTest``), the same snake_case keyword arguments, args
classes (``didagents.PresenterArgs(...)``, ``didagents.LlmArgs(...)`` …) or plain dicts, and the
``KnowledgeFolder`` component. The classes are generated from the declarations the way Pulumi's
codegen generates an SDK from schema.json (``_generated.py``, ``outputs.py``): the engine gets
schema.json's camelCase names, nested objects included; outputs are snake_case attributes, nested
ones output types (``agent.presenter.apply(lambda p: p.presenter_id)``); secret outputs stay secret.
The program's project must let the engine find ``pulumi-resource-didagents`` (on ``PATH`` or via
``plugins: providers:`` in ``Pulumi.yaml``).

>>> from pulumi_did_agents.native.sdk import KnowledgeBase
>>> kb = KnowledgeBase("kb", name="docs", description="Product docs")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import program
from . import outputs
from ._generated import *  # noqa: F403 - the generated args and resources
from ._generated import Document
from ._generated import __all__ as _GENERATED
from ._resource import NativeResource

__all__ = [*_GENERATED, "KnowledgeFolder", "NativeResource", "outputs"]


class KnowledgeFolder(program.KnowledgeFolder):
    __doc__ = program.KnowledgeFolder.__doc__

    if TYPE_CHECKING:
        documents: dict[str, Document]  # type: ignore[assignment]

    @staticmethod
    def _document_type() -> Any:
        """The plugin's ``Document``, one per file."""
        return Document
