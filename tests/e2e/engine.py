"""Driving the real Pulumi engine from tests: Automation API stacks and CLI project directories.

Every stack lives on a `file://` backend in the test's temporary directory, with a passphrase
secrets provider, an isolated PULUMI_HOME and no update checks, and talks to the emulator that
the `did_emulator` fixture runs on loopback.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pulumi import automation as auto

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "e2e-passphrase"


@dataclass
class Events:
    """Engine events of one operation, with the per-resource step each one took."""

    raw: list[auto.EngineEvent] = field(default_factory=list)

    def __call__(self, event: auto.EngineEvent) -> None:
        self.raw.append(event)

    def steps(self) -> dict[str, tuple[str, list[str]]]:
        """Resource name -> (operation, changed property paths), from the pre-events."""
        out: dict[str, tuple[str, list[str]]] = {}
        for event in self.raw:
            pre = event.resource_pre_event
            if pre is None:
                continue
            meta = pre.metadata
            name = meta.urn.rsplit("::", 1)[-1]
            out[name] = (meta.op.value if hasattr(meta.op, "value") else str(meta.op), list(meta.diffs or []))
        return out

    def diagnostics(self) -> str:
        return "\n".join(e.diagnostic_event.message for e in self.raw if e.diagnostic_event is not None)


@dataclass
class EngineEnv:
    tmp: Path
    emulator: Any
    python: str

    def __post_init__(self) -> None:
        (self.tmp / "state").mkdir(exist_ok=True)
        (self.tmp / "home").mkdir(exist_ok=True)
        self.api = httpx.Client(
            base_url=self.emulator.url,
            headers={"Authorization": f"Basic {self.emulator.api_key}"},
            timeout=10,
        )

    @property
    def env_vars(self) -> dict[str, str]:
        return {
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_BACKEND_URL": (self.tmp / "state").as_uri(),
            "PULUMI_HOME": str(self.tmp / "home"),
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_PYTHON_CMD": self.python,
        }

    def stack(
        self, program: Callable[[], None], *, name: str = "dev", project: str = "e2e"
    ) -> auto.Stack:
        """An inline-program stack configured to talk to the emulator."""
        opts = auto.LocalWorkspaceOptions(
            pulumi_home=str(self.tmp / "home"),
            env_vars=self.env_vars,
            secrets_provider="passphrase",
            project_settings=auto.ProjectSettings(
                name=project,
                runtime="python",
                backend=auto.ProjectBackend(url=(self.tmp / "state").as_uri()),
            ),
        )
        stack = auto.create_or_select_stack(stack_name=name, project_name=project, program=program, opts=opts)
        stack.set_config("didagents:apiUrl", auto.ConfigValue(self.emulator.url))
        stack.set_config("didagents:apiKey", auto.ConfigValue(self.emulator.api_key, secret=True))
        return stack

    def cli(self, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run the pulumi CLI in a project directory."""
        env = {**os.environ, **self.env_vars}
        result = subprocess.run(
            ["pulumi", *args, "--non-interactive", "--cwd", str(cwd)],
            env=env, capture_output=True, text=True, check=False, timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"pulumi {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def export_state(self, stack: auto.Stack) -> str:
        return json.dumps(stack.export_stack().deployment)

    def list_account(self) -> dict[str, list[dict[str, Any]]]:
        agents = self.api.get("/agents").raise_for_status().json()
        knowledge = self.api.get("/knowledge").raise_for_status().json()
        documents: list[dict[str, Any]] = []
        for kb in knowledge:
            documents += self.api.get(f"/knowledge/{kb['id']}/documents").raise_for_status().json()
        return {"agents": agents, "knowledge": knowledge, "documents": documents}

    def cleanup(self) -> None:
        self.api.close()
