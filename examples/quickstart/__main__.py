"""Quickstart: a knowledge base holding the robot handbook, and a support agent bound to it.

The document is read by the API from `source_url`. Against the local emulator a `file://` URL of
the handbook next to this program works; against the real D-ID API, set `handbookUrl` to an
https URL that D-ID can fetch.
"""

from pathlib import Path

import pulumi

import pulumi_did_agents as didagents

config = pulumi.Config()
handbook_url = config.get("handbookUrl") or (Path(__file__).resolve().parent / "handbook.md").as_uri()

knowledge = didagents.KnowledgeBase(
    "handbook",
    name="acme-r2-handbook",
    description="Owner's handbook of the Acme R2 home robot",
)

handbook = didagents.Document(
    "handbook-md",
    knowledge_id=knowledge.id,
    source_url=handbook_url,
    title="Acme R2 owner's handbook",
)

agent = didagents.Agent(
    "support",
    name="acme-r2-support",
    description="Answers owners' questions about the Acme R2 robot",
    presenter=didagents.PresenterArgs(
        type="clip",
        presenter_id="v2_public_Amber@0zSz8kflCN",
        voice=didagents.VoiceArgs(type="microsoft", voice_id="en-US-JennyMultilingualV2Neural"),
    ),
    llm=didagents.LlmArgs(
        provider="openai",
        model="gpt-4o-mini",
        template="rag-grounded",
        instructions="You are Acme's support agent. Answer only from the R2 handbook.",
    ),
    knowledge_id=knowledge.id,
    greetings=["Hi! Ask me anything about your Acme R2."],
    starter_messages=["How long is the warranty?", "How long does charging take?"],
    embed=False,
    # The agent is only useful once the handbook is ingested.
    opts=pulumi.ResourceOptions(depends_on=[handbook]),
)

# A key for the browser SDK or the embed widget on your site (a secret output).
web_key = didagents.ClientKey(
    "web",
    agent_id=agent.id,
    allowed_domains=[config.get("siteOrigin") or "http://localhost:8000"],
    name="website",
)

pulumi.export("knowledge_id", knowledge.id)
pulumi.export("document_id", handbook.id)
pulumi.export("document_status", handbook.status)
pulumi.export("agent_id", agent.id)
pulumi.export("agent_status", agent.status)
pulumi.export("client_key", web_key.client_key)
