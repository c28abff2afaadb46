"""Run a .gitlab-ci.yml on this machine, for one pipeline source, as a GitLab runner would.

Implemented, and nothing more (any other job keyword is an error, not ignored):

- jobs (top-level keys that are not keywords or `.hidden`) with `extends:` merged in; a job is in
  the pipeline when the first of its `rules:` whose `if:` holds does not say `when: never`;
- `stages:` run in order, a stage only when every job of the earlier stages succeeded;
  `parallel: matrix:` expands a job per combination, named `job: [value, …]`;
- variables: predefined `CI_*`, then the file's `variables:` (global, then the job's, `$VAR`
  expanded), then the matrix's, then the project's CI/CD variables (highest, as on GitLab);
- `before_script` (the job's, else `default:`'s) and `script` run in one bash with
  `set -eo pipefail`, each command echoed as `$ command`; set-up commands are dropped per
  `skips.COMMANDS`.

`image:` (the host is the runner), `environment:` (deployment tracking), `resource_group:` (jobs
run one at a time here anyway) and `artifacts:` (recorded for the test to check) are not executed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import skips
from .expressions import evaluate
from .jobs import JobResult, PipelineRun, RunnerHost, StepResult, echo_lines, run_bash

__all__ = ["GitLabRunner"]

_KEYWORDS = {"stages", "variables", "default", "workflow", "include", "image", "services", "cache"}
_JOB_KEYS = {
    "stage",
    "rules",
    "script",
    "before_script",
    "variables",
    "parallel",
    "extends",
    "image",
    "environment",
    "resource_group",
    "artifacts",
}
_VARIABLE = re.compile(r"\$(\w+)|\$\{(\w+)\}")
_DEFAULT_BRANCH = "main"  # pushes and schedules run on it


@dataclass
class _Job:
    name: str
    spec: dict[str, Any]
    matrix: dict[str, str]


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """GitLab's `extends:` merge: hashes deep-merged, everything else (lists too) replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _expand(value: str, env: Mapping[str, str]) -> str:
    """`$VAR`/`${VAR}` from `env`; unknown ones stay for the shell, as GitLab leaves them."""
    return _VARIABLE.sub(lambda m: env.get(m.group(1) or m.group(2), m.group(0)), value)


def _flatten(entries: list[Any]) -> list[str]:
    """Script entries; nested lists (YAML anchors of script parts) are flattened, as GitLab does."""
    lines: list[str] = []
    for entry in entries:
        lines += _flatten(entry) if isinstance(entry, list) else [str(entry)]
    return lines


class GitLabRunner:
    """One .gitlab-ci.yml; `run(source)` runs the pipeline of that source, each job in a fresh checkout."""

    def __init__(self, path: Path, host: RunnerHost, *, variables: Mapping[str, str]) -> None:
        self.pipeline: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.host = host
        self.project_variables = dict(variables)
        self._runs = 0

    def jobs(self) -> dict[str, dict[str, Any]]:
        """Every job of the file with its `extends:` resolved."""
        raw = self.pipeline

        def resolve(name: str) -> dict[str, Any]:
            spec = dict(raw[name])
            parents = spec.pop("extends", [])
            merged: dict[str, Any] = {}
            for parent in [parents] if isinstance(parents, str) else parents:
                merged = _merge(merged, resolve(parent))
            return _merge(merged, spec)

        names = [k for k in raw if k not in _KEYWORDS and not k.startswith(".")]
        return {name: resolve(name) for name in names}

    def run(self, source: str) -> PipelineRun:
        """The pipeline GitLab creates for `source` (`push`, `merge_request_event`, `schedule`)."""
        predefined = {
            "CI": "true",
            "GITLAB_CI": "true",
            "CI_PIPELINE_SOURCE": source,
            "CI_DEFAULT_BRANCH": _DEFAULT_BRANCH,
        }
        if source != "merge_request_event":  # merge request pipelines have no CI_COMMIT_BRANCH
            predefined["CI_COMMIT_BRANCH"] = _DEFAULT_BRANCH
        run = PipelineRun(trigger=source)
        failed = False
        jobs = self.jobs()
        for name, spec in jobs.items():
            unknown = set(spec) - _JOB_KEYS
            assert not unknown, f"job {name}: {sorted(unknown)} not supported by this runner"
        for stage in self.pipeline.get("stages", ["build", "test", "deploy"]):
            for name, spec in jobs.items():
                if spec.get("stage", "test") != stage or not self._selected(spec, predefined):
                    continue
                for job in self._instances(name, spec):
                    skipped = JobResult(job.name, "skipped")
                    run.jobs.append(skipped if failed else self._run_job(job, predefined))
            failed = failed or any(job.status == "failure" for job in run.jobs)
        return run

    def _selected(self, spec: dict[str, Any], predefined: dict[str, str]) -> bool:
        if "rules" not in spec:
            return True
        lookup = {f"${name}": value for name, value in {**predefined, **self.project_variables}.items()}
        for rule in spec["rules"]:
            if "if" not in rule or evaluate(rule["if"], lookup):
                return bool(rule.get("when", "on_success") != "never")
        return False

    @staticmethod
    def _instances(name: str, spec: dict[str, Any]) -> Iterator[_Job]:
        matrix = (spec.get("parallel") or {}).get("matrix")
        if not matrix:
            yield _Job(name, spec, {})
            return
        for entry in matrix:
            keys = list(entry)
            options = [v if isinstance(v, list) else [v] for v in entry.values()]
            for values in itertools.product(*options):
                label = ", ".join(map(str, values))
                yield _Job(f"{name}: [{label}]", spec, dict(zip(keys, map(str, values), strict=True)))

    def _run_job(self, job: _Job, predefined: dict[str, str]) -> JobResult:
        self._runs += 1
        dirs = self.host.checkout(self._runs, job.name)
        env = {**self.host.base_env(dirs.home), **predefined}
        env.update(CI_PROJECT_DIR=str(dirs.workspace), CI_JOB_NAME=job.name, CI_JOB_STAGE=job.spec["stage"])
        for values in (self.pipeline.get("variables") or {}, job.spec.get("variables") or {}, job.matrix):
            for name, value in values.items():
                env[name] = _expand(str(value), env)
        env.update(self.project_variables)
        default = self.pipeline.get("default") or {}
        before = job.spec.get("before_script", default.get("before_script", []))
        lines, dropped = skips.drop_setup_commands(_flatten(before) + _flatten(job.spec["script"]))
        script = "set -eo pipefail\n" + echo_lines(lines)
        args = ("--noprofile", "--norc")
        code, output = run_bash(script, cwd=dirs.workspace, env=env, args=args, temp=dirs.temp)
        artifacts = job.spec.get("artifacts") or {}
        reports = [p for paths in (artifacts.get("reports") or {}).values() for p in _flatten([paths])]
        result = JobResult(job.name, "success" if code == 0 else "failure", dirs)
        result.artifacts = [*artifacts.get("paths", []), *reports]
        result.steps.append(StepResult("script", result.status, output, dropped=dropped))
        result.keep_artifacts()  # `when: always`: also after a failure
        return result
