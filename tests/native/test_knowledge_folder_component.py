"""``KnowledgeFolder`` served by the plugin (Construct), from YAML and TypeScript programs: one
document per file, no change while the folder is unchanged, a removed file's document deleted and an
edited one replaced, nothing left after destroy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.e2e.engine import EngineEnv
from tests.native.node_projects import TYPESCRIPT_FLEET, install_typescript_fleet
from tests.native.projects import YAML_FLEET, account, is_empty, latest, yaml_project

FOLDER = "didagents:index:KnowledgeFolder"


def test_yaml_program_uses_the_plugin_served_knowledge_folder(engine: EngineEnv, engine_tools: Path) -> None:
    project, args = yaml_project(
        engine,
        engine_tools,
        "yaml-folder",
        {
            "kb": {
                "type": "didagents:KnowledgeBase",
                "properties": {"name": "folder-kb", "description": "Files of a folder"},
            },
            "handbook": {
                "type": "didagents:KnowledgeFolder",
                "properties": {"knowledgeId": "${kb.knowledgeId}", "path": "docs", "patterns": ["*.md"]},
            },
        },
    )
    settings = project / "Pulumi.yaml"
    settings.write_text(settings.read_text() + "outputs:\n  ids: ${handbook.documentIds}\n")
    shutil.copytree(YAML_FLEET / "docs", project / "docs")
    (project / "docs" / "notes.txt").write_text("Not a markdown file: not matched.\n")

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    docs = account(engine)["knowledge"]["folder-kb"]["documents"]
    assert [title for title, _, _ in docs] == ["Leave", "Pricing", "Returns", "Warranty"]
    files = ["leave.md", "pricing.md", "returns.md", "warranty.md"]
    assert sorted(url.rpartition("/")[2] for _, url, _ in docs) == files
    ids = json.loads(engine.cli("stack", "output", "ids", "--json", *args, cwd=project).stdout)
    assert sorted(ids) == files
    # The documents are the component's children in the state.
    resources = latest(engine, project, args)
    folder_urn = next(r["urn"] for r in resources if r["type"] == FOLDER)
    children = sorted(r["urn"].rpartition("::")[2] for r in resources if r.get("parent") == folder_urn)
    assert children == [f"handbook/{name}" for name in files]

    engine.cli("preview", "--expect-no-changes", *args, cwd=project)

    (project / "docs" / "leave.md").unlink()
    with (project / "docs" / "pricing.md").open("a") as f:
        f.write("\nPrices are reviewed every January.\n")
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    after = json.loads(engine.cli("stack", "output", "ids", "--json", *args, cwd=project).stdout)
    assert sorted(after) == ["pricing.md", "returns.md", "warranty.md"]
    assert after["pricing.md"] != ids["pricing.md"] and after["returns.md"] == ids["returns.md"]
    assert len(account(engine)["knowledge"]["folder-kb"]["documents"]) == 3

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)


TYPESCRIPT_PROGRAM = """import * as didagents from "@pulumi-did-agents/didagents";

const kb = new didagents.KnowledgeBase("kb", { name: "folder-kb", description: "Files of a folder" });
const handbook = new didagents.KnowledgeFolder("handbook", {
    knowledgeId: kb.knowledgeId,
    path: "docs",
    patterns: ["*.md"],
});
export const ids = handbook.documentIds;
"""


def test_typescript_program_uses_the_plugin_served_knowledge_folder(
    engine: EngineEnv, engine_tools: Path
) -> None:
    node_modules = install_typescript_fleet()
    project = engine.tmp / "ts-folder"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        "name: ts-folder\nruntime: nodejs\n"
        f"plugins:\n  providers:\n    - name: didagents\n      path: {engine_tools}\n"
    )
    (project / "index.ts").write_text(TYPESCRIPT_PROGRAM)
    shutil.copy(TYPESCRIPT_FLEET / "package.json", project / "package.json")
    shutil.copy(TYPESCRIPT_FLEET / "tsconfig.json", project / "tsconfig.json")
    (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
    shutil.copytree(YAML_FLEET / "docs", project / "docs")
    args = engine.init_stack(project, "dev")

    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    ids = json.loads(engine.cli("stack", "output", "ids", "--json", *args, cwd=project).stdout)
    assert sorted(ids) == ["leave.md", "pricing.md", "returns.md", "warranty.md"]
    titles = [title for title, _, _ in account(engine)["knowledge"]["folder-kb"]["documents"]]
    assert titles == ["Leave", "Pricing", "Returns", "Warranty"]
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
