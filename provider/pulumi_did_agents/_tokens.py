"""Type tokens of the dynamic resources, importable without pulling in the provider code.

The policy pack and tests match resources by these strings.
"""

MODULE = "didagents"
AGENT_TYPE = f"pulumi-python:dynamic/{MODULE}:Agent"
KNOWLEDGE_BASE_TYPE = f"pulumi-python:dynamic/{MODULE}:KnowledgeBase"
DOCUMENT_TYPE = f"pulumi-python:dynamic/{MODULE}:Document"

__all__ = ["AGENT_TYPE", "DOCUMENT_TYPE", "KNOWLEDGE_BASE_TYPE", "MODULE"]
