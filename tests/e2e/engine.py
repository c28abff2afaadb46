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

from pulumi_did_agents.core.markers import new_owner_id

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "e2e-passphrase"
_REPLACE_STEPS = {"replace", "create-replacement", "delete-replaced"}


@dataclass
class Events:
    """Engine events of one operation, with the per-resource step each one took."""

    raw: list[auto.EngineEvent] = field(default_factory=list)

    def __call__(self, event: auto.EngineEvent) -> None:
        self.raw.append(event)

    def steps(self) -> dict[str, tuple[str, list[str]]]:
        """Resource name -> (operation, changed input paths), from the pre-events.

        Python dynamic providers cannot return a detailed diff (the SDK forwards only
        changes/replaces), so the changed paths are computed from the step's old and new inputs,
        as the CLI's own diff display does; the replacement keys come from the engine.
        """
        out: dict[str, tuple[str, list[str]]] = {}
        for event in self.raw:
            pre = event.resource_pre_event
            if pre is None:
                continue
            meta = pre.metadata
            name = meta.urn.rsplit("::", 1)[-1]
            old = (meta.old.inputs if meta.old else None) or {}
            new = (meta.new.inputs if meta.new else None) or {}
            changed = {*_changed_paths(old, new), *(meta.keys or []), *(meta.diffs or [])}
            op = meta.op.value if hasattr(meta.op, "value") else str(meta.op)
            seen_op, seen_changed = out.get(name, ("", []))
            # A replacement shows as create-replacement, replace and delete-replaced steps.
            if op in _REPLACE_STEPS or seen_op == "replace":
                op = "replace"
            out[name] = (op, sorted(changed | set(seen_changed)))
        return out

    def diagnostics(self) -> str:
        return "\n".join(e.diagnostic_event.message for e in self.raw if e.diagnostic_event is not None)


@dataclass
class EngineEnv:
    tmp: Path
    emulator: Any
    python: str

    def __post_init__(self) -> None:
        self.owners: dict[tuple[str, str], str] = {}
        """The owner id of each (project, stack) this environment made."""
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
        self,
        program: Callable[[], None],
        *,
        name: str = "dev",
        project: str = "e2e",
        work_dir: Path | None = None,
    ) -> auto.Stack:
        """An inline-program stack configured to talk to the emulator; with ``work_dir``, its
        ``Pulumi.<stack>.yaml`` lives there, where the pulumi CLI (and ``did-agents``) find it too."""
        opts = auto.LocalWorkspaceOptions(
            work_dir=str(work_dir) if work_dir is not None else None,
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
        # An inline program's workspace (and so its stack config) is new at every call: the stack
        # keeps the owner id it was given first, as a project's Pulumi.<stack>.yaml would.
        owner = self.owners.setdefault((project, name), new_owner_id(project, name))
        stack.set_config("didagents:owner", auto.ConfigValue(owner))
        return stack

    def cli(self, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run the pulumi CLI in a project directory."""
        env = {**os.environ, **self.env_vars}
        result = subprocess.run(
            ["pulumi", *args, "--non-interactive", "--cwd", str(cwd)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"pulumi {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def init_stack(self, project: Path, stack: str) -> list[str]:
        """Create a project directory's stack pointed at the emulator; returns the --stack args."""
        args = ["--stack", stack]
        self.cli("stack", "init", stack, "--secrets-provider", "passphrase", cwd=project)
        self.cli("config", "set", "didagents:apiUrl", self.emulator.url, *args, cwd=project)
        self.cli("config", "set", "--secret", "didagents:apiKey", self.emulator.api_key, *args, cwd=project)
        self.cli("config", "set", "didagents:owner", new_owner_id(project.name, stack), *args, cwd=project)
        return args

    def stored_state(self) -> str:
        """Every file the backend wrote (checkpoints, history, backups), as stored on disk.

        `Stack.export_stack()` runs `pulumi stack export --show-secrets`, so it shows secrets in
        clear by design; what matters is what the backend keeps.
        """
        files = sorted(p for p in (self.tmp / "state").rglob("*") if p.is_file())
        assert files, "the backend stored nothing"
        return "\n".join(p.read_text(errors="replace") for p in files)

    def checkpoint(self, stack: auto.Stack) -> dict[str, Any]:
        project = stack.workspace.project_settings().name
        path = self.tmp / "state" / ".pulumi" / "stacks" / project / f"{stack.name}.json"
        data: dict[str, Any] = json.loads(path.read_text())
        return data["checkpoint"]["latest"]

    def list_account(self) -> dict[str, list[dict[str, Any]]]:
        agents = self.api.get("/agents").raise_for_status().json()
        knowledge = self.api.get("/knowledge").raise_for_status().json()
        documents: list[dict[str, Any]] = []
        for kb in knowledge:
            documents += self.api.get(f"/knowledge/{kb['id']}/documents").raise_for_status().json()
        return {"agents": agents, "knowledge": knowledge, "documents": documents}

    def did_agents(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run ``did-agents`` (this checkout's) in a project directory, with the engine's environment."""
        return subprocess.run(
            [self.python, "-m", "pulumi_did_agents.cli", *args, "--cwd", str(cwd)],
            env={**os.environ, **self.env_vars},
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

    def ask(self, agent_id: str, question: str) -> dict[str, Any]:
        """Open a chat with the agent and post one user message; the API's reply (`result`, `matches`)."""
        chat = self.api.post(f"/agents/{agent_id}/chat", json={}).raise_for_status().json()
        message = {"role": "user", "content": question, "created_at": "2026-01-01T00:00:00Z"}
        reply = self.api.post(f"/agents/{agent_id}/chat/{chat['id']}", json={"messages": [message]})
        answer: dict[str, Any] = reply.raise_for_status().json()
        return answer

    def cleanup(self) -> None:
        self.api.close()


def _changed_paths(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted paths whose values differ between two input trees (the provider blob excluded)."""
    if isinstance(old, dict) and isinstance(new, dict):
        paths: list[str] = []
        for key in sorted(set(old) | set(new)):
            if key == "__provider":
                continue
            paths += _changed_paths(old.get(key), new.get(key), f"{prefix}{key}.")
        return paths
    return [] if old == new else [prefix.rstrip(".")]
