"""Inline Pulumi programs for the end-to-end tests, built from a small declarative spec."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pulumi

import pulumi_did_agents as didagents


@dataclass(frozen=True)
class FleetSpec:
    """What the test program declares; tests change one field at a time."""

    doc_url: str
    doc_title: str = "Handbook"
    instructions: str = "Answer from the handbook."
    agent_name: str = "support-agent"
    user_data: str | None = None

    def but(self, **changes: object) -> FleetSpec:
        return replace(self, **changes)  # type: ignore[arg-type]


def program(spec: FleetSpec) -> Callable[[], None]:
    def run() -> None:
        kb = didagents.KnowledgeBase("kb", name="handbook", description="Product handbook")
        doc = didagents.Document("doc", knowledge_id=kb.id, source_url=spec.doc_url, title=spec.doc_title)
        agent = didagents.Agent(
            "agent",
            name=spec.agent_name,
            presenter=didagents.PresenterArgs(
                type="clip",
                presenter_id="v2_public_Amber@0zSz8kflCN",
                voice=didagents.VoiceArgs(type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"),
            ),
            llm=didagents.LlmArgs(
                provider="openai",
                model="gpt-4o-mini",
                instructions=spec.instructions,
                template="rag-grounded",
            ),
            knowledge_id=kb.id,
            user_data=spec.user_data,
            opts=pulumi.ResourceOptions(depends_on=[doc]),
        )
        key = didagents.ClientKey("key", agent_id=agent.id, allowed_domains=["http://localhost:8000"])
        pulumi.export("agent_id", agent.id)
        pulumi.export("knowledge_id", kb.id)
        pulumi.export("document_id", doc.id)
        pulumi.export("client_key", key.client_key)

    return run
