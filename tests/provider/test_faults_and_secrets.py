"""Retries through injected faults create exactly one object; the API key never leaks."""

from __future__ import annotations

import base64
import logging
import re
from typing import Any

import dill
import httpx
import pytest
from pulumi.dynamic.dynamic import serialize_provider

import pulumi_did_agents as didagents
from did_agents_emulator.testing import EmulatorServer
from pulumi_did_agents.client import AuthenticationError

from .conftest import Providers, agent_inputs, configure_request


class FaultOnceTransport(httpx.BaseTransport):
    """Lets the emulator fault the first matching request, then switches faults off.

    That makes "the server committed the POST, then answered 500" deterministic.
    """

    def __init__(self, emulator: EmulatorServer) -> None:
        self.inner = httpx.HTTPTransport()
        self.emulator = emulator
        self.seen: list[tuple[str, str, int, str | None]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        self.seen.append(
            (request.method, request.url.path, response.status_code, request.headers.get("Idempotency-Key"))
        )
        if response.status_code in (429, 500):
            self.emulator.configure(fault_rate=0)
        return response


@pytest.mark.parametrize(("status", "phase"), [(500, "after"), (429, "before")])
def test_retried_create_makes_exactly_one_agent(providers: Providers, status: int, phase: str) -> None:
    transport = FaultOnceTransport(providers.emulator)
    providers.agent.client_options = {**providers.agent.client_options, "transport": transport}
    providers.emulator.configure(
        fault_rate=1.0, fault_status=status, fault_phase=phase, fault_paths=r"^/agents$", retry_after=0
    )
    result = providers.agent.create(providers.checked(providers.agent, agent_inputs()))
    posts = [entry for entry in transport.seen if entry[0] == "POST"]
    assert [entry[2] for entry in posts] == [status, 200]
    assert posts[0][3] is not None and posts[0][3] == posts[1][3]  # one Idempotency-Key, reused
    with providers.api() as api:
        assert [agent.id for agent in api.agents.list()] == [result.id]


def test_full_lifecycle_through_random_500s(did_emulator: EmulatorServer) -> None:
    provider = didagents.AgentProvider()
    kb_provider = didagents.KnowledgeBaseProvider()
    request = configure_request(did_emulator.url, did_emulator.api_key, **{"didagents:maxRetries": "12"})
    for p in (provider, kb_provider):
        p.configure(request)
        p.client_options = {"sleep": lambda _s: None}
    did_emulator.configure(fault_rate=0.3, fault_status=500, fault_phase="after")
    kb = kb_provider.create(kb_provider.check({}, {"name": "K", "description": "D"}).inputs)
    inputs = provider.check({}, agent_inputs(knowledge_id=kb.id)).inputs
    created = provider.create(inputs)
    assert created.outs is not None
    updated = provider.update(created.id, created.outs, {**inputs, "name": "Bea"})
    assert updated.outs is not None and updated.outs["name"] == "Bea"
    did_emulator.configure(fault_rate=0)
    api = didagents.client.Client(base_url=did_emulator.url, api_key=did_emulator.api_key)
    with api:
        assert [agent.id for agent in api.agents.list()] == [created.id]
        assert len(api.knowledge.list()) == 1
    did_emulator.configure(fault_rate=0.3)
    provider.delete(created.id, updated.outs)  # a DELETE committed before a 500 then 404s: still success
    did_emulator.configure(fault_rate=0)
    with api.__class__(base_url=did_emulator.url, api_key=did_emulator.api_key) as api2:
        assert api2.agents.list() == []


def _all_text(value: Any) -> str:
    return repr(value)


def test_api_key_never_in_logs_errors_outputs_or_pickles(
    providers: Providers, caplog: pytest.LogCaptureFixture
) -> None:
    key = providers.emulator.api_key
    secret_part = key.split(":", 1)[1]
    caplog.set_level(logging.DEBUG)
    providers.agent.client_options = {
        **providers.agent.client_options,
        "transport": FaultOnceTransport(providers.emulator),
    }
    providers.emulator.configure(
        fault_rate=1.0, fault_status=500, fault_phase="after", fault_paths=r"^/agents$"
    )
    created = providers.agent.create(providers.checked(providers.agent, agent_inputs()))
    read = providers.agent.read(created.id, {**(created.outs or {}), "__provider": "b"})
    providers.emulator.configure(fault_rate=0)

    # A wrong key: the error names the failure, not the key.
    wrong = didagents.AgentProvider()
    wrong.configure(configure_request(providers.emulator.url, "mallory:wrong-key-123"))
    with pytest.raises(AuthenticationError) as caught:
        wrong.read(created.id, {})
    assert "wrong-key-123" not in str(caught.value) and "wrong-key-123" not in repr(caught.value)

    blob = serialize_provider(providers.agent)
    pickled = base64.b64decode(blob)
    texts = [
        *(record.getMessage() for record in caplog.records),
        _all_text(created.outs),
        _all_text(read.outs),
        _all_text(read.inputs),
        repr(providers.agent),
        repr(providers.agent.settings),
        str(caught.value),
    ]
    assert any(re.search(r"POST /agents -> 500", text) for text in texts), "retries should be logged"
    for text in texts:
        assert secret_part not in text and key not in text
    assert secret_part.encode() not in pickled and key.encode() not in pickled
    assert secret_part.encode() not in dill.dumps(providers.agent)


def test_serialized_provider_is_a_tiny_reference(providers: Providers) -> None:
    for provider in (providers.agent, providers.knowledge_base, providers.document):
        pickled = base64.b64decode(serialize_provider(provider))
        assert len(pickled) < 200, len(pickled)
        assert b"pulumi_did_agents.resources" in pickled  # by reference, not by value
        clone = dill.loads(pickled)  # noqa: S301 - our own pickle
        assert type(clone) is type(provider)
        assert clone._settings is None and clone.client_options == {}
    # Configured or not, the pickle is identical: no __provider diff when the key rotates.
    assert serialize_provider(providers.agent) == serialize_provider(didagents.AgentProvider())
