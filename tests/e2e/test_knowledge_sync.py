"""Knowledge as desired state under the real engine: file edits, folder sync, conversation gates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pulumi
import pytest
from pulumi import automation as auto

import pulumi_did_agents as didagents
from tests.e2e.engine import EngineEnv, Events

CLIP = didagents.PresenterArgs(type="clip", presenter_id="v2_public_Amber@0zSz8kflCN")
LLM = didagents.LlmArgs(provider="openai", model="gpt-4o-mini", instructions="Answer from the handbook.")


def two_documents(folder: Path) -> Callable[[], None]:
    def run() -> None:
        kb = didagents.KnowledgeBase("kb", name="handbook", description="Product handbook")
        docs = [
            didagents.Document(
                name, knowledge_id=kb.id, source_url=(folder / f"{name}.md").as_uri(), title=name
            )
            for name in ("warranty", "charging")
        ]
        didagents.Agent(
            "agent",
            name="support",
            presenter=CLIP,
            llm=LLM,
            knowledge_id=kb.id,
            opts=pulumi.ResourceOptions(depends_on=docs),
        )

    return run


def test_editing_a_file_replaces_exactly_its_document(engine: EngineEnv, tmp_path: Path) -> None:
    (tmp_path / "warranty.md").write_text("The R2 has a 37-month warranty.\n")
    (tmp_path / "charging.md").write_text("A full charge takes 140 minutes.\n")
    stack = engine.stack(two_documents(tmp_path))
    stack.up()
    before = {d["title"]: d["id"] for d in engine.list_account()["documents"]}

    (tmp_path / "warranty.md").write_text("The R2 has a 48-month warranty.\n")
    events = Events()
    stack.preview(on_event=events)
    steps = events.steps()
    assert steps["warranty"][0] == "replace" and "content_hash" in steps["warranty"][1], steps
    assert {name: op for name, (op, _) in steps.items() if name != "warranty"} == {
        "e2e-dev": "same",
        "default": "same",
        "kb": "same",
        "charging": "same",
        "agent": "same",
    }, steps

    result = stack.up()
    assert result.summary.resource_changes == {"replace": 1, "same": 4}
    after = {d["title"]: d["id"] for d in engine.list_account()["documents"]}
    assert after["charging"] == before["charging"] and after["warranty"] != before["warranty"]
    stack.preview(expect_no_changes=True)


def folder_program(folder: Path) -> Callable[[], None]:
    def run() -> None:
        kb = didagents.KnowledgeBase("kb", name="handbook", description="Product handbook")
        docs = didagents.KnowledgeFolder("docs", knowledge_id=kb.id, path=folder, patterns=["*.md"])
        pulumi.export("documents", docs.document_ids)

    return run


def test_a_folder_is_synced_file_by_file(engine: EngineEnv, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("returns", "warranty", "shipping"):
        (folder / f"{name}.md").write_text(f"All about {name}: it is documented here in full.\n")
    stack = engine.stack(folder_program(folder))
    stack.up()
    assert sorted(d["title"] for d in engine.list_account()["documents"]) == [
        "Returns",
        "Shipping",
        "Warranty",
    ]

    (folder / "pricing.md").write_text("The Pro plan costs 20 euros a month.\n")  # added
    (folder / "warranty.md").write_text("The warranty lasts 37 months from delivery.\n")  # edited
    (folder / "shipping.md").unlink()  # removed
    events = Events()
    stack.preview(on_event=events)
    ops = {name: op for name, (op, _) in events.steps().items()}
    assert ops == {
        "e2e-dev": "same",
        "default": "same",
        "kb": "same",
        "docs": "same",
        "docs/returns.md": "same",
        "docs/warranty.md": "replace",
        "docs/pricing.md": "create",
        "docs/shipping.md": "delete",
    }, ops

    stack.up()
    live = {d["title"]: d for d in engine.list_account()["documents"]}
    assert sorted(live) == ["Pricing", "Returns", "Warranty"]
    stack.preview(expect_no_changes=True)


def test_more_files_than_the_api_allows_fail_at_preview_naming_them(
    engine: EngineEnv, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for index in range(6):
        (folder / f"part-{index}.md").write_text(f"Part {index}.\n")
    stack = engine.stack(folder_program(folder))
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert (
        "holds at most 5 documents: part-0.md, part-1.md, part-2.md, part-3.md, part-4.md, part-5.md"
        in message
    )
    assert "Traceback" not in message
    assert engine.list_account() == {"agents": [], "knowledge": [], "documents": []}


def support_agent(kb: didagents.KnowledgeBase, knowledge: pulumi.Resource) -> didagents.Agent:
    """The support agent, answering from ``kb`` once ``knowledge`` is ingested."""
    return didagents.Agent(
        "agent",
        name="support",
        presenter=CLIP,
        llm=LLM,
        knowledge_id=kb.id,
        opts=pulumi.ResourceOptions(depends_on=[knowledge]),
    )


def gated_program(folder: Path, cases: Path) -> Callable[[], None]:
    def run() -> None:
        kb = didagents.KnowledgeBase("kb", name="handbook", description="Product handbook")
        docs = didagents.KnowledgeFolder("docs", knowledge_id=kb.id, path=folder)
        agent = support_agent(kb, docs)
        didagents.ConversationTest(
            "gate", agent_id=agent.id, cases_file=str(cases), triggers=docs.document_ids
        )

    return run


def test_a_conversation_test_fails_the_update_and_leaves_the_agent(engine: EngineEnv, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "warranty.md").write_text("Every R2 robot comes with a 37-month limited warranty.\n")
    cases = tmp_path / "conversations.yaml"
    cases.write_text(
        "cases:\n  - name: warranty\n    turns:\n      - user: How long is the warranty?\n"
        "        facts: ['37-month']\n"
    )
    stack = engine.stack(gated_program(folder, cases))
    stack.up()
    agent_id = engine.list_account()["agents"][0]["id"]

    (folder / "warranty.md").write_text("Every R2 robot comes with a limited warranty; ask us for details.\n")
    events = Events()
    with pytest.raises(auto.CommandError):
        stack.up(on_event=events)
    message = events.diagnostics()
    assert "ConversationTest: 1 of 1 case(s) failed" in message and "37-month" in message
    assert "Traceback" not in message
    assert [a["id"] for a in engine.list_account()["agents"]] == [agent_id]

    (folder / "warranty.md").write_text("Every R2 robot comes with a 37-month limited warranty, and more.\n")
    stack.up()
    stack.preview(expect_no_changes=True)


def triggered_program(handbook: Path, cases: Path, revision: int) -> Callable[[], None]:
    def run() -> None:
        kb = didagents.KnowledgeBase("kb", name="handbook", description="Product handbook")
        doc = didagents.Document(
            "warranty", knowledge_id=kb.id, source_url=handbook.as_uri(), title="Warranty"
        )
        agent = support_agent(kb, doc)
        listed = didagents.ConversationTest(
            "listed", agent_id=agent.id, cases_file=str(cases), triggers=[doc.id]
        )
        nested = didagents.ConversationTest(
            "nested",
            agent_id=agent.id,
            cases_file=str(cases),
            triggers={"documents": [doc.id, {"hash": doc.content_hash}], "revision": revision},
        )
        pulumi.export("listed", listed.triggers)
        pulumi.export("nested", nested.triggers)

    return run


def test_conversation_test_triggers_of_any_shape_deploy_and_rerun_on_change(
    engine: EngineEnv, tmp_path: Path
) -> None:
    handbook = tmp_path / "warranty.md"
    handbook.write_text("Every R2 robot comes with a 37-month limited warranty.\n")
    cases = tmp_path / "conversations.yaml"
    cases.write_text(
        "cases:\n  - name: warranty\n    turns:\n      - user: How long is the warranty?\n"
        "        facts: ['37-month']\n"
    )
    stack = engine.stack(triggered_program(handbook, cases, revision=1))
    result = stack.up()
    doc_id = engine.list_account()["documents"][0]["id"]
    listed = result.outputs["listed"].value
    assert isinstance(listed, list) and len(listed) == 1 and listed[0].endswith(doc_id), listed
    nested = result.outputs["nested"].value
    assert nested["revision"] == 1 and nested["documents"][0] == listed[0], nested
    assert nested["documents"][1]["hash"].startswith("sha256:"), nested
    stack.preview(expect_no_changes=True)

    stack = engine.stack(triggered_program(handbook, cases, revision=2))
    events = Events()
    stack.preview(on_event=events)
    ops = {name: op for name, (op, _) in events.steps().items()}
    assert ops["nested"] == "update" and ops["listed"] == "same", ops
    result = stack.up()
    assert result.summary.resource_changes == {"update": 1, "same": 5}
    stack.preview(expect_no_changes=True)
