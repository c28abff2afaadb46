"""Run a GitHub Actions workflow file on this machine, for one event, as GitHub's runner would.

Implemented, and nothing more (anything else in a job or step is an error, not ignored):

- jobs are chosen by evaluating their `if:` against the event (`github.*`, `vars.*`), ordered by
  `needs:` (a job runs only when every job it needs succeeded), and expanded over a
  `strategy.matrix` of lists (`fail-fast` is moot: instances run one after another);
- `run:` steps run in the job's checkout with `shell: bash` (`bash --noprofile --norc -eo pipefail`)
  or GitHub's default `bash -e`, in `working-directory` (else `defaults.run`), with `env:` of the
  workflow, job and step; `${{ }}` is substituted from `github`, `env`, `secrets`, `vars`,
  `matrix` and `runner`; `$GITHUB_ENV`, `$GITHUB_PATH` and `$GITHUB_STEP_SUMMARY` work;
  a step's `if:` may use `success()`, `failure()`, `always()`;
- `uses:` steps are skipped with the reason in `skips.ACTIONS`, set-up commands inside `run:`
  are dropped per `skips.COMMANDS`.

`runs-on`, `permissions`, `environment` and the workflow's `concurrency`/`on` are GitHub's
scheduling and are not needed to run the jobs one at a time here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import skips
from .expressions import evaluate, substitute
from .jobs import JobResult, PipelineRun, RunnerHost, Skip, StepResult, run_bash

__all__ = ["GitHubEvent", "GitHubRunner"]

_JOB_KEYS = {"if", "needs", "strategy", "steps", "env", "defaults", "runs-on", "permissions", "environment"}
_STEP_KEYS = {"name", "uses", "with", "run", "if", "env", "working-directory", "shell"}
_SHELLS = {"bash": ("--noprofile", "--norc", "-eo", "pipefail"), None: ("-e",)}


@dataclass(frozen=True)
class GitHubEvent:
    """The event a run is for: `pull_request`, `push`, `schedule` or `workflow_dispatch`."""

    name: str
    ref: str = "refs/heads/main"
    repository: str = "example/did-agents"

    def context(self) -> dict[str, str]:
        context = {
            "github.event_name": self.name,
            "github.ref": self.ref,
            "github.repository": self.repository,
        }
        if self.name == "pull_request":  # a branch of this repository, not a fork
            context["github.event.pull_request.head.repo.full_name"] = self.repository
            context["github.head_ref"] = self.ref.removeprefix("refs/heads/")
        return context


@dataclass
class _Job:
    key: str
    name: str
    spec: dict[str, Any]
    matrix: dict[str, str]


class GitHubRunner:
    """One workflow file; `run(event)` runs what that event triggers, each job in a fresh checkout."""

    def __init__(
        self,
        workflow: Path,
        host: RunnerHost,
        *,
        secrets: Mapping[str, str],
        variables: Mapping[str, str],
    ) -> None:
        self.workflow: dict[str, Any] = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        self.host = host
        self.secrets = dict(secrets)
        self.variables = dict(variables)
        self._runs = 0

    @property
    def env(self) -> dict[str, str]:
        """The workflow's `env:` as written (before `${{ }}` substitution)."""
        return {str(k): str(v) for k, v in (self.workflow.get("env") or {}).items()}

    def run(self, event: GitHubEvent) -> PipelineRun:
        """Every job `event` triggers, in `needs:` order; returns their results."""
        run = PipelineRun(trigger=event.name)
        done: dict[str, bool] = {}
        for key in self.workflow["jobs"]:
            self._run_with_needs(key, event, run, done)
        return run

    def _run_with_needs(self, key: str, event: GitHubEvent, run: PipelineRun, done: dict[str, bool]) -> None:
        if key in done:
            return
        spec = self.workflow["jobs"][key]
        unknown = set(spec) - _JOB_KEYS
        assert not unknown, f"job {key}: {sorted(unknown)} not supported by this runner"
        needs = spec.get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        for need in needs:
            self._run_with_needs(need, event, run, done)
        lookup = {**event.context(), **_prefixed("vars", self.variables)}
        selected = bool(evaluate(spec["if"], lookup)) if "if" in spec else True
        if not selected:
            done[key] = False
            return
        results = []
        for job in self._instances(key, spec):
            if not all(done[need] for need in needs):
                results.append(JobResult(job.name, "skipped"))
            else:
                results.append(self._run_job(job, event))
        run.jobs += results
        done[key] = all(result.status == "success" for result in results)

    @staticmethod
    def _instances(key: str, spec: dict[str, Any]) -> Iterator[_Job]:
        matrix = (spec.get("strategy") or {}).get("matrix")
        if not matrix:
            yield _Job(key, key, spec, {})
            return
        assert all(isinstance(v, list) for v in matrix.values()), f"job {key}: only matrices of lists"
        names = list(matrix)
        for values in itertools.product(*(matrix[name] for name in names)):
            label = ", ".join(str(v) for v in values)
            yield _Job(key, f"{key} ({label})", spec, dict(zip(names, map(str, values), strict=True)))

    def _run_job(self, job: _Job, event: GitHubEvent) -> JobResult:
        self._runs += 1
        dirs = self.host.checkout(self._runs, job.name)
        context = {
            **event.context(),
            "github.workspace": str(dirs.workspace),
            "runner.temp": str(dirs.temp),
            **_prefixed("secrets", self.secrets),
            **_prefixed("vars", self.variables),
            **_prefixed("matrix", job.matrix),
        }
        env = _with_env(_with_env({}, self.env, context), job.spec.get("env"), context)
        defaults = {
            **(self.workflow.get("defaults") or {}).get("run", {}),
            **(job.spec.get("defaults") or {}).get("run", {}),
        }
        runner_env = {
            **self.host.base_env(dirs.home),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(dirs.workspace),
            "GITHUB_EVENT_NAME": event.name,
            "GITHUB_REF": event.ref,
            "GITHUB_REPOSITORY": event.repository,
            "RUNNER_TEMP": str(dirs.temp),
        }
        steps = _Steps(JobResult(job.name, "success", dirs), context, env, defaults, runner_env)
        result = steps.run(job.spec["steps"])
        result.keep_artifacts()
        return result


class _Steps:
    """The steps of one job: shared env, the `$GITHUB_*` files, and the result they fill in."""

    def __init__(
        self,
        result: JobResult,
        context: dict[str, str],
        env: dict[str, str],
        defaults: dict[str, str],
        runner_env: dict[str, str],
    ) -> None:
        assert result.dirs is not None
        self.dirs = result.dirs
        self.result = result
        self.context = context
        self.env = env
        self.defaults = defaults
        names = ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")
        self.files = {name: self.dirs.temp / name.lower() for name in names}
        for path in self.files.values():
            path.touch()
        self.runner_env = {**runner_env, **{name: str(path) for name, path in self.files.items()}}

    def run(self, steps: list[dict[str, Any]]) -> JobResult:
        for index, step in enumerate(steps):
            unknown = set(step) - _STEP_KEYS
            assert not unknown, f"job {self.result.name}, step {index}: {sorted(unknown)} not supported"
            outcome = self.step(step)
            self.result.steps.append(outcome)
            if outcome.status == "failure":
                self.result.status = "failure"
        self.result.summary = self.files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
        return self.result

    def step(self, step: dict[str, Any]) -> StepResult:
        name = step.get("name") or step.get("uses") or f"Run {step['run'].splitlines()[0]}"
        failed = self.result.status == "failure"
        functions = {"success": lambda: not failed, "failure": lambda: failed, "always": lambda: True}
        condition = step.get("if", "success()")
        if not evaluate(condition, self.context, functions):  # as GitHub does, e.g. after a failed step
            return StepResult(name, "skipped", skip=Skip(f"its `if: {condition}` is false"))
        if "uses" in step:
            return self.skip_action(name, step)
        env = _with_env(self.env, step.get("env"), self.context)
        lookup = {**self.context, **_prefixed("env", env)}
        lines, dropped = skips.drop_setup_commands(substitute(step["run"], lookup).splitlines())
        written = self.files["GITHUB_ENV"].read_text(encoding="utf-8").splitlines()
        exported = dict(line.split("=", 1) for line in written if "=" in line)
        process_env = {**self.runner_env, **exported, **env}
        added = self.files["GITHUB_PATH"].read_text(encoding="utf-8").split()[::-1]  # latest first
        process_env["PATH"] = ":".join([*added, self.runner_env["PATH"]])
        directory = step.get("working-directory") or self.defaults.get("working-directory", ".")
        shell = step.get("shell", self.defaults.get("shell"))
        assert shell in _SHELLS, f"step {name}: shell {shell!r} not supported by this runner"
        script = "\n".join(lines)
        code, output = run_bash(
            script,
            cwd=self.dirs.workspace / substitute(directory, lookup),
            env=process_env,
            args=_SHELLS[shell],
            temp=self.dirs.temp,
        )
        return StepResult(name, "success" if code == 0 else "failure", output, dropped=dropped)

    def skip_action(self, name: str, step: dict[str, Any]) -> StepResult:
        action = step["uses"].split("@")[0]
        assert action in skips.ACTIONS, f"step {name}: action {action} is neither run nor skipped"
        path = (step.get("with") or {}).get("path")
        if path:
            self.result.artifacts.append(path)
        return StepResult(name, "skipped", skip=Skip(skips.ACTIONS[action]))


def _with_env(
    env: Mapping[str, str], block: Mapping[str, Any] | None, context: Mapping[str, str]
) -> dict[str, str]:
    """`env` plus an `env:` block, each value `${{ }}`-substituted in order (`env.*` has those before it)."""
    merged = dict(env)
    for name, value in (block or {}).items():
        merged[name] = substitute(str(value), {**context, **_prefixed("env", merged)})
    return merged


def _prefixed(prefix: str, values: Mapping[str, str]) -> dict[str, str]:
    """A context's values as expressions name them: `secrets.X`, `matrix.stack`, `env.X`."""
    return {f"{prefix}.{name}": value for name, value in values.items()}
