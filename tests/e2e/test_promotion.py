"""examples/promotion/promote.sh: prod gets a change only when staging's conversation tests pass.

The script runs as written (real CLI, policy pack, emulator, file:// backend) in a checkout that
tests/e2e/workflows/repository.py points at the emulator: API URL, and `docs/faq.md` as every
stack's document. Both paths of the gate: an edit of that file that drops a fact fails staging's
conversation cases and leaves prod exactly as it was; a good edit goes all the way to prod.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.engine import EngineEnv
from tests.e2e.workflows.junit import junit_cases
from tests.e2e.workflows.repository import PROJECT, drop_returns_line, make_repository

SHIPPING = "Shipping is free for orders over 50 euros."
SHIPPING_CASE = """
  - name: shipping
    turns:
      - user: Is shipping free?
        facts: ["free for orders over 50 euros"]
        citations: ["FAQ"]
"""


@dataclass
class Promotion:
    """The example's checkout and the environment promote.sh documents (tools, backend, key)."""

    engine: EngineEnv
    project: Path
    env: dict[str, str]
    runs: list[Path] = field(default_factory=list)

    def promote(self, *stacks: str) -> tuple[subprocess.CompletedProcess[str], Path]:
        """Run ./promote.sh with a fresh reports folder; returns the process and that folder."""
        reports = self.engine.tmp / f"reports-{len(self.runs)}"
        self.runs.append(reports)
        done = subprocess.run(
            ["./promote.sh", *stacks],
            cwd=self.project,
            env={**self.env, "REPORTS": str(reports)},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        return done, reports

    def outputs(self, stack: str) -> dict[str, Any]:
        result = self.engine.cli("stack", "output", "--json", "--stack", stack, cwd=self.project)
        data: dict[str, Any] = json.loads(result.stdout)
        return data


@pytest.fixture
def promotion(engine: EngineEnv, pulumi_cli: str) -> Promotion:
    venv = Path(sys.prefix)
    repository = make_repository(engine.tmp / "repo", api_url=engine.emulator.url, venv=venv)
    tools = [str(Path(pulumi_cli).parent), str(venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]
    env = {
        **engine.env_vars,  # file:// backend, passphrase, PULUMI_HOME, no update checks
        "HOME": str(engine.tmp / "home"),
        "PATH": os.pathsep.join(tools),
        "DID_API_KEY": engine.emulator.api_key,  # read by the provider and by `did-agents test`
    }
    return Promotion(engine, repository / PROJECT, env)


def test_staging_gate_stops_a_bad_knowledge_change_and_lets_a_good_one_reach_prod(
    promotion: Promotion,
) -> None:
    first, reports = promotion.promote("dev", "staging", "prod")
    assert first.returncode == 0, first.stdout + first.stderr
    for stack in ("dev", "staging", "prod"):
        assert set(junit_cases(reports / f"conversations-{stack}.xml").values()) == {"passed"}
    before = {stack: promotion.outputs(stack) for stack in ("staging", "prod")}
    assert before["prod"]["release"] == before["staging"]["release"], "prod serves what passed staging"

    # A knowledge change that loses a fact: staging's release fails its gate before going live,
    # so staging keeps answering from its last release, and prod is not touched.
    faq = promotion.project / "docs" / "faq.md"
    original = drop_returns_line(faq)

    bad, reports = promotion.promote()
    log = bad.stdout + bad.stderr
    assert bad.returncode == 1, log
    assert "promotion stopped: pulumi up on staging failed" in bad.stderr, log
    assert "not promoted: prod" in bad.stderr, log
    assert (
        "failed its gate" in log
        and 'returns: score 0.00 < threshold 1.00: turn 1: missing fact "30 days"' in log
    ), log
    assert not (reports / "conversations-prod.xml").exists(), "prod was tested, so it was deployed"
    for stack in ("staging", "prod"):
        assert promotion.outputs(stack) == before[stack], f"{stack}'s stack changed although its gate failed"
        answer = promotion.engine.ask(
            before[stack]["agent_id"], "Can I return an item and get my money back?"
        )
        assert "30 days" in answer["result"], answer
        assert {m["knowledge_id"] for m in answer["matches"]} == {before[stack]["knowledge_base_id"]}

    # A good change (the fact is back, one more is added with its case): it reaches prod.
    faq.write_text(original + SHIPPING + "\n", encoding="utf-8")
    cases = promotion.project / "conversations.yaml"
    cases.write_text(cases.read_text(encoding="utf-8") + SHIPPING_CASE, encoding="utf-8")

    good, reports = promotion.promote()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "==> promoted: staging prod" in good.stdout
    for stack in ("staging", "prod"):
        results = junit_cases(reports / f"conversations-{stack}.xml")
        assert results == dict.fromkeys(["warranty", "returns", "support-hours", "shipping"], "passed")
    staging, prod = promotion.outputs("staging"), promotion.outputs("prod")
    assert prod["release"] == staging["release"] != before["prod"]["release"], (
        "prod got the release staging passed"
    )
    assert prod["knowledge_base_id"] != before["prod"]["knowledge_base_id"]
    assert prod["agent_id"] == before["prod"]["agent_id"], "a knowledge change must not replace the agent"
    answer = promotion.engine.ask(prod["agent_id"], "Is shipping free?")
    assert "free for orders over 50 euros" in answer["result"], answer


def test_a_later_stack_refuses_a_release_other_than_the_one_that_passed(promotion: Promotion) -> None:
    """`expectRelease`: prod's preview fails, naming both releases, when its documents differ."""
    first, _ = promotion.promote()
    assert first.returncode == 0, first.stdout + first.stderr
    passed = promotion.outputs("staging")["release"]
    assert promotion.outputs("prod")["release"] == passed
    (promotion.project / "docs" / "faq.md").write_text("Something else entirely.\n", encoding="utf-8")
    preview = subprocess.run(
        [
            "pulumi",
            "preview",
            "--stack",
            "prod",
            "--non-interactive",
            "--config",
            f"did-promotion:expectRelease={passed}",
        ],
        cwd=promotion.project,
        env=promotion.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert preview.returncode != 0
    assert f"not the expected {passed}" in preview.stdout + preview.stderr, preview.stdout + preview.stderr
