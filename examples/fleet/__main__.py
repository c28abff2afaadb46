"""A fleet of D-ID agents declared from data (fleet.yaml).

Each knowledge base in fleet.yaml becomes a KnowledgeBase plus one Document per file; each agent an
Agent grounded on one of those knowledge bases. Adding an agent is a change to fleet.yaml only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi
import yaml

import pulumi_did_agents as didagents

# Pulumi runs the program with the project directory as cwd; __file__ is the sturdier anchor when the
# program is started some other way (e.g. an Automation API workspace pointing here).
HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()

fleet: dict[str, Any] = yaml.safe_load((HERE / "fleet.yaml").read_text(encoding="utf-8"))
defaults: dict[str, Any] = fleet.get("defaults", {})


def document_url(document: dict[str, Any]) -> str:
    """An explicit `url`, or a `file` relative to this project as an absolute file:// URL."""
    if "url" in document:
        return str(document["url"])
    # The emulator fetches file:// URLs itself, so they must be absolute on the machine it runs on.
    return (HERE / document["file"]).resolve().as_uri()


knowledge_bases: dict[str, didagents.KnowledgeBase] = {}
documents: dict[str, list[didagents.Document]] = {}
for key, spec in fleet["knowledge_bases"].items():
    kb = didagents.KnowledgeBase(key, name=spec["name"], description=spec["description"])
    knowledge_bases[key] = kb
    documents[key] = [
        didagents.Document(
            f"{key}-{Path(doc.get('file') or doc['url']).stem}",
            knowledge_id=kb.id,  # an Output: orders the Document after its knowledge base
            source_url=document_url(doc),
            title=doc["title"],
        )
        for doc in spec.get("documents", [])
    ]

agents: dict[str, didagents.Agent] = {}
for key, spec in fleet["agents"].items():
    presenter = {**defaults.get("presenter", {}), **spec.get("presenter", {})}
    voice = {**defaults.get("voice", {}), **spec.get("voice", {})}
    llm = {**defaults.get("llm", {}), **spec.get("llm", {})}
    kb_key = spec["knowledge_base"]
    agents[key] = didagents.Agent(
        key,
        name=spec["name"],
        description=spec.get("description"),
        presenter=didagents.PresenterArgs(
            type=presenter["type"],
            presenter_id=presenter.get("presenter_id"),
            source_url=presenter.get("source_url"),
            voice=didagents.VoiceArgs(type=voice["type"], voice_id=voice["voice_id"]),
        ),
        llm=didagents.LlmArgs(
            provider=llm["provider"],
            model=llm["model"],
            template=llm.get("template"),
            instructions=spec["instructions"],
        ),
        knowledge_id=knowledge_bases[kb_key].id,
        greetings=spec.get("greetings", []),
        starter_messages=spec.get("starter_messages", []),
        embed=bool(spec.get("embed", False)),
        # Wait until the knowledge base has its documents, so the agent never answers from an
        # empty knowledge base right after `pulumi up`.
        opts=pulumi.ResourceOptions(depends_on=documents[kb_key]),
    )

pulumi.export("agent_ids", {key: agent.id for key, agent in agents.items()})
pulumi.export("knowledge_base_ids", {key: kb.id for key, kb in knowledge_bases.items()})
