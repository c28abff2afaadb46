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
model = config.get("model") or "gpt-4o-mini"
instructions = config.require("instructions")
embed = config.get_bool("embed") or False
documents: list[dict[str, Any]] = config.require_object("documents")


def document_url(url: str) -> str:
    """https:// URLs pass through; a relative path (dev only) becomes this project's file:// URL."""
    if "://" in url:
        return url
    return (HERE / url).resolve().as_uri()


# The knowledge ships as releases (README, "Releases and rollback"): a change of the documents builds
# a new knowledge base beside the live one, the conversation cases run against a candidate agent,
# and the live agent is switched only if they pass. promote.sh passes the release that passed
# staging as `expectRelease`, so a later stack's preview fails unless it would serve that release.
release = didagents.ReleaseArgs(
    documents=[
        didagents.ReleaseDocumentArgs(source_url=document_url(d["url"]), title=d["title"]) for d in documents
    ],
    cases_file=str(HERE / "conversations.yaml"),
    expect=config.get("expectRelease"),
)
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
    release=release,
    greetings=[config.get("greeting") or "Hi! How can I help?"],
    starter_messages=["How long is the warranty?"],
    embed=embed,
)

pulumi.export("agent_id", agent.id)
# Which release the stack serves (a digest of its documents' content or URLs) and its knowledge base.
pulumi.export("release", agent.live_release)
pulumi.export(
    "knowledge_base_id",
    pulumi.Output.all(agent.releases, agent.live_release).apply(
        lambda kept_live: next(
            (r["knowledge_id"] for r in kept_live[0] or [] if r["id"] == kept_live[1]), None
        )
    ),
)
