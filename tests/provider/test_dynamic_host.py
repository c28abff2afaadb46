"""The real dynamic provider process (``python -m pulumi.dynamic``) driven over gRPC, as the engine does,
and under the real engine.

The provider keeps to the SDK's documented contract (dynamic/provider.py): the URN behind ownership
markers arrives as the hidden input ``__urn``, never from the servicer's request; the servicer's
module is left as the SDK made it; errors are one line even on the call that loaded the provider;
old state without ``__urn`` diffs as unchanged. Direct calls cannot show these.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import struct_pb2
from pulumi import automation as auto
from pulumi.dynamic import CheckResult, ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import proto, rpc
from pulumi.runtime.proto import provider_pb2_grpc

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client
from pulumi_did_agents.core.markers import marker_for
from pulumi_did_agents.dynamic.provider import URN_KEY
from tests.e2e.engine import EngineEnv

from .conftest import OWNER, agent_inputs

_SECRET_SIG = {rpc._special_sig_key: rpc._special_secret_sig}
AGENT_URN = "urn:pulumi:dev::grpc-test::pulumi-python:dynamic/didagents:Agent::ada"
ROOT = Path(__file__).resolve().parents[2]


def to_struct(props: dict[str, Any]) -> struct_pb2.Struct:
    return asyncio.run(rpc.serialize_properties(props, {}))


def from_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    return dict(rpc.deserialize_properties(struct, False))


@contextlib.contextmanager
def start_provider(**env_overrides: str) -> Iterator[provider_pb2_grpc.ResourceProviderStub]:
    """The provider process, killed on leaving the block."""
    env = {k: v for k, v in os.environ.items() if k not in ("DID_API_URL", "DID_API_KEY", "DID_AGENTS_DEBUG")}
    env.update(PULUMI_PROJECT="grpc-test", **env_overrides)
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "pulumi.dynamic"], stdout=subprocess.PIPE, env=env
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().decode().strip())
        yield provider_pb2_grpc.ResourceProviderStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def stub(did_emulator: EmulatorServer) -> Iterator[provider_pb2_grpc.ResourceProviderStub]:
    with start_provider() as stub:
        configure(stub, did_emulator.url, did_emulator.api_key)
        yield stub


def news(urn: str | None = AGENT_URN, **overrides: Any) -> struct_pb2.Struct:
    """What a program registers: the inputs, the pickled provider and the URN ``DidResource`` adds."""
    props = {**agent_inputs(**overrides), "__provider": serialize_provider(didagents.AgentProvider())}
    return to_struct(props if urn is None else {**props, URN_KEY: urn})


def configure(stub: provider_pb2_grpc.ResourceProviderStub, url: str, key: str) -> None:
    args = struct_pb2.Struct()
    # The engine sends secret config wrapped as a secret value; the server unwraps it.
    args.update(
        {
            "didagents:apiUrl": url,
            "didagents:apiKey": {**_SECRET_SIG, "value": key},
            "didagents:retryTimeout": "1",
            "didagents:owner": OWNER,
            "grpc-test:x": "y",
        }
    )
    stub.Configure(proto.ConfigureRequest(args=args, acceptSecrets=False))


def test_errors_are_one_line_even_on_the_call_that_loads_the_provider() -> None:
    with start_provider() as stub:
        configure(stub, "not-a-url", "u:p")
        with pytest.raises(grpc.RpcError) as caught:
            stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
        # ``traceback.format_exc()`` of the servicer, with no traceback: the exception's line.
        assert caught.value.details() == (
            "pulumi-did-agents: didagents:apiUrl must be an http(s) URL such as https://api.d-id.com "
            "(got 'not-a-url')\n"
        )


def test_check_failures_name_the_field(stub: provider_pb2_grpc.ResourceProviderStub) -> None:
    bad = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news(user_data="x" * 1500)))
    assert [(f.property, f.reason) for f in bad.failures] == [
        ("", "user_data: must be at most 1000 characters (got 1500)")
    ]


def test_lifecycle_with_the_urn_as_an_input(
    stub: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer
) -> None:
    checked = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
    assert list(checked.failures) == [] and from_struct(checked.inputs)[URN_KEY] == AGENT_URN
    # The marker comes from the input, whatever the request says: nothing reads the servicer's frames.
    elsewhere = "urn:pulumi:dev::grpc-test::pulumi-python:dynamic/didagents:Agent::not-this-one"
    created = stub.Create(proto.CreateRequest(urn=elsewhere, properties=checked.inputs))
    outs = from_struct(created.properties)
    assert created.id.startswith("agt_") and outs["status"] == "done" and outs[URN_KEY] == AGENT_URN
    assert did_emulator.api_key not in str(outs)
    with Client(base_url=did_emulator.url, api_key=did_emulator.api_key) as client:
        assert client.agents.get(created.id).preview_description == (
            f"Support agent [pulumi:{marker_for(OWNER, AGENT_URN)}]"
        )

    same = stub.Diff(
        proto.DiffRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=checked.inputs)
    )
    assert same.changes == proto.DiffResponse.DIFF_NONE

    # The SDK's plain diff: changed or not and the replacing keys; the engine shows the changed keys
    # from the old and new inputs. Per-property diffs and stables are the native provider's.
    renamed = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=checked.inputs, news=news(name="Bea")))
    diff = stub.Diff(
        proto.DiffRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=renamed.inputs)
    )
    assert diff.changes == proto.DiffResponse.DIFF_SOME and list(diff.replaces) == []
    assert not diff.hasDetailedDiff and list(diff.stables) == []

    retyped = stub.Check(
        proto.CheckRequest(
            urn=AGENT_URN,
            olds=checked.inputs,
            news=news(presenter={"type": "talk", "source_url": "https://example.com/a.png"}),
        )
    )
    replace = stub.Diff(
        proto.DiffRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=retyped.inputs)
    )
    assert list(replace.replaces) == ["presenter"] and replace.deleteBeforeReplace

    updated = stub.Update(
        proto.UpdateRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=renamed.inputs)
    )
    assert from_struct(updated.properties)["name"] == "Bea"
    read = stub.Read(proto.ReadRequest(id=created.id, urn=AGENT_URN, properties=updated.properties))
    assert read.id == created.id and from_struct(read.inputs)["name"] == "Bea"
    assert from_struct(read.inputs)[URN_KEY] == AGENT_URN

    stub.Delete(proto.DeleteRequest(id=created.id, urn=AGENT_URN, properties=updated.properties))
    gone = stub.Read(proto.ReadRequest(id=created.id, urn=AGENT_URN, properties=updated.properties))
    assert gone.id == ""


def test_old_state_without_the_urn_input_diffs_as_unchanged(
    stub: provider_pb2_grpc.ResourceProviderStub,
) -> None:
    """State written before ``__urn`` existed: the next preview must show no change."""
    checked = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
    created = stub.Create(proto.CreateRequest(urn=AGENT_URN, properties=checked.inputs))
    old_outputs = {k: v for k, v in from_struct(created.properties).items() if k != URN_KEY}
    old_inputs = {k: v for k, v in from_struct(checked.inputs).items() if k != URN_KEY}

    again = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct(old_inputs), news=news()))
    diff = stub.Diff(
        proto.DiffRequest(
            id=created.id,
            urn=AGENT_URN,
            olds=to_struct(old_outputs),
            old_inputs=to_struct(old_inputs),
            news=again.inputs,
        )
    )
    assert diff.changes == proto.DiffResponse.DIFF_NONE


def test_create_needs_the_urn_input(stub: provider_pb2_grpc.ResourceProviderStub) -> None:
    checked = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news(urn=None)))
    with pytest.raises(grpc.RpcError) as caught:
        stub.Create(proto.CreateRequest(urn=AGENT_URN, properties=checked.inputs))
    assert "cannot create: the resource's URN is unknown" in (caught.value.details() or "")


class ServerProbe(ResourceProvider):
    """Reports, from inside the provider process, what the servicer's module globals are."""

    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        main = sys.modules["__main__"]
        from pulumi.runtime import proto as sdk_proto

        seen = {
            "server": getattr(main.__spec__, "name", None),
            "proto": getattr(main, "proto", None) is sdk_proto,
            "traceback": getattr(main, "traceback", None) is traceback,
            "diff_response": sdk_proto.DiffResponse is getattr(main, "proto", sdk_proto).DiffResponse,
            "tracebacklimit": getattr(sys, "tracebacklimit", None),
        }
        return CheckResult({"seen": json.dumps(seen)}, [])


def test_the_sdk_servicer_module_is_left_as_the_sdk_made_it(did_emulator: EmulatorServer) -> None:
    """Loading our provider changes no global of ``pulumi.dynamic.__main__`` (the servicer)."""
    probe = to_struct({"__provider": serialize_provider(ServerProbe())})
    with start_provider(PYTHONPATH=str(ROOT)) as stub:
        configure(stub, did_emulator.url, did_emulator.api_key)
        stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))  # loads ours
        seen = json.loads(
            from_struct(stub.Check(proto.CheckRequest(olds=to_struct({}), news=probe)).inputs)["seen"]
        )
    assert seen == {
        "server": "pulumi.dynamic.__main__",
        "proto": True,
        "traceback": True,
        "diff_response": True,
        "tracebacklimit": 0,  # Python's documented switch, our only process-wide setting
    }


def test_api_errors_reach_the_engine_as_one_line(
    stub: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer
) -> None:
    checked = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
    did_emulator.configure(fault_rate=1.0, fault_status=500, fault_phase="before", fault_paths="^/agents")
    with pytest.raises(grpc.RpcError) as caught:
        stub.Create(proto.CreateRequest(urn=AGENT_URN, properties=checked.inputs))
    message = (caught.value.details() or "").removesuffix("\n")
    assert message.startswith("pulumi-did-agents: Agent create: ") and "500 InternalServerError" in message
    assert "\n" not in message and did_emulator.api_key not in message


def test_debug_switch_restores_tracebacks() -> None:
    with start_provider(DID_AGENTS_DEBUG="1") as stub:
        configure(stub, "not-a-url", "u:p")
        with pytest.raises(grpc.RpcError) as caught:
            stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
        details = caught.value.details() or ""
        assert "Traceback (most recent call last)" in details and "ConfigError" in details


# --- under the real engine ------------------------------------------------------------------------

PRESENTER = {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"}


def test_engine_urns_reach_the_provider_and_old_state_previews_unchanged(
    engine: EngineEnv, tmp_path: Path
) -> None:
    """``__urn`` is the URN the engine gave, for top-level resources and a component's children
    alike; a stack written before ``__urn`` existed previews with no change."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "faq.md").write_text("Returns take 30 days.\n")

    def program() -> None:
        kb = didagents.KnowledgeBase("kb", name="handbook", description="Product handbook")
        didagents.KnowledgeFolder("docs", knowledge_id=kb.id, path=folder, patterns=["*.md"])
        didagents.Agent(
            "agent", name="ada", presenter=didagents.PresenterArgs(**PRESENTER), knowledge_id=kb.id
        )

    stack = engine.stack(program)
    stack.up()
    dynamic = [
        r for r in engine.checkpoint(stack)["resources"] if r["type"].startswith("pulumi-python:dynamic/")
    ]
    assert len(dynamic) == 3
    assert {r["urn"]: r["inputs"][URN_KEY] for r in dynamic} == {r["urn"]: r["urn"] for r in dynamic}
    assert any(
        "KnowledgeFolder$pulumi-python:dynamic/didagents:Document::docs/faq.md" in r["urn"] for r in dynamic
    )
    owner = engine.owners[("e2e", "dev")]
    agent = next(r for r in dynamic if r["urn"].endswith("::agent"))
    live = engine.api.get(f"/agents/{agent['id']}").raise_for_status().json()
    assert marker_for(owner, agent["urn"]) in json.dumps(live)

    state = stack.export_stack()
    for resource in state.deployment["resources"]:
        for part in ("inputs", "outputs"):
            (resource.get(part) or {}).pop(URN_KEY, None)
    stack.import_stack(state)
    stack.preview(expect_no_changes=True, diff=True)


def test_engine_shows_a_failed_create_as_one_line(engine: EngineEnv) -> None:
    def program() -> None:
        didagents.Agent("agent", name="ada", presenter=didagents.PresenterArgs(**PRESENTER))

    stack = engine.stack(program)
    stack.set_config("didagents:retryTimeout", auto.ConfigValue("1"))
    engine.emulator.configure(fault_rate=1.0, fault_status=500, fault_phase="before", fault_paths="^/agents")
    messages: list[str] = []

    def collect(event: auto.EngineEvent) -> None:
        diag = event.diagnostic_event
        if diag is not None and diag.severity == "error" and diag.urn and diag.urn.endswith("::agent"):
            messages.append(diag.message)

    with pytest.raises(auto.CommandError) as failure:
        stack.up(on_event=collect)
    assert len(messages) == 1, messages
    line = messages[0].strip()
    assert line.startswith("pulumi-did-agents: Agent create: ") and "500 InternalServerError" in line
    assert "\n" not in line
    printed = str(failure.value)
    assert "Traceback" not in printed and "most recent call last" not in printed
    assert f"error: {line}" in printed
