"""One fleet, three ways (Python dynamic, Python native, YAML), and a dynamic stack migrated to native."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e.engine import EngineEnv
from tests.native.projects import PARTNER_KEY, YAML_FLEET, account, is_empty, latest, python_fleet, yaml_fleet


def deploy(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, Any]:
    """`up`, a clean preview, what the account then holds; `destroy` leaves it empty."""
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    deployed = account(engine)
    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
    return deployed


def test_the_same_fleet_deploys_the_same_way_from_all_three_front_ends(
    engine: EngineEnv, engine_tools: Path
) -> None:
    yaml_project, yaml_args = yaml_fleet(engine, engine_tools)
    docs = yaml_project / "docs"  # the Python programs read the YAML project's files: same URLs
    native, native_args = python_fleet(engine, engine_tools, "native", docs, name="py-native")
    dynamic, dynamic_args = python_fleet(engine, engine_tools, "dynamic", docs, name="py-dynamic")

    from_yaml = deploy(engine, yaml_project, yaml_args)
    from_native = deploy(engine, native, native_args)
    from_dynamic = deploy(engine, dynamic, dynamic_args)

    assert len(from_yaml["agents"]) == 4 and len(from_yaml["knowledge"]) == 2
    assert from_native == from_yaml
    assert from_dynamic == from_yaml


def test_a_dynamic_stack_migrates_to_native_with_no_changes(engine: EngineEnv, engine_tools: Path) -> None:
    project, args = python_fleet(engine, engine_tools, "dynamic", YAML_FLEET / "docs")
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    before = state_ids(engine, project, args)
    deployed = account(engine)

    migrated = subprocess.run(
        [sys.executable, "-m", "pulumi_did_agents.cli", "migrate", "--cwd", str(project), *args],
        env={**os.environ, **engine.env_vars},
        capture_output=True,
        text=True,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "migrated 11 resource(s)" in migrated.stdout

    engine.cli("config", "set", "frontEnd", "native", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    after = state_ids(engine, project, args)
    assert {name: (token.replace("didagents:index:", ""), id_) for name, (token, id_) in after.items()} == {
        name: (token.rpartition(":")[2], id_) for name, (token, id_) in before.items()
    }
    assert all(token.startswith("didagents:index:") for token, _ in after.values())
    stored = engine.stored_state()
    assert "pulumi:providers:pulumi-python" not in json.dumps(latest(engine, project, args))
    assert PARTNER_KEY not in stored

    engine.cli("up", "--yes", "--skip-preview", "--expect-no-changes", *args, cwd=project)
    assert account(engine) == deployed
    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)


def state_ids(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, tuple[str, str]]:
    """Resource name → (type, id) for the stack's didagents resources."""
    return {
        r["urn"].rpartition("::")[2]: (r["type"], r["id"])
        for r in latest(engine, project, args)
        if "didagents:" in r["type"] and not r["type"].startswith("pulumi:providers:")
    }
