"""The pack as the CLI runs it: ``python -m pulumi.policy <engine> <pack dir>`` spoken to over gRPC.

No Pulumi CLI is needed: the analyzer never calls the engine address back, so the test plays the
engine. This checks what unit tests can't: that ``__main__.py`` starts, that the CLI's config reaches
``args.get_config()``, enforcement levels from the config file, and how the engine's unknown
sentinels arrive.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

POLICY_DIR = Path(__file__).resolve().parents[2] / "policy"
AGENT = "pulumi-python:dynamic/didagents:Agent"
KB = "pulumi-python:dynamic/didagents:KnowledgeBase"
DOC = "pulumi-python:dynamic/didagents:Document"


def urn(stack: str, resource_type: str, name: str) -> str:
    return f"urn:pulumi:{stack}::did-grpc::{resource_type}::{name}"


def struct(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


@pytest.fixture(scope="module")
def analyzer() -> Iterator[analyzer_pb2_grpc.AnalyzerStub]:
    env = dict(os.environ, PULUMI_PROJECT="did-grpc", PULUMI_STACK="prod", PULUMI_DRY_RUN="true")
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:1", "."],
        cwd=POLICY_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        port_line = process.stdout.readline().decode().strip()
        if not port_line.isdigit():
            process.kill()
            _, stderr = process.communicate(timeout=10)
            pytest.fail(f"policy pack did not start: {port_line!r}\n{stderr.decode()}")
        channel = grpc.insecure_channel(f"127.0.0.1:{port_line}")
        yield analyzer_pb2_grpc.AnalyzerStub(channel)
        channel.close()
    finally:
        process.kill()
        process.wait(timeout=10)


def analyze(
    stub: analyzer_pb2_grpc.AnalyzerStub,
    resource_type: str,
    name: str,
    props: dict[str, Any],
    stack: str = "prod",
) -> list[analyzer_pb2.AnalyzeDiagnostic]:
    request = analyzer_pb2.AnalyzeRequest(
        type=resource_type, urn=urn(stack, resource_type, name), name=name, properties=struct(props)
    )
    return list(stub.Analyze(request).diagnostics)


def test_analyzer_info_lists_every_rule_as_mandatory(analyzer) -> None:
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    assert info.name == "did-agents-guardrails"
    levels = {policy.name: policy.enforcementLevel for policy in info.policies}
    assert levels == {
        "agent-requires-knowledge-base-in-production": analyzer_pb2.MANDATORY,
        "agent-instructions-not-empty": analyzer_pb2.MANDATORY,
        "knowledge-base-max-documents": analyzer_pb2.MANDATORY,
        "documents-https-in-production": analyzer_pb2.MANDATORY,
        "embedding-only-where-allowed": analyzer_pb2.MANDATORY,
        "agent-name-pattern": analyzer_pb2.MANDATORY,
        "knowledge-base-name-pattern": analyzer_pb2.MANDATORY,
    }
    schemas = {policy.name: set(policy.configSchema.properties.keys()) for policy in info.policies}
    assert schemas["knowledge-base-max-documents"] == {"maxDocuments"}
    assert schemas["embedding-only-where-allowed"] == {"allowEmbed"}
    assert schemas["agent-requires-knowledge-base-in-production"] == {"productionStacks"}


def test_unknown_knowledge_id_in_preview_is_neither_violation_nor_warning(analyzer) -> None:
    props = {
        "name": "support-agent",
        "llm": {"provider": "openai", "instructions": "Answer from the handbook."},
        "knowledge_id": UNKNOWN_STRING_VALUE,  # what the engine sends for kb.id during preview
        "embed": False,
    }
    assert analyze(analyzer, AGENT, "support", props) == []


def test_violations_carry_rule_names_and_config_changes_apply(analyzer) -> None:
    props = {"name": "Support Agent", "llm": {"provider": "openai", "instructions": " "}, "embed": True}
    analyzer.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig={}))
    diagnostics = analyze(analyzer, AGENT, "support", props)
    assert {d.policyName for d in diagnostics} == {
        "agent-requires-knowledge-base-in-production",
        "agent-instructions-not-empty",
        "embedding-only-where-allowed",
        "agent-name-pattern",
    }
    assert all(d.enforcementLevel == analyzer_pb2.MANDATORY for d in diagnostics)

    # What `--policy-pack-config` with config/dev.json-style entries turns into.
    analyzer.Configure(
        analyzer_pb2.ConfigureAnalyzerRequest(
            policyConfig={
                "embedding-only-where-allowed": analyzer_pb2.PolicyConfig(
                    enforcementLevel=analyzer_pb2.MANDATORY, properties=struct({"allowEmbed": True})
                ),
                "agent-name-pattern": analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.DISABLED),
                "agent-instructions-not-empty": analyzer_pb2.PolicyConfig(
                    enforcementLevel=analyzer_pb2.ADVISORY
                ),
                "agent-requires-knowledge-base-in-production": analyzer_pb2.PolicyConfig(
                    enforcementLevel=analyzer_pb2.MANDATORY, properties=struct({"productionStacks": ["live"]})
                ),
            }
        )
    )
    try:
        diagnostics = analyze(analyzer, AGENT, "support", props)
        assert [(d.policyName, d.enforcementLevel) for d in diagnostics] == [
            ("agent-instructions-not-empty", analyzer_pb2.ADVISORY)
        ]
    finally:
        analyzer.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig={}))


def test_stack_rule_groups_preview_documents_by_knowledge_base(analyzer) -> None:
    kb_urn = urn("prod", KB, "handbook")
    resources = [
        analyzer_pb2.AnalyzerResource(type=KB, urn=kb_urn, name="handbook", properties=struct({"name": "h"}))
    ]
    for i in range(6):
        resources.append(
            analyzer_pb2.AnalyzerResource(
                type=DOC,
                urn=urn("prod", DOC, f"doc-{i}"),
                name=f"doc-{i}",
                properties=struct({"knowledge_id": UNKNOWN_STRING_VALUE, "source_url": f"https://x/{i}.md"}),
                dependencies=[kb_urn],
                propertyDependencies={
                    "knowledge_id": analyzer_pb2.AnalyzerPropertyDependencies(urns=[kb_urn])
                },
            )
        )
    response = analyzer.AnalyzeStack(analyzer_pb2.AnalyzeStackRequest(resources=resources))
    assert [(d.policyName, d.urn) for d in response.diagnostics] == [("knowledge-base-max-documents", kb_urn)]
    assert "has 6 documents" in response.diagnostics[0].message
