"""The real dynamic provider process (``python -m pulumi.dynamic``) driven over gRPC, as the engine does.

This is where the host upgrades live (dynamic/host.py): stables and detailed diffs reaching the
engine, one-line errors even on the call that loaded the provider, and the URN behind ownership
markers. Direct calls cannot show any of these.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from google.protobuf import struct_pb2
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import proto, rpc
from pulumi.runtime.proto import provider_pb2_grpc

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import Client
from pulumi_did_agents.core.markers import marker_for

from .conftest import OWNER, agent_inputs

_SECRET_SIG = {rpc._special_sig_key: rpc._special_secret_sig}
AGENT_URN = "urn:pulumi:dev::grpc-test::pulumi-python:dynamic/didagents:Agent::ada"


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


def news(**overrides: Any) -> struct_pb2.Struct:
    return to_struct(
        {**agent_inputs(**overrides), "__provider": serialize_provider(didagents.AgentProvider())}
    )


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
        assert caught.value.details() == (
            "didagents:apiUrl must be an http(s) URL such as https://api.d-id.com (got 'not-a-url')"
        )


def test_check_failures_name_the_field(stub: provider_pb2_grpc.ResourceProviderStub) -> None:
    bad = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news(user_data="x" * 1500)))
    assert [(f.property, f.reason) for f in bad.failures] == [
        ("", "user_data: must be at most 1000 characters (got 1500)")
    ]


def test_lifecycle_with_stables_detailed_diffs_and_markers(
    stub: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer
) -> None:
    checked = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
    assert list(checked.failures) == []
    created = stub.Create(proto.CreateRequest(urn=AGENT_URN, properties=checked.inputs))
    outs = from_struct(created.properties)
    assert created.id.startswith("agt_") and outs["status"] == "done"
    assert did_emulator.api_key not in str(outs)
    with Client(base_url=did_emulator.url, api_key=did_emulator.api_key) as client:
        assert client.agents.get(created.id).preview_description == (
            f"Support agent [pulumi:{marker_for(OWNER, AGENT_URN)}]"
        )

    same = stub.Diff(
        proto.DiffRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=checked.inputs)
    )
    assert same.changes == proto.DiffResponse.DIFF_NONE

    renamed = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=checked.inputs, news=news(name="Bea")))
    diff = stub.Diff(
        proto.DiffRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=renamed.inputs)
    )
    assert diff.changes == proto.DiffResponse.DIFF_SOME and diff.hasDetailedDiff
    assert {k: v.kind for k, v in diff.detailedDiff.items()} == {"name": proto.PropertyDiff.UPDATE}
    assert "agent_id" in diff.stables and "name" not in diff.stables and list(diff.replaces) == []

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
    assert replace.detailedDiff["presenter.type"].kind == proto.PropertyDiff.UPDATE_REPLACE
    assert list(replace.replaces) == ["presenter"] and replace.deleteBeforeReplace

    updated = stub.Update(
        proto.UpdateRequest(id=created.id, urn=AGENT_URN, olds=created.properties, news=renamed.inputs)
    )
    assert from_struct(updated.properties)["name"] == "Bea"
    read = stub.Read(proto.ReadRequest(id=created.id, urn=AGENT_URN, properties=updated.properties))
    assert read.id == created.id and from_struct(read.inputs)["name"] == "Bea"

    stub.Delete(proto.DeleteRequest(id=created.id, urn=AGENT_URN, properties=updated.properties))
    gone = stub.Read(proto.ReadRequest(id=created.id, urn=AGENT_URN, properties=updated.properties))
    assert gone.id == ""


def test_api_errors_reach_the_engine_as_one_line(
    stub: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer
) -> None:
    checked = stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
    did_emulator.configure(fault_rate=1.0, fault_status=500, fault_phase="before", fault_paths="^/agents")
    with pytest.raises(grpc.RpcError) as caught:
        stub.Create(proto.CreateRequest(urn=AGENT_URN, properties=checked.inputs))
    message = caught.value.details() or ""
    assert message.startswith("Agent create: ") and "500 InternalServerError" in message
    assert "\n" not in message and did_emulator.api_key not in message


def test_debug_switch_restores_tracebacks() -> None:
    with start_provider(DID_AGENTS_DEBUG="1") as stub:
        configure(stub, "not-a-url", "u:p")
        with pytest.raises(grpc.RpcError) as caught:
            stub.Check(proto.CheckRequest(urn=AGENT_URN, olds=to_struct({}), news=news()))
        details = caught.value.details() or ""
        assert "Traceback (most recent call last)" in details and "ConfigError" in details
