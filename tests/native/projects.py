"""Project directories for the engine tests: the YAML fleet example and its Python twin, and what the
account holds after a deployment, normalised so that deployments by different front ends compare."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.e2e.engine import ROOT, EngineEnv

YAML_FLEET = ROOT / "examples" / "yaml-fleet"
PYTHON_NATIVE_FLEET = ROOT / "examples" / "python-native-fleet"
NATIVE_IMPORT = "import pulumi_did_agents.native.sdk as didagents"
DYNAMIC_IMPORT = "import pulumi_did_agents as didagents"
PARTNER_KEY = "sk-partner-e2e-0123456789"
_PLUGIN_PATH = "path: ../../.venv/bin"


def yaml_fleet(
    engine: EngineEnv, plugin_dir: Path, name: str = "yaml-fleet", stack: str = "dev"
) -> tuple[Path, list[str]]:
    """A copy of examples/yaml-fleet using this environment's plugin, with a stack ready to deploy."""
    return fleet_copy(engine, YAML_FLEET, plugin_dir, name, stack)


def fleet_copy(
    engine: EngineEnv, example: Path, plugin_dir: Path, name: str, stack: str, *ignore: str
) -> tuple[Path, list[str]]:
    """A copy of a fleet example (without its stack files and ``ignore``) whose ``Pulumi.yaml`` names
    this environment's plugin instead of the repository's, with a stack and its partner key set."""
    project = engine.tmp / name
    shutil.copytree(example, project, ignore=shutil.ignore_patterns("Pulumi.*.yaml", *ignore))
    rewrite(project / "Pulumi.yaml", _PLUGIN_PATH, f"path: {plugin_dir}")
    args = engine.init_stack(project, stack)
    engine.cli("config", "set", "--secret", "partnerLlmKey", PARTNER_KEY, *args, cwd=project)
    return project, args


def rewrite(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` of a copied example's file, which must still hold it."""
    text = path.read_text()
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new, 1))


def yaml_project(
    engine: EngineEnv, plugin_dir: Path, name: str, resources: dict[str, Any], stack: str = "dev"
) -> tuple[Path, list[str]]:
    """A YAML project declaring ``resources`` (an empty dict: none yet), with a stack ready to deploy."""
    project = engine.tmp / name
    project.mkdir()
    settings = {
        "name": name,
        "runtime": "yaml",
        "plugins": {"providers": [{"name": "didagents", "path": str(plugin_dir)}]},
        "resources": resources,
    }
    (project / "Pulumi.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    return project, engine.init_stack(project, stack)


def python_fleet(
    engine: EngineEnv,
    plugin_dir: Path,
    front_end: str,
    docs: Path,
    name: str = "py-fleet",
    stack: str = "dev",
) -> tuple[Path, list[str]]:
    """examples/python-native-fleet as a project on ``front_end``: ``native`` as it is, ``dynamic``
    with only its import line changed."""
    project = engine.tmp / name
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        f"plugins:\n  providers:\n    - name: didagents\n      path: {plugin_dir}\n"
    )
    shutil.copy(PYTHON_NATIVE_FLEET / "__main__.py", project / "__main__.py")
    use_front_end(project, front_end)
    args = engine.init_stack(project, stack)
    engine.cli("config", "set", "--secret", "partnerLlmKey", PARTNER_KEY, *args, cwd=project)
    engine.cli("config", "set", "docs", docs.as_uri(), *args, cwd=project)
    return project, args


def use_front_end(project: Path, front_end: str) -> None:
    """Point the Python fleet program at the native or the dynamic resources: its import line."""
    program = project / "__main__.py"
    text = program.read_text()
    assert NATIVE_IMPORT in text or DYNAMIC_IMPORT in text, "the fleet program's import line moved"
    wanted, other = (
        (NATIVE_IMPORT, DYNAMIC_IMPORT) if front_end == "native" else (DYNAMIC_IMPORT, NATIVE_IMPORT)
    )
    program.write_text(text.replace(other, wanted))


def preview_steps(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, dict[str, Any]]:
    """``pulumi preview --json``: resource name → its step (op, detailedDiff …), unchanged ones left out."""
    output = engine.cli("preview", "--json", *args, cwd=project).stdout
    steps = json.loads(output)["steps"]
    return {step["urn"].rpartition("::")[2]: step for step in steps if step["op"] != "same"}


def latest(engine: EngineEnv, project: Path, args: list[str]) -> list[dict[str, Any]]:
    """The stack's resources as ``pulumi stack export`` has them (the latest deployment)."""
    resources: list[dict[str, Any]] = json.loads(engine.cli("stack", "export", *args, cwd=project).stdout)[
        "deployment"
    ]["resources"]
    return resources


def detailed(step: dict[str, Any]) -> dict[str, str]:
    return {path: diff["kind"] for path, diff in (step.get("detailedDiff") or {}).items()}


_MARKER = re.compile(r"\s*\[pulumi:(?:[a-z0-9][a-z0-9._-]{2,62}/)?[0-9a-f]{12}\]$")  # <owner id>/<URN digest>


def account(engine: EngineEnv) -> dict[str, Any]:
    """The account's agents, knowledge bases, documents and client keys, by name, without ids,
    times and the provider's ownership markers: what a program declared, as the API holds it."""
    api = engine.api
    knowledge = api.get("/knowledge").raise_for_status().json()
    kb_names = {kb["id"]: kb["name"] for kb in knowledge}
    out: dict[str, Any] = {"knowledge": {}, "agents": {}}
    for kb in knowledge:
        docs = api.get(f"/knowledge/{kb['id']}/documents").raise_for_status().json()
        out["knowledge"][kb["name"]] = {
            "description": _MARKER.sub("", kb.get("description") or ""),
            "documents": sorted(
                (doc["title"], doc["source_url"].partition("#")[0], doc.get("documentType")) for doc in docs
            ),
        }
    for agent in api.get("/agents").raise_for_status().json():
        keys = api.get(f"/agents/{agent['id']}/client-keys").raise_for_status().json()
        out["agents"][agent["preview_name"]] = {
            "description": _MARKER.sub("", agent.get("preview_description") or ""),
            "presenter": agent.get("presenter"),
            "llm": agent.get("llm"),
            "knowledge": kb_names.get((agent.get("knowledge") or {}).get("id")),
            "greetings": agent.get("greetings"),
            "starter_message": agent.get("starter_message"),
            "client_keys": sorted(
                (_MARKER.sub("", k.get("name") or ""), tuple(k["allowed_domains"])) for k in keys
            ),
        }
    return out


def is_empty(engine: EngineEnv) -> bool:
    return engine.list_account() == {"agents": [], "knowledge": [], "documents": []}
