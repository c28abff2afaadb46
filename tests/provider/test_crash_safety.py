"""Creates on an API without idempotency: an interrupted or failed attempt never leaves a duplicate.

Each scenario plays what a killed or failing ``pulumi up`` leaves behind, then runs the next
``up``'s create in a fresh provider session, and counts what the account holds.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from pulumi_did_agents.core import IncompleteCreate, ProviderError, ProviderSettings, Session
from pulumi_did_agents.core import session as engine_module
from pulumi_did_agents.core.agents import AgentCore
from pulumi_did_agents.core.markers import marker_for, with_text_marker, with_url_marker

from ._mock_api import MockAPI, agent_json, error
from .conftest import CLIP_PRESENTER, OWNER, Cores, agent_inputs, settings_for, urn

AGENT_URN = urn("Agent", "ada")


def leftover_agent(cores: Cores, resource_urn: str = AGENT_URN, name: str = "Ada") -> str:
    """An agent a killed run made: created by the API, never recorded by Pulumi."""
    with cores.api() as client:
        return client.agents.create(
            {
                "presenter": CLIP_PRESENTER,
                "preview_name": name,
                "preview_description": with_text_marker("Support agent", marker_for(OWNER, resource_urn)),
            }
        ).id


def test_create_adopts_what_an_interrupted_run_made(cores: Cores) -> None:
    orphan = leftover_agent(cores)
    inputs = cores.checked(cores.agent, agent_inputs())
    created = cores.fresh().agent.create(inputs, urn=AGENT_URN)
    assert created.id == orphan
    agents = cores.account()["agents"]
    assert [a.id for a in agents] == [orphan]
    assert agents[0].preview_name == "Ada" and agents[0].greetings == ["Hi!"]  # patched to the inputs


def test_duplicates_of_earlier_runs_are_removed(cores: Cores) -> None:
    first, second = leftover_agent(cores), leftover_agent(cores)
    created = cores.fresh().agent.create(cores.checked(cores.agent, agent_inputs()), urn=AGENT_URN)
    assert created.id in (first, second)
    assert [a.id for a in cores.account()["agents"]] == [created.id]


def test_other_resources_objects_are_never_adopted(cores: Cores) -> None:
    theirs = leftover_agent(cores, urn("Agent", "ada", stack="prod"))
    by_hand = cores.api().agents.create({"presenter": CLIP_PRESENTER, "preview_name": "Ada"}).id
    created = cores.fresh().agent.create(cores.checked(cores.agent, agent_inputs()), urn=AGENT_URN)
    assert created.id not in (theirs, by_hand)
    assert len(cores.account()["agents"]) == 3


def test_a_500_after_the_api_committed_makes_no_duplicate(cores: Cores) -> None:
    cores.emulator.configure(fault_rate=1.0, fault_status=500, fault_phase="after", fault_paths="^/agents$")
    inputs = cores.checked(cores.agent, agent_inputs())
    created = cores.agent.create(inputs, urn=AGENT_URN)
    cores.emulator.configure(fault_rate=0.0)
    assert [a.id for a in cores.account()["agents"]] == [created.id]


def test_documents_left_by_killed_runs_do_not_fill_the_knowledge_base(cores: Cores, tmp_path: Path) -> None:
    kb_id = cores.make_kb()
    sources = []
    for index in range(5):
        path = tmp_path / f"doc{index}.md"
        path.write_text(f"Fact number {index} is true.\n")
        sources.append(path)
    with cores.api() as client:  # four of the five were made by an earlier, killed run
        for index in range(4):
            client.documents.create(
                kb_id,
                {
                    "source_url": with_url_marker(
                        sources[index].as_uri(), marker_for(OWNER, urn("Document", f"d{index}"))
                    ),
                    "title": f"Doc {index}",
                    "document_type": "text",
                },
            )
    fresh = cores.fresh()
    for index, path in enumerate(sources):
        inputs = fresh.checked(
            fresh.doc, {"knowledge_id": kb_id, "source_url": path.as_uri(), "title": f"Doc {index}"}
        )
        fresh.doc.create(inputs, urn=urn("Document", f"d{index}"))
    assert len(cores.account()["documents"]) == 5


def test_a_stale_attempt_at_older_document_inputs_is_replaced(cores: Cores, tmp_path: Path) -> None:
    kb_id = cores.make_kb()
    path = tmp_path / "doc.md"
    path.write_text("Warranty: 37 months.\n")
    doc_urn = urn("Document", "doc")
    with cores.api() as client:
        client.documents.create(
            kb_id,
            {
                "source_url": with_url_marker(path.as_uri(), marker_for(OWNER, doc_urn)),
                "title": "Old title",
                "document_type": "text",
            },
        )
    inputs = cores.checked(
        cores.doc, {"knowledge_id": kb_id, "source_url": path.as_uri(), "title": "New title"}
    )
    cores.fresh().doc.create(inputs, urn=doc_urn)
    assert [d.title for d in cores.account()["documents"]] == ["New title"]


def test_a_failed_readiness_poll_never_deletes_the_agent(cores: Cores) -> None:
    settings = settings_for(cores.emulator, retry_timeout=0.2)
    cores.emulator.configure(agent_ready_delay=1.5)
    flaky = Cores(Session(settings, client_options=dict(cores.session.client_options)), cores.emulator)
    inputs = cores.checked(cores.agent, agent_inputs())

    def unreachable_after_post(*_: Any) -> None:
        cores.emulator.configure(fault_rate=1.0, fault_status=503, fault_paths="^/agents/agt_")

    flaky.session.progress = unreachable_after_post
    with pytest.raises(IncompleteCreate) as caught:
        flaky.agent.create(inputs, urn=AGENT_URN)
    assert "left in place" in str(caught.value) and "adopts it" in str(caught.value)
    cores.emulator.configure(fault_rate=0.0, agent_ready_delay=0)
    left = cores.account()["agents"]
    assert [a.id for a in left] == [caught.value.created.id]
    assert cores.fresh().agent.create(inputs, urn=AGENT_URN).id == left[0].id
    assert len(cores.account()["agents"]) == 1


def test_a_provider_whose_engine_died_creates_nothing(cores: Cores, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "_PARENT_PID", -1)
    with pytest.raises(ProviderError, match="engine that started this provider has exited"):
        cores.agent.create(cores.checked(cores.agent, agent_inputs()), urn=AGENT_URN)
    assert cores.account()["agents"] == []


def test_an_ambiguous_post_is_looked_up_before_it_is_sent_again() -> None:
    """503 before the server processed it: nothing was made, so the create posts once more."""
    marked = with_text_marker(None, marker_for(OWNER, AGENT_URN))
    api = MockAPI().queue(
        httpx.Response(200, json={"agents": []}),  # the ownership index: nothing of ours
        error(503, "ServiceUnavailable", "busy"),  # the POST: ambiguous
        httpx.Response(200, json={"agents": []}),  # looked up again: still nothing
        httpx.Response(200, json=agent_json(preview_description=marked)),  # posted again
    )
    settings = ProviderSettings(
        api_url="https://api.test", api_key=SecretStr("u:p"), retry_timeout=60, owner=OWNER, offline=True
    )
    transport = httpx.MockTransport(api.handler)
    session = Session(
        settings, client_options={"transport": transport, "sleep": api.sleep, "clock": api.clock}
    )
    core = AgentCore(session)
    inputs = core.check({}, agent_inputs()).inputs
    created = core.create(inputs, urn=AGENT_URN)
    assert created.id == "agt_abc12345"
    assert [(r.method, r.url.path) for r in api.requests] == [
        ("GET", "/agents/me"),
        ("POST", "/agents"),
        ("GET", "/agents/me"),
        ("POST", "/agents"),
    ]


def test_a_provider_started_through_a_shell_shim_sees_its_engine_die(
    cores: Cores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDK's `pulumi-resource-pulumi-python` is a shell script that runs Python without `exec`:
    the provider's parent is the shell, which outlives a killed engine. Its closed port tells."""
    monkeypatch.setattr(engine_module, "_ENGINE", None)
    engine = socket.create_server(("127.0.0.1", 0))
    engine_module.watch_engine(f"127.0.0.1:{engine.getsockname()[1]}")
    assert engine_module.engine_alive()

    engine.close()  # what the kernel does for a SIGKILLed engine
    assert not engine_module.engine_alive()
    with pytest.raises(ProviderError, match="engine that started this provider has exited"):
        cores.agent.create(cores.checked(cores.agent, agent_inputs()), urn=AGENT_URN)
    assert cores.account()["agents"] == []

    engine_module.watch_engine(None)  # no address (a test, a debugger): the parent alone decides
    assert engine_module.engine_alive()
