"""Agents and their client keys: crash-safe creates, readiness, refresh that sees drift, in-place
updates; and ``CORES``, every kind's core by name, kept here because this module may import them all."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ..client import NotFoundError
from ..errors import ProviderError
from ..spec import AGENT, CLIENT_KEY, AgentInputs, ClientKeyInputs, Failure
from .base import Created, ReadResult, Reference, ResourceCore, TextMarkedCore, gone_is_done, or_none
from .conversation_tests import ConversationTestCore  # which reaches back here only when it runs
from .knowledge import DocumentCore, KnowledgeBaseCore, knowledge_exists
from .markers import marker_in_text, strip_text, with_text_marker
from .releases import LIVE_RELEASE, RELEASES, Releaser, check_release, live_knowledge, release_id
from .session import MarkerIndex
from .shapes import DiffPlan, PropertyChange, contains_unknown, normalize

if TYPE_CHECKING:
    from ..client import Agent, Client, ClientKey
    from ..client.namespaces import Agents

__all__ = ["CORES", "AgentCore", "ClientKeyCore", "agent_exists", "fingerprint"]


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

    def prepare(self, inputs: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
        """A release's documents are checked and hashed as ``Document``s are; its cases must parse."""
        release = inputs.get("release")
        if not isinstance(release, Mapping):
            return inputs
        documents, core = [], DocumentCore(self.session)
        for number, doc in enumerate(release.get("documents") or ()):
            found: list[Failure] = []
            documents.append(core.prepare(core.defaults(dict(doc)), found))
            failures += [Failure(f"release.documents[{number}].{f.path}", f.reason) for f in found]
        return {**inputs, "release": check_release({**release, "documents": documents}, failures)}

    def diff(
        self, old_inputs: Mapping[str, Any], new_inputs: Mapping[str, Any], *, urn: str | None = None
    ) -> DiffPlan:
        """Also a change when the live release is not the one that should be: a pin was set or
        removed (``didagents:releasePins``), or a refresh saw the agent switched by hand."""
        plan = super().diff(old_inputs, new_inputs, urn=urn)
        release = new_inputs.get("release")
        shipping = any(path.split(".")[0] == "release" for path in plan.detailed)
        if urn is None or not isinstance(release, Mapping) or contains_unknown(release) or shipping:
            return plan
        if old_inputs.get(LIVE_RELEASE) != Releaser(self, urn).target(release):
            detailed = {**plan.detailed, "release": PropertyChange("update", replace=False)}
            return DiffPlan(
                detailed, tuple(n for n in plan.stables if n != LIVE_RELEASE), plan.delete_before_replace
            )
        return plan

    # --- CRUD ---------------------------------------------------------------------------------

    def create(self, inputs: AgentInputs, *, urn: str) -> Created:
        """With a release: its knowledge base first, then the agent on it, gated before it counts."""
        release = inputs.get("release")
        if not release:
            return self.plain_create(inputs, urn=urn)
        releaser, rid = Releaser(self, urn), release_id(release)
        knowledge_id = releaser.build(inputs, rid)
        created = self.plain_create({**inputs, "knowledge_id": knowledge_id}, urn=urn)
        gate = releaser.gate(inputs, created.id, rid)
        if not gate.passed:
            kept = releaser.discard(created.id, knowledge_id, keep=bool(release.get("keep_candidate")))
            raise ProviderError(releaser.failed(rid, gate, None, kept))
        record = releaser.record(rid, knowledge_id, inputs, gate)
        releaser.sweep(keep={knowledge_id})
        return Created(created.id, {**created.outputs, RELEASES: [record], LIVE_RELEASE: rid})

    def plain_create(self, inputs: AgentInputs, *, urn: str) -> Created:
        """Create (or adopt) the agent and wait until it is ready; no release logic."""
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
        if new_inputs.get("release"):
            return self._ship(id_, old_inputs, new_inputs, urn)
        outputs = self._switch(id_, old_inputs, new_inputs, urn)
        for entry in old_inputs.get(RELEASES) or ():  # releases given up: their knowledge goes too
            Releaser(self, urn).remove_knowledge(str(entry["knowledge_id"]))
        return outputs

    def _switch(
        self,
        id_: str,
        old_inputs: Mapping[str, Any],
        new_inputs: AgentInputs,
        urn: str,
        knowledge_id: str | None = None,
    ) -> dict[str, Any]:
        """One PATCH that makes the live agent equal ``new_inputs`` (on ``knowledge_id`` if given)."""
        previous = self.known_inputs(old_inputs)
        if (released := live_knowledge(old_inputs)) is not None:  # a release's, not a declared one
            previous["knowledge_id"] = released
        declared = (
            cast(AgentInputs, {**new_inputs, "knowledge_id": knowledge_id}) if knowledge_id else new_inputs
        )
        body = self._patch(self._body(declared, urn), declared, previous)
        with self.api("update", urn) as client:
            agent = client.agents.update(id_, body)
            agent = self._wait(client, agent, urn)
        return self._outputs(agent)

    def _ship(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: AgentInputs, urn: str
    ) -> dict[str, Any]:
        """Make the target release live: built and gated if it is new, switched to if it is kept."""
        release, releaser = new_inputs["release"], Releaser(self, urn)
        rid, pinned, target = release_id(release), releaser.pinned, releaser.target(release)
        if pinned is not None and pinned != rid:
            self.session.notice(
                urn,
                f"release pinned to {pinned} by didagents:releasePins.{releaser.name}; {rid} is not shipped",
            )
        prior = [dict(entry) for entry in old_inputs.get(RELEASES) or ()]
        live = old_inputs.get(LIVE_RELEASE)
        entry = next((e for e in prior if e.get("id") == target and releaser.exists(e["knowledge_id"])), None)
        if entry is None and pinned is not None and pinned != rid:
            kept = ", ".join(str(e.get("id")) for e in prior) or "none"
            raise ProviderError(
                f"Agent {releaser.name}: didagents:releasePins.{releaser.name} pins release {pinned}, "
                f"which is not kept (kept: {kept}); remove the pin with `pulumi config rm --path "
                f"didagents:releasePins.{releaser.name}`"
            )
        settings_changed = self._settings_changed(old_inputs, new_inputs)
        if entry is None:
            knowledge_id = releaser.build(new_inputs, rid)
            entry = releaser.record(
                rid, knowledge_id, new_inputs, releaser.check(new_inputs, knowledge_id, rid, live)
            )
            prior = [e for e in prior if e.get("id") != rid] + [entry]
        elif settings_changed and release.get("gate_settings"):
            releaser.check(new_inputs, entry["knowledge_id"], f"{target}+settings", live, built=False)
        outputs = self._switch(id_, old_inputs, new_inputs, urn, entry["knowledge_id"])
        if entry["knowledge_id"] != live_knowledge(old_inputs):
            with self.api("probe", urn) as client:
                waited = releaser.probe(client, id_, entry["knowledge_id"], new_inputs)
            self.session.report(urn, f"release {target} is live (answers from it after {waited:.1f}s)")
        releases = releaser.prune(prior, target, int(release.get("keep", 1)))
        releaser.sweep(keep={str(e["knowledge_id"]) for e in releases})
        return {**outputs, RELEASES: releases, LIVE_RELEASE: target}

    def _settings_changed(self, old_inputs: Mapping[str, Any], new_inputs: AgentInputs) -> bool:
        old = {k: v for k, v in self.known_inputs(old_inputs).items() if k != "release"}
        new = {k: v for k, v in self.known_inputs(new_inputs).items() if k != "release"}
        return old != new

    def read(self, id_: str, inputs: AgentInputs, outputs: Mapping[str, Any]) -> ReadResult | None:
        """With releases, the live knowledge base names the live release; one that is none of the
        kept releases (switched by hand) shows as a ``knowledge_id`` the next ``up`` takes back."""
        result = super().read(id_, inputs, outputs)
        if result is None or not inputs.get("release"):
            return result
        live_kb = result.inputs.pop("knowledge_id", None)
        kept = list(outputs.get(RELEASES) or ())
        live = next((e.get("id") for e in kept if e.get("knowledge_id") == live_kb), None)
        if live is None and live_kb is not None:
            result.inputs["knowledge_id"] = live_kb
        result.inputs["release"] = inputs["release"]
        return ReadResult(result.id, result.inputs, {**result.outputs, RELEASES: kept, LIVE_RELEASE: live})

    def delete(
        self, id_: str, inputs: AgentInputs, outputs: Mapping[str, Any], *, urn: str | None = None
    ) -> None:
        """The agent, then every release's knowledge base (with its documents), and what killed
        releases of it left behind."""
        super().delete(id_, inputs, outputs)
        releaser = Releaser(self, urn or "")
        for entry in outputs.get(RELEASES) or ():
            releaser.remove_knowledge(str(entry["knowledge_id"]))
        if urn and (inputs.get("release") or outputs.get(RELEASES)):
            releaser.sweep(keep=())


def fingerprint(client_key: str) -> str:
    return hashlib.sha256(client_key.encode()).hexdigest()[:16]


def _split(key_id: str) -> tuple[str, str]:
    agent_id, sep, ref = key_id.partition("/")
    if not sep or not agent_id or not ref:
        raise ProviderError(f"ClientKey: id {key_id!r} is not of the form agt_…/<fingerprint or name>")
    return agent_id, ref


class ClientKeyCore(ResourceCore[ClientKeyInputs]):
    """The key is a credential: it is a secret output, never the resource id. The id is
    ``agt_…/<fingerprint>`` (16 hex digits of the key's SHA-256), which finds the key in the
    agent's list without revealing it. Import also accepts ``agt_…/<name>``."""

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

    def delete(
        self, id_: str, inputs: ClientKeyInputs, outputs: Mapping[str, Any], *, urn: str | None = None
    ) -> None:
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


CORES: dict[str, type[ResourceCore[Any]]] = {
    core.spec.name: core
    for core in (AgentCore, KnowledgeBaseCore, DocumentCore, ClientKeyCore, ConversationTestCore)
}
"""The core of each resource kind, by the kind's name (``"Agent"`` → ``AgentCore``)."""
