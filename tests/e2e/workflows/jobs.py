"""What the two CI runners share: per-job checkouts, running a script in bash, and the results.

Each job gets a fresh copy of the repository (as on a CI runner: nothing carries over between
jobs but the state backend, the API and the artifacts), its own HOME (so its own ~/.pulumi) and
temp folder. Like GitHub's and GitLab's runners, the checkout is always at the same path: the
dev-style `file://` documents are absolute URLs, so a checkout elsewhere is a different document.
A job's declared artifacts are copied out when it ends, before the next job's checkout replaces
the workspace. The environment starts empty apart from the harness's (`RunnerHost`), never the
test process's, so nothing a developer exported leaks into a pipeline run.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "JobDirs",
    "JobResult",
    "PipelineRun",
    "RunnerHost",
    "Skip",
    "StepResult",
    "echo_lines",
    "run_bash",
]

Status = Literal["success", "failure", "skipped"]
STEP_TIMEOUT = 300


@dataclass(frozen=True)
class Skip:
    """Why the runner does not execute a step or command (see `skips`)."""

    reason: str


@dataclass
class StepResult:
    name: str
    status: Status
    output: str = ""
    skip: Skip | None = None
    """Set when the whole step was not executed."""
    dropped: list[tuple[str, Skip]] = field(default_factory=list)
    """Set-up commands left out of a step that otherwise ran."""


@dataclass(frozen=True)
class JobDirs:
    workspace: Path
    home: Path
    temp: Path
    artifacts: Path


@dataclass
class JobResult:
    name: str
    status: Status
    dirs: JobDirs | None = None
    steps: list[StepResult] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)
    """Paths (globs) relative to the workspace that the job declares as artifacts or reports."""
    summary: str = ""
    """What the job wrote to its summary (GitHub's `$GITHUB_STEP_SUMMARY`)."""

    def log(self) -> str:
        lines = [f"--- job {self.name}: {self.status}"]
        for step in self.steps:
            why = f" ({step.skip.reason})" if step.skip else ""
            lines.append(f"-- step {step.name}: {step.status}{why}")
            lines += [f"   (not run: {command}: {skip.reason})" for command, skip in step.dropped]
            if step.output:
                lines.append(step.output.rstrip())
        return "\n".join(lines)

    def output(self) -> str:
        return "\n".join(step.output for step in self.steps)

    def artifact(self, pattern: str) -> list[Path]:
        """The kept artifact files matching `pattern` (relative to the workspace)."""
        return sorted(self.dirs.artifacts.glob(pattern)) if self.dirs else []

    def artifact_files(self) -> list[Path]:
        """Every kept artifact file of the job."""
        return [path for pattern in self.artifacts for path in self.artifact(pattern)]

    def keep_artifacts(self) -> None:
        """Copy the declared artifacts out of the workspace, as CI uploads them when a job ends."""
        assert self.dirs is not None
        for pattern in self.artifacts:
            for path in self.dirs.workspace.glob(pattern):
                target = self.dirs.artifacts / path.relative_to(self.dirs.workspace)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)


@dataclass
class PipelineRun:
    trigger: str
    jobs: list[JobResult] = field(default_factory=list)

    def job(self, name: str) -> JobResult:
        for job in self.jobs:
            if job.name == name:
                return job
        raise KeyError(f"no job {name!r} in the {self.trigger} run; jobs: {[j.name for j in self.jobs]}")

    def statuses(self) -> dict[str, Status]:
        return {job.name: job.status for job in self.jobs}

    def log(self) -> str:
        return "\n".join(job.log() for job in self.jobs)


@dataclass(frozen=True)
class RunnerHost:
    """The machine the jobs run on: the repository to check out and the tools on PATH.

    `tools` are the folders of the pulumi CLI and of the project's virtualenv, which is what the
    skipped install steps would have put there (see the runners' skip tables). `environment` holds
    harness settings that are not the pipeline's business (no plugin downloads).
    """

    repository: Path
    tools: tuple[Path, ...]
    root: Path
    environment: tuple[tuple[str, str], ...] = (
        ("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true"),
        ("LANG", "C.UTF-8"),
    )

    def checkout(self, index: int, job: str) -> JobDirs:
        """A fresh copy of the repository at the one workspace path, and the job's own folders."""
        slug = "".join(c if c.isalnum() else "-" for c in job).strip("-")
        base = self.root / f"{index:02d}-{slug}"
        dirs = JobDirs(self.root / "workspace", base / "home", base / "temp", base / "artifacts")
        if dirs.workspace.exists():
            shutil.rmtree(dirs.workspace)
        shutil.copytree(self.repository, dirs.workspace, symlinks=True)
        for path in (dirs.home, dirs.temp, dirs.artifacts):
            path.mkdir(parents=True)
        return dirs

    def base_env(self, home: Path) -> dict[str, str]:
        path = [str(p) for p in self.tools] + ["/usr/local/bin", "/usr/bin", "/bin"]
        return {"HOME": str(home), "PATH": os.pathsep.join(path), "CI": "true", **dict(self.environment)}


def run_bash(
    script: str, *, cwd: Path, env: dict[str, str], args: tuple[str, ...], temp: Path
) -> tuple[int, str]:
    """Run `script` with `bash <args> <file>` as the CI runners do; returns (exit code, output).

    The output ends with a `[… s]` line: where a pipeline's time goes shows in its log.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".sh", dir=temp, delete=False, encoding="utf-8") as file:
        file.write(script)
        script_file = file.name
    started = time.monotonic()
    try:
        done = subprocess.run(
            ["bash", *args, script_file],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=STEP_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout if isinstance(exc.stdout, str) else (exc.stdout or b"").decode(errors="replace")
        return 124, f"{out}\n[timed out after {STEP_TIMEOUT}s]"
    return done.returncode, f"{done.stdout}[{time.monotonic() - started:.1f} s]\n"


def echo_lines(lines: list[str]) -> str:
    """A bash script that prints each command as `$ command` before running it, like GitLab's log."""
    return "\n".join(f"printf '%s\\n' {shlex.quote('$ ' + line)}\n{line}" for line in lines)
