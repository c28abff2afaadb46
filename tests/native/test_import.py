"""``pulumi import`` of every resource kind: the code the engine generates declares them with no change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.engine import EngineEnv
from tests.native.projects import is_empty, latest, yaml_project

PRESENTER = {
    "type": "clip",
    "presenter_id": "v2_public_Amber@0zSz8kflCN",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}


def made_outside(engine: EngineEnv) -> dict[str, str]:
    """Objects created with the API directly, as a team would have before adopting Pulumi."""
    api = engine.api
    handbook = engine.tmp / "handbook.md"
    handbook.write_text("# Handbook\n\nThe R2 robot has a 37-month warranty.\n")
    kb = (
        api.post("/knowledge", json={"name": "handbook", "description": "Product handbook"})
        .raise_for_status()
        .json()
    )
    doc = (
        api.post(
            f"/knowledge/{kb['id']}/documents",
            json={"title": "Handbook", "source_url": handbook.as_uri(), "documentType": "text"},
        )
        .raise_for_status()
        .json()
    )
    agent = (
        api.post(
            "/agents",
            json={
                "preview_name": "support-agent",
                "preview_description": "Answers from the handbook",
                "presenter": PRESENTER,
                "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
                "knowledge": {"id": kb["id"]},
                "starter_message": ["How long is the warranty?"],
            },
        )
        .raise_for_status()
        .json()
    )
    api.post(
        f"/agents/{agent['id']}/client-keys",
        json={"allowed_domains": ["https://www.example.com"], "name": "website"},
    ).raise_for_status()
    return {"kb": kb["id"], "doc": doc["id"], "agent": agent["id"]}


def add_generated(project: Path, generated: Path) -> dict[str, Any]:
    """Paste the code `pulumi import` printed into the program, as its message asks."""
    settings = yaml.safe_load((project / "Pulumi.yaml").read_text())
    resources: dict[str, Any] = yaml.safe_load(generated.read_text())["resources"]
    settings["resources"].update(resources)
    (project / "Pulumi.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    return resources


def test_import_of_every_kind_generates_a_program_with_no_changes(
    engine: EngineEnv, engine_tools: Path
) -> None:
    ids = made_outside(engine)
    project, args = yaml_project(engine, engine_tools, "adopted", {})

    # One resource by type, name and id ...
    engine.cli(
        "import", "didagents:index:Agent", "support", ids["agent"],
        "--yes", "--protect=false", "--out", str(engine.tmp / "agent.yaml"), *args, cwd=project,
    )  # fmt: skip
    # ... and the others from a file: a document is `knl_…#doc_…`, a client key `agt_…/<name or fingerprint>`.
    (engine.tmp / "import.json").write_text(
        json.dumps(
            {
                "resources": [
                    {"type": "didagents:index:KnowledgeBase", "name": "handbook", "id": ids["kb"]},
                    {"type": "didagents:index:Document", "name": "handbook-md", "id": ids["doc"]},
                    {"type": "didagents:index:ClientKey", "name": "website", "id": f"{ids['agent']}/website"},
                ]
            }
        )
    )
    engine.cli(
        "import", "--file", str(engine.tmp / "import.json"),
        "--yes", "--protect=false", "--out", str(engine.tmp / "rest.yaml"), *args, cwd=project,
    )  # fmt: skip

    agent = add_generated(project, engine.tmp / "agent.yaml")["support"]
    rest = add_generated(project, engine.tmp / "rest.yaml")
    assert agent["type"] == "didagents:Agent" and agent["properties"]["name"] == "support-agent"
    assert agent["properties"]["starterMessages"] == ["How long is the warranty?"]
    assert rest["handbook-md"]["properties"]["knowledgeId"] == "${handbook.id}"
    assert rest["website"]["properties"] == {
        "agentId": ids["agent"],
        "allowedDomains": ["https://www.example.com"],
        "name": "website",
        "exposeKey": True,  # the declared default, as every imported input is written out
    }

    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    by_name = {r["urn"].rpartition("::")[2]: r for r in latest(engine, project, args)}
    assert by_name["handbook-md"]["id"] == ids["doc"]
    assert (
        by_name["website"]["id"].startswith(f"{ids['agent']}/") and "website" not in by_name["website"]["id"]
    )
    assert by_name["website"]["outputs"]["clientKey"]["4dabf18193072939515e22adb298388d"]  # stored secret

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
