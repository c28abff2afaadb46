"""Agents: crash-safe create, readiness, refresh that sees drift, in-place updates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..client._exceptions import NotFoundError
from ..spec import AGENT
from .base import Created, ReadResult, Reference, ResourceCore
from .errors import ProviderError
from .markers import marker_in_text, strip_text, with_text_marker
from .session import MarkerIndex
from .shapes import normalize
from .wire import from_wire, to_wire

if TYPE_CHECKING:
    from ..client import Agent, Client

__all__ = ["AgentCore", "agent_exists"]

_SCOPE = ("agents",)


def agent_exists(client: Client, agent_id: str) -> bool:
    try:
        client.agents.get(agent_id)
    except NotFoundError:
        return False
    return True


def _knowledge_exists(client: Client, knowledge_id: str) -> bool:
    try:
        client.knowledge.get(knowledge_id)
    except NotFoundError:
        return False
    return True


class AgentCore(ResourceCore):
    spec = AGENT

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
            Reference("knowledge_id", _knowledge_exists, "knowledge base"),
            Reference("adopt_id", agent_exists, "agent"),
        )

    # --- wire ---------------------------------------------------------------------------------

    def _body(self, inputs: Mapping[str, Any], urn: str) -> dict[str, Any]:
        body = to_wire(self.spec.inputs, inputs)
        body["preview_description"] = with_text_marker(inputs.get("description"), self.marker(urn))
        return body

    def _outputs(self, agent: Agent) -> dict[str, Any]:
        return from_wire(self.spec.outputs, agent.model_dump(mode="json", exclude_none=True))

    def _live_inputs(self, agent: Agent, prior: Mapping[str, Any]) -> dict[str, Any]:
        live = agent.model_dump(mode="json", exclude_none=True)
        live["preview_description"] = strip_text(live.get("preview_description"))
        return normalize(self.spec.inputs, from_wire(self.spec.inputs, live, prior))

    def warm(self) -> None:
        self._index().prefetch()

    def _index(self) -> MarkerIndex[Agent]:
        return self.index(
            _SCOPE,
            lambda client: client.agents.list(),
            lambda agent: marker_in_text(agent.preview_description),
            lambda agent: agent.id,
        )

    # --- CRUD ---------------------------------------------------------------------------------

    def create(self, inputs: Mapping[str, Any], *, urn: str) -> Created:
        body = self._body(inputs, urn)
        with self.api("create") as client:
            adopt_id = inputs.get("adopt_id")
            if adopt_id:
                agent = self._adopt(client, adopt_id, body, inputs)
            else:
                agent, found = self.find_or_create(
                    client,
                    index=self._index(),
                    marker=self.marker(urn),
                    post=lambda: client.agents.create(body),
                    confirm=lambda candidate: _get_or_none(client, candidate.id),
                    discard=lambda duplicate: client.agents.delete(duplicate.id),
                )
                if found and self._live_inputs(agent, inputs) != normalize(self.spec.inputs, inputs):
                    agent = client.agents.update(agent.id, self._patch(body, inputs, {}))
            self.session.mark_fresh(("client_keys", agent.id))
            self.session.note_made(agent.id)
            created = Created(agent.id, self._outputs(agent))
            agent = self.wait_or_leave(
                lambda: self._wait(client, agent, urn),
                created=created,
                remove=lambda: client.agents.delete(agent.id),
            )
        return Created(agent.id, self._outputs(agent))

    def _adopt(self, client: Client, agent_id: str, body: dict[str, Any], inputs: Mapping[str, Any]) -> Agent:
        """Take over an existing agent: PATCH it to the declared inputs, clearing undeclared fields."""
        try:
            live = client.agents.get(agent_id)
        except NotFoundError:
            raise ProviderError(f"Agent create: adopt_id: agent {agent_id} does not exist") from None
        return client.agents.update(agent_id, self._patch(body, inputs, self._live_inputs(live, {})))

    def _patch(
        self, body: dict[str, Any], inputs: Mapping[str, Any], previous: Mapping[str, Any]
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
        if (agent.status or "").rsplit("/", 1)[-1] in ("done", "ready"):
            return agent
        return client.agents.wait_until_ready(
            agent.id,
            timeout=self.session.settings.wait_timeout,
            progress=lambda status, waited: self.session.report(
                urn, f"waiting for agent {agent.id} to be ready (status {status}, {waited:.0f}s)"
            ),
        )

    def read(self, id_: str, inputs: Mapping[str, Any], outputs: Mapping[str, Any]) -> ReadResult | None:
        with self.api("read") as client:
            agent = _get_or_none(client, id_)
        if agent is None:
            return None
        return ReadResult(agent.id, self._live_inputs(agent, inputs), self._outputs(agent))

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: Mapping[str, Any], *, urn: str
    ) -> dict[str, Any]:
        body = self._patch(self._body(new_inputs, urn), new_inputs, self.known_inputs(old_inputs))
        with self.api("update") as client:
            agent = client.agents.update(id_, body)
            agent = self._wait(client, agent, urn)
        return self._outputs(agent)

    def delete(self, id_: str, inputs: Mapping[str, Any], outputs: Mapping[str, Any]) -> None:
        with self.api("delete") as client:
            try:
                client.agents.delete(id_)
            except NotFoundError:
                pass
        self.session.forget(_SCOPE, id_)


def _get_or_none(client: Client, agent_id: str) -> Agent | None:
    try:
        return client.agents.get(agent_id)
    except NotFoundError:
        return None
