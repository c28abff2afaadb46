"""Drive the real provider server (``python -m pulumi.dynamic``) over gRPC, as the engine does.

This exercises what direct calls cannot: the by-reference pickle being loaded in another process,
``configure()`` fed from the engine's Configure call, (de)serialisation of unknowns and outputs.
"""

from __future__ import annotations

import asyncio
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

from .conftest import agent_inputs

_SECRET_SIG = {rpc._special_sig_key: rpc._special_secret_sig}


def to_struct(props: dict[str, Any]) -> struct_pb2.Struct:
    return asyncio.run(rpc.serialize_properties(props, {}))


def from_struct(struct: struct_pb2.Struct, keep_unknowns: bool = False) -> dict[str, Any]:
    return dict(rpc.deserialize_properties(struct, keep_unknowns))


@pytest.fixture
def provider_server() -> Iterator[provider_pb2_grpc.ResourceProviderStub]:
    env = {k: v for k, v in os.environ.items() if k not in ("DID_API_URL", "DID_API_KEY")}
    env["PULUMI_PROJECT"] = "grpc-test"
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "pulumi.dynamic"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().decode().strip())
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        yield provider_pb2_grpc.ResourceProviderStub(channel)
        channel.close()
    finally:
        process.kill()
        process.wait(timeout=10)


def configure(stub: provider_pb2_grpc.ResourceProviderStub, emulator: EmulatorServer) -> None:
    args = struct_pb2.Struct()
    args.update(
        {
            "didagents:apiUrl": emulator.url,
            # The engine sends secret config wrapped as a secret value; the server unwraps it.
            "didagents:apiKey": {**_SECRET_SIG, "value": emulator.api_key},
            "grpc-test:unrelated": "ignored",
        }
    )
    stub.Configure(proto.ConfigureRequest(args=args, acceptSecrets=False))


def urn(kind: str, name: str) -> str:
    return f"urn:pulumi:dev::grpc-test::pulumi-python:dynamic/didagents:{kind}::{name}"


def test_agent_lifecycle_over_grpc(
    provider_server: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer
) -> None:
    stub = provider_server
    configure(stub, did_emulator)
    blob = serialize_provider(didagents.AgentProvider())
    agent_urn = urn("Agent", "ada")

    # Preview: knowledge_id and the presenter URL are not known yet.
    preview_news = {**agent_inputs(knowledge_id=rpc.UNKNOWN), "__provider": blob}
    preview_news["presenter"] = {**preview_news["presenter"], "source_url": rpc.UNKNOWN}
    checked = stub.Check(proto.CheckRequest(urn=agent_urn, olds=to_struct({}), news=to_struct(preview_news)))
    assert list(checked.failures) == []
    assert checked.inputs["knowledge_id"] == rpc.UNKNOWN

    # A bad value is reported per field.
    bad = stub.Check(
        proto.CheckRequest(
            urn=agent_urn,
            olds=to_struct({}),
            news=to_struct({**agent_inputs(user_data="x" * 1500), "__provider": blob}),
        )
    )
    assert [(f.property, "1000" in f.reason) for f in bad.failures] == [("user_data", True)]

    # Up: check, create.
    checked = stub.Check(
        proto.CheckRequest(
            urn=agent_urn, olds=to_struct({}), news=to_struct({**agent_inputs(), "__provider": blob})
        )
    )
    assert list(checked.failures) == []
    created = stub.Create(proto.CreateRequest(urn=agent_urn, properties=checked.inputs))
    outs = from_struct(created.properties)
    assert created.id.startswith("agt_") and outs["status"] == "done" and outs["__provider"] == blob
    assert outs["client_key"] and "apiKey" not in str(outs) and did_emulator.api_key not in str(outs)

    # Identical inputs: no diff. A changed instruction: update in place.
    same = stub.Diff(
        proto.DiffRequest(id=created.id, urn=agent_urn, olds=created.properties, news=checked.inputs)
    )
    assert same.changes == proto.DiffResponse.DIFF_NONE
    changed_inputs = {
        **agent_inputs(),
        "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Be terse."},
        "__provider": blob,
    }
    rechecked = stub.Check(
        proto.CheckRequest(urn=agent_urn, olds=checked.inputs, news=to_struct(changed_inputs))
    )
    diff = stub.Diff(
        proto.DiffRequest(id=created.id, urn=agent_urn, olds=created.properties, news=rechecked.inputs)
    )
    assert diff.changes == proto.DiffResponse.DIFF_SOME and list(diff.replaces) == []
    # Preview with an unknown counts as a change.
    unknown_news = to_struct({**from_struct(rechecked.inputs), "knowledge_id": rpc.UNKNOWN})
    assert (
        stub.Diff(
            proto.DiffRequest(id=created.id, urn=agent_urn, olds=created.properties, news=unknown_news)
        ).changes
        == proto.DiffResponse.DIFF_SOME
    )

    updated = stub.Update(
        proto.UpdateRequest(id=created.id, urn=agent_urn, olds=created.properties, news=rechecked.inputs)
    )
    updated_outs = from_struct(updated.properties)
    assert updated_outs["llm"]["instructions"] == "Be terse." and updated_outs["agent_id"] == created.id

    # Refresh: live state and re-baselined inputs.
    read = stub.Read(proto.ReadRequest(id=created.id, urn=agent_urn, properties=updated.properties))
    assert read.id == created.id
    assert from_struct(read.inputs)["user_data"] == "tier=gold"
    assert from_struct(read.properties)["llm"]["instructions"] == "Be terse."

    stub.Delete(proto.DeleteRequest(id=created.id, urn=agent_urn, properties=updated.properties))
    gone = stub.Read(proto.ReadRequest(id=created.id, urn=agent_urn, properties=updated.properties))
    assert gone.id == ""
    stub.Delete(
        proto.DeleteRequest(id=created.id, urn=agent_urn, properties=updated.properties)
    )  # idempotent


def test_knowledge_base_and_document_over_grpc(
    provider_server: provider_pb2_grpc.ResourceProviderStub, did_emulator: EmulatorServer, content_server: str
) -> None:
    stub = provider_server
    configure(stub, did_emulator)
    kb_blob = serialize_provider(didagents.KnowledgeBaseProvider())
    doc_blob = serialize_provider(didagents.DocumentProvider())
    kb_checked = stub.Check(
        proto.CheckRequest(
            urn=urn("KnowledgeBase", "kb"),
            olds=to_struct({}),
            news=to_struct({"name": "Docs", "description": "Product docs", "__provider": kb_blob}),
        )
    )
    kb = stub.Create(proto.CreateRequest(urn=urn("KnowledgeBase", "kb"), properties=kb_checked.inputs))
    assert kb.id.startswith("knl_")

    doc_news = {
        "knowledge_id": kb.id,
        "source_url": f"{content_server}/guide.md",
        "title": "Guide",
        "__provider": doc_blob,
    }
    doc_checked = stub.Check(
        proto.CheckRequest(urn=urn("Document", "doc"), olds=to_struct({}), news=to_struct(doc_news))
    )
    assert doc_checked.inputs["document_type"] == "markdown"
    doc = stub.Create(proto.CreateRequest(urn=urn("Document", "doc"), properties=doc_checked.inputs))
    assert doc.id.startswith(f"{kb.id}#doc_")
    retitled = stub.Check(
        proto.CheckRequest(
            urn=urn("Document", "doc"),
            olds=doc_checked.inputs,
            news=to_struct({**doc_news, "title": "Returns"}),
        )
    )
    diff = stub.Diff(
        proto.DiffRequest(id=doc.id, urn=urn("Document", "doc"), olds=doc.properties, news=retitled.inputs)
    )
    assert list(diff.replaces) == ["title"] and diff.deleteBeforeReplace is False

    # A failing create surfaces the server's reason as a gRPC error and leaves nothing behind.
    bad_checked = stub.Check(
        proto.CheckRequest(
            urn=urn("Document", "bad"),
            olds=to_struct({}),
            news=to_struct({**doc_news, "source_url": f"{content_server}/missing.md"}),
        )
    )
    with pytest.raises(grpc.RpcError) as caught:
        stub.Create(proto.CreateRequest(urn=urn("Document", "bad"), properties=bad_checked.inputs))
    assert "could not be ingested" in str(caught.value.details())
    assert did_emulator.api_key not in str(caught.value.details())

    stub.Delete(proto.DeleteRequest(id=kb.id, urn=urn("KnowledgeBase", "kb"), properties=kb.properties))
    assert (
        stub.Read(proto.ReadRequest(id=doc.id, urn=urn("Document", "doc"), properties=doc.properties)).id
        == ""
    )
