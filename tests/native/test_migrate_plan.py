"""The migration's state surgery, on exported deployments: what moves, what is imported, what is carried."""

from __future__ import annotations

import json
from typing import Any

from pulumi_did_agents.cli.migrate import fill_unreadable, import_file, plan
from pulumi_did_agents.native.marshal import SECRET_SIG, SIG_KEY

STACK = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev"
PY_PROVIDER = "urn:pulumi:dev::shop::pulumi:providers:pulumi-python::default"


def secret(value: Any) -> dict[str, Any]:
    return {SIG_KEY: SECRET_SIG, "plaintext": json.dumps(value)}


def dynamic(kind: str, name: str, id_: str, inputs: dict[str, Any], parent: str = STACK) -> dict[str, Any]:
    parent_type = "" if parent == STACK else parent.split("::")[2] + "$"
    return {
        "urn": f"urn:pulumi:dev::shop::{parent_type}pulumi-python:dynamic/didagents:{kind}::{name}",
        "type": f"pulumi-python:dynamic/didagents:{kind}",
        "id": id_,
        "parent": parent,
        "provider": f"{PY_PROVIDER}::1234",
        "inputs": {**inputs, "__provider": "gASV…"},
    }


DEPLOYMENT: dict[str, Any] = {
    "manifest": {},
    "resources": [
        {"urn": STACK, "type": "pulumi:pulumi:Stack"},
        {"urn": PY_PROVIDER, "type": "pulumi:providers:pulumi-python", "id": "1234"},
        dynamic(
            "Agent",
            "support",
            "agt_1",
            {
                "name": "support",
                "user_data": "tier=gold",
                # The dynamic provider cannot mark one field secret: the engine made all of `llm` secret.
                "llm": secret(
                    {"provider": "custom", "custom": {"url": "https://llm.example.com", "key": "sk-1"}}
                ),
            },
        ),
        dynamic(
            "Document",
            "faq",
            "knl_1#doc_1",
            {"knowledge_id": "knl_1", "source_url": "https://x/faq.md", "title": "FAQ", "version": "2"},
            parent="urn:pulumi:dev::shop::acme:Folder::docs",
        ),
        {"urn": "urn:pulumi:dev::shop::acme:Folder::docs", "type": "acme:Folder", "parent": STACK},
    ],
}


def test_dynamic_resources_leave_the_state_with_the_python_provider_and_are_imported_by_id() -> None:
    handover = plan(DEPLOYMENT)

    assert [r["type"] for r in handover.state["resources"]] == ["pulumi:pulumi:Stack", "acme:Folder"]
    assert import_file(handover) == {
        "resources": [
            {"type": "didagents:index:Agent", "name": "support", "id": "agt_1"},
            {"type": "didagents:index:Document", "name": "faq", "id": "knl_1#doc_1", "parent": "parent0"},
        ],
        "nameTable": {"parent0": "urn:pulumi:dev::shop::acme:Folder::docs"},
    }


def test_inputs_no_read_returns_are_carried_secrets_kept_secret() -> None:
    handover = plan(DEPLOYMENT)

    assert handover.carried == {
        "urn:pulumi:dev::shop::didagents:index:Agent::support": {
            "userData": "tier=gold",
            "llm": {"custom": {"key": secret("sk-1")}},
        },
        "urn:pulumi:dev::shop::acme:Folder$didagents:index:Document::faq": {
            "knowledgeId": "knl_1",
            "version": "2",
        },
    }


def test_carried_inputs_fill_what_import_left_out_and_nothing_else() -> None:
    urn = "urn:pulumi:dev::shop::didagents:index:Agent::support"
    imported = {
        "resources": [
            {
                "urn": urn,
                "inputs": {
                    "name": "support",
                    "llm": {"provider": "custom", "custom": {"url": "https://llm.example.com"}},
                },
                "outputs": {"agentId": "agt_1", "name": "support"},
            }
        ]
    }
    carried = {urn: {"userData": "tier=gold", "name": "old", "llm": {"custom": {"key": secret("sk-1")}}}}

    filled = fill_unreadable(imported, carried)["resources"][0]

    assert filled["inputs"] == {
        "name": "support",
        "userData": "tier=gold",
        "llm": {"provider": "custom", "custom": {"url": "https://llm.example.com", "key": secret("sk-1")}},
    }
    assert filled["outputs"]["userData"] == "tier=gold" and filled["outputs"]["name"] == "support"
