"""Python code from ``pulumi import`` and ``pulumi convert`` (issue #19): our Python language host serves
GenerateProgram and GenerateProject with Pulumi's own code generator, pulumi-converter-yaml turns YAML
into PCL, and schema.json's ``language.python.packageName`` makes the generated code import
``pulumi_did_agents.native.sdk``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from tests.e2e.engine import EngineEnv
from tests.native.projects import PARTNER_KEY, account, is_empty, latest, yaml_fleet

# What `pulumi import` prints before the code to paste.
PASTE_HERE = "Please copy the following code into your Pulumi application."
PRESENTER = {
    "type": "clip",
    "presenter_id": "v2_public_Amber@0zSz8kflCN",
    "voice": {"type": "microsoft", "voice_id": "en-US-JennyMultilingualV2Neural"},
}


def python_project(engine: EngineEnv, plugin_dir: Path, name: str, program: str) -> tuple[Path, list[str]]:
    """A Python project on the native plugin, running ``program``, with a stack ready to deploy."""
    project = engine.tmp / name
    project.mkdir()
    (project / "__main__.py").write_text(program)
    (project / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        f"plugins:\n  providers:\n    - name: didagents\n      path: {plugin_dir}\n"
    )
    return project, engine.init_stack(project, "dev")


def printed_code(stdout: str) -> str:
    """The code `pulumi import` printed after its request to paste it (the rest of stdout)."""
    assert PASTE_HERE in stdout, stdout
    # The request runs over two lines; the code starts after the blank line that ends it.
    return stdout.partition(PASTE_HERE)[2].partition("\n\n")[2]


def test_import_prints_python_that_makes_the_next_preview_a_no_op(
    engine: EngineEnv, engine_tools: Path
) -> None:
    api = engine.api
    kb = api.post("/knowledge", json={"name": "handbook", "description": "Product handbook"})
    kb_id = kb.raise_for_status().json()["id"]
    agent = api.post(
        "/agents",
        json={
            "preview_name": "support-agent",
            "presenter": PRESENTER,
            "llm": {"provider": "openai", "model": "gpt-4o-mini", "instructions": "Answer briefly."},
            "knowledge": {"id": kb_id},
            "starter_message": ["How long is the warranty?"],
        },
    )
    agent_id = agent.raise_for_status().json()["id"]
    project, args = python_project(engine, engine_tools, "adopted", "import pulumi\n")

    # Without --out the code goes to stdout: this used to end in `method GenerateProgram not
    # implemented` (exit 1) after the import itself had succeeded.
    imported = engine.cli(
        "import",
        "didagents:index:KnowledgeBase",
        "handbook",
        kb_id,
        "--yes",
        "--protect=false",
        *args,
        cwd=project,
    )
    kb_code = printed_code(imported.stdout)
    assert "import pulumi_did_agents.native.sdk as didagents" in kb_code
    assert 'handbook = didagents.KnowledgeBase("handbook",' in kb_code
    # An agent has nested inputs (presenter, llm), written as Python dicts.
    imported = engine.cli(
        "import", "didagents:index:Agent", "support", agent_id, "--yes", "--protect=false", *args, cwd=project
    )
    agent_code = printed_code(imported.stdout)
    assert 'support = didagents.Agent("support",' in agent_code and '"presenter_id":' in agent_code

    # Pasted below the program, as the message asks; the program then declares what was imported.
    program = project / "__main__.py"
    program.write_text(program.read_text() + kb_code + agent_code)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    ids = {r["urn"].rpartition("::")[2]: r.get("id") for r in latest(engine, project, args)}
    assert (ids["handbook"], ids["support"]) == (kb_id, agent_id)

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)


def normalised(deployed: dict[str, Any], project: Path) -> dict[str, Any]:
    """``account()`` with the project's folder, which documents' file:// URLs name, as PROJECT."""
    loaded: dict[str, Any] = json.loads(json.dumps(deployed).replace(project.as_uri(), "PROJECT"))
    return loaded


def outputs(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, Any]:
    shown = engine.cli("stack", "output", "--json", *args, cwd=project).stdout
    loaded: dict[str, Any] = json.loads(shown)
    return loaded


def test_convert_turns_the_yaml_fleet_into_a_python_program_that_deploys_the_same_fleet(
    engine: EngineEnv, engine_tools: Path
) -> None:
    source, yaml_args = yaml_fleet(engine, engine_tools)
    converted = engine.tmp / "py-fleet"
    # Generated before the YAML fleet is deployed: convert needs no stack.
    engine.cli("convert", "--from", "yaml", "--language", "python", "--out", str(converted), cwd=source)
    main = (converted / "__main__.py").read_text()
    assert "import pulumi_did_agents.native.sdk as didagents" in main
    assert "runtime: python" in (converted / "Pulumi.yaml").read_text()
    # The requirement names the distribution that provides the imported module.
    assert (converted / "requirements.txt").read_text().splitlines() == [
        "pulumi-did-agents==0.1.0",
        "pulumi>=3.0.0,<4.0.0",
    ]

    engine.cli("up", "--yes", "--skip-preview", *yaml_args, cwd=source)
    from_yaml = normalised(account(engine), source)
    yaml_outputs = outputs(engine, source, yaml_args)
    engine.cli("destroy", "--yes", "--skip-preview", *yaml_args, cwd=source)
    assert is_empty(engine)

    # The documents are files beside the program (`docs: file://${pulumi.cwd}/docs`); convert
    # writes only the program, so they come along as a user would copy them.
    shutil.copytree(source / "docs", converted / "docs")
    # The same project name as the YAML one: another stack of it.
    args = engine.init_stack(converted, "python")
    engine.cli("config", "set", "--secret", "partnerLlmKey", PARTNER_KEY, *args, cwd=converted)
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=converted)
    from_python = normalised(account(engine), converted)

    assert sorted(from_python["agents"]) == ["hr-assistant", "partner-agent", "sales-agent", "support-agent"]
    assert from_python == from_yaml
    assert outputs(engine, converted, args).keys() == yaml_outputs.keys()
    engine.cli("preview", "--expect-no-changes", *args, cwd=converted)

    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=converted)
    assert is_empty(engine)
