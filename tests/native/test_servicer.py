"""The provider servicer against the emulator, called as the engine calls it (no engine process)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import grpc
import httpx
import pytest
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2, status_pb2

from bench.api_calls import ApiCalls
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents import __version__
from pulumi_did_agents.codegen import build_schema
from pulumi_did_agents.core import UNKNOWN
from pulumi_did_agents.native.marshal import Bag, decode, encode
from pulumi_did_agents.native.server import DidAgentsProvider
from tests.native.plugin import Aborted, Context, Plugin

PRESENTER: dict[str, Any] = {
    "type": "clip",
    "presenterId": "v2_public_Amber@0zSz8kflCN",
    "voice": {"type": "microsoft", "voiceId": "en-US-JennyMultilingualV2Neural"},
}
AGENT: dict[str, Any] = {
    "name": "support-agent",
    "presenter": PRESENTER,
    "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
    "starterMessages": ["How long is the warranty?"],
}
PD = provider_pb2.PropertyDiff


def kinds(response: provider_pb2.DiffResponse) -> dict[str, int]:
    return {path: diff.kind for path, diff in response.detailedDiff.items()}


def make_kb(plugin: Plugin) -> tuple[str, Bag]:
    inputs = plugin.checked("KnowledgeBase", {"name": "handbook", "description": "Product handbook"})
    return plugin.create("KnowledgeBase", "kb", inputs)


# --- plugin and configuration ----------------------------------------------------------------------


def test_schema_and_version_come_from_the_declarations() -> None:
    provider = DidAgentsProvider()
    schema = provider.GetSchema(provider_pb2.GetSchemaRequest(), Context()).schema
    assert json.loads(schema) == build_schema()
    assert provider.GetPluginInfo(None, Context()).version == __version__


def test_config_errors_name_the_key_and_the_api_key_goes_back_secret() -> None:
    provider = DidAgentsProvider()
    bad = provider.CheckConfig(
        provider_pb2.CheckRequest(news=encode({"apiUrl": "ftp://x", "apiKey": "user:pw"})), Context()
    )
    assert [(f.property, f.reason) for f in bad.failures] == [
        ("", "didagents:apiUrl must be an http(s) URL such as https://api.d-id.com (got 'ftp://x')")
    ]
    assert decode(bad.inputs).secrets == {("apiKey",)}  # sent in clear, stored secret

    empty = provider.CheckConfig(provider_pb2.CheckRequest(news=encode({"apiKey": "  "})), Context())
    assert [f.reason for f in empty.failures] == [
        "didagents:apiKey is empty: set the D-ID API key or unset it"
    ]


def test_a_config_change_updates_the_provider_without_replacing_resources() -> None:
    provider = DidAgentsProvider()
    olds = encode({"apiUrl": "https://api.d-id.com", "apiKey": "a:b"}, {("apiKey",)})
    changed = provider.DiffConfig(
        provider_pb2.DiffRequest(olds=olds, news=encode({"apiUrl": "http://127.0.0.1:1", "apiKey": "a:b"})),
        Context(),
    )
    assert changed.changes == provider_pb2.DiffResponse.DIFF_SOME
    assert list(changed.replaces) == [] and kinds(changed) == {"apiUrl": PD.UPDATE}
    same = provider.DiffConfig(provider_pb2.DiffRequest(olds=olds, news=olds), Context())
    assert same.changes == provider_pb2.DiffResponse.DIFF_NONE


def test_configure_accepts_secrets_and_supports_previews(did_emulator: EmulatorServer) -> None:
    plugin = Plugin(DidAgentsProvider())
    response = plugin.configure({"apiUrl": did_emulator.url, "apiKey": did_emulator.api_key}, [("apiKey",)])
    assert response.acceptSecrets and response.supportsPreview
    assert plugin.provider.session().settings.api_url == did_emulator.url


# --- check and diff ------------------------------------------------------------------------------


def test_check_accepts_unknowns_with_one_credential_call_per_provider(
    plugin: Plugin, api_calls: ApiCalls
) -> None:
    inputs, failures = plugin.check("Agent", {**AGENT, "knowledgeId": UNKNOWN})

    assert failures == []
    assert inputs.values["knowledgeId"] is UNKNOWN
    assert inputs.values["greetings"] == [] and inputs.values["embed"] is False  # declared defaults
    assert api_calls.take() == ["GET /credits"]  # the credential check, once per provider
    plugin.check("KnowledgeBase", {"name": "kb", "description": "d"})
    plugin.check("Agent", {**AGENT, "knowledgeId": UNKNOWN})
    assert api_calls.take() == []


def test_check_failures_name_fields_as_the_program_does(plugin: Plugin) -> None:
    _, failures = plugin.check(
        "Agent",
        {
            **AGENT,
            "presenter": {"type": "clip", "voice": {"type": "microsoft"}},
            "userData": "",
            "colour": "red",
        },
    )
    assert failures == [
        "colour: unknown property (expected one of: adoptId, description, embed, greetings, knowledgeId, "
        "llm, name, presenter, release, starterMessages, triggers, userData)",
        "presenter.voice.voiceId: required for microsoft voices",
        "userData: must not be empty",
    ]


def test_check_keeps_secrets_secret_declared_or_received(plugin: Plugin) -> None:
    llm = {
        "provider": "custom",
        "instructions": "Hi",
        "custom": {"url": "https://llm.example.com", "key": "sk-1"},
    }
    inputs = plugin.checked("Agent", {**AGENT, "llm": llm, "userData": "tier=gold"}, secrets=[("userData",)])

    assert inputs.secrets == {("llm", "custom", "key"), ("userData",)}
    assert inputs.values["llm"]["custom"]["key"] == "sk-1"


def test_diff_is_per_property_update_or_replace(plugin: Plugin, api_calls: ApiCalls) -> None:
    kb_id, _ = make_kb(plugin)
    old = plugin.checked("Agent", {**AGENT, "knowledgeId": kb_id})
    new = plugin.checked(
        "Agent",
        {
            **AGENT,
            "knowledgeId": kb_id,
            "llm": {**AGENT["llm"], "instructions": "Answer in one line."},
            "presenter": {**PRESENTER, "type": "expressive"},
        },
    )
    api_calls.take()  # creating the knowledge base, checking the new literal knowledgeId once

    response = plugin.diff("Agent", old, new)
    assert kinds(response) == {"llm.instructions": PD.UPDATE, "presenter.type": PD.UPDATE_REPLACE}
    assert list(response.replaces) == ["presenter"] and response.deleteBeforeReplace
    assert response.hasDetailedDiff
    assert plugin.diff("Agent", old, old).changes == provider_pb2.DiffResponse.DIFF_NONE
    unknown = plugin.diff("Agent", old, Bag({**new.values, "presenter": PRESENTER, "knowledgeId": UNKNOWN}))
    assert kinds(unknown) == {"llm.instructions": PD.UPDATE, "knowledgeId": PD.UPDATE}
    assert "agentId" in unknown.stables and "knowledgeId" not in unknown.stables
    assert api_calls.take() == []


def test_document_changes_replace_and_delete_first(plugin: Plugin) -> None:
    doc = {"knowledgeId": "knl_1", "sourceUrl": "https://example.com/a.md", "title": "A"}
    old = Bag(doc | {"documentType": "text"})
    response = plugin.diff("Document", old, Bag({**old.values, "title": "B"}))
    assert kinds(response) == {"title": PD.UPDATE_REPLACE}
    assert response.deleteBeforeReplace


# --- CRUD ----------------------------------------------------------------------------------------------


def test_lifecycle_in_engine_names_with_secret_client_key(
    plugin: Plugin, did_emulator: EmulatorServer
) -> None:
    kb_id, kb = make_kb(plugin)
    assert kb.values["knowledgeId"] == kb_id and kb.values["name"] == "handbook"

    agent_inputs = plugin.checked("Agent", {**AGENT, "knowledgeId": kb_id})
    agent_id, agent = plugin.create("Agent", "agent", agent_inputs)
    assert agent.values["agentId"] == agent_id and agent.values["status"] == "done"
    assert agent.values["starterMessages"] == ["How long is the warranty?"]
    assert any("waiting for agent" in message for _, message in plugin.statuses)

    key_inputs = plugin.checked(
        "ClientKey", {"agentId": agent_id, "allowedDomains": ["https://a.example.com"], "name": "web"}
    )
    key_id, key = plugin.create("ClientKey", "key", key_inputs)
    assert key_id.startswith(f"{agent_id}/") and key.secrets == {("clientKey",)}
    assert key.values["clientKey"] not in key_id

    updated = plugin.update(
        "Agent",
        "agent",
        agent_id,
        agent,
        plugin.checked("Agent", {**AGENT, "knowledgeId": kb_id, "name": "renamed"}),
    )
    assert updated.values["name"] == "renamed" and updated.values["agentId"] == agent_id

    plugin.delete("ClientKey", key_id, key)
    plugin.delete("Agent", agent_id, updated)
    plugin.delete("KnowledgeBase", kb_id, kb)
    assert httpx.get(f"{did_emulator.url}/agents", headers=did_emulator.auth_headers()).json() == []


def test_read_refreshes_drift_imports_from_the_id_and_reports_deletion(
    plugin: Plugin, did_emulator: EmulatorServer
) -> None:
    kb_id, kb = make_kb(plugin)
    headers = did_emulator.auth_headers()
    httpx.patch(
        f"{did_emulator.url}/knowledge/{kb_id}", json={"name": "edited"}, headers=headers
    ).raise_for_status()

    read_id, state, inputs = plugin.read(
        "KnowledgeBase", kb_id, kb, Bag({"name": "handbook", "description": "Product handbook"})
    )
    assert read_id == kb_id and inputs.values == {"name": "edited", "description": "Product handbook"}

    imported_id, state, inputs = plugin.read("KnowledgeBase", kb_id)  # `pulumi import`: only the id
    assert imported_id == kb_id and inputs.values == {"name": "edited", "description": "Product handbook"}
    assert state.values["knowledgeId"] == kb_id

    httpx.delete(f"{did_emulator.url}/knowledge/{kb_id}", headers=headers).raise_for_status()
    assert plugin.read("KnowledgeBase", kb_id, kb)[0] == ""


def test_creates_list_each_kind_once_and_trust_the_ids_they_made(
    plugin: Plugin, api_calls: ApiCalls, did_emulator: EmulatorServer
) -> None:
    did_emulator.configure(agent_ready_delay=0)  # no readiness polls in the count
    kb_id, _ = make_kb(plugin)
    agent_inputs = plugin.checked("Agent", {**AGENT, "knowledgeId": kb_id})  # made here: not looked up
    plugin.create("Agent", "agent", agent_inputs)
    plugin.create("Agent", "agent2", agent_inputs)

    calls = api_calls.take()
    # The credential check (first check), both ownership listings (agents, knowledge bases) at the
    # first create, once; the knowledge base the agents name is not looked up; the rest are creates.
    gets = [call for call in calls if call.startswith("GET ") and call != "GET /credits"]
    assert calls.count("GET /credits") == 1
    assert sorted(set(calls) - set(gets) - {"GET /credits"}) == ["POST /agents", "POST /knowledge"]
    assert len(calls) == 6 and len(gets) == 2 and not any(kb_id in call for call in gets), gets


def test_previews_of_create_and_update_call_no_api(plugin: Plugin, api_calls: ApiCalls) -> None:
    kb_id, kb = make_kb(plugin)
    api_calls.take()

    preview_id, created = plugin.create(
        "KnowledgeBase", "kb2", Bag({"name": "x", "description": "y"}), preview=True
    )
    assert preview_id == "" and created.values["knowledgeId"] is UNKNOWN

    news = Bag({"name": "renamed", "description": "Product handbook"})
    planned = plugin.update("KnowledgeBase", "kb", kb_id, kb, news, preview=True)
    assert planned.values["knowledgeId"] == kb_id and planned.values["createdAt"] == kb.values["createdAt"]
    assert planned.values["modifiedAt"] is UNKNOWN and planned.values["name"] == "renamed"
    assert api_calls.take() == []


def test_an_agent_not_ready_in_time_is_reported_as_a_partial_create(
    plugin: Plugin, did_emulator: EmulatorServer
) -> None:
    plugin.configure(
        {"apiUrl": did_emulator.url, "apiKey": did_emulator.api_key, "waitTimeout": 0.3}, [("apiKey",)]
    )
    did_emulator.configure(agent_ready_delay=30)

    with pytest.raises(Aborted) as aborted:
        plugin.create("Agent", "slow", plugin.checked("Agent", AGENT))

    failure = aborted.value
    assert failure.code == grpc.StatusCode.UNKNOWN and "\n" not in failure.details
    assert "is not ready" in failure.details and "the next `pulumi up` adopts it" in failure.details
    rich = status_pb2.Status.FromString(failure.trailing["grpc-status-details-bin"])
    detail = provider_pb2.ErrorResourceInitFailed()
    assert rich.details[0].Unpack(detail)
    assert detail.id.startswith("agt_") and decode(detail.properties).values["agentId"] == detail.id
    assert decode(detail.inputs).values["name"] == "support-agent"


def test_api_errors_are_one_line_naming_kind_field_and_call(
    plugin: Plugin, did_emulator: EmulatorServer
) -> None:
    kb_id, _ = make_kb(plugin)
    inputs = plugin.checked("Agent", {**AGENT, "knowledgeId": kb_id})  # made by this process: no GET
    httpx.delete(f"{did_emulator.url}/knowledge/{kb_id}", headers=did_emulator.auth_headers())

    with pytest.raises(Aborted) as aborted:
        plugin.create("Agent", "agent", inputs)

    assert aborted.value.details == (
        "Agent create: knowledgeId: 400 BadRequestError: knowledge.id: Knowledge not found (POST /agents)"
    )


@pytest.mark.parametrize(
    "triggers",
    [["knl_1#doc_1"], "sha256:abc", 3, {"documents": ["knl_1#doc_1", {"pages": [1, 2]}], "revision": 1}],
    ids=["list", "string", "number", "nested"],
)
def test_conversation_test_triggers_take_any_json_value(plugin: Plugin, triggers: Any) -> None:
    cases = {"cases": [{"name": "hi", "turns": [{"user": "Hello?"}]}]}
    checked = plugin.checked("ConversationTest", {"agentId": UNKNOWN, "cases": cases, "triggers": triggers})
    assert checked.values["triggers"] == triggers
    old = Bag({**checked.values, "agentId": "agt_1"})
    assert plugin.diff("ConversationTest", old, old).changes == provider_pb2.DiffResponse.DIFF_NONE
    new = Bag({**old.values, "triggers": [triggers]})
    assert kinds(plugin.diff("ConversationTest", old, new)) == {"triggers": PD.UPDATE}


def test_cancel_stops_calls_waiting_to_retry_at_once(plugin: Plugin, did_emulator: EmulatorServer) -> None:
    """Ctrl-C sends Cancel: a read retrying 503s (retry budget 300 s) ends now, with one line."""
    kb_id, kb = make_kb(plugin)
    did_emulator.configure(fault_rate=1.0, fault_status=503, fault_paths=r"^/knowledge/knl_.*")
    threading.Timer(0.5, plugin.provider.Cancel, args=(empty_pb2.Empty(), Context())).start()
    started = time.monotonic()
    with pytest.raises(Aborted) as caught:
        plugin.read("KnowledgeBase", kb_id, kb)
    assert "cancelled: the update was interrupted (Ctrl-C)" in caught.value.details
    assert time.monotonic() - started < 60  # a generous cap: the retry budget is 300 s


def test_the_credential_check_starts_at_check_config_and_runs_once(
    did_emulator: EmulatorServer, api_calls: ApiCalls
) -> None:
    """A preview checks the provider's configuration first: the check starts then, in the background,
    and the session Configure sets up is the one that ran it."""
    provider = DidAgentsProvider()
    config = {"apiUrl": did_emulator.url, "apiKey": did_emulator.api_key, "owner": "tests.dev.0a1b2c3d"}
    checked = provider.CheckConfig(provider_pb2.CheckRequest(news=encode(config)), Context())
    assert list(checked.failures) == []
    provider.Configure(provider_pb2.ConfigureRequest(args=checked.inputs, acceptSecrets=True), Context())
    plugin = Plugin(provider)
    _, failures = plugin.check("KnowledgeBase", {"name": "kb", "description": "d"})
    assert failures == []
    assert api_calls.take() == ["GET /credits"]
