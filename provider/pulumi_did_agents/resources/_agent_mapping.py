"""Agent: resource inputs ↔ API bodies ↔ live objects.

Input names are the user's (``name``, ``starter_messages``, ``knowledge_id``); the API's are
``preview_name``, ``starter_message`` and ``knowledge: {id}``. Keeping the mapping in one module
keeps create, update, read and adoption consistent with each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..client import Agent
from ._values import outputs_of, prune_none

__all__ = [
    "AGENT_INPUT_KEYS",
    "AGENT_OUTPUT_KEYS",
    "agent_outputs",
    "create_body",
    "inputs_from_live",
    "normalize_agent",
    "update_body",
]

AGENT_INPUT_KEYS = (
    "name",
    "description",
    "presenter",
    "llm",
    "knowledge_id",
    "greetings",
    "starter_messages",
    "user_data",
    "embed",
    "triggers",
    "adopt_id",
)
AGENT_OUTPUT_KEYS = ("agent_id", "status", "client_key", "created", "modified", "owner_id")

# input name -> API field name, for the fields that map one to one
_WIRE_NAMES = {
    "name": "preview_name",
    "description": "preview_description",
    "presenter": "presenter",
    "llm": "llm",
    "greetings": "greetings",
    "starter_messages": "starter_message",
    "user_data": "user_data",
    "embed": "embed",
    "triggers": "triggers",
}


def normalize_agent(props: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults that make "not set" and "set to the default" the same value in state.

    Lists default to ``[]`` and ``embed`` to ``False`` (the API echoes both that way), an empty
    ``triggers`` means none, and a custom LLM is ``basic`` unless said otherwise.
    """
    out: dict[str, Any] = prune_none(dict(props))
    out.setdefault("greetings", [])
    out.setdefault("starter_messages", [])
    out.setdefault("embed", False)
    if out.get("triggers") == {}:
        del out["triggers"]
    llm = out.get("llm")
    if isinstance(llm, Mapping) and isinstance(llm.get("custom"), Mapping) and "type" not in llm["custom"]:
        out["llm"] = {**llm, "custom": {**llm["custom"], "type": "basic"}}
    return out


def create_body(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The ``POST /agents`` body for normalised inputs (whole nested objects, wire names)."""
    body = {wire: inputs[key] for key, wire in _WIRE_NAMES.items() if inputs.get(key) is not None}
    if inputs.get("knowledge_id") is not None:
        body["knowledge"] = {"id": inputs["knowledge_id"]}
    return body


def update_body(inputs: Mapping[str, Any], previous: Mapping[str, Any]) -> dict[str, Any]:
    """A ``PATCH`` body that makes the agent equal the inputs.

    Every declared top-level value is sent whole (nested objects are not merged server-side), and
    a field that was set before but is no longer declared is sent as ``null`` to clear it.
    """
    body: dict[str, Any] = create_body(inputs)
    for key, wire in (*_WIRE_NAMES.items(), ("knowledge_id", "knowledge")):
        if previous.get(key) is not None and inputs.get(key) is None:
            body[wire] = None
    return body


def _overlay(prior: Any, live: Any) -> Any:
    """Live values in the shape of what the user declared.

    Keys the user never set are ignored (the server may add defaults), and a key missing from the
    live object keeps the prior value: write-only fields (``llm.custom.key``, ``client_secret``)
    are never echoed, and that must not look like drift.
    """
    if prior is None:
        return live
    if isinstance(prior, Mapping) and isinstance(live, Mapping):
        return {
            key: value if live.get(key) is None else _overlay(value, live[key])
            for key, value in prior.items()
        }
    return prior if live is None else live


def inputs_from_live(agent: Agent, prior: Mapping[str, Any]) -> dict[str, Any]:
    """Rebuild the inputs from the live agent, so a refresh re-baselines on out-of-band edits.

    ``user_data`` is write-only and keeps its prior value; so does ``adopt_id``.
    """
    live = agent.model_dump(mode="json", exclude_none=True)
    prior_llm = prior.get("llm")
    rebuilt = {
        "name": agent.preview_name,
        "description": agent.preview_description,
        "presenter": _overlay(prior.get("presenter"), live.get("presenter")),
        "llm": None if live.get("llm") is None else _overlay(prior_llm, live["llm"]),
        "knowledge_id": agent.knowledge.id if agent.knowledge is not None else None,
        "greetings": list(agent.greetings or []),
        "starter_messages": list(agent.starter_message or []),
        "user_data": prior.get("user_data"),
        "embed": agent.embed if agent.embed is not None else prior.get("embed", False),
        "triggers": agent.triggers or None,
        "adopt_id": prior.get("adopt_id"),
    }
    return normalize_agent(rebuilt)


def agent_outputs(inputs: Mapping[str, Any], agent: Agent) -> dict[str, Any]:
    return outputs_of(
        inputs,
        agent_id=agent.id,
        status=agent.status,
        client_key=agent.client_key,
        created=agent.created,
        modified=agent.modified,
        owner_id=agent.owner_id,
    )
