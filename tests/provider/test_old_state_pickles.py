"""Providers pickled before ``dynamic/`` named ``pulumi_did_agents.resources.<module>``: a fresh process
(the dynamic provider host) must still load them, with pickle and with the dill the SDK uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

# dill.dumps(<provider>, protocol=pickle.DEFAULT_PROTOCOL) as written when the providers lived in
# pulumi_did_agents/resources/<module>.py, base64-encoded.
OLD_PICKLES = {
    ("agent", "AgentProvider"): (
        "gASVPQAAAAAAAACMIXB1bHVtaV9kaWRfYWdlbnRzLnJlc291cmNlcy5hZ2VudJSMDUFnZW50UHJvdmlkZXKUk5QpgZR9lGIu"
    ),
    ("document", "DocumentProvider"): (
        "gASVQwAAAAAAAACMJHB1bHVtaV9kaWRfYWdlbnRzLnJlc291cmNlcy5kb2N1bWVudJSMEERvY3VtZW50UHJvdmlkZXKUk5QpgZR9lGIu"
    ),
    ("knowledge_base", "KnowledgeBaseProvider"): (
        "gASVTgAAAAAAAACMKnB1bHVtaV9kaWRfYWdlbnRzLnJlc291cmNlcy5rbm93bGVkZ2VfYmFzZZSMFUtub3dsZWRnZUJhc2VQcm92aWRl"
        "cpSTlCmBlH2UYi4="
    ),
}


@pytest.mark.parametrize(("module", "name"), sorted(OLD_PICKLES))
@pytest.mark.parametrize("loader", ["pickle", "dill"])
def test_an_old_pickle_loads_in_a_fresh_process(module: str, name: str, loader: str) -> None:
    probe = (
        f"import base64, importlib, sys, {loader}\n"
        f"raw = base64.b64decode({OLD_PICKLES[module, name]!r})\n"
        "assert not [m for m in sys.modules if m.startswith('pulumi_did_agents')]\n"
        f"provider = {loader}.loads(raw)\n"
        "import pulumi_did_agents as didagents\n"
        f"assert type(provider) is didagents.{name}, type(provider)\n"
        f"assert importlib.import_module('pulumi_did_agents.resources.{module}').{name} is didagents.{name}\n"
    )
    command = [sys.executable, "-c", probe]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
