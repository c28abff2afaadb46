"""The chaos fleet, a Pulumi program: knowledge bases with documents, agents on them, client keys.

Copied into a project directory as ``__main__.py`` beside ``fleet.json`` (the sizes) and ``docs/``.
Agent ``i`` answers from knowledge base ``i % knowledge_bases`` and waits for its documents, so a
clean ``pulumi up`` creates in waves: knowledge bases, documents, agents, client keys.
"""

from __future__ import annotations

import json
from pathlib import Path

import pulumi

from pulumi_did_agents.dynamic import (
    Agent,
    ClientKey,
    Document,
    KnowledgeBase,
    LlmArgs,
    PresenterArgs,
    VoiceArgs,
)

HERE = Path.cwd()
sizes = json.loads((HERE / "fleet.json").read_text())

bases: list[tuple[KnowledgeBase, list[Document]]] = []
for k in range(sizes["knowledge_bases"]):
    kb = KnowledgeBase(f"kb{k}", name=f"kb-{k}", description=f"Knowledge base {k}")
    docs = [
        Document(
            f"kb{k}-doc{d}",
            knowledge_id=kb.id,
            source_url=(HERE / "docs" / f"kb{k}-doc{d}.md").as_uri(),
            title=f"Document {k}.{d}",
        )
        for d in range(sizes["documents_per_kb"])
    ]
    bases.append((kb, docs))

keys: dict[str, pulumi.Output[str | None]] = {}
for a in range(sizes["agents"]):
    kb, docs = bases[a % len(bases)]
    agent = Agent(
        f"agent{a}",
        name=f"agent-{a}",
        description=f"Agent {a}",
        presenter=PresenterArgs(
            type="clip",
            presenter_id="v2_public_Amber@0zSz8kflCN",
            voice=VoiceArgs(type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"),
        ),
        llm=LlmArgs(provider="openai", model="gpt-4o-mini", instructions=f"Answer from kb {a}."),
        knowledge_id=kb.id,
        opts=pulumi.ResourceOptions(depends_on=docs),
    )
    for n in range(sizes["keys_per_agent"]):
        key = ClientKey(
            f"agent{a}-key{n}",
            agent_id=agent.id,
            allowed_domains=["http://localhost:8000"],
            name=f"web-{n}",
            expose_key=sizes.get("expose_keys", True),
        )
        keys[f"agent{a}-key{n}"] = key.client_key if sizes.get("expose_keys", True) else key.key_id

pulumi.export("client_keys", keys)  # secret outputs (the engine shows [secret]), or the keys' ids
