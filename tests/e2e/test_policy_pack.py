"""`pulumi preview --policy-pack policy` blocks a violating production program and passes a compliant one."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.engine import ROOT, EngineEnv

POLICY = ROOT / "policy"
PROD_CONFIG = POLICY / "config" / "prod.json"

PROGRAM_HEAD = """
import pulumi
import pulumi_did_agents as didagents

presenter = didagents.PresenterArgs(type="clip", presenter_id="v2_public_Amber@0zSz8kflCN")
"""

VIOLATING = (
    PROGRAM_HEAD
    + """
kb = didagents.KnowledgeBase("kb", name="handbook", description="Handbook")
didagents.Document(
    "doc", knowledge_id=kb.id, source_url="http://docs.example.com/handbook.md", title="Handbook"
)
didagents.Agent(
    "agent",
    name="support-agent",
    presenter=presenter,
    llm=didagents.LlmArgs(provider="openai", model="gpt-4o-mini", instructions="   "),
    embed=True,
)
"""
)

COMPLIANT = (
    PROGRAM_HEAD
    + """
kb = didagents.KnowledgeBase("kb", name="handbook", description="Handbook")
doc = didagents.Document(
    "doc", knowledge_id=kb.id, source_url="https://docs.example.com/handbook.md", title="Handbook"
)
didagents.Agent(
    "agent",
    name="support-agent",
    presenter=presenter,
    llm=didagents.LlmArgs(provider="openai", model="gpt-4o-mini", instructions="Answer from the handbook."),
    knowledge_id=kb.id,
    embed=False,
    opts=pulumi.ResourceOptions(depends_on=[doc]),
)
"""
)


def make_project(engine: EngineEnv, name: str, source: str) -> Path:
    project = engine.tmp / name
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
    )
    (project / "__main__.py").write_text(source)
    engine.init_stack(project, "prod")
    return project


def preview_with_policy(engine: EngineEnv, project: Path) -> tuple[int, str]:
    result = engine.cli(
        "preview",
        "--policy-pack",
        str(POLICY),
        "--policy-pack-config",
        str(PROD_CONFIG),
        cwd=project,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def test_policy_pack_blocks_a_violating_production_program(engine: EngineEnv) -> None:
    code, output = preview_with_policy(engine, make_project(engine, "violating", VIOLATING))

    assert code != 0, output
    for rule in (
        "agent-requires-knowledge-base-in-production",
        "agent-instructions-not-empty",
        "documents-https-in-production",
        "embedding-only-where-allowed",
    ):
        assert rule in output, f"{rule} not reported:\n{output}"
    assert "mandatory" in output
    assert engine.list_account() == {"agents": [], "knowledge": [], "documents": []}


def test_policy_pack_passes_a_compliant_production_program(engine: EngineEnv) -> None:
    code, output = preview_with_policy(engine, make_project(engine, "compliant", COMPLIANT))

    assert code == 0, output
    assert "did-agents-guardrails" in output
    assert "mandatory" not in output, output
