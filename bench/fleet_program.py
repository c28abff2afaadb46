"""The bench fleet as a Pulumi program: by default 10 knowledge bases, 3 documents on each, 50 agents.

Config ``agents`` scales it, in the same proportions (one knowledge base per 5 agents, 3 documents on
each): 500 agents are 900 resources, 2,000 are 3,600.

Copied as ``__main__.py`` of the bench projects. Config ``frontEnd`` picks the resources: ``native``
(``pulumi-resource-didagents``), ``dynamic`` (the Python dynamic provider), or ``noop``
(``benchnoop:index:Thing``, the engine floor: the same graph of resources doing nothing).
"""

from typing import Any

import pulumi

AGENTS = int(pulumi.Config().get("agents") or 50)
KNOWLEDGE_BASES, DOCUMENTS_EACH = max(1, AGENTS // 5), 3
PRESENTER = {
    "type": "clip",
    "presenter_id": "v2_public_Amber@0zSz8kflCN",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}
LLM = {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer from the knowledge base."}


class Thing(pulumi.CustomResource):
    """A no-op resource with the inputs it is given and one output, ``thingId`` (its id)."""

    def __init__(self, name: str, props: dict[str, Any], opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("benchnoop:index:Thing", name, {**props, "thingId": None}, opts)


front_end = pulumi.Config().require("frontEnd")
if front_end == "noop":

    def knowledge_base(resource_name: str, **props: Any) -> Any:
        thing = Thing(resource_name, props)
        return thing, thing.thingId  # type: ignore[attr-defined]

    def resource(kind: str, resource_name: str, **props: Any) -> Any:
        return Thing(resource_name, props)
else:
    if front_end == "native":
        import pulumi_did_agents.native.sdk as didagents
    else:
        import pulumi_did_agents as didagents  # type: ignore[no-redef]

    def knowledge_base(resource_name: str, **props: Any) -> Any:
        kb = didagents.KnowledgeBase(resource_name, **props)
        return kb, kb.knowledge_id

    def resource(kind: str, resource_name: str, **props: Any) -> Any:
        return getattr(didagents, kind)(resource_name, **props)


for k in range(KNOWLEDGE_BASES):
    _, knowledge_id = knowledge_base(f"kb-{k}", name=f"kb-{k}", description=f"Bench knowledge base {k}")
    for d in range(DOCUMENTS_EACH):
        resource(
            "Document",
            f"doc-{k}-{d}",
            knowledge_id=knowledge_id,
            source_url=f"data:text/plain,Bench%20document%20{d}%20of%20knowledge%20base%20{k}.",
            title=f"Document {d}",
        )
    for a in range(k, AGENTS, KNOWLEDGE_BASES):
        resource(
            "Agent", f"agent-{a}", name=f"agent-{a}", presenter=PRESENTER, llm=LLM, knowledge_id=knowledge_id
        )
