"""The ``Agent`` dynamic resource and its provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, Resource, UpdateResult

from .._tokens import MODULE
from ..client import Agent as ApiAgent
from ..client import Client, DidAgentsError, NotFoundError
from ._agent_mapping import (
    AGENT_INPUT_KEYS,
    AGENT_OUTPUT_KEYS,
    agent_outputs,
    create_body,
    inputs_from_live,
    normalize_agent,
    update_body,
)
from ._args import AgentArgs, AgentArgsDict, merge_args
from ._provider import DidResourceProvider, ProvisioningError, discard
from ._schemas import AgentInputs
from ._values import is_unknown, without_provider

__all__ = ["Agent", "AgentProvider"]

_SECRET_CUSTOM_FIELDS = ("key", "client_secret")


class AgentProvider(DidResourceProvider):
    """CRUD for agents. Updates in place except for a change of ``presenter.type``."""

    inputs_model = AgentInputs
    input_keys = AGENT_INPUT_KEYS

    def normalize(self, props: Mapping[str, Any]) -> dict[str, Any]:
        return normalize_agent(props)

    def replaces_for(self, key: str, old: Any, new: Any) -> bool:
        # A presenter type switches the streaming stack and the required fields: replace. An
        # unknown type might be a switch, so it plans a replacement (as Terraform does).
        if key != "presenter":
            return False
        if not isinstance(new, Mapping) or is_unknown(new.get("type")):
            return True
        old_type = old.get("type") if isinstance(old, Mapping) else None
        return bool(new.get("type") != old_type)

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Create (or adopt) the agent and wait until it is ``done``; on failure delete what was made."""
        inputs = self.normalize(without_provider(props))
        adopt_id = inputs.get("adopt_id")
        with self.client() as client:
            if adopt_id:
                agent = _adopt(client, adopt_id, inputs)
            else:
                agent = client.agents.create(create_body(inputs))
            try:
                agent = client.agents.wait_until_ready(agent.id, timeout=self.settings.wait_timeout)
            except DidAgentsError as exc:
                if adopt_id:  # it existed before us: never delete an adopted object
                    raise ProvisioningError(f"adopted agent {adopt_id} is not usable: {exc}") from exc
                cleanup = discard(lambda: client.agents.delete(agent.id), f"agent {agent.id}")
                raise ProvisioningError(f"agent {agent.id} did not become ready: {exc}; {cleanup}") from exc
        return CreateResult(agent.id, agent_outputs(inputs, agent))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh: a deleted agent leaves the stack; an edited one re-baselines its inputs."""
        with self.client() as client:
            try:
                agent = client.agents.get(id_)
            except NotFoundError:
                return ReadResult("", {})
        inputs = inputs_from_live(agent, self.pick_inputs(props))
        return ReadResult(id_, agent_outputs(inputs, agent), inputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        """PATCH whole top-level values (full presenter and llm) and return complete outputs."""
        inputs = self.normalize(without_provider(_news))
        with self.client() as client:
            client.agents.update(_id, update_body(inputs, self.pick_inputs(_olds)))
            agent = client.agents.wait_until_ready(_id, timeout=self.settings.wait_timeout)
        return UpdateResult(agent_outputs(inputs, agent))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """Delete the agent; one that is already gone counts as deleted."""
        with self.client() as client:
            try:
                client.agents.delete(_id)
            except NotFoundError:
                pass


def _adopt(client: Client, agent_id: str, inputs: Mapping[str, Any]) -> ApiAgent:
    """PATCH an existing agent to the declared inputs, clearing fields the program does not declare."""
    try:
        live = client.agents.get(agent_id)
    except NotFoundError:
        raise ProvisioningError(f"cannot adopt agent {agent_id}: it does not exist") from None
    return client.agents.update(agent_id, update_body(inputs, inputs_from_live(live, {})))


def _mark_secrets(props: dict[str, Any]) -> dict[str, Any]:
    """Wrap ``llm.custom.key``/``client_secret`` in ``Output.secret`` like a generated SDK does."""
    llm = props.get("llm")
    custom = llm.get("custom") if isinstance(llm, dict) else None
    if isinstance(llm, dict) and isinstance(custom, dict):
        secret = {k: pulumi.Output.secret(v) for k, v in custom.items() if k in _SECRET_CUSTOM_FIELDS}
        props["llm"] = {**llm, "custom": {**custom, **secret}}
    return props


_PROVIDER = AgentProvider()


class Agent(Resource, module=MODULE, name="Agent"):
    """A D-ID interactive AI agent (avatar + voice + LLM, optionally grounded on a knowledge base).

    ``pulumi up`` waits until the agent is ready; if it never gets there it is deleted again.
    ``client_key`` is a secret output. Everything but ``presenter.type`` updates in place.

    **Adopting an existing agent.** ``pulumi import`` does not work for dynamic resources
    (pulumi/pulumi#16175). Instead declare the agent with ``adopt_id="agt_…"``: the first
    ``pulumi up`` PATCHes that agent to the declared inputs instead of creating a new one, and from
    then on it is managed like any other (``pulumi destroy`` deletes it unless you also set
    ``retain_on_delete``). ``adopt_id`` is ignored by diffs, so it can be removed afterwards.

    **Read-only lookup.** ``Agent.get("name", "agt_…")`` reads an agent into the program without
    managing it; :func:`pulumi_did_agents.get_agent` returns the API model directly.
    """

    agent_id: pulumi.Output[str]
    status: pulumi.Output[str]
    client_key: pulumi.Output[str]
    created: pulumi.Output[str]
    modified: pulumi.Output[str]
    owner_id: pulumi.Output[str]
    name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    presenter: pulumi.Output[dict[str, Any]]
    llm: pulumi.Output[dict[str, Any] | None]
    knowledge_id: pulumi.Output[str | None]
    greetings: pulumi.Output[list[str]]
    starter_messages: pulumi.Output[list[str]]
    user_data: pulumi.Output[str | None]
    embed: pulumi.Output[bool]
    triggers: pulumi.Output[dict[str, Any] | None]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: AgentArgs | AgentArgsDict | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[AgentArgsDict],
    ) -> None:
        inputs = _mark_secrets(merge_args(args, kwargs, "Agent"))
        props: dict[str, Any] = {key: None for key in (*AGENT_INPUT_KEYS, *AGENT_OUTPUT_KEYS)}
        props.update(inputs)
        secret_outputs = pulumi.ResourceOptions(additional_secret_outputs=["client_key"])
        super().__init__(_PROVIDER, resource_name, props, pulumi.ResourceOptions.merge(secret_outputs, opts))

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None) -> Agent:
        """Read an existing agent by id into the program (not managed, never modified or deleted)."""
        return Agent(resource_name, opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id)))
