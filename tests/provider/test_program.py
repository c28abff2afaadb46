"""The resources as a program sees them, under ``pulumi.runtime.set_mocks``.

The mocks hand each registration to the provider pickled into ``__provider`` (check + create, or
read for ``.get``), so a program runs end to end against the emulator without a CLI.
"""

from __future__ import annotations

import base64
from typing import Any

import dill
import pulumi
import pytest
from pulumi.runtime import rpc

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer

from .conftest import configure_request


def unwrap(value: Any) -> Any:
    if rpc.is_rpc_secret(value):
        return unwrap(rpc.unwrap_rpc_secret(value))
    if isinstance(value, dict):
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


class ProviderMocks(pulumi.runtime.Mocks):
    """Runs the real pickled provider for every registration; records what the program sent."""

    def __init__(self, emulator: EmulatorServer) -> None:
        self.emulator = emulator
        self.registrations: list[pulumi.runtime.MockResourceArgs] = []

    def _provider(self, inputs: dict[str, Any]) -> didagents.AgentProvider:
        provider: didagents.AgentProvider = dill.loads(base64.b64decode(unwrap(inputs["__provider"])))  # noqa: S301 - our own pickle
        provider.configure(configure_request(self.emulator.url, self.emulator.api_key))
        return provider

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        self.registrations.append(args)
        provider = self._provider(args.inputs)
        if args.resource_id:  # Agent.get(...) etc.
            read = provider.read(args.resource_id, unwrap(args.inputs))
            return read.id, read.outs or {}
        checked = provider.check({}, unwrap(args.inputs))
        assert checked.failures == [], [f.reason for f in checked.failures]
        created = provider.create(checked.inputs)
        return created.id, created.outs or {}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocks(did_emulator: EmulatorServer) -> ProviderMocks:
    made = ProviderMocks(did_emulator)
    pulumi.runtime.set_mocks(made, project="proj", stack="dev", preview=False)
    return made


@pulumi.runtime.test
def test_program_with_all_three_resources(mocks: ProviderMocks, content_server: str) -> Any:
    kb = didagents.KnowledgeBase("kb", name="Returns", description="Returns policy")
    doc = didagents.Document(
        "guide",
        didagents.DocumentArgs(
            knowledge_id=kb.knowledge_id, source_url=f"{content_server}/guide.md", title="Guide"
        ),
    )
    agent = didagents.Agent(
        "ada",
        name="Ada",
        presenter=didagents.PresenterArgs(
            type="talk",
            source_url="https://example.com/ada.png",
            voice=didagents.VoiceArgs(type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"),
        ),
        llm=didagents.LlmArgs(provider="openai", model="gpt-4o-mini", instructions="Answer from the docs."),
        knowledge_id=kb.knowledge_id,
        opts=pulumi.ResourceOptions(depends_on=[doc]),
    )

    def check(values: list[Any]) -> None:
        kb_id, doc_id, doc_type, agent_id, status, knowledge_id = values
        assert doc_id.startswith(f"{kb_id}#doc_") and doc_type == "markdown"
        assert agent_id.startswith("agt_") and status == "done" and knowledge_id == kb_id
        types = [r.typ for r in mocks.registrations]
        assert types == [didagents.KNOWLEDGE_BASE_TYPE, didagents.DOCUMENT_TYPE, didagents.AGENT_TYPE]
        for registration in mocks.registrations:
            # Nothing secret is captured, so the provider blob is a plain (unencrypted) string.
            assert not rpc.is_rpc_secret(registration.inputs["__provider"])
            assert len(base64.b64decode(registration.inputs["__provider"])) < 200

    return pulumi.Output.all(
        kb.knowledge_id, doc.document_id, doc.document_type, agent.agent_id, agent.status, agent.knowledge_id
    ).apply(check)


@pulumi.runtime.test
def test_custom_llm_secrets_are_marked_secret(mocks: ProviderMocks) -> Any:
    agent = didagents.Agent(
        "custom",
        {
            "name": "Own LLM",
            "presenter": {"type": "clip", "presenter_id": "v2_public_Amber"},
            "llm": {"provider": "custom", "custom": {"url": "https://llm.test/v1", "key": "sk-live"}},
        },
    )

    def check(_: Any) -> None:
        sent = mocks.registrations[-1].inputs
        assert rpc.is_rpc_secret(sent["llm"]) or rpc.is_rpc_secret(sent["llm"]["custom"]["key"])

    return agent.agent_id.apply(check)


@pulumi.runtime.test
def test_args_object_dict_and_keywords_are_equivalent(mocks: ProviderMocks) -> Any:
    didagents.KnowledgeBase("a", didagents.KnowledgeBaseArgs(name="N", description="D"))
    didagents.KnowledgeBase("b", {"name": "N", "description": "D"})
    last = didagents.KnowledgeBase("c", name="N", description="D")

    def check(_: Any) -> None:
        sent = [{k: v for k, v in r.inputs.items() if k != "__provider"} for r in mocks.registrations]
        assert sent[0] == sent[1] == sent[2] == {"name": "N", "description": "D"}

    return last.knowledge_id.apply(check)


def test_args_and_keywords_together_are_rejected() -> None:
    with pytest.raises(TypeError, match="not both"):
        didagents.KnowledgeBase("x", didagents.KnowledgeBaseArgs(name="N", description="D"), name="M")


@pulumi.runtime.test
def test_get_reads_an_existing_agent(mocks: ProviderMocks) -> Any:
    with didagents.client.Client(base_url=mocks.emulator.url, api_key=mocks.emulator.api_key) as api:
        existing = api.agents.create(
            {"presenter": {"type": "clip", "presenter_id": "v2_public_Amber"}, "preview_name": "Existing"}
        )
    found = didagents.Agent.get("existing", existing.id)

    def check(values: list[Any]) -> None:
        name, agent_id = values
        assert (name, agent_id) == ("Existing", existing.id)
        assert mocks.registrations[-1].resource_id == existing.id

    return pulumi.Output.all(found.name, found.agent_id).apply(check)


def test_type_tokens() -> None:
    assert didagents.AGENT_TYPE == "pulumi-python:dynamic/didagents:Agent"
    assert didagents.KNOWLEDGE_BASE_TYPE == "pulumi-python:dynamic/didagents:KnowledgeBase"
    assert didagents.DOCUMENT_TYPE == "pulumi-python:dynamic/didagents:Document"
    for cls, token in (
        (didagents.Agent, didagents.AGENT_TYPE),
        (didagents.Document, didagents.DOCUMENT_TYPE),
        (didagents.KnowledgeBase, didagents.KNOWLEDGE_BASE_TYPE),
    ):
        assert f"pulumi-python:{cls._resource_type_name}" == token
