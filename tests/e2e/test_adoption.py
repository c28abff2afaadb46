"""Taking existing objects under management (`adopt_id`) and reading them (`Agent.get`) under the engine.

`pulumi import` cannot work for dynamic resources (pulumi/pulumi#16175); these are the documented
ways instead.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

import pulumi_did_agents as didagents
from tests.e2e.engine import EngineEnv

PRESENTER = {"type": "clip", "presenter_id": "v2_public_Amber@0zSz8kflCN"}


def make_agent_out_of_band(engine: EngineEnv, name: str) -> dict[str, Any]:
    llm = {"provider": "openai", "instructions": "old"}
    body = {"presenter": PRESENTER, "preview_name": name, "llm": llm}
    agent: dict[str, Any] = engine.api.post("/agents", json=body).raise_for_status().json()
    return agent


def test_adopt_an_existing_agent_and_read_another(engine: EngineEnv) -> None:
    legacy = make_agent_out_of_band(engine, "legacy-agent")
    shared = make_agent_out_of_band(engine, "shared-agent")

    def program() -> None:
        adopted = didagents.Agent(
            "legacy",
            name="adopted-agent",
            presenter=didagents.PresenterArgs(**PRESENTER),
            llm=didagents.LlmArgs(provider="openai", model="gpt-4o-mini", instructions="Now managed."),
            adopt_id=legacy["id"],
        )
        looked_up = didagents.Agent.get("shared", shared["id"])
        pulumi.export("adopted_id", adopted.id)
        pulumi.export("shared_name", looked_up.name)

    stack = engine.stack(program)
    stack.up()

    outputs = stack.outputs()
    assert outputs["adopted_id"].value == legacy["id"]
    assert outputs["shared_name"].value == "shared-agent"
    live = engine.api.get(f"/agents/{legacy['id']}").json()
    assert live["preview_name"] == "adopted-agent"
    assert live["llm"]["instructions"] == "Now managed."
    assert len(engine.list_account()["agents"]) == 2, "adoption must not create a second agent"
    stack.preview(expect_no_changes=True)

    stack.destroy()
    remaining = [a["id"] for a in engine.list_account()["agents"]]
    assert remaining == [shared["id"]], "destroy deletes the adopted agent and leaves the read-only one"


def test_a_get_of_an_id_the_account_does_not_have_fails_the_preview_in_one_line(engine: EngineEnv) -> None:
    """A typo, or another account's agent (the API answers 404 for both), is caught before `up`."""

    def program() -> None:
        pulumi.export("name", didagents.Agent.get("ro", "agt_doesnotexist0").name)

    stack = engine.stack(program)
    with pytest.raises(auto.CommandError) as failed:
        stack.preview()
    message = str(failed.value)
    assert "Agent.get: agent agt_doesnotexist0 does not exist in this account" in message
    assert "Traceback" not in message
