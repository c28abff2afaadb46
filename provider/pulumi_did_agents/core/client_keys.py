"""Client keys of agents. The key is a credential: it is a secret output, never the resource id.

The id is ``agt_…/<fingerprint>`` (16 hex digits of the key's SHA-256), which finds the key in
the agent's list without revealing it. Import also accepts ``agt_…/<name>``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..client import NotFoundError
from ..errors import ProviderError
from ..spec import CLIENT_KEY, ClientKeyInputs
from .agents import agent_exists
from .base import Created, ReadResult, Reference, ResourceCore, gone_is_done, or_none
from .markers import marker_in_text, strip_text, with_text_marker
from .session import MarkerIndex
from .shapes import normalize

if TYPE_CHECKING:
    from ..client import Client, ClientKey

__all__ = ["ClientKeyCore", "fingerprint"]


def fingerprint(client_key: str) -> str:
    return hashlib.sha256(client_key.encode()).hexdigest()[:16]


def _split(key_id: str) -> tuple[str, str]:
    agent_id, sep, ref = key_id.partition("/")
    if not sep or not agent_id or not ref:
        raise ProviderError(f"ClientKey: id {key_id!r} is not of the form agt_…/<fingerprint or name>")
    return agent_id, ref


class ClientKeyCore(ResourceCore[ClientKeyInputs]):
    spec = CLIENT_KEY

    def references(self) -> tuple[Reference, ...]:
        return (Reference("agent_id", agent_exists, "agent"),)

    def _outputs(self, agent_id: str, key: ClientKey, inputs: ClientKeyInputs) -> dict[str, Any]:
        outputs: dict[str, Any] = {"key_id": f"{agent_id}/{fingerprint(key.client_key)}"}
        if inputs.get("expose_key") is not False:
            outputs["client_key"] = key.client_key
        if key.created_at is not None:
            outputs["created_at"] = key.created_at
        return outputs

    def _live_inputs(self, agent_id: str, key: ClientKey, prior: Mapping[str, Any]) -> dict[str, Any]:
        inputs: dict[str, Any] = {
            "agent_id": agent_id,
            "allowed_domains": list(key.allowed_domains),
            "expose_key": prior.get("expose_key"),
        }
        name = strip_text(key.name)
        if name is not None:
            inputs["name"] = name
        return normalize(self.spec.inputs, inputs)

    def _index(self, agent_id: str) -> MarkerIndex[ClientKey]:
        return self.index(
            ("client_keys", agent_id),
            lambda client: client.client_keys.list(agent_id),
            lambda key: marker_in_text(key.name),
            lambda key: key.client_key,
        )

    def create(self, inputs: ClientKeyInputs, *, urn: str) -> Created:
        agent_id = inputs["agent_id"]
        domains = list(inputs["allowed_domains"])
        name = with_text_marker(inputs.get("name"), self.marker(urn))
        with self.api("create", urn) as client:
            key, found = self.find_or_create(
                client,
                index=self._index(agent_id),
                urn=urn,
                post=lambda: client.client_keys.create(agent_id, allowed_domains=domains, name=name),
                confirm=lambda candidate: _find(client, agent_id, fingerprint(candidate.client_key)),
                discard=lambda duplicate: client.client_keys.delete(agent_id, duplicate.client_key),
            )
            if found and list(key.allowed_domains) != domains:
                client.client_keys.update(agent_id, key.client_key, allowed_domains=domains)
                key = _client_key_model().model_validate({**key.model_dump(), "allowed_domains": domains})
        outputs = self._outputs(agent_id, key, inputs)
        return Created(outputs["key_id"], outputs)

    def read(self, id_: str, inputs: ClientKeyInputs, outputs: Mapping[str, Any]) -> ReadResult | None:
        agent_id, ref = _split(id_)
        with self.api("read") as client:
            key = _find(client, agent_id, ref)
        if key is None:
            return None
        live = self._outputs(agent_id, key, inputs)
        return ReadResult(live["key_id"], self._live_inputs(agent_id, key, inputs), live)

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: ClientKeyInputs, *, urn: str
    ) -> dict[str, Any]:
        """Only ``allowed_domains`` changes in place (the API's PATCH takes nothing else);
        ``expose_key`` only changes what the outputs show."""
        agent_id, ref = _split(id_)
        domains = list(new_inputs["allowed_domains"])
        with self.api("update", urn) as client:
            key = self._key_of(client, agent_id, ref, old_inputs)
            if domains != list(old_inputs.get("allowed_domains") or []):
                client.client_keys.update(agent_id, key.client_key, allowed_domains=domains)
        updated = _client_key_model().model_validate({**key.model_dump(), "allowed_domains": domains})
        return self._outputs(agent_id, updated, new_inputs)

    def delete(self, id_: str, inputs: ClientKeyInputs, outputs: Mapping[str, Any]) -> None:
        agent_id, ref = _split(id_)
        with self.api("delete") as client:
            key = or_none(lambda: self._key_of(client, agent_id, ref, outputs))  # or its agent is gone
            if key is not None:
                gone_is_done(lambda: client.client_keys.delete(agent_id, key.client_key))

    @staticmethod
    def _key_of(client: Client, agent_id: str, ref: str, state: Mapping[str, Any]) -> ClientKey:
        """The key from state when it is there (no call), else from the agent's list."""
        recorded = state.get("client_key")
        if isinstance(recorded, str) and fingerprint(recorded) == ref:
            return _client_key_model()(client_key=recorded)
        key = _find(client, agent_id, ref)
        if key is None:
            raise NotFoundError(
                status_code=404, kind="NotFound", description="Client key not found", method="GET", path=""
            )
        return key


def _client_key_model() -> type[ClientKey]:
    from ..client import ClientKey

    return ClientKey


def _find(client: Client, agent_id: str, ref: str) -> ClientKey | None:
    """The agent's key whose fingerprint (or name, for import) is ``ref``; ``None`` if none."""
    for key in or_none(lambda: client.client_keys.list(agent_id)) or []:
        if fingerprint(key.client_key) == ref or strip_text(key.name) == ref:
            return key
    return None
