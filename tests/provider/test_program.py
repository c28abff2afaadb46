"""Programs using the resources (pulumi mocks: what the SDK registers, not what the provider does)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pulumi
import pytest

import pulumi_did_agents as didagents
from pulumi_did_agents.dynamic.provider import URN_KEY


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocks() -> Mocks:
    # Earlier tests' asyncio.run() leaves the main thread without a current loop; mocks need one.
    asyncio.set_event_loop(asyncio.new_event_loop())
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, project="tests", stack="dev", preview=False)
    return mocks


@pulumi.runtime.test
def test_type_tokens_and_inputs(mocks: Mocks) -> pulumi.Output[Any]:
    kb = didagents.KnowledgeBase("kb", name="docs", description="Docs")
    didagents.Document("doc", knowledge_id=kb.id, source_url="https://x/a.pdf", title="A")
    agent = didagents.Agent(
        "agent",
        name="Ada",
        presenter=didagents.PresenterArgs(type="clip", presenter_id="v2_public_Amber@0zSz8kflCN"),
        knowledge_id=kb.id,
    )
    key = didagents.ClientKey("key", agent_id=agent.id, allowed_domains=["https://www.example.com"])

    def check(_: Any) -> None:
        types = sorted(r.typ for r in mocks.registered)  # registration order is asynchronous
        assert types == sorted(
            [
                didagents.KNOWLEDGE_BASE_TYPE,
                didagents.DOCUMENT_TYPE,
                didagents.AGENT_TYPE,
                didagents.CLIENT_KEY_TYPE,
            ]
        )
        assert didagents.CLIENT_KEY_TYPE == "pulumi-python:dynamic/didagents:ClientKey"

    return key.id.apply(check)


@pulumi.runtime.test
def test_secret_inputs_are_marked_secret(mocks: Mocks) -> pulumi.Output[Any]:
    agent = didagents.Agent(
        "agent",
        name="Ada",
        presenter={"type": "clip", "presenter_id": "p"},
        llm={"provider": "custom", "custom": {"url": "https://llm.example", "key": "sk-123"}},
    )

    def check(_: Any) -> None:
        registered = next(r for r in mocks.registered if r.name == "agent")
        llm = registered.inputs["llm"]  # a secret inside an object makes the object secret
        assert llm[pulumi.runtime.rpc._special_sig_key] == pulumi.runtime.rpc._special_secret_sig
        assert llm["value"]["custom"]["key"] == "sk-123"

    return agent.id.apply(check)


def test_args_object_dict_and_keywords_are_equivalent() -> None:
    from pulumi_did_agents._args import merge_args

    presenter = didagents.PresenterArgs(type="clip", presenter_id="p")
    as_args = merge_args(didagents.AgentArgs(name="Ada", presenter=presenter), {}, "Agent")
    as_dict = merge_args({"name": "Ada", "presenter": {"type": "clip", "presenter_id": "p"}}, {}, "Agent")
    as_kwargs = merge_args(None, {"name": "Ada", "presenter": presenter}, "Agent")
    assert as_args == as_dict == as_kwargs


def test_args_and_keywords_together_are_rejected() -> None:
    with pytest.raises(TypeError, match="either an args object or keyword arguments"):
        didagents.KnowledgeBase("kb", didagents.KnowledgeBaseArgs(name="a", description="b"), name="c")


@pytest.mark.parametrize(
    "triggers",
    [["doc_1", "doc_2"], "sha256:abc", 3, {"docs": ["doc_1", {"pages": [1, 2]}]}],
    ids=["list", "string", "number", "nested"],
)
def test_conversation_test_triggers_take_any_value(mocks: Mocks, triggers: Any) -> None:
    """``triggers=[doc.id]`` used to fail the program in the SDK (``Expected 'list' got 'dict'``)."""

    @pulumi.runtime.test
    def program() -> pulumi.Output[Any]:
        test = didagents.ConversationTest(
            "gate",
            agent_id="agt_1",
            cases={"cases": [{"name": "hi", "turns": [{"user": "Hi"}]}]},
            triggers=triggers,
        )

        def check(value: Any) -> None:
            assert value == triggers
            registered = next(r for r in mocks.registered if r.name == "gate")
            assert registered.inputs["triggers"] == triggers

        return test.triggers.apply(check)

    program()


# --- the resource's URN as a hidden input ---------------------------------------------------------


@pulumi.runtime.test
def test_the_urn_is_an_input_computed_from_name_type_and_parent(
    mocks: Mocks, tmp_path: Path
) -> pulumi.Output[Any]:
    """A top-level resource's ``__urn`` is the engine's (no stack type in it: the engine leaves the
    root stack out); a component's children build theirs from the component's URN, without
    depending on it (a dependency on a component means one on all its children: a cycle)."""
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "b.md").write_text("b")
    kb = didagents.KnowledgeBase("kb", name="docs", description="Docs")
    folder = didagents.KnowledgeFolder("folder", knowledge_id=kb.id, path=tmp_path, patterns=["*.md"])

    def check(folder_urn: str) -> None:
        registered = {r.name: r.inputs for r in mocks.registered}
        assert registered["kb"][URN_KEY] == f"urn:pulumi:dev::tests::{didagents.KNOWLEDGE_BASE_TYPE}::kb"
        prefix = folder_urn.rpartition("::")[0]
        for name in ("folder/a.md", "folder/b.md"):
            assert registered[name][URN_KEY] == f"{prefix}${didagents.DOCUMENT_TYPE}::{name}"

    docs = [doc.id for doc in folder.documents.values()]
    return pulumi.Output.all(folder.urn, *docs).apply(lambda values: check(values[0]))


def test_the_urn_of_a_resource_parented_to_the_stack_leaves_the_stack_type_out() -> None:
    from pulumi_did_agents.dynamic.provider import _is_root_stack

    assert _is_root_stack("urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev")
    assert not _is_root_stack("urn:pulumi:dev::proj::didagents:index:KnowledgeFolder::pulumi:pulumi:Stack")
    assert not _is_root_stack("urn:pulumi:dev::proj::my:index:Outer$didagents:index:KnowledgeFolder::docs")


def test_programs_cannot_set_the_urn(mocks: Mocks) -> None:
    with pytest.raises(TypeError, match="__urn is not an argument"):
        didagents.KnowledgeBase("kb", {"name": "a", "description": "b", URN_KEY: "urn:pulumi:x::y::z::w"})
