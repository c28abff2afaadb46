"""The fleet of examples/yaml-fleet as a Python program on the native provider plugin.

The classes and arguments are those of the Python dynamic resources (README "Resources"); only the
import line differs. Four agents on two knowledge bases, their documents and a client key for the
website, with the same names, properties, config and outputs as the YAML, TypeScript and Go examples.
"""

from pathlib import Path

import pulumi

import pulumi_did_agents.native.sdk as didagents

config = pulumi.Config()
# Against the local emulator the documents are the YAML example's files. Against the D-ID API, publish
# them and set `docs` to their https:// folder (see docs/uploaders.md).
docs = config.get("docs") or Path("../yaml-fleet/docs").resolve().as_uri()
site_origin = config.get("siteOrigin") or "http://localhost:8000"
support_instructions = config.get("supportInstructions") or (
    "You are the support agent. Answer only from the product handbook. If the handbook does not "
    "cover a question, say so and offer to open a ticket."
)
presenter = {
    "type": "clip",
    "presenter_id": "v2_public_Amber@0zSz8kflCN",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}

product = didagents.KnowledgeBase(
    "product", name="product-handbook", description="Product facts shared by the sales and support agents"
)
hr = didagents.KnowledgeBase(
    "hr", name="employee-handbook", description="Internal policies for the HR assistant"
)


def document(resource: str, kb: didagents.KnowledgeBase, file: str, title: str) -> didagents.Document:
    return didagents.Document(
        resource, knowledge_id=kb.knowledge_id, source_url=f"{docs}/{file}", title=title
    )


warranty = document("product-warranty", product, "warranty.md", "Warranty")
returns = document("product-returns", product, "returns.md", "Returns")
pricing = document("product-pricing", product, "pricing.md", "Pricing")
leave = document("hr-leave", hr, "leave.md", "Leave policy")

support = didagents.Agent(
    "support",
    name="support-agent",
    description="Customer support for warranty and returns",
    presenter=presenter,
    llm={
        "provider": "openai",
        "model": "gpt-4o-mini",
        "template": "rag-grounded",
        "instructions": support_instructions,
    },
    knowledge_id=product.knowledge_id,
    greetings=["Hi! I can help with warranty and returns."],
    starter_messages=["How long is the warranty?", "How do I return an item?"],
    opts=pulumi.ResourceOptions(depends_on=[warranty, returns]),
)
sales = didagents.Agent(
    "sales",
    name="sales-agent",
    description="Pre-sales questions about plans and prices",
    presenter={**presenter, "voice": {"type": "microsoft", "voice_id": "en-US-GuyNeural"}},
    llm={
        "provider": "openai",
        "model": "gpt-4o-mini",
        "template": "rag-grounded",
        "instructions": "You are the sales assistant. Quote prices exactly as the pricing page states them "
        "and never promise discounts.",
    },
    knowledge_id=product.knowledge_id,
    greetings=["Hello! Looking for the right plan?"],
    starter_messages=["What does the Pro plan cost?"],
    opts=pulumi.ResourceOptions(depends_on=[pricing]),
)
hr_assistant = didagents.Agent(
    "hr-assistant",
    name="hr-assistant",
    description="Answers employees' questions about leave",
    presenter=presenter,
    llm={
        "provider": "openai",
        "model": "gpt-4o-mini",
        "template": "rag-grounded",
        "instructions": "You are the HR assistant. Answer from the employee handbook only.",
    },
    knowledge_id=hr.knowledge_id,
    greetings=["Hi, ask me about leave and time off."],
    user_data="department=hr",
    opts=pulumi.ResourceOptions(depends_on=[leave]),
)
partner = didagents.Agent(
    "partner",
    name="partner-agent",
    description="Answers partners from the partner's own model",
    presenter=presenter,
    llm={
        "provider": "custom",
        "instructions": "You answer partner questions about the product.",
        "custom": {
            "url": "https://llm.partner.example.com/v1/chat",
            "key": config.require_secret("partnerLlmKey"),
        },
    },
    knowledge_id=product.knowledge_id,
)
support_web = didagents.ClientKey(
    "support-web", agent_id=support.agent_id, allowed_domains=[site_origin], name="website"
)

pulumi.export(
    "agentIds",
    {
        "support": support.agent_id,
        "sales": sales.agent_id,
        "hr": hr_assistant.agent_id,
        "partner": partner.agent_id,
    },
)
pulumi.export("knowledgeBaseIds", {"product": product.knowledge_id, "hr": hr.knowledge_id})
pulumi.export("supportClientKey", support_web.client_key)
