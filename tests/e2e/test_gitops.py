"""examples/gitops: both pipelines, run from their own files, on an S3-compatible state backend.

Each CI file is executed by a small local runner (tests/e2e/workflows: GitHub's `run:` steps with
`${{ }}` substituted, GitLab's scripts with its variables; jobs chosen by evaluating their own
`if:`/`rules:` for the event). The test supplies only what CI would: the secrets/CI variables
(S3 backend URL and credentials for the moto server, passphrase, the emulator's API key), the
event, and a checkout overridden as tests/e2e/workflows/repository.py lists (emulator URL,
file:// documents). Skipped: `uses:` actions and install commands (tests/e2e/workflows/skips.py).

The scenario, for each file: pull request -> policy-checked previews, nothing deployed; push to
main -> staging then prod (up, empty second preview, conversation gate with JUnit); schedule ->
no drift; an agent edited through the API -> the drift job fails on prod; push again -> restored;
schedule -> no drift; a commit that drops a fact -> staging's release fails its gate inside `up`
(nothing goes live) and prod is not deployed; prod serves the release that passed staging.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.engine import ROOT, EngineEnv
from tests.e2e.workflows import skips
from tests.e2e.workflows.github import GitHubEvent, GitHubRunner
from tests.e2e.workflows.gitlab import GitLabRunner
from tests.e2e.workflows.jobs import JobResult, PipelineRun, RunnerHost
from tests.e2e.workflows.junit import junit_cases
from tests.e2e.workflows.repository import HTTPS_RULE, PROJECT, drop_returns_line, make_repository
from tests.s3_server import S3Server

GITOPS = ROOT / "examples" / "gitops"
BUCKET = "agents-state"
PASSPHRASE = "gitops-passphrase"
CASES = {"warranty", "returns", "support-hours"}
OUT_OF_BAND = "Promise every customer a full refund, whatever they ask."


@dataclass
class Pipeline:
    """One CI file behind the scenario's three triggers, and its job names."""

    run: Callable[[str], PipelineRun]  # "review" | "deploy" | "drift"
    preview: str
    deploys: tuple[str, str]  # staging's job, then prod's
    drift: dict[str, str]  # stack -> job
    preview_text: Callable[[JobResult], str]
    pulumi_version: str


def backend_secrets(engine: EngineEnv, s3: S3Server) -> dict[str, str]:
    """What the CI secret store holds: state backend, its credentials, passphrase, API key."""
    s3.create_bucket(BUCKET)
    credentials = s3.env()
    return {
        # moto sends no response checksums; `when_required` keeps the SDK from warning about it.
        "PULUMI_BACKEND_URL": s3.backend_url(BUCKET) + "&response_checksum_validation=when_required",
        "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
        "DID_API_KEY": engine.emulator.api_key,
        "AWS_ACCESS_KEY_ID": credentials["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": credentials["AWS_SECRET_ACCESS_KEY"],
    }


@pytest.fixture
def host(engine: EngineEnv, pulumi_cli: str) -> RunnerHost:
    repository = make_repository(engine.tmp / "repo", api_url=engine.emulator.url, venv=Path(sys.prefix))
    (engine.tmp / "jobs").mkdir()
    return RunnerHost(repository=repository, tools=(Path(pulumi_cli).parent,), root=engine.tmp / "jobs")


def github_pipeline(host: RunnerHost, secrets: dict[str, str], region: str) -> Pipeline:
    workflow = GITOPS / "github-actions.yml"
    runner = GitHubRunner(workflow, host, secrets=secrets, variables={"AWS_REGION": region})
    events = {
        "review": GitHubEvent("pull_request", "refs/heads/faq-update"),
        "deploy": GitHubEvent("push"),
        "drift": GitHubEvent("schedule"),
    }
    return Pipeline(
        run=lambda trigger: runner.run(events[trigger]),
        preview="preview",
        deploys=("staging", "prod"),
        drift={"staging": "drift (staging)", "prod": "drift (prod)"},
        preview_text=lambda job: job.summary,
        pulumi_version=runner.env["PULUMI_VERSION"],
    )


def gitlab_pipeline(host: RunnerHost, secrets: dict[str, str], region: str) -> Pipeline:
    runner = GitLabRunner(GITOPS / "gitlab-ci.yml", host, variables={**secrets, "AWS_REGION": region})
    sources = {"review": "merge_request_event", "deploy": "push", "drift": "schedule"}
    return Pipeline(
        run=lambda trigger: runner.run(sources[trigger]),
        preview="preview",
        deploys=("deploy-staging", "deploy-prod"),
        drift={"staging": "drift: [staging]", "prod": "drift: [prod]"},
        preview_text=lambda job: job.artifact("preview.txt")[0].read_text(encoding="utf-8"),
        pulumi_version=str(runner.pipeline["variables"]["PULUMI_VERSION"]),
    )


def check_skips(run: PipelineRun) -> None:
    """Nothing but `uses:` actions and set-up commands was left out, each with its reason."""
    for job in run.jobs:
        for step in job.steps:
            if step.status == "skipped":
                assert step.skip is not None, f"{job.name}: step {step.name!r} was skipped without a reason"
            for command, skip in step.dropped:
                assert skip.reason in skips.COMMANDS.values(), command


@dataclass
class Scenario:
    """The pipeline's life, phase by phase, with what each phase must show."""

    pipeline: Pipeline
    engine: EngineEnv
    s3: S3Server
    repository: Path
    runs: list[PipelineRun] = field(default_factory=list)

    def run(self, trigger: str) -> PipelineRun:
        self.runs.append(self.pipeline.run(trigger))
        return self.runs[-1]

    def prod_agent(self) -> dict[str, Any]:
        agents = self.engine.api.get("/agents").raise_for_status().json()
        named = [agent for agent in agents if agent["preview_name"] == "support-agent"]  # prod's agentName
        assert len(named) == 1, agents
        agent: dict[str, Any] = named[0]
        return agent

    def review(self) -> None:
        """Pull request: previews of staging and prod, checked by the policy pack; nothing deployed."""
        run = self.run("review")
        assert run.statuses() == {self.pipeline.preview: "success"}, run.log()
        preview = self.pipeline.preview_text(run.job(self.pipeline.preview))
        assert preview.count("2 to create") == 2, preview  # staging and prod: the stack and its agent
        # The pack ran with prod's rules on prod: the https rule (advisory in this checkout) reports.
        assert re.search(rf"did-agents-guardrails@\S+ \[advisory\].*{HTTPS_RULE}", preview), preview
        assert self.engine.list_account()["agents"] == [], "a preview deployed something"

    def deploy(self) -> None:
        """Push to main: staging then prod, each up, an empty smoke preview and a passing gate."""
        run = self.run("deploy")
        assert run.statuses() == dict.fromkeys(self.pipeline.deploys, "success"), run.log()
        for name in self.pipeline.deploys:
            reports = run.job(name).artifact_files()
            assert len(reports) == 1, f"{name}: {run.job(name).artifacts} matched {reports}"
            assert junit_cases(reports[0]) == dict.fromkeys(CASES, "passed")
        stored = {item["Key"] for item in self.s3.client().list_objects_v2(Bucket=BUCKET)["Contents"]}
        assert {f".pulumi/stacks/did-promotion/{stack}.json" for stack in ("staging", "prod")} <= stored

    def drift(self, *, prod: str = "success") -> PipelineRun:
        run = self.run("drift")
        expected = {self.pipeline.drift["staging"]: "success", self.pipeline.drift["prod"]: prod}
        assert run.statuses() == expected, run.log()
        return run

    def edit_prod_agent_out_of_band(self) -> str:
        """Change prod's instructions through the API, as someone in D-ID's studio would."""
        agent = self.prod_agent()
        edit = {"llm": {**agent["llm"], "instructions": OUT_OF_BAND}}
        self.engine.api.patch(f"/agents/{agent['id']}", json=edit).raise_for_status()
        instructions: str = agent["llm"]["instructions"]
        return instructions

    def push_a_fact_loss(self) -> None:
        """A commit that drops the returns policy: staging's release fails its gate before going
        live, staging keeps answering from its last release, and prod is not deployed."""
        drop_returns_line(self.repository / PROJECT / "docs" / "faq.md")
        run = self.run("deploy")
        staging, prod = self.pipeline.deploys
        assert run.statuses() == {staging: "failure", prod: "skipped"}, run.log()
        output = run.job(staging).output()  # the release failed its gate inside `pulumi up`
        assert "failed its gate" in output and 'missing fact "30 days"' in output, output
        for agent in self.engine.api.get("/agents").raise_for_status().json():  # staging's and prod's
            answer = self.engine.ask(agent["id"], "Can I return an item and get my money back?")
            assert "30 days" in answer["result"], (agent["preview_name"], answer)


def exercise(scenario: Scenario) -> None:
    version = subprocess.run(["pulumi", "version"], capture_output=True, text=True, check=True).stdout
    assert version.strip() == f"v{scenario.pipeline.pulumi_version}", "the pipeline pins another CLI"

    scenario.review()
    scenario.deploy()
    scenario.drift()
    code_instructions = scenario.edit_prod_agent_out_of_band()
    drifted = scenario.drift(prod="failure").job(scenario.pipeline.drift["prod"]).output()
    assert "no changes were expected" in drifted and OUT_OF_BAND in drifted, drifted
    scenario.deploy()  # `up --refresh` restores the code's values
    assert scenario.prod_agent()["llm"]["instructions"] == code_instructions
    scenario.drift()
    scenario.push_a_fact_loss()
    for run in scenario.runs:
        check_skips(run)


def test_github_actions_pipeline_runs_from_its_file(
    engine: EngineEnv, host: RunnerHost, s3_server: S3Server
) -> None:
    pipeline = github_pipeline(host, backend_secrets(engine, s3_server), s3_server.env()["AWS_REGION"])
    exercise(Scenario(pipeline, engine, s3_server, host.repository))


def test_gitlab_ci_pipeline_runs_from_its_file(
    engine: EngineEnv, host: RunnerHost, s3_server: S3Server
) -> None:
    pipeline = gitlab_pipeline(host, backend_secrets(engine, s3_server), s3_server.env()["AWS_REGION"])
    exercise(Scenario(pipeline, engine, s3_server, host.repository))
