"""Where the dynamic providers lived before ``dynamic/``: aliases that keep old stacks' state loadable.

Stacks deployed then hold pickles that name ``pulumi_did_agents.resources.<module>.<Provider>``
(``agent.AgentProvider``, ``document.DocumentProvider``, ``knowledge_base.KnowledgeBaseProvider``).
Importing this module registers those three modules in ``sys.modules``, each exposing the same
class as ``dynamic.provider``, so pickle, dill and ``importlib.import_module`` still find them.
"""

from __future__ import annotations

import sys
from types import ModuleType

from .dynamic.provider import AgentProvider, DocumentProvider, KnowledgeBaseProvider

__all__ = ["agent", "document", "knowledge_base"]


def _alias(name: str, provider: type) -> ModuleType:
    """The module ``pulumi_did_agents.resources.<name>``, holding ``provider`` under its own name."""
    module = ModuleType(
        f"{__name__}.{name}",
        "Alias for state written by earlier versions: their pickled provider names this module.",
    )
    module.__dict__.update({provider.__name__: provider, "__all__": [provider.__name__]})
    sys.modules[module.__name__] = module
    return module


agent = _alias("agent", AgentProvider)
document = _alias("document", DocumentProvider)
knowledge_base = _alias("knowledge_base", KnowledgeBaseProvider)
