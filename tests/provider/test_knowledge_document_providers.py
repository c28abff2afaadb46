"""KnowledgeBaseProvider and DocumentProvider against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_did_agents.client import NotFoundError
from pulumi_did_agents.resources import ProvisioningError

from .conftest import Providers


def create_kb(providers: Providers, **overrides: Any) -> tuple[str, dict[str, Any]]:
    inputs = providers.checked(
        providers.knowledge_base, {"name": "Docs", "description": "Product docs", **overrides}
    )
    result = providers.knowledge_base.create({**inputs, "__provider": "blob"})
    assert result.outs is not None
    return result.id, {**result.outs, "__provider": "blob"}


def create_doc(providers: Providers, kb_id: str, url: str, **overrides: Any) -> tuple[str, dict[str, Any]]:
    inputs = providers.checked(
        providers.document, {"knowledge_id": kb_id, "source_url": url, "title": "Guide", **overrides}
    )
    result = providers.document.create({**inputs, "__provider": "blob"})
    assert result.outs is not None
    return result.id, {**result.outs, "__provider": "blob"}


# --- knowledge bases -------------------------------------------------------------------------------


def test_knowledge_base_lifecycle(providers: Providers) -> None:
    kb_id, outs = create_kb(providers)
    assert kb_id.startswith("knl_") and outs["knowledge_id"] == kb_id
    assert outs["name"] == "Docs" and "created_at" in outs and "modified_at" in outs and "status" in outs
    news = providers.checked(providers.knowledge_base, {"name": "Docs", "description": "Product docs"})
    assert providers.knowledge_base.diff(kb_id, outs, news).changes is False

    renamed = providers.checked(providers.knowledge_base, {"name": "Manuals", "description": "All manuals"})
    diff = providers.knowledge_base.diff(kb_id, outs, renamed)
    assert diff.changes is True and diff.replaces == []
    updated = providers.knowledge_base.update(kb_id, outs, {**renamed, "__provider": "blob"})
    assert (
        updated.outs is not None
        and updated.outs["name"] == "Manuals"
        and updated.outs["knowledge_id"] == kb_id
    )

    read = providers.knowledge_base.read(kb_id, {**updated.outs, "__provider": "blob"})
    assert read.id == kb_id and read.inputs == renamed

    providers.knowledge_base.delete(kb_id, outs)
    providers.knowledge_base.delete(kb_id, outs)  # already gone: success
    assert providers.knowledge_base.read(kb_id, outs).id == ""


def test_knowledge_base_drift(providers: Providers) -> None:
    kb_id, outs = create_kb(providers)
    with providers.api() as api:
        api.knowledge.update(kb_id, {"description": "edited by hand"})
    read = providers.knowledge_base.read(kb_id, outs)
    assert read.inputs is not None and read.inputs["description"] == "edited by hand"
    news = providers.checked(providers.knowledge_base, {"name": "Docs", "description": "Product docs"})
    assert providers.knowledge_base.diff(kb_id, {**read.outs, "__provider": "b"}, news).changes is True  # type: ignore[dict-item]


def test_knowledge_base_adoption(providers: Providers) -> None:
    with providers.api() as api:
        existing = api.knowledge.create({"name": "Old", "description": "old"})
    kb_id, outs = create_kb(providers, adopt_id=existing.id)
    assert kb_id == existing.id
    with providers.api() as api:
        assert [kb.id for kb in api.knowledge.list()] == [existing.id]
        assert api.knowledge.get(existing.id).name == "Docs"


# --- documents -------------------------------------------------------------------------------------


def test_document_lifecycle(providers: Providers, content_server: str) -> None:
    providers.emulator.configure(document_ready_delay=0.2)
    kb_id, _ = create_kb(providers)
    doc_id, outs = create_doc(providers, kb_id, f"{content_server}/guide.md")
    assert doc_id.startswith(f"{kb_id}#doc_") and outs["document_id"] == doc_id
    assert outs["status"] == "done" and outs["document_type"] == "markdown" and "error" not in outs

    news = providers.checked(
        providers.document,
        {"knowledge_id": kb_id, "source_url": f"{content_server}/guide.md", "title": "Guide"},
    )
    assert providers.document.diff(doc_id, outs, news).changes is False
    retitled = {**news, "title": "Returns guide"}
    diff = providers.document.diff(doc_id, outs, retitled)
    assert diff.replaces == ["title"] and diff.delete_before_replace is None

    read = providers.document.read(doc_id, outs)
    assert read.id == doc_id and read.inputs == news
    assert providers.document.diff(doc_id, {**read.outs, "__provider": "b"}, news).changes is False  # type: ignore[dict-item]

    providers.document.delete(doc_id, outs)
    providers.document.delete(doc_id, outs)  # already gone: success
    assert providers.document.read(doc_id, outs).id == ""


def test_failed_ingestion_leaves_nothing_behind(providers: Providers, content_server: str) -> None:
    kb_id, _ = create_kb(providers)
    with pytest.raises(ProvisioningError) as caught:
        create_doc(providers, kb_id, f"{content_server}/missing.pdf")
    message = str(caught.value)
    assert "could not be ingested" in message and "404" in message and "was deleted" in message
    with providers.api() as api:
        assert api.documents.list(kb_id) == []


def test_empty_document_fails_with_server_reason(providers: Providers, content_server: str) -> None:
    providers.emulator.configure(document_ready_delay=0.2)
    kb_id, _ = create_kb(providers)
    with pytest.raises(ProvisioningError, match="could not be ingested"):
        create_doc(providers, kb_id, f"{content_server}/empty.txt")
    with providers.api() as api:
        assert api.documents.list(kb_id) == []


def test_document_gone_with_its_knowledge_base(providers: Providers, content_server: str) -> None:
    kb_id, kb_outs = create_kb(providers)
    doc_id, outs = create_doc(providers, kb_id, f"{content_server}/faq.txt")
    providers.knowledge_base.delete(kb_id, kb_outs)
    assert providers.document.read(doc_id, outs).id == ""
    providers.document.delete(doc_id, outs)  # the cascade already removed it


def test_document_adoption_requires_matching_inputs(providers: Providers, content_server: str) -> None:
    kb_id, _ = create_kb(providers)
    with providers.api() as api:
        existing = api.documents.create(kb_id, {"source_url": f"{content_server}/faq.txt", "title": "FAQ"})
    with pytest.raises(ProvisioningError, match="title"):
        create_doc(providers, kb_id, f"{content_server}/faq.txt", title="Other", adopt_id=existing.id)
    doc_id, outs = create_doc(
        providers, kb_id, f"{content_server}/faq.txt", title="FAQ", adopt_id=existing.id
    )
    assert doc_id == existing.id
    with providers.api() as api:
        assert len(api.documents.list(kb_id)) == 1


def test_agent_answers_from_ingested_document(providers: Providers, content_server: str) -> None:
    kb_id, _ = create_kb(providers)
    create_doc(providers, kb_id, f"{content_server}/guide.md")
    inputs = providers.checked(
        providers.agent,
        {
            "name": "Ada",
            "knowledge_id": kb_id,
            "presenter": {"type": "clip", "presenter_id": "v2_public_Amber"},
        },
    )
    agent = providers.agent.create(inputs)
    with providers.api() as api:
        chat = api.chats.create(agent.id)
        answer = api.chats.send_message(agent.id, chat.id, "Within how many days can items be returned?")
    assert answer.result and "30" in answer.result
    assert any(match.knowledge_id == kb_id for match in answer.matches)


def test_get_missing_document_is_not_found(providers: Providers) -> None:
    kb_id, _ = create_kb(providers)
    with providers.api() as api, pytest.raises(NotFoundError):
        api.documents.get(kb_id, f"{kb_id}#doc_nothere")
