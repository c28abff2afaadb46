"""One stack of a project directory, driven with the pulumi CLI as CI does (see docs/secrets.md).

The API key and URL are in the environment (``DID_API_KEY``, ``DID_API_URL``), never in stack
config; the state is on a ``file://`` backend with a passphrase; ``PULUMI_HOME`` is private.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

__all__ = ["Stack"]

PASSPHRASE = "chaos-passphrase"
TIMEOUT = 600.0


@dataclass
class Stack:
    project: Path
    work: Path
    api_url: str
    api_key: str
    name: str = "dev"
    key_in_env: bool = True
    """False: the API key is set as secret stack config instead (what docs/secrets.md advises against)."""
    backend_url: str | None = None
    """The state backend (default: a ``file://`` folder of ``work``), e.g. an ``s3://`` URL."""
    extra_env: dict[str, str] = field(default_factory=dict)
    """More environment (the S3 server's credentials and endpoint)."""

    def __post_init__(self) -> None:
        for folder in ("state", "home", "logs", "tmp"):
            (self.work / folder).mkdir(parents=True, exist_ok=True)
        self.runs = 0

    @property
    def env(self) -> dict[str, str]:
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DID_", "PULUMI_"))}
        key = {"DID_API_KEY": self.api_key} if self.key_in_env else {}
        return {
            **inherited,
            **key,
            "TMPDIR": str(self.work / "tmp"),
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_BACKEND_URL": self.backend_url or (self.work / "state").as_uri(),
            "PULUMI_HOME": str(self.work / "home"),
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_PYTHON_CMD": sys.executable,
            "DID_API_URL": self.api_url,
            **self.extra_env,
        }

    def _log(self, label: str) -> TextIO:
        self.runs += 1
        return (self.work / "logs" / f"{self.runs:03d}-{label}.log").open("w")

    def pulumi(self, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
        """``pulumi ARGS --stack NAME --non-interactive`` in the project; output kept in logs/."""
        command = ["pulumi", *args, "--stack", self.name, "--non-interactive"]
        done = subprocess.run(
            command, cwd=self.project, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        shown = " ".join(command).replace(self.api_key, "[the API key]")  # the transcript, not the output
        with self._log(args[0]) as log:
            log.write(f"$ {shown}\n(exit {done.returncode})\n{done.stdout}\n{done.stderr}")
        return done

    def start(self, *args: str) -> subprocess.Popen[str]:
        """A pulumi command left running (to be killed); its output goes to logs/."""
        command = ["pulumi", *args, "--stack", self.name, "--non-interactive"]
        return subprocess.Popen(
            command,
            cwd=self.project,
            env=self.env,
            stdout=self._log(args[0]),
            stderr=subprocess.STDOUT,
            text=True,
        )

    def did_agents(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The ``did-agents`` command line of this checkout, with this stack's environment."""
        command = [sys.executable, "-m", "pulumi_did_agents.cli", *args]
        done = subprocess.run(
            command, cwd=self.project, env=self.env, capture_output=True, text=True, timeout=TIMEOUT
        )
        with self._log(f"did-agents-{args[0]}") as log:
            log.write(
                f"$ did-agents {' '.join(args)}\n(exit {done.returncode})\n{done.stdout}\n{done.stderr}"
            )
        return done

    def init(self) -> None:
        done = self.pulumi("stack", "init", "--secrets-provider", "passphrase")
        assert done.returncode == 0, done.stderr
        owned = self.did_agents("init", "--stack", self.name)  # this stack instance's owner id
        assert owned.returncode == 0, owned.stderr
        if not self.key_in_env:
            done = self.pulumi("config", "set", "--secret", "didagents:apiKey", self.api_key)
            assert done.returncode == 0, done.stderr

    def deployment(self) -> dict[str, Any]:
        """``pulumi stack export``: the state the next operation starts from (secrets stay encrypted)."""
        done = self.pulumi("stack", "export")
        assert done.returncode == 0, done.stderr
        data: dict[str, Any] = json.loads(done.stdout).get("deployment") or {}
        return data
