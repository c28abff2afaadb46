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
from tests.e2e.workflows.repository import PROJECT, RETURNS, drop_returns_line, make_repository

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

    def document_text(self, document_id: str) -> str:
        """What the API ingested for a document: the live content its agent answers from."""
        knowledge_id, doc = document_id.split("#")
        records = self.engine.api.get(f"/knowledge/{knowledge_id}/documents/{doc}/records")
        return "\n".join(record["data"] for record in records.raise_for_status().json())


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

    # A knowledge change that loses a fact: staging gets it, fails its gate, prod is not touched.
    faq = promotion.project / "docs" / "faq.md"
    original = drop_returns_line(faq)

    bad, reports = promotion.promote()
    log = bad.stdout + bad.stderr
    assert bad.returncode == 1, log
    assert "promotion stopped: staging failed its conversation tests" in bad.stderr, log
    assert "not promoted: prod" in bad.stderr, log
    staging_cases = junit_cases(reports / "conversations-staging.xml")
    assert staging_cases["warranty"] == "passed", staging_cases
    assert 'missing fact "30 days"' in staging_cases["returns"], staging_cases
    assert not (reports / "conversations-prod.xml").exists(), "prod was tested, so it was deployed"

    staging, prod = promotion.outputs("staging"), promotion.outputs("prod")
    assert staging["document_ids"] != before["staging"]["document_ids"], "staging did not get the change"
    assert RETURNS not in promotion.document_text(staging["document_ids"][0])
    assert prod == before["prod"], "prod's stack changed although staging failed"
    assert RETURNS in promotion.document_text(prod["document_ids"][0])
    answer = promotion.engine.ask(prod["agent_id"], "Can I return an item and get my money back?")
    assert "30 days" in answer["result"]

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
    prod = promotion.outputs("prod")
    assert prod["document_ids"] != before["prod"]["document_ids"]
    live = promotion.document_text(prod["document_ids"][0])
    assert SHIPPING in live and RETURNS in live
    assert prod["agent_id"] == before["prod"]["agent_id"], "a knowledge change must not replace the agent"
