"""One fleet, five ways (YAML, Python native, Python dynamic, TypeScript, Go): the same API bodies
from each; and a dynamic stack migrated to native."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from did_agents_emulator.testing import EmulatorServer
from tests.e2e.engine import EngineEnv
from tests.native.go_projects import go_build, go_fleet
from tests.native.node_projects import typescript_fleet
from tests.native.projects import (
    PARTNER_KEY,
    YAML_FLEET,
    account,
    is_empty,
    latest,
    python_fleet,
    use_front_end,
    yaml_fleet,
)


def deploy(engine: EngineEnv, project: Path, args: list[str]) -> dict[str, Any]:
    """`up`, a clean preview, what the account then holds; `destroy` leaves it empty."""
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    deployed = account(engine)
    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
    return deployed


class BodyRecorder:
    """The emulator's ASGI app, keeping the method, path and body of every write request."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[tuple[str, str, bytes]] = []

    def __getattr__(self, name: str) -> Any:  # ``state`` and the rest: the emulator's own
        return getattr(self.app, name)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] == "GET" or scope["path"].startswith("/_emulator"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []

        async def recording() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
            return message

        try:
            await self.app(scope, recording, send)
        finally:
            self.requests.append((scope["method"], scope["path"], b"".join(chunks)))

    def take(self) -> list[tuple[str, str, bytes]]:
        taken, self.requests = self.requests, []
        return taken


_ID = re.compile(r"\b(?:knl|agt|doc)_[A-Za-z0-9]+")


def create_bodies(engine: EngineEnv, recorder: BodyRecorder, project: Path, args: list[str]) -> list[str]:
    """The write requests of one `up`, ids named after their objects and ownership markers dropped,
    sorted (parallel steps come in any order); then a clean preview, and `destroy` empties the account."""
    recorder.take()
    engine.cli("up", "--yes", "--skip-preview", *args, cwd=project)
    sent = recorder.take()
    listed = engine.list_account()
    names = {
        **{kb["id"]: f"<knowledge {kb['name']}>" for kb in listed["knowledge"]},
        **{doc["id"]: f"<document {doc['title']}>" for doc in listed["documents"]},
        **{agent["id"]: f"<agent {agent['preview_name']}>" for agent in listed["agents"]},
    }

    def named(text: str) -> str:
        return _MARKER.sub("", _ID.sub(lambda m: names.get(m.group(0), "<gone>"), text))

    bodies = []
    for method, path, body in sent:
        content = json.loads(body) if body else None
        bodies.append(f"{method} {named(path)} {named(json.dumps(content, sort_keys=True))}")
    engine.cli("preview", "--expect-no-changes", *args, cwd=project)
    engine.cli("destroy", "--yes", "--skip-preview", *args, cwd=project)
    assert is_empty(engine)
    return sorted(bodies)


_MARKER = re.compile(r'\s*\[pulumi:[^\]]*\]|#pulumi=[^"\s]*')
"""Ownership markers: in names and descriptions, and as a document URL's fragment."""


@pytest.fixture
def recording_engine(pulumi_cli: str, tmp_path: Path) -> Iterator[tuple[EngineEnv, BodyRecorder]]:
    """The engine against an emulator of its own whose write requests are recorded."""
    emulator = EmulatorServer(agent_ready_delay=0, document_ready_delay=0)
    recorder = BodyRecorder(emulator.app)
    emulator.app = recorder
    with emulator:
        env = EngineEnv(tmp=tmp_path, emulator=emulator, python=sys.executable)
        yield env, recorder
        env.cleanup()


def test_one_fleet_five_ways_sends_the_same_api_bodies(
    recording_engine: tuple[EngineEnv, BodyRecorder], engine_tools: Path
) -> None:
    engine, recorder = recording_engine
    yaml_project, yaml_args = yaml_fleet(engine, engine_tools)
    docs = yaml_project / "docs"  # every program reads the YAML project's files: the same URLs
    programs = {
        "yaml": (yaml_project, yaml_args),
        "python native": python_fleet(engine, engine_tools, "native", docs, name="py-native"),
        "python dynamic": python_fleet(engine, engine_tools, "dynamic", docs, name="py-dynamic"),
        "typescript": typescript_fleet(engine, engine_tools),
        "go": go_fleet(engine, engine_tools, docs),
    }
    go_build(programs["go"][0])  # a cold Go cache compiles for minutes: not inside `pulumi up`

    sent = {front_end: create_bodies(engine, recorder, *program) for front_end, program in programs.items()}

    reference = sent.pop("yaml")
    creates = [body for body in reference if body.startswith("POST ")]
    assert len(creates) == 11, reference  # 2 knowledge bases, 4 documents, 4 agents, 1 client key
    assert "<knowledge product-handbook>" in " ".join(creates) and PARTNER_KEY in " ".join(creates)
    for front_end, bodies in sent.items():
        assert bodies == reference, front_end


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

    use_front_end(project, "native")
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
