"""One support agent, promoted dev -> staging -> prod.

The program is identical for every stack; everything that differs between environments (names,
model, instructions, document URLs, embedding) is stack config in Pulumi.<stack>.yaml. Promoting is
therefore "apply the same commit to the next stack", and a review of a promotion is a review of
config diffs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi

import pulumi_did_agents as didagents

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()

config = pulumi.Config()  # the did-promotion:* keys
agent_name = config.require("agentName")
knowledge_base_name = config.require("knowledgeBaseName")
model = config.get("model") or "gpt-4o-mini"
instructions = config.require("instructions")
embed = config.get_bool("embed") or False
documents: list[dict[str, Any]] = config.require_object("documents")


def document_url(url: str) -> str:
    """https:// URLs pass through; a relative path (dev only) becomes this project's file:// URL."""
    if "://" in url:
        return url
    return (HERE / url).resolve().as_uri()


kb = didagents.KnowledgeBase(
    "handbook",
    name=knowledge_base_name,
    description=f"Support handbook ({pulumi.get_stack()})",
)
docs = [
    didagents.Document(
        f"doc-{index}",
        knowledge_id=kb.id,
        source_url=document_url(doc["url"]),
        title=doc["title"],
    )
    for index, doc in enumerate(documents)
]
agent = didagents.Agent(
    "support",
    name=agent_name,
    description="Answers customer questions from the support handbook",
    presenter=didagents.PresenterArgs(
        type="clip",
        presenter_id="v2_public_Amber@0zSz8kflCN",
        voice=didagents.VoiceArgs(type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"),
    ),
    llm=didagents.LlmArgs(provider="openai", model=model, instructions=instructions, template="rag-grounded"),
    knowledge_id=kb.id,
    greetings=[config.get("greeting") or "Hi! How can I help?"],
    starter_messages=["How long is the warranty?"],
    embed=embed,
    opts=pulumi.ResourceOptions(depends_on=docs),
)

pulumi.export("agent_id", agent.id)
pulumi.export("knowledge_base_id", kb.id)
# Which document versions a stack serves: a knowledge change replaces the document (a new id).
pulumi.export("document_ids", [doc.id for doc in docs])
