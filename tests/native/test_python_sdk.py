"""The README's resource reference, run on the native plugin by changing only its import line.

The program is the README's first Python example under *Resources*, read from README.md when the
test runs, with ``import pulumi_did_agents as didagents`` replaced by
``import pulumi_did_agents.native.sdk as didagents``: a knowledge base, a ``KnowledgeFolder`` of
documents, an agent built from ``didagents.PresenterArgs``/``VoiceArgs``/``LlmArgs``, a client key
and a conversation test, deployed by the real CLI through ``pulumi-resource-didagents`` against the
emulator; then an ``up`` and a preview that change nothing, and a ``destroy`` that leaves the
account empty.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from tests.e2e.engine import ROOT, EngineEnv
from tests.native.projects import is_empty, latest

DYNAMIC_IMPORT = "import pulumi_did_agents as didagents"
NATIVE_IMPORT = "import pulumi_did_agents.native.sdk as didagents"

RETURNS_POLICY = """# Returns policy

Items can be returned within 30 days of delivery for a full refund. Refunds reach the original
payment method within 5 business days after the returned item arrives at our warehouse.
"""

CASES = """version: 1
cases:
  - name: return-window
    turns:
      - user: How many days do I have to return an item?
        facts: ["30 days"]
"""


def readme_example() -> str:
    """The first ```python block of the README's *Resources* section."""
    readme = (ROOT / "README.md").read_text()
    section = readme.partition("\n## Resources\n")[2].partition("\n## ")[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None, "README.md's Resources section has no ```python example any more"
    return match.group(1)


def sdk_project(engine: EngineEnv, plugin_dir: Path, program: str) -> tuple[Path, list[str]]:
    project = engine.tmp / "readme-native"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "returns-policy.md").write_text(RETURNS_POLICY)
    (project / "conversations.yaml").write_text(CASES)
    (project / "__main__.py").write_text(program)
    (project / "Pulumi.yaml").write_text(
        f"name: readme-native\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        f"plugins:\n  providers:\n    - name: didagents\n      path: {plugin_dir}\n"
    )
    return project, engine.init_stack(project, "dev")


def by_type(resources: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for resource in resources:
        out.setdefault(resource["type"], []).append(resource)
    return out


def test_the_readmes_resource_reference_runs_on_the_native_sdk(engine: EngineEnv, engine_tools: Path) -> None:
    example = readme_example()
    assert example.count(DYNAMIC_IMPORT) == 1, f"the README example no longer says `{DYNAMIC_IMPORT}`"
    program = example.replace(DYNAMIC_IMPORT, NATIVE_IMPORT)
    for name in ("KnowledgeBase", "KnowledgeFolder", "Agent", "PresenterArgs", "LlmArgs", "ClientKey"):
        assert f"didagents.{name}(" in program, f"the README example no longer uses didagents.{name}"
    assert "didagents.ConversationTest(" in program
    project, args = sdk_project(engine, engine_tools, program)

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    engine.cli("up", "--yes", "--expect-no-changes", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)

    resources = by_type(latest(engine, project, args))
    assert not any(t.startswith("pulumi-python:dynamic") for t in resources), sorted(resources)
    assert "pulumi:providers:didagents" in resources
    (kb,) = resources["didagents:index:KnowledgeBase"]
    (document,) = resources["didagents:index:Document"]
    (agent,) = resources["didagents:index:Agent"]
    (key,) = resources["didagents:index:ClientKey"]
    (gate,) = resources["didagents:index:ConversationTest"]
    assert len(resources["didagents:index:KnowledgeFolder"]) == 1  # the component, in this process

    # Nested args classes reach the engine in schema.json's names, and come back the same.
    presenter = agent["inputs"]["presenter"]
    assert presenter["presenterId"] == "v2_public_Amber@0zSz8kflCN"
    assert presenter["voice"] == {"type": "microsoft", "voiceId": "en-US-JennyMultilingualV2Neural"}
    assert agent["inputs"]["llm"]["temperature"] == 0.2
    assert agent["inputs"]["knowledgeId"] == kb["outputs"]["knowledgeId"]
    assert document["parent"] == resources["didagents:index:KnowledgeFolder"][0]["urn"]
    assert document["outputs"]["status"] == "done"
    # The client key is a secret in state; the conversation test ran and passed.
    assert key["outputs"]["clientKey"].get("4dabf18193072939515e22adb298388d") is not None
    assert gate["outputs"]["passed"] is True and gate["outputs"]["totalCases"] == 1
    assert gate["inputs"]["agentId"] == agent["outputs"]["agentId"]

    outputs = json.loads(engine.cli("stack", "output", "--json", *args, cwd=project).stdout)
    assert outputs["agent_id"] == agent["outputs"]["agentId"]
    assert outputs["client_key"] == "[secret]"

    listed = engine.api.get("/agents").raise_for_status().json()
    assert [a["preview_name"] for a in listed] == ["returns-assistant"]

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
