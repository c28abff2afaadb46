"""Blue/green releases of an agent's knowledge: build beside the live one, gate, switch, keep, prune.

A release is the agent's declared documents, identified by a digest of what they are (a local
file by its content, a remote one by its URL and version). Shipping one builds a new knowledge
base next to the live one, waits until every document is ``done``, runs the release's
conversation cases against a short-lived candidate agent (the live agent's settings, the new
knowledge), and only then switches the live agent with one ``PATCH`` of ``knowledge.id``. A
failing gate changes nothing live. Every object made here carries an ownership marker derived
from the agent's URN and the release id, so a killed run's next attempt adopts them instead of
making duplicates, and ``did-agents orphans`` sees them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from ..errors import ProviderError
from ..spec import Failure
from .base import Created, IncompleteCreate, gone_is_done, or_none
from .markers import marker_for, marker_in_text
from .shapes import contains_unknown

if TYPE_CHECKING:
    from ..client import Client
    from ..conversations import CaseFile, SuiteResult
    from ..spec import AgentInputs, DocumentInputs, KnowledgeBaseInputs
    from .agents import AgentCore

__all__ = [
    "RELEASES",
    "LIVE_RELEASE",
    "Releaser",
    "cases_of",
    "check_release",
    "live_knowledge",
    "release_id",
    "cases_hash",
    "summarize",
]

RELEASES = "releases"
"""The Agent output listing the kept releases (newest last)."""
LIVE_RELEASE = "live_release"
"""The Agent output naming the release the live agent answers from."""

_DOCUMENT_KEYS = ("title", "document_type", "content_hash", "version")
_TAG = re.compile(r"r-[0-9a-f]{12}(?:\+settings)?")
"""A release id as release objects' names carry it (a settings-only candidate adds ``+settings``)."""
_PROBE_INTERVAL = 0.5


def release_id(release: Mapping[str, Any]) -> str:
    """``r-`` and 12 hex digits over what the documents are, in declared order.

    A local file counts by its content (the same bytes at another path or on another runner are the
    same release); a remote source by its URL, with its ``content_hash`` or ``version`` if pinned.
    """
    documents = []
    for doc in release.get("documents") or ():
        entry = {key: doc.get(key) for key in _DOCUMENT_KEYS}
        local = str(doc.get("source_url", "")).startswith("file:") and doc.get("content_hash")
        entry["source"] = None if local else doc.get("source_url")
        documents.append(entry)
    digest = hashlib.sha256(json.dumps(documents, sort_keys=True).encode()).hexdigest()
    return f"r-{digest[:12]}"


def cases_of(inputs: Mapping[str, Any]) -> CaseFile:
    """The conversation cases of a release or a ``ConversationTest``: ``cases_file`` or ``cases``."""
    from ..conversations import load_cases, parse_cases

    if inputs.get("cases_file"):
        return load_cases(inputs["cases_file"])
    return parse_cases(inputs.get("cases"), source="cases")


def cases_hash(inputs: Mapping[str, Any]) -> str:
    """``sha256:…`` of the cases, so an edit of the cases file is a change of the inputs."""
    from pathlib import Path

    if inputs.get("cases_file"):
        content = Path(inputs["cases_file"]).read_bytes()
    else:
        content = json.dumps(inputs.get("cases"), sort_keys=True).encode()
    return "sha256:" + hashlib.sha256(content).hexdigest()


def summarize(suite: SuiteResult) -> str:
    """One line: each case's name, status and score."""
    return "; ".join(f"{case.name}: {case.status} ({case.score:.2f})" for case in suite.cases)


def check_release(release: Mapping[str, Any], failures: list[Failure]) -> dict[str, Any]:
    """The cases must parse at preview; their hash makes an edit of a cases file a change; the
    documents must make the ``expect``-ed release (promotion ships exactly what passed before)."""
    out = dict(release)
    expected = release.get("expect")
    if isinstance(expected, str) and not contains_unknown(release.get("documents")):
        made = release_id(release)
        if made != expected:
            failures.append(
                Failure("release.expect", f"the documents make release {made}, not the expected {expected}")
            )
    if "cases_file" in release or "cases" in release:
        where = "release.cases_file" if "cases_file" in release else "release.cases"
        try:
            cases_of(release)
            out["cases_hash"] = cases_hash(release)
        except (ValueError, OSError) as exc:
            failures.append(Failure(where, str(exc)))
    return out


def live_knowledge(outputs: Mapping[str, Any]) -> str | None:
    """The knowledge base of the live release recorded in the agent's outputs."""
    live = outputs.get(LIVE_RELEASE)
    for entry in outputs.get(RELEASES) or ():
        if entry.get("id") == live:
            return cast(str, entry.get("knowledge_id"))
    return None


@dataclass(frozen=True)
class Gate:
    passed: bool
    cases: int
    failed: tuple[str, ...]
    summary: str

    def record(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "cases": self.cases,
            "failed": list(self.failed),
            "summary": self.summary,
        }


class Releaser:
    """Ships, switches and prunes the releases of one agent (``urn``) through the kinds' cores."""

    def __init__(self, core: AgentCore, urn: str) -> None:
        self.core = core
        self.session = core.session
        self.urn = urn
        self.name = urn.rsplit("::", 1)[-1]
        self.pinned = self.session.settings.pin(self.name)
        """The release ``didagents:releasePins`` holds this agent at (a rollback), if any."""

    def target(self, release: Mapping[str, Any]) -> str:
        """The release that should be live: the pinned one, else the declared one."""
        return self.pinned or release_id(release)

    # --- objects of a release -------------------------------------------------------------------

    def _urn(self, part: str) -> str:
        """A synthetic URN under the agent's: its marker is this stack instance's and no other's,
        and progress shows on the agent's line (``Session.report`` strips the ``#…`` part)."""
        return f"{self.urn}#{part}"

    def build(self, inputs: AgentInputs, rid: str) -> str:
        """The knowledge base of release ``rid`` with every document ``done``; adopts what an
        interrupted earlier attempt made. Returns the knowledge base's id."""
        from .knowledge import DocumentCore, KnowledgeBaseCore

        release = inputs["release"]
        kb_inputs = cast(
            "KnowledgeBaseInputs",
            {"name": f"{inputs['name']} {rid}", "description": f"Release {rid} of agent {self.name}"},
        )
        self.session.report(self.urn, f"release {rid}: building its knowledge base")
        kb_id = self._made(KnowledgeBaseCore(self.session).create, kb_inputs, self._urn(rid))
        documents = DocumentCore(self.session)
        for number, doc in enumerate(release.get("documents") or (), 1):
            doc_inputs = cast("DocumentInputs", {**doc, "knowledge_id": kb_id})
            doc_urn = self._urn(f"{rid}/{number}")
            self.session.report(self.urn, f"release {rid}: ingesting {doc['title']!r}")
            self._made(documents.create, doc_inputs, doc_urn)
        return kb_id

    @staticmethod
    def _made(create: Callable[..., Created], inputs: Mapping[str, Any], urn: str) -> str:
        """Create (or adopt) one object of a release; its id. One not ready in time stays for the
        next run to adopt, and the agent's operation fails."""
        try:
            return create(inputs, urn=urn).id
        except IncompleteCreate as exc:
            raise ProviderError(str(exc)) from None

    def candidate(self, inputs: AgentInputs, knowledge_id: str, tag: str) -> str:
        """A short-lived agent with the declared settings and ``knowledge_id``: what the gate talks to."""
        settings = {k: v for k, v in inputs.items() if k not in ("release", "adopt_id", "knowledge_id")}
        candidate = cast(
            "AgentInputs",
            {**settings, "name": f"{inputs['name']} (candidate {tag})", "knowledge_id": knowledge_id},
        )
        self.session.report(self.urn, f"release {tag}: starting a candidate agent")
        return self._made(self.core.plain_create, candidate, self._urn(f"candidate/{tag}"))

    def gate(self, inputs: AgentInputs, agent_id: str, tag: str) -> Gate:
        """Run the release's cases against ``agent_id``; no cases is a pass with nothing run."""
        release = inputs["release"]
        if not release.get("cases") and not release.get("cases_file"):
            return Gate(True, 0, (), "no cases")
        cases = cases_of(release)
        if release.get("threshold") is not None:
            cases = cases.model_copy(update={"threshold": release["threshold"]})
        total = len(cases.cases)
        from ..conversations import run_cases

        def progress(result: Any) -> None:
            self.session.report(self.urn, f"release {tag}: case {result.name}: {result.status}")

        with self.core.api("gate", self.urn) as client:
            suite: SuiteResult = run_cases(client, agent_id, cases, on_result=progress)
        failed = tuple(f"{case.name}: {case.reason}" for case in suite.cases if not case.passed)
        return Gate(not failed, total, failed, summarize(suite))

    def check(
        self, inputs: AgentInputs, knowledge_id: str, tag: str, live: str | None, *, built: bool = True
    ) -> Gate:
        """Gate ``knowledge_id`` with the declared settings on a candidate; raise if it fails, after
        removing the candidate (and a knowledge base built for it) unless asked to keep them."""
        candidate = self.candidate(inputs, knowledge_id, tag)
        try:
            gate = self.gate(inputs, candidate, tag)
        except BaseException:
            self.remove_agent(candidate)
            raise
        if gate.passed:
            self.remove_agent(candidate)
            return gate
        keep = bool(inputs["release"].get("keep_candidate"))
        kept = self.discard(candidate, knowledge_id if built else None, keep=keep)
        raise ProviderError(self.failed(tag, gate, live, kept))

    def discard(self, agent_id: str, knowledge_id: str | None, *, keep: bool) -> list[str]:
        """Remove a failed candidate (and its knowledge base); with ``keep``, name what is kept."""
        made = [agent_id] + ([knowledge_id] if knowledge_id else [])
        if keep:
            return made
        self.remove_agent(agent_id)
        if knowledge_id:
            self.remove_knowledge(knowledge_id)
        return []

    def failed(self, tag: str, gate: Gate, live: str | None, kept: Sequence[str]) -> str:
        """One line: which cases failed, and that nothing live changed."""
        where = f"the live agent keeps release {live}" if live else "no agent was left"
        also = f"; kept for inspection: {', '.join(kept)}" if kept else ""
        return (
            f"Agent {self.name}: release {tag} failed its gate, {len(gate.failed)} of {gate.cases} case(s): "
            f"{'; '.join(gate.failed)} ({where}{also})"
        )

    def remove_agent(self, agent_id: str) -> None:
        with self.core.api("delete", self.urn) as client:
            gone_is_done(lambda: client.agents.delete(agent_id))
        self.session.forget(("agents",), agent_id)

    def remove_knowledge(self, knowledge_id: str) -> None:
        """Deleting a knowledge base deletes its documents (the API cascades)."""
        with self.core.api("delete", self.urn) as client:
            gone_is_done(lambda: client.knowledge.delete(knowledge_id))
        self.session.forget(("knowledge",), knowledge_id)

    # --- switching --------------------------------------------------------------------------------

    def probe(self, client: Client, agent_id: str, knowledge_id: str, inputs: AgentInputs) -> float:
        """Chat with the live agent until its answers come from ``knowledge_id``; seconds waited.

        The docs contract lets ``knowledge.id`` be switched with ``PATCH`` but says nothing of how
        soon answers follow; the emulator switches at once (docs/api-decisions.md)."""
        question = _probe_question(inputs)
        started = client.clock()
        deadline = started + self.session.settings.wait_timeout
        from ..client import ChatMessage

        while True:
            chat = client.chats.create(agent_id)
            answer = client.chats.send_message(
                agent_id, chat.id, [ChatMessage.new("user", question)], chat_mode=chat.chat_mode
            )
            sources = {m.knowledge_id for m in answer.matches if m.knowledge_id}
            if sources == {knowledge_id} or (not answer.matches and not _grounded(inputs)):
                return client.clock() - started
            if client.clock() > deadline:
                raise ProviderError(
                    f"Agent {self.name}: switched to knowledge base {knowledge_id}, but after "
                    f"{self.session.settings.wait_timeout:.0f}s its answers still come from "
                    f"{', '.join(sorted(sources)) or 'no knowledge base'}"
                )
            self.session.report(self.urn, f"waiting for answers from knowledge base {knowledge_id}")
            client.sleep(_PROBE_INTERVAL)

    # --- records ------------------------------------------------------------------------------------

    @staticmethod
    def record(rid: str, knowledge_id: str, inputs: AgentInputs, gate: Gate) -> dict[str, Any]:
        documents = [
            {
                "title": d.get("title"),
                "source_url": d.get("source_url"),
                "content_hash": d.get("content_hash"),
            }
            for d in inputs["release"].get("documents") or ()
        ]
        return {
            "id": rid,
            "knowledge_id": knowledge_id,
            "shipped_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "documents": documents,
            "gate": gate.record(),
        }

    def prune(self, releases: Sequence[Mapping[str, Any]], live: str, keep: int) -> list[dict[str, Any]]:
        """The live release and the ``keep`` newest others; the rest are deleted, never orphaned."""
        others = [dict(r) for r in releases if r.get("id") != live]
        kept_others = others[-keep:] if keep > 0 else []
        for old in others:
            if old not in kept_others and old.get("knowledge_id"):
                self.session.report(self.urn, f"deleting release {old['id']}")
                self.remove_knowledge(str(old["knowledge_id"]))
        live_entry = [dict(r) for r in releases if r.get("id") == live]
        return sorted(kept_others + live_entry, key=lambda r: str(r.get("shipped_at", "")))

    def sweep(self, keep: Collection[str]) -> None:
        """Delete what interrupted or failed releases of this agent left behind (a run killed before
        it recorded them, then other documents declared; a kept candidate): the objects whose
        marker is exactly the one this agent's release or candidate of the id in their name would
        carry, so provably this stack instance's own, except the knowledge bases in ``keep``."""
        owner = self.session.settings.require_owner()
        with self.core.api("delete", self.urn) as client:
            for kb in client.knowledge.list():
                if kb.id not in keep and self._made_here(kb.name, kb.description, owner, ""):
                    self.session.report(
                        self.urn, f"deleting knowledge base {kb.id} of an interrupted release"
                    )
                    self.remove_knowledge(kb.id)
            for agent in client.agents.list():
                if self._made_here(agent.preview_name, agent.preview_description, owner, "candidate/"):
                    self.session.report(
                        self.urn, f"deleting candidate agent {agent.id} of an earlier release"
                    )
                    self.remove_agent(agent.id)

    def _made_here(self, name: str | None, description: str | None, owner: str, prefix: str) -> bool:
        marker = marker_in_text(description)
        return marker is not None and any(
            marker == marker_for(owner, self._urn(prefix + tag)) for tag in _TAG.findall(name or "")
        )

    def exists(self, knowledge_id: str) -> bool:
        with self.core.api("read", self.urn) as client:
            return or_none(lambda: client.knowledge.get(knowledge_id)) is not None


def _probe_question(inputs: AgentInputs) -> str:
    """The first question of the release's cases, else the first document's title."""
    release = inputs["release"]
    if release.get("cases") or release.get("cases_file"):
        try:
            cases = cases_of(release).cases
            if cases and cases[0].turns:
                return cases[0].turns[0].user
        except (ValueError, OSError):
            pass
    documents = release.get("documents") or ()
    return str(documents[0]["title"]) if documents else "Hello"


def _grounded(inputs: AgentInputs) -> bool:
    """Whether answers must cite documents (a ``rag-grounded`` template, the default)."""
    llm: Mapping[str, Any] = inputs.get("llm") or {}
    return bool(llm.get("template", "rag-grounded") == "rag-grounded")
