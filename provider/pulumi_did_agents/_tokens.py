"""Type tokens of the resources, importable without pulling in the provider code.

The policy pack and tests match resources by these strings: the dynamic front end's
``pulumi-python:dynamic/didagents:<Name>`` and the native plugin's ``didagents:index:<Name>``.
"""

MODULE = "didagents"
AGENT_TYPE = f"pulumi-python:dynamic/{MODULE}:Agent"
KNOWLEDGE_BASE_TYPE = f"pulumi-python:dynamic/{MODULE}:KnowledgeBase"
DOCUMENT_TYPE = f"pulumi-python:dynamic/{MODULE}:Document"
CLIENT_KEY_TYPE = f"pulumi-python:dynamic/{MODULE}:ClientKey"
CONVERSATION_TEST_TYPE = f"pulumi-python:dynamic/{MODULE}:ConversationTest"

NATIVE_AGENT_TYPE = f"{MODULE}:index:Agent"
NATIVE_KNOWLEDGE_BASE_TYPE = f"{MODULE}:index:KnowledgeBase"
NATIVE_DOCUMENT_TYPE = f"{MODULE}:index:Document"
NATIVE_CLIENT_KEY_TYPE = f"{MODULE}:index:ClientKey"
NATIVE_CONVERSATION_TEST_TYPE = f"{MODULE}:index:ConversationTest"

_KINDS = {
    token: token.rpartition(":")[2]
    for token in (
        AGENT_TYPE,
        KNOWLEDGE_BASE_TYPE,
        DOCUMENT_TYPE,
        CLIENT_KEY_TYPE,
        NATIVE_AGENT_TYPE,
        NATIVE_KNOWLEDGE_BASE_TYPE,
        NATIVE_DOCUMENT_TYPE,
        NATIVE_CLIENT_KEY_TYPE,
    )
}


def kind_of(type_token: str) -> str | None:
    """``Agent``, ``KnowledgeBase``, ``Document`` or ``ClientKey`` for either front end's token, else None.

    A conversation test has no kind: it owns no object in D-ID.
    """
    return _KINDS.get(type_token)


__all__ = [
    "AGENT_TYPE",
    "CLIENT_KEY_TYPE",
    "CONVERSATION_TEST_TYPE",
    "DOCUMENT_TYPE",
    "KNOWLEDGE_BASE_TYPE",
    "MODULE",
    "NATIVE_AGENT_TYPE",
    "NATIVE_CLIENT_KEY_TYPE",
    "NATIVE_CONVERSATION_TEST_TYPE",
    "NATIVE_DOCUMENT_TYPE",
    "NATIVE_KNOWLEDGE_BASE_TYPE",
]
