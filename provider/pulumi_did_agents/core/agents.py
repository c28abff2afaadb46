"""Agents: crash-safe create, readiness, refresh that sees drift, in-place updates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ProviderError
from ..spec import AGENT, AgentInputs
from .base import Created, Reference, or_none
from .knowledge_bases import knowledge_exists
from .text_marked import TextMarkedCore

if TYPE_CHECKING:
    from ..client import Agent, Client
    from ..client.namespaces import Agents

__all__ = ["AgentCore", "agent_exists"]


def agent_exists(client: Client, agent_id: str) -> bool:
    return or_none(lambda: client.agents.get(agent_id)) is not None


class AgentCore(TextMarkedCore["Agent", AgentInputs]):
    spec = AGENT
    marker_field = "preview_description"
    scope = ("agents",)

    def group(self, client: Client) -> Agents:
        return client.agents

    def defaults(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """A talk presenter's preview image defaults to its photo (the API requires both)."""
        presenter = inputs.get("presenter")
        if isinstance(presenter, dict) and presenter.get("type") == "talk" and "thumbnail" not in presenter:
            source = presenter.get("source_url")
            if source is not None:
                inputs = {**inputs, "presenter": {**presenter, "thumbnail": source}}
        return inputs

    def references(self) -> tuple[Reference, ...]:
        return (
            Reference("knowledge_id", knowledge_exists, "knowledge base"),
            Reference("adopt_id", agent_exists, "agent"),
        )

    # --- CRUD ---------------------------------------------------------------------------------

    def create(self, inputs: AgentInputs, *, urn: str) -> Created:
        body = self._body(inputs, urn)
        with self.api("create", urn) as client:
            adopt_id = inputs.get("adopt_id")
            if adopt_id:
                agent, found = self._adopt(client, adopt_id, body, inputs), True
            else:
                agent, found = self._find_or_create(client, body, inputs, urn)
            if not found:  # an agent made just now has no keys; an adopted one may have ours
                self.session.mark_fresh(("client_keys", agent.id))
            self.session.note_made(agent.id)
            created = Created(agent.id, self._outputs(agent))
            agent = self.wait_or_leave(
                lambda: self._wait(client, agent, urn),
                created=created,
                remove=lambda: client.agents.delete(agent.id),
            )
        return Created(agent.id, self._outputs(agent))

    def _adopt(self, client: Client, agent_id: str, body: dict[str, Any], inputs: AgentInputs) -> Agent:
        """Take over an existing agent: PATCH it to the declared inputs, clearing undeclared fields."""
        live = or_none(lambda: client.agents.get(agent_id))
        if live is None:
            raise ProviderError(f"Agent create: adopt_id: agent {agent_id} does not exist")
        return client.agents.update(agent_id, self._patch(body, inputs, self._live_inputs(live, {})))

    def _patch(
        self, body: dict[str, Any], inputs: AgentInputs, previous: Mapping[str, Any]
    ) -> dict[str, Any]:
        """A PATCH body that makes the agent equal ``inputs``: whole top-level values, and ``null``
        for what was set before but is no longer declared (nested objects are not merged)."""
        patch = dict(body)
        for prop in self.spec.inputs:
            if prop.api_name is None or inputs.get(prop.name) is not None:
                continue
            if previous.get(prop.name) is not None and prop.default is None:
                patch[prop.api_name.split(".", 1)[0]] = None
        return patch

    def _wait(self, client: Client, agent: Agent, urn: str) -> Agent:
        from ..client import AGENT_READY  # loaded with the client; core imports without it

        if (agent.status or "").rsplit("/", 1)[-1] in AGENT_READY:
            return agent
        return client.agents.wait_until_ready(
            agent.id,
            timeout=self.session.settings.wait_timeout,
            progress=lambda status, waited: self.session.report(
                urn, f"waiting for agent {agent.id} to be ready (status {status}, {waited:.0f}s)"
            ),
        )

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: AgentInputs, *, urn: str
    ) -> dict[str, Any]:
        body = self._patch(self._body(new_inputs, urn), new_inputs, self.known_inputs(old_inputs))
        with self.api("update", urn) as client:
            agent = client.agents.update(id_, body)
            agent = self._wait(client, agent, urn)
        return self._outputs(agent)
