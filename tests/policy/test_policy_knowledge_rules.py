"""Knowledge base and document rules: name pattern, https in production, documents per knowledge base."""

from __future__ import annotations

import policies
import pytest
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

KB = policies.KNOWLEDGE_BASE_TYPE
DOC = policies.DOCUMENT_TYPE

# ---------------------------------------------------------------- knowledge-base-name-pattern

RULE_KB_NAME = policies.knowledge_base_name_pattern


def test_knowledge_base_name_matching_passes(resource_args, violations) -> None:
    RULE_KB_NAME.validate(resource_args(KB, {"name": "support-handbook", "description": "d"}), violations)
    assert violations == []


def test_knowledge_base_name_not_matching_violates(resource_args, violations) -> None:
    RULE_KB_NAME.validate(resource_args(KB, {"name": "Support Handbook"}, name="handbook"), violations)
    assert len(violations) == 1
    assert "Knowledge base 'handbook' has name 'Support Handbook'" in violations.messages[0]


def test_knowledge_base_name_rule_ignores_agents(resource_args, violations) -> None:
    RULE_KB_NAME.validate(resource_args(policies.AGENT_TYPE, {"name": "Bad Name"}), violations)
    assert violations == []


# ---------------------------------------------------------------- documents-https-in-production

RULE_HTTPS = policies.documents_https_in_production


def doc_props(source_url: str) -> dict[str, str]:
    return {"knowledge_id": "knl_abc12345", "source_url": source_url, "title": "FAQ"}


@pytest.mark.parametrize("url", ["https://example.com/faq.md", "HTTPS://EXAMPLE.COM/FAQ.MD"])
def test_https_document_passes_in_prod(resource_args, violations, url) -> None:
    RULE_HTTPS.validate(resource_args(DOC, doc_props(url), stack="prod"), violations)
    assert violations == []


@pytest.mark.parametrize(
    "url", ["http://example.com/faq.md", "file:///srv/docs/faq.md", "/srv/docs/faq.md", "https:/typo", ""]
)
def test_non_https_document_violates_in_prod(resource_args, violations, url) -> None:
    RULE_HTTPS.validate(resource_args(DOC, doc_props(url), name="faq", stack="production"), violations)
    assert len(violations) == 1
    assert "Document 'faq' has source_url" in violations.messages[0]


def test_missing_source_url_violates_in_prod(resource_args, violations) -> None:
    RULE_HTTPS.validate(resource_args(DOC, {"knowledge_id": "knl_x", "title": "t"}, stack="prod"), violations)
    assert len(violations) == 1


def test_file_document_passes_outside_prod(resource_args, violations) -> None:
    RULE_HTTPS.validate(resource_args(DOC, doc_props("file:///srv/docs/faq.md"), stack="dev"), violations)
    assert violations == []


def test_unknown_source_url_is_not_a_violation(resource_args, violations) -> None:
    RULE_HTTPS.validate(resource_args(DOC, doc_props(UNKNOWN_STRING_VALUE), stack="prod"), violations)
    assert violations == []


def test_https_production_stacks_are_configurable(resource_args, violations) -> None:
    config = {"productionStacks": ["staging"]}
    RULE_HTTPS.validate(
        resource_args(DOC, doc_props("http://x/a.md"), stack="staging", config=config), violations
    )
    RULE_HTTPS.validate(
        resource_args(DOC, doc_props("http://x/a.md"), stack="prod", config=config), violations
    )
    assert len(violations) == 1


# ---------------------------------------------------------------- knowledge-base-max-documents

RULE_MAX = policies.knowledge_base_max_documents


def kb_and_docs(
    policy_resource, count: int, *, kb_name: str = "handbook", knowledge_id: str = UNKNOWN_STRING_VALUE
):
    """A KnowledgeBase and ``count`` Documents wired as ``knowledge_id=kb.id`` (property dependency)."""
    kb = policy_resource(KB, {"name": "support-handbook", "description": "d"}, name=kb_name)
    docs = [
        policy_resource(
            DOC,
            {
                "knowledge_id": knowledge_id,
                "source_url": f"https://example.com/{kb_name}-{i}.md",
                "title": "t",
            },
            name=f"{kb_name}-doc-{i}",
            dependencies=[kb],
            property_dependencies={"knowledge_id": [kb]},
        )
        for i in range(count)
    ]
    return kb, docs


def test_five_documents_per_knowledge_base_pass(policy_resource, stack_args, violations) -> None:
    kb, docs = kb_and_docs(policy_resource, 5)
    RULE_MAX.validate(stack_args([kb, *docs]), violations)
    assert violations == []


def test_six_documents_in_preview_violate_against_the_knowledge_base(
    policy_resource, stack_args, violations
) -> None:
    # Preview: the knowledge base is not created yet, so every knowledge_id is unknown; the
    # property dependency still says which knowledge base each document belongs to.
    kb, docs = kb_and_docs(policy_resource, 6)
    RULE_MAX.validate(stack_args([kb, *docs]), violations)
    assert len(violations) == 1
    message, urn = violations[0]
    assert urn == kb.urn
    assert "Knowledge base 'handbook' has 6 documents" in message
    assert "at most 5" in message


def test_six_documents_after_creation_violate(policy_resource, stack_args, violations) -> None:
    kb, docs = kb_and_docs(policy_resource, 6, knowledge_id="knl_abc12345")
    RULE_MAX.validate(stack_args([kb, *docs]), violations)
    assert [urn for _, urn in violations] == [kb.urn]


def test_documents_are_counted_per_knowledge_base(policy_resource, stack_args, violations) -> None:
    kb_a, docs_a = kb_and_docs(policy_resource, 4, kb_name="a")
    kb_b, docs_b = kb_and_docs(policy_resource, 4, kb_name="b")
    RULE_MAX.validate(stack_args([kb_a, kb_b, *docs_a, *docs_b]), violations)
    assert violations == []


def test_max_documents_is_configurable(policy_resource, stack_args, violations) -> None:
    kb, docs = kb_and_docs(policy_resource, 3)
    RULE_MAX.validate(stack_args([kb, *docs], {"maxDocuments": 2.0}), violations)  # JSON numbers are floats
    assert len(violations) == 1
    assert "at most 2" in violations.messages[0]


@pytest.mark.parametrize("value", [0, 2.5, "5", True])
def test_max_documents_rejects_bad_config(policy_resource, stack_args, violations, value) -> None:
    kb, docs = kb_and_docs(policy_resource, 1)
    with pytest.raises(ValueError, match="maxDocuments"):
        RULE_MAX.validate(stack_args([kb, *docs], {"maxDocuments": value}), violations)


def test_literal_knowledge_ids_are_grouped(policy_resource, stack_args, violations) -> None:
    # Documents attached to a knowledge base managed outside this stack.
    docs = [
        policy_resource(
            DOC, {"knowledge_id": "knl_external", "source_url": f"https://x/{i}", "title": "t"}, name=f"d{i}"
        )
        for i in range(6)
    ]
    other = policy_resource(
        DOC, {"knowledge_id": "knl_other", "source_url": "https://x/o", "title": "t"}, name="o"
    )
    RULE_MAX.validate(stack_args([*docs, other]), violations)
    assert len(violations) == 1
    message, urn = violations[0]
    assert urn is None
    assert "Knowledge base knl_external has 6 documents" in message


def test_unknown_knowledge_id_falls_back_to_depends_on(policy_resource, stack_args, violations) -> None:
    kb = policy_resource(KB, {"name": "handbook"}, name="handbook")
    docs = [
        policy_resource(
            DOC,
            {"knowledge_id": UNKNOWN_STRING_VALUE, "source_url": f"https://x/{i}", "title": "t"},
            name=f"d{i}",
            dependencies=[kb],
        )
        for i in range(6)
    ]
    RULE_MAX.validate(stack_args([kb, *docs]), violations)
    assert [urn for _, urn in violations] == [kb.urn]


def test_documents_of_unknowable_knowledge_base_are_not_counted(
    policy_resource, stack_args, violations
) -> None:
    # knowledge_id unknown and no knowledge base among the dependencies: cannot judge yet.
    docs = [
        policy_resource(
            DOC, {"knowledge_id": UNKNOWN_STRING_VALUE, "source_url": f"https://x/{i}"}, name=f"d{i}"
        )
        for i in range(6)
    ]
    RULE_MAX.validate(stack_args(docs), violations)
    assert violations == []


def test_max_documents_ignores_non_documents(policy_resource, stack_args, violations) -> None:
    agents = [policy_resource(policies.AGENT_TYPE, {"knowledge_id": "knl_a"}, name=f"a{i}") for i in range(9)]
    RULE_MAX.validate(stack_args(agents), violations)
    assert violations == []


@pytest.mark.parametrize("agent_type", [policies.AGENT_TYPE, policies.NATIVE_AGENT_TYPE])
def test_release_documents_must_be_https_in_prod(resource_args, violations, agent_type) -> None:
    url_key = "source_url" if agent_type == policies.AGENT_TYPE else "sourceUrl"
    documents = [
        {url_key: "https://example.com/faq.md", "title": "FAQ"},
        {url_key: "file:///faq.md", "title": "x"},
    ]
    props = {"name": "support", "release": {"documents": documents}}
    RULE_HTTPS.validate(resource_args(agent_type, props, name="support", stack="prod"), violations)
    assert violations.messages == [
        f"Agent 'support' has release.documents[1].{url_key} 'file:///faq.md'; production documents must be "
        "fetched over https:// (no http://, file:// or local paths)."
    ]
    violations.clear()
    RULE_HTTPS.validate(resource_args(agent_type, props, name="support", stack="dev"), violations)
    assert violations == []
